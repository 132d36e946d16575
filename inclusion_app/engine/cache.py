"""The compiled-form cache: an unchanged spreadsheet is never compiled twice.

Entries are keyed by the spreadsheet's bytes, pyxform's version and the engine's version,
so editing one byte, upgrading pyxform or changing how we compile all miss the cache.
Each entry is two files: `<key>.xml` (the XForm) and `<key>.json` (what pyxform drops,
such as `practice`, plus its warnings). The JSON is written last and names the XML's hash,
so a half-written or damaged entry is simply a miss. A cache is an optimisation: any
problem reading or writing it is ignored, never shown to a person.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class CacheEntry:
    xml: bytes
    settings: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def cache_key(data: bytes, pyxform_version: str, engine_version: str) -> str:
    digest = hashlib.sha256()
    digest.update(data)
    digest.update(b"\0pyxform=" + pyxform_version.encode())
    digest.update(b"\0engine=" + engine_version.encode())
    return digest.hexdigest()


def read(cache_dir: Path, key: str) -> CacheEntry | None:
    """The entry for `key`, or None when absent or damaged."""
    try:
        meta = json.loads((cache_dir / f"{key}.json").read_text(encoding="utf-8"))
        xml = (cache_dir / f"{key}.xml").read_bytes()
    except (OSError, ValueError):
        return None
    if not isinstance(meta, dict) or meta.get("xml_sha256") != hashlib.sha256(xml).hexdigest():
        return None
    settings = meta.get("settings") if isinstance(meta.get("settings"), dict) else {}
    warnings = meta.get("warnings") if isinstance(meta.get("warnings"), list) else []
    return CacheEntry(xml=xml, settings={str(k): str(v) for k, v in settings.items()},
                      warnings=[str(w) for w in warnings])


def write(cache_dir: Path, key: str, entry: CacheEntry, source: str = "") -> bool:
    """Store an entry atomically; False (and nothing half-written) when the disk refuses."""
    meta = {
        "xml_sha256": hashlib.sha256(entry.xml).hexdigest(),
        "settings": entry.settings,
        "warnings": entry.warnings,
        "source": source,
    }
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        _atomic_write(cache_dir / f"{key}.xml", entry.xml)
        _atomic_write(cache_dir / f"{key}.json", json.dumps(meta, ensure_ascii=False).encode("utf-8"))
    except OSError:
        return False
    return True


def _atomic_write(path: Path, data: bytes) -> None:
    """Temporary file in the same folder, then rename: readers see all or nothing."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
