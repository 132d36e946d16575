"""Addresses as typed into ODK Collect, the byte-identical multipart body, and judging answers."""

from __future__ import annotations

import pytest

from inclusion_app.storage.api import Payload
from inclusion_app.sync.auth import ChallengeAuth
from inclusion_app.sync.openrosa import make_client, multipart_body, post_submission
from inclusion_app.sync.outcome import Kind
from inclusion_app.sync.targets import TargetError, check_url, make_target
from tests.sync.central_server import parse_multipart
from tests.sync.helpers import make_submission


@pytest.mark.parametrize(("typed", "expected"), [
    ("https://c.example.org/v1/key/TOK/projects/3", "https://c.example.org/v1/key/TOK/projects/3/submission"),
    ("https://c.example.org/v1/projects/3/", "https://c.example.org/v1/projects/3/submission"),
    ("https://kc.kobotoolbox.org/someuser", "https://kc.kobotoolbox.org/someuser/submission"),
    ("https://api.ona.io/someuser/submission", "https://api.ona.io/someuser/submission"),
])
def test_submission_url_is_appended_as_collect_does(typed: str, expected: str) -> None:
    """`/submission` is appended to the typed server address (once)."""
    assert make_target("t", typed).submission_url() == expected


def test_form_submission_url_wins() -> None:
    """A form's own submission_url replaces the target's address."""
    t = make_target("t", "https://c.example.org/v1/projects/3")
    assert t.submission_url("https://other.example.org/x/submission") == "https://other.example.org/x/submission"


def test_plain_http_refused_except_loopback_or_allowed() -> None:
    """Plain http is refused for real servers, allowed for this computer or with allow_insecure."""
    with pytest.raises(TargetError, match="https"):
        check_url("http://central.example.org/v1/projects/1")
    assert check_url("http://127.0.0.1:8080/v1/projects/1")
    assert check_url("http://localhost/x")
    assert check_url("http://10.0.0.5/x", allow_insecure=True)
    with pytest.raises(TargetError, match="https"):
        make_target("t", "http://central.example.org/v1/projects/1").submission_url(
            "http://evil.example.org/submission")


def test_bad_addresses_and_names_get_plain_messages() -> None:
    """Passwords in the address, missing hosts and odd names are refused in words."""
    with pytest.raises(TargetError, match="user name or password"):
        check_url("https://user:pw@c.example.org/")
    with pytest.raises(TargetError, match="https://"):
        check_url("c.example.org")
    with pytest.raises(TargetError, match="name"):
        make_target("two words", "https://c.example.org")
    with pytest.raises(TargetError, match="--user"):
        make_target("t", "https://c.example.org", auth="password")


def test_multipart_body_is_identical_every_time_and_parses() -> None:
    """The body for one stored payload is byte-identical on every build and carries every part."""
    sub = make_submission()
    payload = Payload(sub.xml, sub.json, {"photo.jpg": b"\xff\xd8jpeg", "b.txt": b"--inclusion-x"})
    body1, ctype1 = multipart_body(sub.instance_id, payload)
    body2, ctype2 = multipart_body(sub.instance_id, payload)
    assert (body1, ctype1) == (body2, ctype2)
    parts = parse_multipart(ctype1, body1)
    assert parts == {"xml_submission_file": sub.xml, "photo.jpg": b"\xff\xd8jpeg", "b.txt": b"--inclusion-x"}


def _post(srv, payload: Payload, iid: str, auth=None, timeout: float = 5.0):
    target = make_target("t", srv.url)
    with make_client(timeout=timeout) as client:
        return post_submission(client, target.submission_url(), iid, payload, auth)


@pytest.mark.parametrize(("fault", "kind", "words"), [
    ("portal", Kind.RETRY, "login page"),
    ("redirect", Kind.RETRY, "login page"),
    ("500", Kind.RETRY, "error 500"),
    ("reset_before", Kind.RETRY, "cut off"),
    ("slow", Kind.RETRY, "too long"),
])
def test_passing_trouble_is_retried_later(serve, fault: str, kind: Kind, words: str) -> None:
    """Login pages, redirects, 500s, resets and timeouts are never success; they mean "later"."""
    srv = serve(schedule=[fault], slow_seconds=1.0)
    sub = make_submission()
    outcome = _post(srv, Payload(sub.xml, sub.json), sub.instance_id, timeout=0.3)
    assert outcome.kind is kind and words in outcome.message


def test_identical_resend_after_reset_is_delivered(serve) -> None:
    """A reset after the server stored it, then the resend: 201, stored once."""
    srv = serve(schedule=["reset_after"])
    sub = make_submission()
    payload = Payload(sub.xml, sub.json)
    assert _post(srv, payload, sub.instance_id).kind is Kind.RETRY
    again = _post(srv, payload, sub.instance_id)
    assert again.kind is Kind.DELIVERED and again.status == 201
    assert srv.store_count[sub.instance_id] == 1 and srv.repeated_posts_identical()


def test_conflict_and_too_large_are_set_aside(serve) -> None:
    """409 (different bytes, same instanceID) and 413 are set aside with plain words."""
    srv = serve(max_bytes=3000)
    sub = make_submission()
    srv.stored[sub.instance_id] = b"<other/>"
    srv.attachments[sub.instance_id] = {}
    conflict = _post(srv, Payload(sub.xml, sub.json), sub.instance_id)
    assert conflict.kind is Kind.SET_ASIDE and "different submission" in conflict.message
    big = make_submission(extra="x" * 5000)
    too_large = _post(srv, Payload(big.xml, big.json), big.instance_id)
    assert too_large.kind is Kind.SET_ASIDE and "too large" in too_large.message


def test_wrong_password_blocks_target(serve) -> None:
    """A refused password blocks the target (kept queued), it does not set submissions aside."""
    srv = serve(auth="digest")
    sub = make_submission()
    outcome = _post(srv, Payload(sub.xml, sub.json), sub.instance_id, ChallengeAuth("collector", "bad"))
    assert outcome.kind is Kind.BLOCKED and "password" in outcome.message
    ok = _post(srv, Payload(sub.xml, sub.json), sub.instance_id, ChallengeAuth("collector", "s3cret"))
    assert ok.kind is Kind.DELIVERED
