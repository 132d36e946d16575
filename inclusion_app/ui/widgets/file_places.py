"""Where files can come from, and what a folder holds, for the large-type file picker.

No Qt here, so the rules are tested on real folders: USB sticks and other removable media
come first, then a few friendly folders of this computer; a folder lists its sub-folders
first, then only the files the caller can use, never hidden ones. Places carry a name a
person understands ("USB stick KINGSTON", "My documents"); the picker shows a place's name
and the folders below it, never a raw path such as /media/... or C:\\Users\\...
"""

from __future__ import annotations

import os
import string
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from inclusion_app.i18n import _, format_number

# Where Linux desktops mount removable media (udisks, systemd-mount, hand-made mounts).
LINUX_MEDIA_ROOTS = (Path("/media"), Path("/run/media"), Path("/mnt"))
MOST_SHOWN = 500  # a folder with more entries than this shows these and counts the rest


@dataclass(frozen=True)
class Place:
    """A starting point: `kind` is "removable" or "computer"; `label` is shown as it is."""

    label: str
    path: Path
    kind: str

    @property
    def removable(self) -> bool:
        return self.kind == "removable"


@dataclass(frozen=True)
class Entry:
    """One row of a folder: a sub-folder or a usable file."""

    name: str
    path: Path
    is_dir: bool
    size: int = 0
    mtime: float = 0.0


@dataclass(frozen=True)
class Listing:
    entries: tuple[Entry, ...]
    more: int = 0  # entries beyond MOST_SHOWN, counted only
    problem: bool = False  # the folder could not be read (unplugged, no permission)


def _mount_points(mounts_file: Path) -> list[Path]:
    try:
        text = mounts_file.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []
    points = []
    for line in text.splitlines():
        parts = line.split()
        if len(parts) >= 2:  # /proc/mounts escapes a space in a path as \040
            points.append(Path(parts[1].replace("\\040", " ")))
    return points


def removable_places(media_roots: Iterable[Path] | None = None,
                     mounts_file: Path = Path("/proc/mounts")) -> list[Place]:
    """USB sticks and memory cards plugged in now, named by the name on the stick.

    `media_roots` (tests, kiosks with their own mount folder): every folder directly inside
    one of them is a stick. Otherwise Linux's mount table, macOS's /Volumes, Windows' drives."""
    if media_roots is not None:
        points = [p for root in media_roots for p in _folders_in(root)]
    elif sys.platform == "win32":  # pragma: no cover - Windows only
        return _windows_drives()
    elif sys.platform == "darwin":  # pragma: no cover - macOS only
        points = [p for p in _folders_in(Path("/Volumes")) if not p.is_symlink()]
    else:
        points = [p for p in _mount_points(mounts_file)
                  if any(root in p.parents for root in LINUX_MEDIA_ROOTS) and p.is_dir()]
    unique = {p: Place(p.name, p, "removable") for p in points}
    return sorted(unique.values(), key=lambda p: p.label.casefold())


def _folders_in(root: Path) -> list[Path]:
    try:
        return [p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")]
    except OSError:
        return []


def _windows_drives() -> list[Place]:  # pragma: no cover - Windows only
    system = os.environ.get("SystemDrive", "C:").upper()
    places = []
    for letter in string.ascii_uppercase:
        root = Path(f"{letter}:\\")
        if f"{letter}:" != system and root.exists():
            places.append(Place(f"{letter}:", root, "removable"))
    return places


def computer_places(home: Path | None = None) -> list[Place]:
    """A few folders of this computer that a volunteer may have saved a file to.

    Labels are keys ("documents", "downloads", "desktop", "home"): the picker translates them."""
    home = home or Path.home()
    places = [Place(key, home / folder, "computer")
              for key, folder in (("documents", "Documents"), ("downloads", "Downloads"),
                                  ("desktop", "Desktop"))
              if (home / folder).is_dir()]
    places.append(Place("home", home, "computer"))
    return places


def list_folder(folder: Path, extensions: Iterable[str] | None = None) -> Listing:
    """Sub-folders first, then files whose name ends in one of `extensions` (any if None)."""
    wanted = tuple(e.lower() if e.startswith(".") else f".{e.lower()}"
                   for e in (extensions or ()))
    folders: list[Entry] = []
    files: list[Entry] = []
    try:
        with os.scandir(folder) as it:
            for item in it:
                if item.name.startswith((".", "$")) or item.name in ("System Volume Information",):
                    continue
                try:
                    if item.is_dir():
                        folders.append(Entry(item.name, Path(item.path), True))
                    elif item.is_file() and (not wanted or item.name.lower().endswith(wanted)):
                        st = item.stat()
                        files.append(Entry(item.name, Path(item.path), False, st.st_size,
                                           st.st_mtime))
                except OSError:
                    continue
    except OSError:
        return Listing((), 0, True)
    folders.sort(key=lambda e: e.name.casefold())
    files.sort(key=lambda e: e.name.casefold())
    every = folders + files
    return Listing(tuple(every[:MOST_SHOWN]), max(0, len(every) - MOST_SHOWN))


def trail(place: Place, folder: Path) -> list[str]:
    """The folder names from a place down to `folder`, for a "where am I" line."""
    try:
        return list(folder.relative_to(place.path).parts)
    except ValueError:
        return []


def save_target(folder: Path | None, typed: str, extensions: tuple[str, ...]) -> Path | None:
    """Where a file named `typed` would be saved in `folder` (with the first extension added
    if it has none of them, never over an existing file), or None if it cannot be."""
    name = typed.strip().replace("/", "-").replace("\\", "-")
    if folder is None or not name or not os.access(folder, os.W_OK):
        return None
    if extensions and not name.lower().endswith(extensions):
        name += extensions[0]
    return free_name(folder, name)


def free_name(folder: Path, name: str) -> Path:
    """`name` in `folder`, or "name (2).ext" and so on if that file already exists."""
    target = folder / name
    stem, suffix = Path(name).stem, Path(name).suffix
    n = 2
    while target.exists():
        target = folder / f"{stem} ({n}){suffix}"
        n += 1
    return target


def place_title(place: Place) -> str:
    if place.removable:
        return _("USB stick {name}").format(name=place.label)
    return {"documents": _("My documents"), "downloads": _("Downloads"),
            "desktop": _("Desktop")}.get(place.label, _("This computer: my files"))


def size_words(size: int) -> str:
    if size < 1024 * 1024:
        return _("{size} KB").format(size=format_number(max(1, round(size / 1024))))
    return _("{size} MB").format(size=format_number(round(size / (1024 * 1024), 1)))
