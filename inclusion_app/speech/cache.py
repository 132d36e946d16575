"""Rendered audio of the form's own text, kept per text, voice and rate in the cache folder.

Only form text (questions, hints, choices, messages) is ever stored here; the service marks
anything holding a person's answers as not cacheable and it never reaches this module.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

MAX_FILES = 4000  # a few large forms in two languages and three rates, with room to spare


def cache_key(engine: str, voice_id: str, rate: str, volume: float, text: str) -> str:
    """A file name that says nothing about the text (it is a hash)."""
    raw = "\x1f".join((engine, voice_id, rate, f"{volume:.2f}", text))
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


class AudioCache:
    """WAV files named by `cache_key`; a damaged or unwritable cache only costs speed."""

    def __init__(self, folder: Path, max_files: int = MAX_FILES) -> None:
        self.folder = Path(folder)
        self.max_files = max_files
        self.hits = 0
        self.misses = 0

    def _path(self, key: str) -> Path:
        return self.folder / f"{key}.wav"

    def get(self, key: str) -> bytes | None:
        try:
            data = self._path(key).read_bytes()
        except OSError:
            self.misses += 1
            return None
        if len(data) < 44 or data[:4] != b"RIFF":
            self.misses += 1
            return None
        self.hits += 1
        return data

    def put(self, key: str, data: bytes) -> None:
        """Atomic write (temporary file then rename) so a crash never leaves half a WAV."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".part-", suffix=".wav", dir=self.folder)
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, self._path(key))
        except OSError:
            return
        self._prune()

    def _prune(self) -> None:
        """Drop the oldest tenth when over the limit: cheap, and the cache refills by itself."""
        try:
            files = list(self.folder.glob("*.wav"))
            if len(files) <= self.max_files:
                return
            files.sort(key=lambda p: p.stat().st_mtime)
            for path in files[: max(1, len(files) // 10)]:
                path.unlink(missing_ok=True)
        except OSError:
            pass

    def clear(self) -> None:
        for path in self.folder.glob("*.wav"):
            path.unlink(missing_ok=True)
