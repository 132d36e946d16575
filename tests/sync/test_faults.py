"""Fault injection: uploads while the server fails at random must still arrive exactly once.

100 submissions by default, 500 with INCLUSION_SOAK=1 (`make soak`; marked `soak` so it runs
there at full size, and in `make test` at the reduced size). Faults: 500s, resets
before and after the server stores, slow answers past the client's timeout (the server still
stores), Wi-Fi login pages and redirects to them. The counts are printed for the report.
"""

from __future__ import annotations

import os

import pytest

from inclusion_app.storage.api import State
from inclusion_app.sync.targets import make_target
from tests.sync.helpers import fill, uploader_for

SOAK = os.environ.get("INCLUSION_SOAK") == "1"


def _size(default: int, soak: int) -> int:
    return soak if SOAK else default


def _check_exactly_once(srv, store, ids: list[str], label: str) -> None:
    faults: dict[str, int] = {}
    for rec in srv.posts:
        faults[rec.fault or "none"] = faults.get(rec.fault or "none", 0) + 1
    print(f"\n{label}: {len(ids)} submissions, {len(srv.posts)} POSTs, faults {faults}, "
          f"answers {dict(sorted(srv.answers.items()))}")
    stored = srv.json_stored if srv.config.mode == "json" else srv.stored
    assert set(stored) == set(ids), "every submission is on the server"
    assert all(srv.store_count[i] == 1 for i in ids), "none was stored twice"
    assert srv.repeated_posts_identical(), "every repeated POST was byte-identical"
    assert srv.answers.get(409, 0) == 0 and srv.answers.get(422, 0) == 0, "no conflict ever"
    assert {e.state for e in store.list_outbox()} == {State.SENT}, "the outbox shows all delivered"
    assert sum(faults.values()) - faults.get("none", 0) > 0, "faults were really injected"


def _run_until_done(up, rounds: int = 5):
    """Like a volunteer pressing "Upload now" again if the first run left anything behind."""
    total = 0
    for _ in range(rounds):
        report = up.run()
        total += report.delivered
        if report.ok:
            break
    return total


@pytest.mark.soak
@pytest.mark.parametrize("mode", ["central", "ona"])
def test_openrosa_faults_exactly_once(serve, sqlite_store, mode: str) -> None:
    """Central and Ona under random faults: each held once, resends identical, all SENT."""
    n = _size(100, 500)
    srv = serve(mode=mode, fault_rate=0.35, slow_seconds=0.4, seed=n)
    url = srv.url if mode == "central" else f"{srv.origin}/someuser"
    ids = fill(sqlite_store, n)
    up = uploader_for(sqlite_store, make_target("c", url), timeout=0.25, tries=12)
    assert _run_until_done(up) == n
    _check_exactly_once(srv, sqlite_store, ids, f"{mode} fault injection")


@pytest.mark.soak
def test_json_faults_exactly_once(serve, sqlite_store) -> None:
    """The JSON endpoint under the same faults: Idempotency-Key keeps it exactly once."""
    n = _size(50, 250)
    srv = serve(mode="json", auth="bearer", fault_rate=0.35, slow_seconds=0.4, seed=7)
    ids = fill(sqlite_store, n)
    target = make_target("j", srv.url, kind="json", auth="token")
    up = uploader_for(sqlite_store, target, "tok-123", timeout=0.25, tries=12)
    assert _run_until_done(up) == n
    _check_exactly_once(srv, sqlite_store, ids, "json fault injection")


@pytest.mark.soak
def test_soak_digest_faults_exactly_once(serve, sqlite_store) -> None:
    """Soak: 500 submissions to a Digest-protected project URL under faults."""
    if not SOAK:
        pytest.skip("INCLUSION_SOAK=1 runs the full-size soak")
    srv = serve(auth="digest", fault_rate=0.35, slow_seconds=0.4, seed=3)
    ids = fill(sqlite_store, 500)
    target = make_target("c", srv.url, auth="password", user="collector")
    up = uploader_for(sqlite_store, target, "s3cret", timeout=0.25, tries=12)
    assert _run_until_done(up) == 500
    _check_exactly_once(srv, sqlite_store, ids, "digest soak")
