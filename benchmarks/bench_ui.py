"""Start-up and memory of the window, each in a fresh process, offscreen.

1. Start to an interactive home screen (forms already in the cache), as a ratio to a bare
   PySide6 window shown the same way in the same run. Target: at most 3x.
2. Peak memory of the program and all its helper processes (speech workers included) over a
   whole form: opened from its tile, every screen answered and read aloud, "check your
   answers", sent, the confirmation shown, home, and the upload over https to a loopback
   ODK Central; the highest of BENCH_UI_MEMORY_RUNS (3) sessions. Played through a private
   PulseAudio server with a null sink where `pulseaudio` is installed (so the sound path is
   the real one), else simulated. Target: at most 120 MiB. Each measured session starts as
   after a restart: the files the program maps are first released from the page cache
   (common.read_back_from_disk says why). One session run before that, with the files as
   the kernel held them (straight after `make setup`: as pip wrote them), and the
   first-screen figure (a form opened, its first screen read) are reported beside it.
(Continue-to-next-screen on the 300-question form is measured in bench_form.py.)
BENCH_UI_DEBUG=1 prints each measured process's resident memory by mapping, and its stderr.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from common import Result

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

RATIO_TARGET = 3.0
MEMORY_TARGET_MIB = 120.0
RUNS = int(os.environ.get("BENCH_UI_RUNS", "5"))
WALK_FORM = "pension_check"
MEMORY_RUNS = int(os.environ.get("BENCH_UI_MEMORY_RUNS", "3"))


def _child(mode: str) -> int:
    """Run inside the fresh process: show the window, say "ready" once it can take input.

    The program's modules are imported as `inclusion-app` imports them: the command line
    first, Qt once the window is wanted."""
    if mode != "bare":
        from inclusion_app.cli import Context
        from inclusion_app.ui.app import build
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QLabel

    app = QApplication(sys.argv[:1])
    if mode == "bare":
        window = QLabel("Hello")
        window.resize(1366, 768)
        window.show()
        services = None
    else:
        ctx = Context()
        ctx.settings.language = "zh"
        services, window = build(ctx, app)
        window.resize(1366, 768)
        window.show()

    def ready() -> None:
        if mode in ("first", "full") and services is not None:
            # The store and speech start after the first paint: wait for both.
            deadline = time.monotonic() + 20
            while time.monotonic() < deadline and not (services.store_ready
                                                        and services.speech is not None):
                app.processEvents()
                time.sleep(0.01)
        if mode == "first" and services is not None:
            # Open a form and read its first screen aloud to the end: the smaller figure.
            window.home_page.tiles[WALK_FORM].click()
            while time.monotonic() < deadline and (services.speech.speaking
                                                   or window.session is None):
                app.processEvents()
                time.sleep(0.02)
        if mode == "full" and services is not None:
            # Exercise everything: a whole form with every screen read aloud, and the upload.
            screens = _walk(app, window, services, WALK_FORM)
            print(f"walked {screens} {services.speech.player.backend}", flush=True)
            if os.environ.get("BENCH_UI_DEBUG"):
                print("speech", services.speech.last_events[-6:], file=sys.stderr)
        # (RUSAGE_CHILDREN is no help for ended helpers: a fork-exec child reports the
        # parent's size as its peak. The speech worker stays alive and is counted below.)
        print("ready", flush=True)
        sys.stdin.readline()  # the parent reads our memory now, then lets us go
        if services is not None:
            services.shutdown()
        app.quit()

    QTimer.singleShot(0, ready)  # runs once the event loop is idle: the window takes input
    return int(app.exec())


def _walk(app, window, services, form_id: str) -> int:  # noqa: ANN001
    """Tile, every screen answered (tests/data/service_answers.py) and read aloud for a moment,
    review, Send, confirmation. Returns the screens seen; stops early rather than hang."""
    from PySide6.QtCore import QEvent

    from inclusion_app.engine.answer_walk import lookup
    from inclusion_app.engine.prompt import ScreenKind
    from inclusion_app.ui.resident.form_page import FormPage
    from tests.data.service_answers import answers_for

    def settle(seconds: float, until=lambda: False) -> None:  # noqa: ANN001
        """Run the event loop's work for a while. Deferred deletes are sent by hand: this walk
        never returns to the main loop, which is where Qt would otherwise free old screens."""
        end = time.monotonic() + seconds
        while time.monotonic() < end and not until():
            app.processEvents()
            app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
            time.sleep(0.01)

    FormPage.settle_ms = 0  # the double-tap guard would ignore machine-speed presses
    answers = answers_for(form_id)
    window.home_page.tiles[form_id].click()
    settle(10, lambda: window.session is not None)
    session, seen = window.session, 0
    for _ in range(100):
        if session.stack.currentWidget() is session.review:
            break
        page, seen = session.page, seen + 1
        settle(3, lambda: services.speech.player.playing)  # rendered and playing
        settle(0.5)
        if page.screen.kind is ScreenKind.QUESTIONS:
            for block in page.blocks:
                value = lookup(answers, block.prompt.ref)
                if block.input is not None and not block.prompt.readonly and isinstance(
                        value, str | list):
                    block.input.set_value(" ".join(value) if isinstance(value, list) else value)
        before = page.screen
        page.continue_button.click()
        settle(2, lambda was=before: session.stack.currentWidget() is session.review
               or session.page.screen is not was)
        if session.stack.currentWidget() is not session.review and session.page.screen is before:
            break  # refused: measure what was reached
    if session.stack.currentWidget() is session.review:
        settle(0.5)
        session.review.send_button.click()
        settle(10, lambda: window.current_page() is window.confirmation_page)
        settle(3, lambda: services.speech.player.playing)
        settle(1)
        window.go_home()  # the next person: uploads may now run, and do
        settle(15, lambda: services.uploads is not None
               and services.uploads.last_report is not None)
    return seen


def _not_yet_its_own(pid: int) -> bool:
    """A helper caught between fork and exec (spawning espeak-ng) still is its parent: same
    program, same command line, the parent's pages. Counting it would count the parent twice."""
    parent = int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
    return (Path(f"/proc/{pid}/cmdline").read_bytes() == Path(f"/proc/{parent}/cmdline").read_bytes()
            and os.readlink(f"/proc/{pid}/exe") == os.readlink(f"/proc/{parent}/exe"))


def _tree_memory_kib(pid: int) -> dict[str, int]:
    """Sums over a process and all its descendants: peak resident memory (VmHWM), and the
    resident memory now split into private anonymous pages (RssAnon) and file-backed pages
    (RssFile: library code and fonts, which the page cache shares with other processes but
    RSS counts in full in every process that maps them)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    totals = {"VmHWM": 0, "RssAnon": 0, "RssFile": 0, "processes": 0}
    todo = [pid]
    while todo:
        p = todo.pop()
        todo += children.get(p, [])
        try:
            lines = Path(f"/proc/{p}/status").read_text().splitlines()
            if p != pid and _not_yet_its_own(p):
                continue
        except OSError:
            continue
        totals["processes"] += 1
        if os.environ.get("BENCH_UI_DEBUG"):  # where the memory is, by mapping
            print("process", p, Path(f"/proc/{p}/cmdline").read_bytes()[:80],
                  [x for x in lines if x.startswith("VmHWM")], file=sys.stderr)
            rss: dict[str, int] = {}
            name = ""
            for row in Path(f"/proc/{p}/smaps").read_text().splitlines():
                cells = row.split()
                if "-" in cells[0] and len(cells) >= 5 and ":" in cells[3]:
                    name = cells[5].rsplit("/", 1)[-1] if len(cells) > 5 else "[anon]"
                elif cells[0] == "Rss:":
                    rss[name] = rss.get(name, 0) + int(cells[1])
            for name, kib in sorted(rss.items(), key=lambda kv: -kv[1])[:30]:
                print(f"  {kib / 1024:6.1f} MiB {name}", file=sys.stderr)
        for line in lines:
            key = line.split(":", 1)[0]
            if key in totals:
                totals[key] += int(line.split()[1])
    return totals


def _launch(mode: str, env: dict[str, str]) -> tuple[float, dict[str, int], str, set[str]]:
    """(seconds from spawn to ready, memory of the process tree in KiB, what the walk said,
    the files the program had mapped)."""
    from common import mapped_files

    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, __file__, "--child", mode], env=env,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=None if os.environ.get("BENCH_UI_DEBUG") else subprocess.DEVNULL, text=True)
    try:
        line = proc.stdout.readline()
        said = ""
        if line.startswith("walked"):
            said, line = line.strip(), proc.stdout.readline()
        elapsed = time.perf_counter() - t0
        if line.strip() != "ready":
            raise RuntimeError(f"{mode} window did not start")
        peak = _tree_memory_kib(proc.pid)
        files = mapped_files(proc.pid)
        proc.stdin.write("\n")
        proc.stdin.flush()
        proc.wait(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    return elapsed, peak, said, files


def run() -> list[Result]:
    import statistics

    from common import Result  # here, not at the top: the measured child never loads them

    with tempfile.TemporaryDirectory(prefix="bench-ui-") as tmp:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen",
                   INCLUSION_APP_DATA_DIR=f"{tmp}/data", INCLUSION_APP_CONFIG_DIR=f"{tmp}/config",
                   INCLUSION_APP_CACHE_DIR=f"{tmp}/cache", HOME=tmp,
                   PYTHONPATH=str(HERE.parent))
        _launch("app", env)  # fills the form cache, as after the first run on a kiosk
        _launch("bare", env)
        app_times, bare_times = [], []
        for _ in range(RUNS):  # interleaved, so machine load hits both alike
            app_times.append(_launch("app", env)[0])
            bare_times.append(_launch("bare", env)[0])
        from common import office_server, private_sound_server, read_back_from_disk

        sound, sound_env = private_sound_server(tmp)
        sessions: list[tuple[dict[str, int], str, int]] = []

        def session(name: str) -> tuple[dict[str, int], str, int]:
            """A fresh data folder each time: a new kiosk's first day."""
            folder = Path(tmp, name)
            session_env = {**env, **sound_env, "INCLUSION_APP_DATA_DIR": f"{folder}/data",
                           "INCLUSION_APP_CONFIG_DIR": f"{folder}/config"}
            with office_server(str(folder)) as server:
                _, memory, walked, _files = _launch("full", session_env)
                return memory, walked, len(server.stored)

        try:
            _, first, _said, files = _launch("first", {**env, **sound_env})
            as_found = session("as-found")  # the files as the page cache holds them now
            for run in range(MEMORY_RUNS):  # each as after a restart: files read from disk
                read_back_from_disk(files)
                sessions.append(session(f"session{run}"))
        finally:
            if sound is not None:
                sound.terminate()
                sound.wait(timeout=10)
    peaks = sorted(m["VmHWM"] / 1024 for m, _w, _d in sessions)
    memory, walked, delivered = max(sessions, key=lambda s: s[0]["VmHWM"])
    screens, backend = (walked.split()[1:3] + ["?", "?"])[:2]
    app_s, bare_s = statistics.median(app_times), statistics.median(bare_times)
    return [
        Result("ui", "Start to interactive home, ratio to a bare PySide6 window", app_s / bare_s,
               "x", RATIO_TARGET,
               detail=f"home {app_s * 1000:.0f} ms vs bare window {bare_s * 1000:.0f} ms, "
                      f"median of {RUNS} fresh processes each, forms cached, offscreen"),
        Result("ui", "Peak memory, program and helper processes, a whole session", peaks[-1],
               "MiB", MEMORY_TARGET_MIB,
               detail=f"the highest of {len(peaks)} sessions, each started as after a restart "
                      "(the program's files read back from disk, not as pip just wrote them) (all: "
                      f"{', '.join(f'{p:.0f}' for p in peaks)} MiB), VmHWM summed over the "
                      f"process tree ({memory['processes']} process(es) alive at the end: "
                      "espeak-ng renders in short-lived children): the whole "
                      f"{WALK_FORM} form ({screens} screens, each read aloud, sound: {backend}), "
                      f"review, send, confirmation, home, upload ({delivered} delivered over https "
                      "to a loopback ODK Central); resident then: "
                      f"{memory['RssAnon'] / 1024:.0f} MiB private anonymous, "
                      f"{memory['RssFile'] / 1024:.0f} MiB file-backed (Qt and cryptography "
                      "code, CJK fonts: counted in full per process, as RSS does)"),
        Result("ui", "Peak memory, the same session, program files as the page cache held them",
               as_found[0]["VmHWM"] / 1024, "MiB", None,
               detail="run before the files are read back from disk: straight after `make "
                      "setup` the kernel holds what pip just wrote in large blocks and maps "
                      "whole blocks, so the same program shows more resident; resident then: "
                      f"{as_found[0]['RssAnon'] / 1024:.0f} MiB private anonymous, "
                      f"{as_found[0]['RssFile'] / 1024:.0f} MiB file-backed"),
        Result("ui", "Peak memory, program and helper processes, first screen read aloud",
               first["VmHWM"] / 1024, "MiB", None,
               detail=f"a form opened from its tile and its first screen read to the end; "
                      f"resident then: {first['RssAnon'] / 1024:.0f} MiB private anonymous, "
                      f"{first['RssFile'] / 1024:.0f} MiB file-backed"),
    ]


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        sys.exit(_child(sys.argv[2]))
    for r in run():
        print(f"{r.name}: {r.value:.2f} {r.unit}, target {r.target}, met={r.met} ({r.detail})")
