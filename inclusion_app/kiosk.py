"""The kiosk session: the window full-screen at log-in, brought back if it ever stops.

Why XDG autostart and a watchdog rather than a systemd user unit: autostart entries run in
every desktop session (GNOME, KDE, Deepin/UOS, Kylin, Xfce, LXQt, a bare openbox), with the
session's DISPLAY, whereas `graphical-session.target`, which a unit would need, is reached
only on some of them. The watchdog is small and has one rule: an exit code of 0 is the
volunteer's clean close (nothing is restarted); 2 means there is no display any more (the
person logged out); anything else, a crash or a kill, starts the window again, waiting a
little longer after each quick failure. No Qt here: the watchdog must outlive the window.
"""

from __future__ import annotations

import os
import shlex
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from inclusion_app.i18n import _

AUTOSTART_NAME = "inclusion-app-kiosk.desktop"
WINDOWS_STARTUP_NAME = "inclusion-app-kiosk.cmd"
CLEAN_EXIT = 0
NO_DISPLAY_EXIT = 2  # ui.app.run_gui's answer when the session (and its display) has gone
STEADY_SECONDS = 60.0  # a window that ran this long was not crashing at start: reset the wait
MAX_WAIT_SECONDS = 30.0


class KioskError(Exception):
    """The kiosk start-up cannot be set on this system; the message says why."""


def launcher() -> list[str]:
    """How to start this same program: the installed command, or the interpreter running us."""
    if getattr(sys, "frozen", False):
        installed = shutil.which("inclusion-app")
        return [installed or sys.executable]
    return [sys.executable, "-m", "inclusion_app"]


def autostart_file(platform: str | None = None) -> Path:
    """The entry the desktop session reads at log-in, in this account's own folders."""
    platform = platform or sys.platform
    if platform == "win32":
        roaming = Path(os.environ.get("APPDATA")
                       or platformdirs.user_data_dir(roaming=True, appauthor=False))
        return (roaming / "Microsoft" / "Windows" / "Start Menu" / "Programs" / "Startup"
                / WINDOWS_STARTUP_NAME)
    if platform == "darwin":
        raise KioskError(_("The kiosk session is not available on macOS yet."))
    return Path(platformdirs.user_config_dir()) / "autostart" / AUTOSTART_NAME


def _command(data_dir: str | None) -> list[str]:
    extra = ["--data-dir", data_dir] if data_dir else []
    return [*launcher(), *extra, "kiosk", "run"]


def entry_text(data_dir: str | None = None, platform: str | None = None) -> str:
    """The autostart entry's content for this platform."""
    command = _command(data_dir)
    if (platform or sys.platform) == "win32":
        return "@echo off\r\nstart \"\" " + subprocess.list2cmdline(command) + "\r\n"
    return "\n".join([
        "[Desktop Entry]", "Type=Application", "Name=Inclusion Assistant (kiosk)",
        "Name[zh_CN]=数字办事小帮手（自助终端）", "Exec=" + shlex.join(command),
        "Icon=inclusion-app", "Terminal=false", "NoDisplay=true",
        "X-GNOME-Autostart-enabled=true", "",
    ])


def enable(data_dir: str | None = None) -> Path:
    """Start the kiosk session at this account's next log-in (and every one after)."""
    path = autostart_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(entry_text(data_dir), encoding="utf-8")
    except OSError as exc:
        raise KioskError(_("Could not write {path}: {reason}").format(
            path=path, reason=exc.strerror or exc)) from None
    return path


def disable() -> Path | None:
    """Stop starting at log-in; returns the entry removed, or None if there was none."""
    path = autostart_file()
    if not path.exists():
        return None
    try:
        path.unlink()
    except OSError as exc:
        raise KioskError(_("Could not remove {path}: {reason}").format(
            path=path, reason=exc.strerror or exc)) from None
    return path


def enabled() -> bool:
    try:
        return autostart_file().exists()
    except KioskError:
        return False


@dataclass
class Watchdog:
    """Runs `command` until it exits cleanly; `log` gets one plain line per event."""

    command: Sequence[str]
    log: Callable[[str], None]
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.monotonic
    _child: subprocess.Popen | None = None
    _stopping: bool = False

    def run(self) -> int:
        """Returns 0 after a clean close or a stop signal, 2 when the display has gone."""
        self._install_signals()
        wait = 1.0
        while not self._stopping:
            started = self.clock()
            self._child = subprocess.Popen(list(self.command))
            code = self._child.wait()
            self._child = None
            if self._stopping or code == CLEAN_EXIT:
                self.log("closed by a volunteer" if code == CLEAN_EXIT else "stopped")
                return 0
            if code == NO_DISPLAY_EXIT:
                self.log("no display any more (logged out?): not restarting")
                return NO_DISPLAY_EXIT
            wait = 1.0 if self.clock() - started >= STEADY_SECONDS else min(wait * 2, MAX_WAIT_SECONDS)
            self.log(f"the window stopped unexpectedly (exit code {code}): starting it again "
                     f"in {wait:.0f} s")
            self.sleep(wait)
        return 0

    def stop(self, *_args: object) -> None:
        """The session is ending (SIGTERM, SIGHUP): close the window and do not restart it."""
        self._stopping = True
        child = self._child
        if child is not None and child.poll() is None:
            child.terminate()

    def _install_signals(self) -> None:
        for name in ("SIGTERM", "SIGHUP", "SIGINT"):
            sig = getattr(signal, name, None)
            if sig is not None:
                try:
                    signal.signal(sig, self.stop)
                except ValueError:  # not the main thread (tests): signals stay as they were
                    return


def log_to(path: Path) -> Callable[[str], None]:
    """Timestamped lines in the data folder's kiosk.log (no one's answers ever go there)."""

    def write(line: str) -> None:
        stamp = time.strftime("%Y-%m-%d %H:%M:%S")
        try:
            with path.open("a", encoding="utf-8") as fh:
                fh.write(f"{stamp} {line}\n")
        except OSError:
            pass
        print(f"inclusion-app kiosk: {line}", file=sys.stderr)

    return write


def window_command(data_dir: str | None = None) -> list[str]:
    """The window itself in kiosk mode (full-screen, no frame, closed only by a volunteer)."""
    extra = ["--data-dir", data_dir] if data_dir else []
    return [*launcher(), *extra, "--kiosk"]
