"""Storage speed: durable finalize vs a bare SQLite insert, autosave, listing a large outbox."""

from __future__ import annotations

import os
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from common import Result, summary, time_calls  # noqa: E402

from inclusion_app.engine.prompt import Submission  # noqa: E402
from inclusion_app.storage.api import Draft, DraftInfo  # noqa: E402
from inclusion_app.storage.sqlite_store import SQLiteStore  # noqa: E402
from inclusion_app.storage.vault import Vault  # noqa: E402

AREA = "storage"
FINALIZE_ROUNDS = 80
OUTBOX_SIZE = 10_000


def make_submission(n: int, photo: bytes) -> Submission:
    iid = f"uuid:bench-{n:08d}"
    xml = (b"<data id='bench'>" + b"<q>answer text</q>" * 100
           + f"<meta><instanceID>{iid}</instanceID></meta></data>".encode())
    return Submission("bench", "1", iid, f"R{n:07d}", xml, b'{"q": "answer text"}' * 50,
                      {"photo.jpg": photo}, title="Bench form")


def timed(fn) -> float:  # noqa: ANN001
    t0 = time.perf_counter()
    fn()
    return (time.perf_counter() - t0) * 1000.0


def finalize_vs_bare(folder: Path, store: SQLiteStore) -> Result:
    """Alternate our finalize with a bare insert of the same bytes so disk noise hits both."""
    bare = sqlite3.connect(folder / "bare.sqlite3", isolation_level=None)
    bare.execute("PRAGMA journal_mode=WAL")
    bare.execute("PRAGMA synchronous=FULL")
    bare.execute("CREATE TABLE t (id TEXT PRIMARY KEY, xml BLOB, json BLOB, photo BLOB)")
    photo = os.urandom(100_000)

    def bare_insert(s: Submission) -> None:
        bare.execute("BEGIN IMMEDIATE")
        bare.execute("INSERT INTO t VALUES (?, ?, ?, ?)",
                     (s.instance_id, s.xml, s.json, s.attachments["photo.jpg"]))
        bare.execute("COMMIT")

    ours, floor = [], []
    for n in range(FINALIZE_ROUNDS + 3):
        s = make_submission(n, photo)
        f = timed(lambda s=s: store.finalize(s))
        b = timed(lambda s=s: bare_insert(s))
        if n >= 3:  # warm-up rounds
            ours.append(f)
            floor.append(b)
    bare.close()
    med, p95 = summary(ours)
    # the median of per-round ratios: each pair ran back to back, under the same disk load
    ratio = statistics.median(f / b for f, b in zip(ours, floor, strict=True))
    return Result(
        AREA, "finalize one submission durably (x bare sqlite3 insert, synchronous=FULL)",
        round(ratio, 2), "x", 2.0,
        detail=f"finalize median {med:.2f} ms (p95 {p95:.2f}), bare insert median "
               f"{statistics.median(floor):.2f} ms; 2 KB XML, 1 KB JSON, 100 KB photo; "
               "AES-GCM, state history and draft removal in the same transaction",
    )


def autosave(store: SQLiteStore) -> Result:
    snapshot = os.urandom(2_000)
    counter = iter(range(10**9))

    def save() -> None:
        n = next(counter)
        info = DraftInfo("bench-draft", "bench", "1", "h", "Bench form", 0.0, float(n))
        store.save_draft(Draft(info, f"{n},0", snapshot))

    med, p95 = summary(time_calls(save, repeat=200))
    return Result(AREA, "autosave one answer (save_draft, durable)", round(med, 3), "ms", 5.0,
                  p95=round(p95, 3), detail="2 KB encrypted snapshot, WAL + synchronous=FULL")


def list_large_outbox(db: Path, store: SQLiteStore) -> Result:
    """Fill the outbox through a side connection (metadata rows only), then time the listing."""
    side = sqlite3.connect(db, isolation_level=None)
    side.execute("PRAGMA synchronous=OFF")  # set-up only: the timed listing is on the store
    side.execute("BEGIN")
    have = side.execute("SELECT COUNT(*) FROM outbox").fetchone()[0]
    side.executemany(
        "INSERT INTO outbox (instance_id, reference, form_id, form_version, state, attempts, "
        "last_error, encrypted, finalized_at, updated_at, server_response, payload_purged, title) "
        "VALUES (?, ?, 'bench', '1', ?, ?, '', 0, ?, ?, '', 0, 'Bench form')",
        [(f"uuid:fill-{n:08d}", f"F{n:07d}", ("queued", "sent", "failed")[n % 3], n % 4,
          1000.0 + n, 1000.0 + n) for n in range(OUTBOX_SIZE - have)],
    )
    side.execute("COMMIT")
    side.close()
    assert len(store.list_outbox()) == OUTBOX_SIZE
    med, p95 = summary(time_calls(store.list_outbox, repeat=15))
    return Result(AREA, f"list an outbox of {OUTBOX_SIZE:,} submissions", round(med, 2), "ms",
                  50.0, p95=round(p95, 2), detail="metadata only, nothing decrypted")


CODED_DRAFTS = 200


def find_by_code(store: SQLiteStore) -> Result:
    """"Continue a saved form" with 200 drafts holding codes: the keyed one-byte hint leaves
    about one salted hash to check. Runs on the database worker, never the GUI thread."""
    snapshot = os.urandom(2_000)
    codes = [f"{130000 + 7 * n:06d}" for n in range(CODED_DRAFTS)]
    for n, code in enumerate(codes):
        info = DraftInfo(f"coded-{n}", "bench", "1", "h", "Bench form", 0.0, float(n))
        store.save_draft(Draft(info, "0", snapshot))
        assert store.set_resume_code(f"coded-{n}", code)
    samples = iter(codes * 2)
    med, p95 = summary(time_calls(lambda: store.find_draft_by_code(next(samples)), repeat=20))
    return Result(AREA, f"find a draft by its resume code among {CODED_DRAFTS}",
                  round(med, 1), "ms", 500.0, p95=round(p95, 1),
                  detail="scrypt N=2^13 per candidate; the person sees \"Checking the code…\"")


def run() -> list[Result]:
    with tempfile.TemporaryDirectory(prefix="bench-storage-") as tmp:
        folder = Path(tmp)
        db = folder / "inclusion.sqlite3"
        store = SQLiteStore(db, Vault(os.urandom(32)))
        try:
            return [finalize_vs_bare(folder, store), autosave(store), list_large_outbox(db, store),
                    find_by_code(store)]
        finally:
            store.close()


if __name__ == "__main__":
    for result in run():
        print(result)
