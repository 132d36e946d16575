"""Uploads: 1,000 queued submissions delivered to the loopback Central server (target <= 10 s).

Memory is sampled every 20 ms during the run to show it stays flat: the uploader keeps at most
a few payloads in memory at once. The server runs in the same process, so the RSS includes it.
"""

from __future__ import annotations

import tempfile
import threading
import time
from pathlib import Path

from common import Result

from inclusion_app.paths import AppPaths
from inclusion_app.storage.api import State
from inclusion_app.storage.factory import open_store
from inclusion_app.sync.channel import ChannelFactory
from inclusion_app.sync.delivery import Uploader
from inclusion_app.sync.targets import TargetBook, make_target
from tests.sync.central_server import CentralServer, ServerConfig
from tests.sync.helpers import make_submission

COUNT = 1000


def _rss_mib() -> float:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


class _Sampler(threading.Thread):
    """RSS every 20 ms until stopped."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.samples: list[float] = []
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            self.samples.append(_rss_mib())
            self.stop.wait(0.02)


def run() -> list[Result]:
    with tempfile.TemporaryDirectory() as tmp, CentralServer(ServerConfig()) as srv:
        root = Path(tmp)
        app = AppPaths(root / "data", root / "config", root / "cache").ensure()
        store = open_store(app)
        for i in range(COUNT):
            store.finalize(make_submission(i, extra="x" * 400))
        target = make_target("bench", srv.url)
        uploader = Uploader(store, TargetBook([target], "bench"), ChannelFactory(lambda n: None))
        sampler = _Sampler()
        before = _rss_mib()
        sampler.start()
        t0 = time.perf_counter()
        report = uploader.run()
        elapsed = time.perf_counter() - t0
        sampler.stop.set()
        sampler.join()
        sent = len(store.list_outbox((State.SENT,)))
        store.close()
    if report.delivered != COUNT or sent != COUNT or len(srv.stored) != COUNT:
        raise RuntimeError(f"only {report.delivered} of {COUNT} delivered ({report.line()})")
    peak = max(sampler.samples, default=before)
    half = len(sampler.samples) // 2
    first = max(sampler.samples[:half], default=before)
    second = max(sampler.samples[half:], default=before)
    return [
        Result("sync", f"deliver {COUNT:,} queued submissions (SQLite store, loopback server, 3 workers)",
               elapsed, "s", 10.0, detail=f"{COUNT / elapsed:.0f} per second"),
        Result("sync", "peak RSS while uploading 1,000", peak, "MiB", None,
               detail=f"{before:.0f} MiB before; max in first half {first:.0f}, second half {second:.0f} MiB"),
        Result("sync", "RSS growth, second half of the run over the first", second - first, "MiB", 20.0,
               detail="flat memory: payloads are loaded one at a time per worker"),
    ]


if __name__ == "__main__":
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    for r in run():
        print(r)
