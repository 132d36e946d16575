"""The loopback server itself behaves as ODK Central's docs and integration tests describe."""

from __future__ import annotations

import httpx

from tests.sync.central_server import CentralServer
from tests.sync.helpers import make_submission

OR = {"X-OpenRosa-Version": "1.0"}


def _files(xml: bytes, **extra: bytes) -> list:
    files = [("xml_submission_file", ("submission.xml", xml, "text/xml"))]
    files += [(name, (name, data, "application/octet-stream")) for name, data in extra.items()]
    return files


def _sub_url(srv: CentralServer) -> str:
    return srv.url + "/submission"


def test_head_answers_204_with_openrosa_headers(serve) -> None:
    """HEAD /submission and the project URL answer 204 with the OpenRosa headers."""
    srv = serve()
    for url in (_sub_url(srv), srv.url):
        r = httpx.head(url, headers=OR)
        assert r.status_code == 204
        assert r.headers["X-OpenRosa-Version"] == "1.0"
        assert int(r.headers["X-OpenRosa-Accept-Content-Length"]) > 0


def test_post_without_openrosa_version_is_400(serve) -> None:
    """A POST without X-OpenRosa-Version is refused with 400, as Central does."""
    srv = serve()
    r = httpx.post(_sub_url(srv), files=_files(make_submission().xml))
    assert r.status_code == 400
    assert not srv.stored


def test_post_without_xml_part_is_400(serve) -> None:
    """A POST without the xml_submission_file part is refused with 400."""
    srv = serve()
    r = httpx.post(_sub_url(srv), headers=OR, files=[("other", ("a.txt", b"x", "text/plain"))])
    assert r.status_code == 400
    assert "xml_submission_file" in r.text


def test_new_identical_and_changed_submissions(serve) -> None:
    """New -> 201 OpenRosaResponse; identical resend -> 201; changed bytes, same ID -> 409."""
    srv = serve()
    sub = make_submission()
    first = httpx.post(_sub_url(srv), headers=OR, files=_files(sub.xml))
    assert first.status_code == 201
    assert 'xmlns="http://openrosa.org/http/response"' in first.text and "<message" in first.text
    assert httpx.post(_sub_url(srv), headers=OR, files=_files(sub.xml)).status_code == 201
    changed = sub.xml.replace(b"<note></note>", b"<note>x</note>")
    assert httpx.post(_sub_url(srv), headers=OR, files=_files(changed)).status_code == 409
    assert srv.stored[sub.instance_id] == sub.xml and srv.store_count[sub.instance_id] == 1


def test_basic_challenge_and_wrong_password(serve) -> None:
    """Project URLs challenge with Basic; the right password stores, a wrong one does not."""
    srv = serve(auth="basic")
    sub = make_submission()
    r = httpx.post(_sub_url(srv), headers=OR, files=_files(sub.xml))
    assert r.status_code == 401 and r.headers["WWW-Authenticate"].startswith("Basic")
    bad = httpx.post(_sub_url(srv), headers=OR, files=_files(sub.xml), auth=("collector", "nope"))
    assert bad.status_code == 401 and not srv.stored
    good = httpx.post(_sub_url(srv), headers=OR, files=_files(sub.xml), auth=("collector", "s3cret"))
    assert good.status_code == 201


def test_digest_challenge(serve) -> None:
    """Digest servers send a Digest challenge that httpx's DigestAuth can answer."""
    srv = serve(auth="digest")
    r = httpx.head(_sub_url(srv), headers=OR)
    assert r.status_code == 401 and r.headers["WWW-Authenticate"].startswith("Digest")
    sub = make_submission()
    ok = httpx.post(_sub_url(srv), headers=OR, files=_files(sub.xml),
                    auth=httpx.DigestAuth("collector", "s3cret"))
    assert ok.status_code == 201 and sub.instance_id in srv.stored


def test_wrong_app_user_token_is_403(serve) -> None:
    """A wrong token in /v1/key/<token>/... is refused with 403, as Central does."""
    srv = serve()
    r = httpx.head(f"{srv.origin}/v1/key/WRONG/projects/1/submission", headers=OR)
    assert r.status_code == 403


def test_over_the_size_limit_is_413(serve) -> None:
    """A body over the server's limit is answered 413 and not stored."""
    srv = serve(max_bytes=2000)
    sub = make_submission(extra="x" * 5000)
    r = httpx.post(_sub_url(srv), headers=OR, files=_files(sub.xml))
    assert r.status_code == 413 and not srv.stored


def test_ona_mode_answers_202_duplicate(serve) -> None:
    """Ona answers an identical resend with 202 "Duplicate submission"."""
    srv = serve(mode="ona")
    url = f"{srv.origin}/someuser/submission"
    sub = make_submission()
    assert httpx.post(url, headers=OR, files=_files(sub.xml)).status_code == 201
    again = httpx.post(url, headers=OR, files=_files(sub.xml))
    assert again.status_code == 202 and "Duplicate submission" in again.text


def test_json_endpoint_needs_key_and_bearer(serve) -> None:
    """The JSON endpoint wants a bearer token and an Idempotency-Key; a replay answers 200."""
    srv = serve(mode="json", auth="bearer")
    body = b'{"a": 1}'
    assert httpx.post(srv.url, content=body).status_code == 401
    auth = {"Authorization": "Bearer tok-123"}
    assert httpx.post(srv.url, content=body, headers=auth).status_code == 400
    headers = {**auth, "Idempotency-Key": "uuid:1"}
    assert httpx.post(srv.url, content=body, headers=headers).status_code == 201
    assert httpx.post(srv.url, content=body, headers=headers).status_code == 200
    assert httpx.post(srv.url, content=b'{"a": 2}', headers=headers).status_code == 422
    assert srv.store_count == {"uuid:1": 1}


def test_faults_are_injected_in_order(serve) -> None:
    """Scheduled faults: 500 and a login page do not store; a reset after storing does."""
    srv = serve(schedule=["500", "portal", "redirect", "reset_after"])
    sub = make_submission()
    send = lambda: httpx.post(_sub_url(srv), headers=OR, files=_files(sub.xml))  # noqa: E731
    assert send().status_code == 500
    portal = send()
    assert portal.status_code == 200 and "html" in portal.headers["content-type"]
    assert send().status_code == 302
    assert not srv.stored
    try:
        send()
        raised = False
    except httpx.HTTPError:
        raised = True
    assert raised and srv.stored[sub.instance_id] == sub.xml
    assert send().status_code == 201
