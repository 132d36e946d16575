"""The program's settings: a small versioned dataclass stored as one JSON file in the data folder.

No Qt here: the command line, the background uploader and the window all read the same file.
Unknown keys from a newer version are kept, so a downgrade never throws a volunteer's choices away.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

SCHEMA_VERSION = 1
SPEECH_RATES = ("slow", "normal", "fast")
TEXT_SIZE_STEPS = 6  # step 0 is the default (22 pt body), the top step is at least twice that


@dataclass
class Settings:
    schema_version: int = SCHEMA_VERSION
    language: str | None = None  # None until the first-run language screen has been answered
    text_size_step: int = 0
    high_contrast: bool = False
    large_pointer: bool = False
    voice_on: bool = True
    speech_rate: str = "normal"
    speech_volume: float = 1.0
    speak_on_focus: bool = False
    read_sensitive_numbers: bool = False
    retention_days: int = 30
    inactivity_minutes: int = 10  # no input during a form this long: "Are you still there?"; 0 = off
    hidden_forms: list[str] = field(default_factory=list)  # form ids left off the home screen
    statistics_on: bool = True  # anonymous weekly counts (stats/), never answers or names
    volunteer_pin_hash: str | None = None
    targets: list[dict[str, Any]] = field(default_factory=list)
    default_target: str | None = None
    form_targets: dict[str, str] = field(default_factory=dict)
    forms_auto_update: bool = False  # check the servers' form lists at start-up and every N hours
    forms_update_hours: int = 6  # N, at least 1
    extra: dict[str, Any] = field(default_factory=dict)


def migrate(raw: dict[str, Any]) -> dict[str, Any]:
    """Bring an older settings dict up to SCHEMA_VERSION; each step is one numbered change."""
    version = int(raw.get("schema_version", 0))
    if version < 1:
        raw.setdefault("speech_rate", "normal")
        version = 1
    raw["schema_version"] = version
    return raw


def load(path: Path) -> Settings:
    """Read settings; a missing or damaged file gives the defaults instead of stopping the program."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(raw, dict):
            raise ValueError("settings file is not an object")
    except (OSError, ValueError):
        return Settings()
    raw = migrate(raw)
    known = {f.name for f in fields(Settings)}
    extra = dict(raw.get("extra") or {})
    extra.update({k: v for k, v in raw.items() if k not in known})
    values = {k: v for k, v in raw.items() if k in known and k != "extra"}
    settings = Settings(**values)
    settings.extra = extra
    if settings.speech_rate not in SPEECH_RATES:
        settings.speech_rate = "normal"
    settings.text_size_step = max(0, min(TEXT_SIZE_STEPS - 1, int(settings.text_size_step)))
    try:
        settings.forms_update_hours = max(1, int(settings.forms_update_hours))
    except (TypeError, ValueError):
        settings.forms_update_hours = 6
    try:
        settings.inactivity_minutes = max(0, min(240, int(settings.inactivity_minutes)))
    except (TypeError, ValueError):
        settings.inactivity_minutes = 10
    return settings


def save(settings: Settings, path: Path) -> None:
    """Write atomically (temporary file, fsync, rename) so a power cut never leaves half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    data = asdict(settings)
    extra = data.pop("extra")
    data.update({k: v for k, v in extra.items() if k not in data})
    fd, tmp = tempfile.mkstemp(prefix=".settings-", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, ensure_ascii=False, indent=2, sort_keys=True)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
