"""Shared pieces for `make bench`: a result record and timing helpers.

Each `benchmarks/bench_*.py` defines `run() -> list[Result]`; `run_all.py` runs them all,
writes docs/PERFORMANCE.md (commit, machine, date, each target met or missed) and exits
non-zero when a target is missed or a benchmark could not run.
"""

from __future__ import annotations

import contextlib
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass
class Result:
    area: str  # "engine", "storage", "sync", "speech", "ui"
    name: str  # what was measured, in words
    value: float  # the measured figure (median unless `unit` says otherwise)
    unit: str  # "ms", "x", "MiB", "s"
    target: float | None  # None: reported only
    p95: float | None = None
    detail: str = ""
    higher_is_better: bool = False

    @property
    def met(self) -> bool | None:
        if self.target is None:
            return None
        return self.value >= self.target if self.higher_is_better else self.value <= self.target


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    if not ordered:
        return float("nan")
    k = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[k]


def time_calls(fn: Callable[[], object], repeat: int, warmup: int = 3) -> list[float]:
    """Wall-clock milliseconds of each call after a few warm-up calls."""
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t0) * 1000.0)
    return samples


def summary(samples: list[float]) -> tuple[float, float]:
    """(median, p95) of millisecond samples."""
    return statistics.median(samples), percentile(samples, 0.95)


def private_sound_server(folder: str) -> tuple[Any, dict[str, str]]:
    """A PulseAudio daemon with a null sink on a private socket, as the speech tests use:
    the sound path is then the real one. (None, {}) where pulseaudio is not installed."""
    import os
    import shutil
    import subprocess
    import time
    from pathlib import Path

    exe = shutil.which("pulseaudio")
    if exe is None:
        return None, {}
    socket = Path(folder) / "native"
    env = dict(os.environ, HOME=folder, XDG_RUNTIME_DIR=folder)
    proc = subprocess.Popen(
        [exe, "-n", "--daemonize=no", "--exit-idle-time=-1", "--use-pid-file=no",
         "--disable-shm=yes", "--log-target=stderr", "--log-level=error",
         "-L", "module-null-sink sink_name=speakers",
         "-L", f"module-native-protocol-unix socket={socket} auth-anonymous=1"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 20
    while not socket.exists() and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    if not socket.exists():
        proc.kill()
        return None, {}
    return proc, {"PULSE_SERVER": f"unix:{socket}"}


@contextlib.contextmanager
def office_server(folder: str):  # noqa: ANN201
    """The centre's ODK Central over https on loopback (tests/sync's model of it, with its own
    certificate authority), set up as a volunteer would with `inclusion-app targets add
    --ca-file`, so the finished form is really uploaded, TLS and all."""
    from pathlib import Path

    from inclusion_app import paths as paths_mod
    from inclusion_app import settings as settings_mod
    from inclusion_app.sync.targets import TargetBook, make_target
    from tests.sync.central_server import CentralServer, ServerConfig
    from tests.sync.tls_certs import make_certs

    app_paths = paths_mod.AppPaths(Path(folder, "data"), Path(folder, "config"),
                                   Path(folder, "cache")).ensure()
    ca, cert, key = make_certs(Path(folder))
    with CentralServer(ServerConfig(tls=(str(cert), str(key)))) as server:
        settings = settings_mod.load(app_paths.settings_file)
        book = TargetBook.from_settings(settings)
        book.add(make_target("office", server.url, ca_file=str(ca)))
        book.store_into(settings)
        settings_mod.save(settings, app_paths.settings_file)
        yield server


def mapped_files(pid: int) -> set[str]:
    """The files a process has mapped (its libraries and fonts), from /proc (Linux)."""
    from pathlib import Path

    found = set()
    try:
        for row in Path(f"/proc/{pid}/maps").read_text().splitlines():
            cells = row.split(maxsplit=5)
            if len(cells) == 6 and cells[5].startswith("/"):
                found.add(cells[5].removesuffix(" (deleted)"))
    except OSError:
        pass
    return found


def read_back_from_disk(files: set[str]) -> None:
    """Let the kernel drop its cached copies of these files, as a restart would.

    Why: how much of a mapped file counts as a process's resident memory depends on how the
    kernel holds that file. A file just written (by pip, by `make setup`) sits in memory in
    large blocks, and touching one byte maps the whole block: the same program then shows
    10-15 MiB more resident than after a restart, when the files are read back from disk.
    Pages that other running programs have mapped stay; nothing here needs root."""
    import os

    for name in files:
        try:
            fd = os.open(name, os.O_RDONLY)
        except OSError:
            continue
        try:
            os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
        except (OSError, AttributeError):  # not Linux: nothing to do
            pass
        finally:
            os.close(fd)
