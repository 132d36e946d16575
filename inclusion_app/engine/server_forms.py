"""Forms installed from an organisation's server (the OpenRosa form list), one folder per server.

Layout, under `AppPaths.server_forms`:

    <target>/index.json                    formID -> folder, version, hash, name, media hashes
    <target>/<slug>.<n>/<slug>.xml         the XForm exactly as the server sent it
    <target>/<slug>.<n>/<slug>-media/...   its media files (ODK's '<form>-media' convention)

The index is the only truth, and it is replaced atomically (temporary file, fsync, rename): a form
and its media appear, change or vanish together, and a pull cut short leaves the old index
pointing at old, untouched folders. Folders the index does not name are leftovers of an old
version or an interrupted pull; `commit` removes them once the new index is on disk.
Only file operations here: the network side is `sync.form_pull`.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import secrets
import shutil
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

from inclusion_app import paths as paths_mod

INDEX = "index.json"
_UNSAFE = re.compile(r"[^\w.-]")


@dataclass(frozen=True)
class ServerForm:
    """One installed server form: where it lives and what the server said about it."""

    form_id: str
    folder: str  # the folder's name inside the target's folder
    file: str  # the XForm's file name inside that folder
    version: str = ""
    hash: str = ""  # the form list's hash as the server wrote it, e.g. "md5:<hex>"
    name: str = ""
    media: dict[str, str] = field(default_factory=dict)  # file name -> the manifest's hash

    def path(self, root: Path) -> Path:
        return root / self.folder / self.file

    def media_dir(self, root: Path) -> Path:
        return root / self.folder / f"{Path(self.file).stem}-media"


def target_dir(app_paths: paths_mod.AppPaths, target: str) -> Path:
    """The folder of one target's forms ('t-' keeps names such as '.' from meaning a folder)."""
    return app_paths.server_forms / f"t-{target}"


def slug(form_id: str) -> str:
    """A file name for any formID: safe characters, and a short hash so two ids never collide."""
    tail = hashlib.sha256(form_id.encode("utf-8")).hexdigest()[:8]
    return f"{_UNSAFE.sub('_', form_id)[:60] or 'form'}-{tail}"


def md5_hash(data: bytes) -> str:
    """The Form List API's hash of some bytes: 'md5:' and the hex digest."""
    return "md5:" + hashlib.md5(data, usedforsecurity=False).hexdigest()


def read_index(app_paths: paths_mod.AppPaths, target: str) -> dict[str, ServerForm]:
    """The installed forms of one target (an unreadable index reads as none installed)."""
    try:
        raw = json.loads((target_dir(app_paths, target) / INDEX).read_text(encoding="utf-8"))
        return {fid: ServerForm(**item) for fid, item in raw["forms"].items()}
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def targets(app_paths: paths_mod.AppPaths) -> list[str]:
    """Names of the targets that have forms installed here, in name order."""
    root = app_paths.server_forms
    if not root.is_dir():
        return []
    return sorted(p.name[2:] for p in root.iterdir() if p.is_dir() and p.name.startswith("t-")
                  and (p / INDEX).is_file())


def installed_files(app_paths: paths_mod.AppPaths) -> list[tuple[str, Path]]:
    """(target, XForm file) of every installed server form, by target then formID."""
    found: list[tuple[str, Path]] = []
    for name in targets(app_paths):
        root = target_dir(app_paths, name)
        for form_id in sorted(index := read_index(app_paths, name)):
            found.append((name, index[form_id].path(root)))
    return found


def new_folder(app_paths: paths_mod.AppPaths, target: str, form_id: str) -> Path:
    """A fresh, empty folder for one form's new files (not yet installed: the index decides)."""
    root = target_dir(app_paths, target)
    root.mkdir(parents=True, exist_ok=True)
    folder = root / f"{slug(form_id)}.{secrets.token_hex(4)}"
    folder.mkdir()
    return folder


def commit(app_paths: paths_mod.AppPaths, target: str, forms: dict[str, ServerForm]) -> None:
    """Install exactly `forms` for this target in one atomic step, then tidy old folders."""
    root = target_dir(app_paths, target)
    root.mkdir(parents=True, exist_ok=True)
    data = {"version": 1, "forms": {fid: asdict(f) for fid, f in sorted(forms.items())}}
    fd, tmp = tempfile.mkstemp(prefix=".index-", dir=root)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, ensure_ascii=False, indent=1)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, root / INDEX)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    tidy(app_paths, target)


def tidy(app_paths: paths_mod.AppPaths, target: str) -> None:
    """Remove the folders the index does not name (old versions, interrupted pulls)."""
    root = target_dir(app_paths, target)
    keep = {f.folder for f in read_index(app_paths, target).values()}
    if not root.is_dir():
        return
    for child in root.iterdir():
        if child.is_dir() and child.name not in keep:
            shutil.rmtree(child, ignore_errors=True)
