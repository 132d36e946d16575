"""The Debian package as a centre uses it: built by `make package`, installed, run with a bare
environment (`env -i`: no DISPLAY, no LANG, no .venv on the PATH), upgraded over the folders
an earlier version left, removed and purged, with every person's data still in place.

As root with apt-get (CI, a developer's machine here) the package is really installed with
`apt-get install ./dist/inclusion-app_*.deb` and purged at the end, unless it was already
installed by hand (then it is left alone and the copy below is used). Otherwise it is unpacked
into a folder and run from there. The package is built once per session, and only when a file
it holds is newer than dist/'s copy.
"""

from __future__ import annotations

import configparser
import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from inclusion_app import __version__
from inclusion_app import paths as paths_mod
from inclusion_app.storage.api import State
from inclusion_app.storage.factory import open_store
from tests.data.service_answers import answers_for
from tests.sync.central_server import CentralServer, ServerConfig
from tests.upgrade import make_fixture as fx

REPO = Path(__file__).resolve().parent.parent.parent
NAME = "inclusion-app"
APT = ["apt-get", "-y", "-q", "--no-install-recommends", "-o", "DPkg::Lock::Timeout=600"]
INPUTS = ("inclusion_app", "assets", "locales", "packaging")

pytestmark = pytest.mark.skipif(shutil.which("dpkg-deb") is None, reason="not a Debian system")


def _newest_input() -> float:
    files = [p for folder in INPUTS for p in (REPO / folder).rglob("*")
             if p.is_file() and "__pycache__" not in p.parts]
    return max(p.stat().st_mtime for p in [*files, REPO / "docs" / "INSTALLING.md"])


@pytest.fixture(scope="session")
def deb() -> Path:
    arch = subprocess.run(["dpkg", "--print-architecture"], capture_output=True, text=True,
                          check=True).stdout.strip()
    path = REPO / "dist" / f"{NAME}_{__version__}_{arch}.deb"
    if not path.exists() or path.stat().st_mtime < _newest_input():
        subprocess.run([sys.executable, str(REPO / "packaging" / "build_deb.py")], cwd=REPO,
                       check=True, timeout=1200)
    return path


def _installed_by_hand() -> bool:
    out = subprocess.run(["dpkg-query", "-W", "-f=${Status}", NAME], capture_output=True, text=True)
    return "install ok installed" in out.stdout


class Centre:
    """The package on this machine: really installed (as root), or unpacked into a folder."""

    def __init__(self, deb: Path, folder: Path) -> None:
        self.deb = deb
        self.system = (os.geteuid() == 0 and shutil.which("apt-get") is not None
                       and not _installed_by_hand())
        if self.system:
            self.root = Path("/")
            self.install_log = self._apt("install", str(deb))
            self.exe = Path("/usr/bin") / NAME
        else:
            self.root = folder / "root"
            subprocess.run(["dpkg-deb", "-x", str(deb), str(self.root)], check=True)
            self.exe = self.root / "usr" / "lib" / NAME / NAME

    def _apt(self, *args: str) -> str:
        done = subprocess.run([*APT, *args], capture_output=True, text=True, timeout=900,
                              env=dict(os.environ, DEBIAN_FRONTEND="noninteractive"))
        assert done.returncode == 0, done.stdout + done.stderr
        return done.stdout + done.stderr

    def run(self, *args: str, env: dict[str, str] | None = None, stdin: str = "",
            timeout: float = 120) -> subprocess.CompletedProcess[str]:
        """The installed command with exactly `env` (like `env -i`), nothing inherited."""
        return subprocess.run([str(self.exe), *args], env=env or {}, input=stdin,
                              capture_output=True, text=True, timeout=timeout)

    def remove(self) -> str:
        return self._apt("remove", NAME)

    def purge(self) -> str:
        return self._apt("purge", NAME)


@pytest.fixture
def centre(deb: Path, tmp_path: Path) -> Iterator[Centre]:
    c = Centre(deb, tmp_path)
    try:
        yield c
    finally:
        if c.system and _installed_by_hand():  # leave the machine as it was found
            c.purge()


def _home_folders(home: Path) -> paths_mod.AppPaths:
    """Where platformdirs puts a person's folders on Linux (what the installed program uses)."""
    return paths_mod.AppPaths(data=home / ".local" / "share" / NAME,
                              config=home / ".config" / NAME, cache=home / ".cache" / NAME)


def _open_with_todays_code(folders: paths_mod.AppPaths) -> list:
    store = open_store(folders)
    try:
        return store.list_outbox()
    finally:
        store.close()


def test_control_fields_name_what_make_setup_installs(deb: Path) -> None:
    fields = subprocess.run(["dpkg-deb", "-f", str(deb)], capture_output=True, text=True,
                            check=True).stdout
    depends = [d.strip() for d in re.search(r"^Depends: (.*)$", fields, re.M).group(1).split(",")]
    assert {"espeak-ng", "fonts-noto-cjk", "libxcb-cursor0", "libegl1"} <= set(depends)
    assert f"Version: {__version__}" in fields
    for package in depends:  # so `dpkg -i` succeeds here without any download
        status = subprocess.run(["dpkg-query", "-W", "-f=${Status}", package],
                                capture_output=True, text=True).stdout
        assert "install ok installed" in status, package


def test_a_centre_installs_uses_upgrades_and_removes_it(centre: Centre, tmp_path: Path) -> None:
    # -- installed: menu entries in both languages with an icon, the command on the PATH --
    apps = centre.root / "usr" / "share" / "applications"
    entries = {}
    for name in (f"{NAME}.desktop", f"{NAME}-setup.desktop"):
        parser = configparser.ConfigParser(interpolation=None)
        parser.optionxform = str  # type: ignore[assignment,method-assign]
        parser.read(apps / name, encoding="utf-8")
        entries[name] = parser["Desktop Entry"]
    main, setup = entries[f"{NAME}.desktop"], entries[f"{NAME}-setup.desktop"]
    assert (main["Name"], main["Name[zh_CN]"], main["Exec"]) == ("Inclusion Assistant", "数字办事小帮手", NAME)
    assert setup["Exec"] == f"{NAME} setup" and setup["Name[zh_CN]"]
    icon = centre.root / "usr" / "share" / "icons" / "hicolor" / "scalable" / "apps" / f"{NAME}.svg"
    assert main["Icon"] == setup["Icon"] == NAME and icon.is_file()
    if shutil.which("desktop-file-validate"):
        subprocess.run(["desktop-file-validate", *(str(apps / n) for n in entries)], check=True)

    # -- a bare environment: no DISPLAY, no LANG, no PATH; no folder is touched for --version --
    version = centre.run("--version")
    assert version.returncode == 0 and version.stdout.strip() == f"{NAME} {__version__}"
    no_screen = centre.run()
    assert no_screen.returncode == 2 and "needs a screen" in no_screen.stderr
    assert "Traceback" not in no_screen.stderr

    # -- fill and queue a form from a Markdown file (pyxform inside the package) --
    home = tmp_path / "volunteer"
    home.mkdir()
    form = tmp_path / "FORM.md"
    shutil.copy(REPO / "assets" / "forms" / "pension_check.md", form)
    answers = tmp_path / "A.json"
    answers.write_text(json.dumps(answers_for("pension_check"), ensure_ascii=False), encoding="utf-8")
    filled = centre.run("fill", str(form), "--answers", str(answers), "--queue", env={"HOME": str(home)})
    assert filled.returncode == 0, filled.stderr
    reference = re.search(r"queued (\S+) (uuid:\S+)", filled.stdout)
    assert reference, filled.stdout
    folders = _home_folders(home)  # that person's own folders, nowhere else
    assert folders.database.is_file() and (folders.config / "storage.key").is_file()

    # -- the window starts offscreen; a second start brings it forward and ends --
    gui_env = {"HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    window = subprocess.Popen([str(centre.exe)], env=gui_env, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True)
    try:
        second = None
        for _ in range(60):
            time.sleep(1)
            assert window.poll() is None, window.stdout.read()
            second = centre.run(env=gui_env, timeout=60)
            if "already open" in second.stderr:
                break
        assert second is not None and second.returncode == 0 and "already open" in second.stderr
        assert window.poll() is None
    finally:
        window.terminate()  # as the session ending does: a tidy close, a code that says so
        code = window.wait(30)
    assert code == 143, window.stdout.read()

    # -- upgrade: the folders today's main left, opened by the installed program --
    old = tmp_path / "old-centre"
    old_folders = _home_folders(old)
    fixture = fx.versions()[0]
    fx.lay_out(fixture, old_folders.data, old_folders.config)
    with CentralServer(ServerConfig(auth="basic", project=1)) as district, \
            CentralServer(ServerConfig(auth="basic", project=2)) as office:
        fx.point_targets(old_folders.settings_file, {fx.TARGET: district.url, fx.OTHER_TARGET: office.url})
        env = {"HOME": str(old)}
        drafts = centre.run("drafts", "list", env=env)
        assert drafts.returncode == 0 and all(d in drafts.stdout for d in fx.DRAFTS), drafts.stdout
        targets = centre.run("targets", "list", env=env)
        assert fx.TARGET in targets.stdout and fx.OTHER_TARGET in targets.stdout
        upload = centre.run("outbox", "upload", env=env)
        assert upload.returncode == 0, upload.stderr
        assert upload.stdout.strip().splitlines()[-1] == "delivered 2, failed 0, waiting 0"
        assert len(district.stored) == 1 and len(office.stored) == 1

    # -- removed, then purged: everyone's data stays, and the messages say where --
    if centre.system:
        removed = centre.remove()
        assert ".local/share/inclusion-app" in removed and not centre.exe.exists()
        purged = centre.purge()
        assert "rm -rf ~/.local/share/inclusion-app" in purged
    else:
        scripts = tmp_path / "control"
        subprocess.run(["dpkg-deb", "-e", str(centre.deb), str(scripts)], check=True)
        removed = subprocess.run(["sh", str(scripts / "postrm"), "remove"], capture_output=True,
                                 text=True, check=True).stdout
        assert ".local/share/inclusion-app" in removed
    queued = _open_with_todays_code(folders)
    assert [(e.instance_id, e.state) for e in queued] == [(reference.group(2), State.QUEUED)]
    assert {e.state for e in _open_with_todays_code(old_folders)} == {State.SENT}
