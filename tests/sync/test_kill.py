"""Kill the uploading process at random moments (SIGKILL) and restart: still exactly once.

10 kills by default, 50 with INCLUSION_SOAK=1. The command line's `outbox upload` runs in a real
child process on the real SQLite store; the loopback server is slow and faulty on purpose so
kills land mid-POST, between the server storing a submission and the store recording it.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time

import pytest

from inclusion_app import paths
from inclusion_app.cli import main
from inclusion_app.storage.api import State
from inclusion_app.storage.factory import open_store
from tests.sync.helpers import make_submission

SOAK = os.environ.get("INCLUSION_SOAK") == "1"
UPLOAD = [sys.executable, "-m", "inclusion_app", "outbox", "upload", "--timeout", "0.3"]


@pytest.mark.soak
@pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")
def test_sigkill_during_upload_still_exactly_once(serve, capsys, monkeypatch) -> None:
    """After random SIGKILLs and a final run, the server holds each submission exactly once."""
    # The app-user key is a secret: parent and children must share the encrypted credentials
    # file, whatever keyring backend an earlier test left loaded in this process.
    monkeypatch.setenv("INCLUSION_APP_KEYRING", "off")
    kills = 50 if SOAK else 10
    count = 60 * kills  # about what one run sends before its kill, so most kills land mid-run
    srv = serve(delay=0.03, fault_rate=0.15, slow_seconds=0.4, faults=("500", "reset_after", "slow"))
    store = open_store(paths.resolve().ensure())
    ids = [store.finalize(make_submission(i)).instance_id for i in range(count)]
    store.close()
    assert main(["targets", "add", "central", srv.url]) == 0
    rng = random.Random(kills)
    mid_post = killed = 0
    for _ in range(kills):
        child = subprocess.Popen(UPLOAD, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.6, 1.8))  # start-up takes ~0.5 s; then uploads are under way
        mid_post += srv.in_flight > 0
        killed += child.poll() is None
        child.send_signal(signal.SIGKILL)
        child.wait(10)
    capsys.readouterr()
    # The network has recovered: the last run meets no injected faults, so it must deliver
    # everything (with faults still on, one submission could use up its tries: a flaky test).
    srv.config.fault_rate = 0.0
    final = subprocess.run(UPLOAD, capture_output=True, text=True, timeout=120)
    assert final.stdout.strip().splitlines()[-1].startswith("delivered ")
    assert final.returncode == 0, final.stderr
    store = open_store(paths.resolve().ensure())
    try:
        assert {e.state for e in store.list_outbox()} == {State.SENT}
    finally:
        store.close()
    print(f"\nkill test: {killed} SIGKILLs ({mid_post} with POSTs in flight), {count} submissions, "
          f"{len(srv.posts)} POSTs, answers {dict(sorted(srv.answers.items()))}")
    assert set(srv.stored) == set(ids) and all(srv.store_count[i] == 1 for i in ids)
    assert srv.repeated_posts_identical() and srv.answers.get(409, 0) == 0
    assert killed >= kills // 2 and mid_post > 0, "kills really landed while uploads ran"
