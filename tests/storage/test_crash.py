"""Crash test: SIGKILL a child that autosaves and finalizes; nothing it reported may be lost."""

from __future__ import annotations

import hashlib
import os
import random
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import pytest

from inclusion_app.paths import resolve
from inclusion_app.storage.factory import open_store
from tests.storage.builders import digest
from tests.storage.crash_child import crash_submission
from tests.storage.memory_payload import payload_of

REPO = Path(__file__).resolve().parent.parent.parent
SOAK = os.environ.get("INCLUSION_SOAK") == "1"
EPOCH = 25  # kills per database: each check re-reads every submission reported so far


def run_child(seed: int, first: int, delay: float, data: Path) -> list[str]:
    """Start the child, let it work for `delay` seconds after it is ready, SIGKILL it."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.storage.crash_child", str(seed), str(first)],
        cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "INCLUSION_APP_DATA_DIR": str(data)},
    )
    lines: list[str] = []
    ready = threading.Event()

    def read() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            lines.append(line.split())
            ready.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    if not ready.wait(60):
        proc.kill()
        pytest.fail(f"crash child never started: {proc.stderr.read() if proc.stderr else ''}")
    time.sleep(delay)
    if proc.poll() is not None:
        pytest.fail(f"crash child died by itself: {proc.stderr.read() if proc.stderr else ''}")
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    reader.join(10)
    return lines  # type: ignore[return-value]


def check_after_kill(committed: dict[str, str], in_flight: str | None, data: Path) -> None:
    """Every reported submission is present and byte-identical; drafts are whole; file is sound."""
    store = open_store(resolve(data))
    try:
        assert store.startup_notice is None
        assert store.integrity_check() == "ok"
        for iid, sha in committed.items():
            assert digest(store.load_payload(iid)) == sha, iid
        if in_flight is not None and store.get_entry(in_flight) is not None:
            n = int(in_flight.rsplit("-", 1)[1])  # all or nothing: if there, it is whole
            assert digest(store.load_payload(in_flight)) == digest(payload_of(crash_submission(n)))
        for info in store.list_drafts():
            payload = store.get_draft(info.draft_id).payload
            assert hashlib.sha256(payload[:-32]).digest() == payload[-32:], info.draft_id
    finally:
        store.close()


def crash_run(kills: int, seed: int, folder: Path) -> Counter:
    """Kill the child `kills` times; a fresh database every EPOCH kills keeps checks quick."""
    rng = random.Random(seed)
    committed: dict[str, str] = {}
    counts: Counter = Counter()
    data = folder
    for k in range(kills):
        if k % EPOCH == 0:
            data = folder / f"db-{k // EPOCH}"
            committed = {}
        lines = run_child(rng.randrange(1 << 30), 1 + k * 100_000, rng.uniform(0.0, 0.3), data)
        assert lines[0][0] == "ready" and lines[0][1] == "2", "synchronous must be FULL (2)"
        for words in lines:
            if words[0] == "commit":
                committed[words[1]] = words[2]
        last = lines[-1]
        in_flight = last[1] if last[0] == "begin" else None
        counts["kills"] += 1
        counts[{"begin": "inside finalize", "save-begin": "inside autosave"}.get(
            last[0], "between operations")] += 1
        counts["finalized (reported)"] += sum(1 for w in lines if w[0] == "commit")
        counts["autosaves (reported)"] += sum(1 for w in lines if w[0] == "saved")
        counts["largest database checked (submissions)"] = max(
            counts["largest database checked (submissions)"], len(committed))
        check_after_kill(committed, in_flight, data)
    return counts


def report(counts: Counter) -> str:
    return ", ".join(f"{name}: {value}" for name, value in counts.items())


def test_crash_kills(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """30 SIGKILLs at random moments (the 200-kill run is the soak test): no reported work lost."""
    counts = crash_run(30, seed=20250309, folder=tmp_path)
    with capsys.disabled():
        print(f"\nstorage crash test: {report(counts)}")
    assert counts["kills"] == 30 and counts["finalized (reported)"] > 0


@pytest.mark.soak
@pytest.mark.skipif(not SOAK, reason="full size only with INCLUSION_SOAK=1 (make soak)")
def test_crash_kills_full_size_recorded(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """The full 200-kill run, its figures written to docs/RELIABILITY.md."""
    from tests.storage.reliability_doc import write_section

    started = time.monotonic()
    counts = crash_run(200, seed=20250310, folder=tmp_path)
    with capsys.disabled():
        print(f"\nstorage crash test (full): {report(counts)}")
    write_section(counts, time.monotonic() - started)
    assert counts["kills"] == 200
