"""The kiosk session's parts without a screen: the autostart entry, and the watchdog run over
real child processes that crash, get killed, lose their display or close cleanly."""

from __future__ import annotations

import configparser
import shlex
import sys
import threading
import time
from pathlib import Path

import pytest

from inclusion_app import kiosk
from inclusion_app.cli import main


def _child(tmp_path: Path, codes: list[int]) -> list[str]:
    """A program that exits with the next code of `codes` each time it starts (-9: killed)."""
    script = tmp_path / "child.py"
    counter = tmp_path / "starts"
    script.write_text(
        "import os, signal, sys\n"
        f"c = {str(counter)!r}\n"
        "n = int(open(c).read()) if os.path.exists(c) else 0\n"
        "open(c, 'w').write(str(n + 1))\n"
        f"code = {codes!r}[n]\n"
        "if code == -9: os.kill(os.getpid(), signal.SIGKILL)\n"
        "sys.exit(code)\n", encoding="utf-8")
    return [sys.executable, str(script)]


def _starts(tmp_path: Path) -> int:
    return int((tmp_path / "starts").read_text())


def test_crashes_and_kills_are_restarted_until_a_clean_close(tmp_path: Path) -> None:
    lines: list[str] = []
    waits: list[float] = []
    dog = kiosk.Watchdog(_child(tmp_path, [1, -9, 0]), lines.append, sleep=waits.append)
    assert dog.run() == 0
    assert _starts(tmp_path) == 3
    assert waits == [2.0, 4.0]  # quick failures wait longer each time
    assert "exit code 1" in lines[0] and "exit code -9" in lines[1]
    assert lines[-1] == "closed by a volunteer"


def test_a_clean_close_is_not_restarted(tmp_path: Path) -> None:
    dog = kiosk.Watchdog(_child(tmp_path, [0, 0]), lambda line: None, sleep=lambda s: None)
    assert dog.run() == 0 and _starts(tmp_path) == 1


def test_no_display_means_the_session_ended(tmp_path: Path) -> None:
    dog = kiosk.Watchdog(_child(tmp_path, [2, 0]), lambda line: None, sleep=lambda s: None)
    assert dog.run() == kiosk.NO_DISPLAY_EXIT and _starts(tmp_path) == 1


def test_a_window_that_ran_a_while_restarts_at_once(tmp_path: Path) -> None:
    ticks = iter([0.0, 100.0, 100.0, 100.5, 200.0, 200.0])
    waits: list[float] = []
    dog = kiosk.Watchdog(_child(tmp_path, [1, 1, 0]), lambda line: None, sleep=waits.append,
                         clock=lambda: next(ticks))
    dog.run()
    assert waits == [1.0, 2.0]


def test_stop_ends_the_window_and_the_watchdog(tmp_path: Path) -> None:
    script = tmp_path / "forever.py"
    script.write_text("import time\nwhile True: time.sleep(0.05)\n", encoding="utf-8")
    dog = kiosk.Watchdog([sys.executable, str(script)], lambda line: None)
    result: list[int] = []
    runner = threading.Thread(target=lambda: result.append(dog.run()))
    runner.start()
    for _ in range(200):
        if dog._child is not None:
            break
        time.sleep(0.02)
    dog.stop()
    runner.join(10)
    assert result == [0] and not runner.is_alive()


def test_enable_writes_this_accounts_autostart_entry(isolated_folders: dict[str, Path],
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["kiosk", "status"]) == 1
    assert main(["kiosk", "enable"]) == 0
    entry = isolated_folders["home"] / ".config" / "autostart" / kiosk.AUTOSTART_NAME
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(entry, encoding="utf-8")
    desktop = parser["Desktop Entry"]
    assert desktop["Name[zh_CN]"] and desktop["Type"] == "Application"
    assert shlex.split(desktop["Exec"])[-2:] == ["kiosk", "run"]
    assert main(["kiosk", "status"]) == 0
    assert main(["kiosk", "disable"]) == 0 and not entry.exists()
    assert main(["kiosk", "disable"]) == 0
    assert str(entry) in capsys.readouterr().out  # says where, in the language of the moment


def test_the_window_command_asks_for_kiosk_mode() -> None:
    assert kiosk.window_command()[-1] == "--kiosk"
    assert kiosk.window_command("D")[-3:] == ["--data-dir", "D", "--kiosk"]
