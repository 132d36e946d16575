"""Where the program keeps its files: platform folders, with overrides for tests and kiosks.

The data folder (database, imported forms, settings) can be moved with `--data-dir` or
INCLUSION_APP_DATA_DIR. The encryption key deliberately lives in the *configuration* folder,
never beside the database, so a copied data folder alone reveals nothing.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "inclusion-app"
APP_AUTHOR = "InclusionAssistant"


@dataclass(frozen=True)
class AppPaths:
    data: Path
    config: Path
    cache: Path

    @property
    def database(self) -> Path:
        return self.data / "inclusion.sqlite3"

    @property
    def settings_file(self) -> Path:
        return self.data / "settings.json"

    @property
    def imported_forms(self) -> Path:
        return self.data / "forms"

    @property
    def server_forms(self) -> Path:
        """Forms installed from an organisation's server (engine/server_forms.py)."""
        return self.data / "server-forms"

    @property
    def form_cache(self) -> Path:
        return self.cache / "forms"

    def ensure(self) -> AppPaths:
        for folder in (self.data, self.config, self.cache):
            folder.mkdir(parents=True, exist_ok=True)
            _restrict(folder)
        return self


def _restrict(folder: Path) -> None:
    """Owner-only folders: other accounts on a shared PC must not browse residents' data."""
    if os.name == "posix":
        try:
            folder.chmod(0o700)
        except OSError:
            pass


def resolve(data_dir: str | os.PathLike[str] | None = None) -> AppPaths:
    """Folders for this run: explicit argument, then environment, then the platform default."""
    data = data_dir or os.environ.get("INCLUSION_APP_DATA_DIR")
    config = os.environ.get("INCLUSION_APP_CONFIG_DIR")
    cache = os.environ.get("INCLUSION_APP_CACHE_DIR")
    return AppPaths(
        data=Path(data) if data else Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR)),
        config=Path(config) if config else Path(platformdirs.user_config_dir(APP_NAME, APP_AUTHOR)),
        cache=Path(cache) if cache else Path(platformdirs.user_cache_dir(APP_NAME, APP_AUTHOR)),
    )


def project_root() -> Path:
    return Path(__file__).resolve().parent.parent


def assets_dir() -> Path:
    return project_root() / "assets"


def shipped_forms_dir() -> Path:
    return assets_dir() / "forms"
