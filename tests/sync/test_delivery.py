"""The uploader against the loopback server: every rule of the issue, on both stores."""

from __future__ import annotations

import base64
import threading

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from inclusion_app.storage.api import State
from inclusion_app.sync.targets import make_target
from tests.sync.helpers import fill, make_submission, uploader_for


def _states(store) -> dict[State, int]:
    counts: dict[State, int] = {}
    for e in store.list_outbox():
        counts[e.state] = counts.get(e.state, 0) + 1
    return counts


def test_delivers_every_submission_once_in_parallel(serve, store) -> None:
    """All queued submissions arrive once, several at a time, and are marked SENT with a receipt."""
    srv = serve(delay=0.05)
    ids = fill(store, 12)
    seen: list[tuple[int, int]] = []
    up = uploader_for(store, make_target("c", srv.url), progress=lambda d, t: seen.append((d, t)))
    report = up.run()
    assert report.line() == "delivered 12, failed 0, waiting 0" and report.ok
    assert set(srv.stored) == set(ids) and set(srv.store_count.values()) == {1}
    assert srv.max_in_flight >= 2
    entry = store.get_entry(ids[0])
    assert entry.state is State.SENT and entry.target == "c" and "201" in entry.server_response
    assert seen[0] == (0, 12) and seen[-1] == (12, 12)
    assert [d for d, _t in seen] == sorted(d for d, _t in seen)


def test_password_targets_with_basic_and_digest(serve, store) -> None:
    """Basic and Digest project URLs both work with the volunteer's user and password."""
    for scheme in ("basic", "digest"):
        srv = serve(auth=scheme)
        ids = fill(store, 3)
        target = make_target(scheme, srv.url, auth="password", user="collector")
        report = uploader_for(store, target, "s3cret").run()
        assert report.delivered == 3 and set(srv.stored) == set(ids)


def test_central_bare_401_gets_basic(serve, store) -> None:
    """Central's 401 carries no challenge; the uploader answers it with Basic and delivers."""
    srv = serve(auth="basic", send_challenge=False)
    ids = fill(store, 2)
    target = make_target("c", srv.url, auth="password", user="collector")
    assert uploader_for(store, target, "s3cret").run().delivered == 2
    assert set(srv.stored) == set(ids)


def test_wrong_password_keeps_everything_queued(serve, store) -> None:
    """A refused password: nothing set aside, nothing lost, a plain message for the target."""
    srv = serve(auth="basic")
    fill(store, 4)
    report = uploader_for(store, make_target("c", srv.url, auth="password", user="collector"), "bad").run()
    assert report.delivered == 0 and report.waiting == 4 and not report.ok
    assert "password" in report.notes["c"]
    assert State.SET_ASIDE not in _states(store) and not srv.stored


def test_one_conflict_and_one_too_large_do_not_block_the_rest(serve, store) -> None:
    """409 and 413 set that one submission aside with words; the others are delivered."""
    srv = serve(max_bytes=4000)
    ids = fill(store, 5)
    big = store.finalize(make_submission(extra="y" * 6000)).instance_id
    srv.stored[ids[2]] = b"<different/>"  # another device already sent other bytes under this ID
    srv.attachments[ids[2]] = {}
    report = uploader_for(store, make_target("c", srv.url)).run()
    assert report.delivered == 4 and report.failed == 2
    conflict, large = store.get_entry(ids[2]), store.get_entry(big)
    assert conflict.state is State.SET_ASIDE and "different submission" in conflict.last_error
    assert large.state is State.SET_ASIDE and "too large" in large.last_error


def test_server_errors_back_off_per_submission(serve, store) -> None:
    """Persistent 500s: FAILED with a future next_attempt_at; background runs wait for it."""
    srv = serve(fault_rate=1.0, faults=("500",))
    ids = fill(store, 2)
    up = uploader_for(store, make_target("c", srv.url), tries=3, clock=lambda: 1000.0)
    report = up.run()
    assert report.failed == 2 and report.line().startswith("delivered 0, failed 2")
    entry = store.get_entry(ids[0])
    assert entry.state is State.FAILED and entry.attempts == 3 and entry.next_attempt_at > 1000.0
    assert "error 500" in entry.last_error
    srv.config.fault_rate = 0.0
    background = up.run(explicit=False)
    assert background.delivered == 0 and background.waiting == 2
    assert up.run(explicit=True).delivered == 2


def test_captive_portal_sends_nothing(serve, store) -> None:
    """Behind a Wi-Fi login page no POST is made; the entries wait, with the portal message."""
    srv = serve(captive=True)
    fill(store, 3)
    report = uploader_for(store, make_target("c", srv.url)).run()
    assert report.waiting == 3 and "login page" in report.notes["c"]
    assert not srv.posts and _states(store) == {State.QUEUED: 3}


def test_cancel_stops_between_sends_and_resumes(serve, store) -> None:
    """Cancelling stops new sends; the next run delivers the rest, nothing twice."""
    srv = serve(delay=0.02)
    ids = fill(store, 20)
    cancel = threading.Event()
    up = uploader_for(store, make_target("c", srv.url), workers=2, cancel=cancel,
                      progress=lambda d, t: cancel.set() if d >= 5 else None)
    first = up.run()
    assert first.cancelled and 5 <= first.delivered < 20 and first.waiting == 20 - first.delivered
    cancel.clear()
    up.progress = lambda d, t: None
    second = up.run()
    assert first.delivered + second.delivered == 20
    assert set(srv.stored) == set(ids) and set(srv.store_count.values()) == {1}


def test_entry_left_sending_by_a_crash_is_sent_again_once(serve, store) -> None:
    """A crash after the server stored it leaves SENDING; the rerun gets 201 and stores nothing new."""
    srv = serve()
    sub = make_submission()
    store.finalize(sub)
    uploader_for(store, make_target("c", srv.url)).run()
    srv_copy = dict(srv.stored)
    store.requeue(sub.instance_id)
    store.mark_sending(sub.instance_id)  # as if killed mid-POST
    report = uploader_for(store, make_target("c", srv.url)).run()
    assert report.delivered == 1 and srv.stored == srv_copy and srv.store_count[sub.instance_id] == 1
    assert srv.repeated_posts_identical()


def _public_key() -> str:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    der = key.public_key().public_bytes(serialization.Encoding.DER,
                                        serialization.PublicFormat.SubjectPublicKeyInfo)
    return base64.b64encode(der).decode()


def test_encrypted_forms_go_to_openrosa_never_to_json(serve, store) -> None:
    """A JSON target refuses ODK-encrypted entries; an OpenRosa target gets the .enc parts."""
    json_srv = serve(mode="json", auth="bearer")
    sub = make_submission(public_key=_public_key())
    store.finalize(sub)
    plain = fill(store, 1)[0]
    report = uploader_for(store, make_target("j", json_srv.url, kind="json", auth="token"), "tok-123").run()
    assert report.delivered == 1 and report.failed == 1
    assert list(json_srv.json_stored) == [plain]
    assert "encrypted" in store.get_entry(sub.instance_id).last_error
    store.requeue(sub.instance_id)
    srv = serve()
    uploader_for(store, make_target("c", srv.url)).run()
    assert "submission.xml.enc" in srv.attachments[sub.instance_id]
    assert b"encrypted" in srv.stored[sub.instance_id]


def test_json_target_uses_idempotency_key(serve, store) -> None:
    """JSON delivery survives a reset after storing: the replayed key is answered, stored once."""
    srv = serve(mode="json", auth="bearer", schedule=["reset_after", "500"])
    ids = fill(store, 3)
    report = uploader_for(store, make_target("j", srv.url, kind="json", auth="token"), "tok-123",
                          workers=1).run()
    assert report.delivered == 3 and set(srv.json_stored) == set(ids)
    assert set(srv.store_count.values()) == {1} and srv.repeated_posts_identical()


def test_no_target_means_waiting_with_a_message(store) -> None:
    """Without any configured target nothing is tried and the report says why."""
    from inclusion_app.sync.channel import ChannelFactory
    from inclusion_app.sync.delivery import Uploader
    from inclusion_app.sync.targets import TargetBook

    fill(store, 2)
    report = Uploader(store, TargetBook([]), ChannelFactory(lambda n: None)).run()
    assert report.line() == "delivered 0, failed 0, waiting 2" and "No server" in report.notes[""]


def test_tls_is_verified_and_a_custom_ca_file_is_honoured(serve, store, tmp_path) -> None:
    """An https server with an unknown CA is never trusted; with --ca-file it is."""
    from tests.sync.tls_certs import make_certs

    ca, cert, key = make_certs(tmp_path)
    srv = serve(tls=(str(cert), str(key)))
    assert srv.url.startswith("https://127.0.0.1:")
    ids = fill(store, 2)
    untrusted = uploader_for(store, make_target("c", srv.url)).run()
    assert untrusted.delivered == 0 and "certificate" in untrusted.notes["c"]
    assert not srv.posts and not srv.stored
    trusted = uploader_for(store, make_target("c", srv.url, ca_file=str(ca))).run()
    assert trusted.delivered == 2 and set(srv.stored) == set(ids)


def test_unexpected_error_in_a_worker_is_retried_not_lost(serve, store, monkeypatch) -> None:
    """A bug-like exception while sending leaves the entry queued for a retry, never SENDING."""
    import inclusion_app.sync.channel as channel_mod

    real = channel_mod.post_submission
    calls = {"n": 0}

    def flaky(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 1:
            raise RuntimeError("unexpected")
        return real(*args, **kwargs)

    monkeypatch.setattr(channel_mod, "post_submission", flaky)
    srv = serve()
    ids = fill(store, 1)
    report = uploader_for(store, make_target("c", srv.url), workers=1).run()
    assert report.delivered == 1 and calls["n"] == 2 and set(srv.stored) == set(ids)
    assert store.get_entry(ids[0]).state is State.SENT
