"""Request handling for the loopback server: routes, OpenRosa checks, faults, auth challenges."""

from __future__ import annotations

import json
import re
import socket
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler
from typing import TYPE_CHECKING

from tests.sync.central_forms import NOT_ACCEPTING
from tests.sync.central_server import (
    INSTANCE_ID,
    Record,
    openrosa_message,
    parse_multipart,
    reset_connection,
    sha,
    slow,
)
from tests.sync.server_auth import challenge, check_auth

if TYPE_CHECKING:
    from tests.sync.central_server import CentralServer

KEY_PATH = re.compile(r"^/v1/key/([^/]+)/projects/(\d+)(/submission)?/?$")
PROJECT_PATH = re.compile(r"^/v1/projects/(\d+)(/submission)?/?$")
ONA_PATH = re.compile(r"^/[\w.-]+(/submission)?/?$")
PORTAL_PAGE = b"<!DOCTYPE html><html><body><h1>Welcome to Free WiFi</h1><form>Log in</form></body></html>"


class Handler(BaseHTTPRequestHandler):
    srv: CentralServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass  # quiet: tests read the records, not the log

    def setup(self) -> None:
        super().setup()
        # Real servers (nginx) send small answers at once; without this Nagle and the client's
        # delayed ACK add ~40 ms to every response on loopback.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def finish(self) -> None:
        try:
            super().finish()
        except (OSError, ValueError):
            pass  # the connection was reset on purpose

    def _reset(self) -> None:
        """RST now: the request files hold socket references, so close them first."""
        self.close_connection = True
        for f in (self.rfile, self.wfile):
            try:
                f.close()
            except OSError:
                pass
        reset_connection(self.connection)

    # -- answers ------------------------------------------------------------------------------
    def _send(self, status: int, body: bytes = b"", ctype: str = "text/xml", headers: dict | None = None) -> None:
        self.srv.count(status)
        self.send_response(status)
        if self.srv.config.mode != "json" and "html" not in ctype:  # login pages are not OpenRosa
            self.send_header("X-OpenRosa-Version", "1.0")
            self.send_header("X-OpenRosa-Accept-Content-Length", str(self.srv.config.max_bytes))
        self.send_header("Date", formatdate(usegmt=True))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        if status != 204:
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if body and self.command != "HEAD":
            self.wfile.write(body)

    def _error(self, status: int, message: str) -> None:
        if self.srv.config.mode == "json":
            self._send(status, json.dumps({"error": message}).encode(), "application/json")
        else:
            self._send(status, openrosa_message(message, "error"))

    def _read_body(self) -> bytes | None:
        length = int(self.headers.get("Content-Length") or 0)
        if length > self.srv.config.max_bytes:
            self.close_connection = True
            self._error(413, "Request entity too large")
            return None
        return self.rfile.read(length) if length else b""

    def _authorised(self, path: str) -> bool:
        """App-user token in the URL, or the configured scheme; answers 401/403 itself."""
        c = self.srv.config
        key = KEY_PATH.match(path)
        if key:
            if key.group(1) == c.app_token:
                return True
            self._error(403, "The authentication you provided is not valid.")
            return False
        given = self.headers.get("Authorization") or ""
        if c.https_only and given.lower().startswith("basic") and not c.tls:
            self._send(401, openrosa_message("This authentication method is only available over HTTPS", "error"))
            return False
        if check_auth(c.auth, self.headers.get("Authorization"), self.command, self.path,
                      c.user, c.password, c.token):
            return True
        offer = {"WWW-Authenticate": challenge(c.auth, "op-" + str(c.project))} if c.send_challenge else {}
        self._send(401, openrosa_message("Could not authenticate with the provided credentials.", "error"),
                   headers=offer)
        return False

    def _route(self) -> tuple[bool, bool]:
        """(known path, is a submission path) for this server's mode."""
        path = self.path.split("?", 1)[0]
        mode = self.srv.config.mode
        if mode == "json":
            return path.rstrip("/") == "/api/submissions", True
        if mode == "ona":
            m = ONA_PATH.match(path)
            return bool(m), bool(m and m.group(1))
        m = KEY_PATH.match(path) or PROJECT_PATH.match(path)
        return bool(m), bool(m and m.group(m.lastindex or 1) == "/submission")

    # -- verbs --------------------------------------------------------------------------------
    def handle_one_request(self) -> None:
        """A captive portal answers everything with its login page, whatever was asked."""
        if not self.srv.config.captive:
            super().handle_one_request()
            return
        self.raw_requestline = self.rfile.readline(65537)
        if not self.raw_requestline or not self.parse_request():
            self.close_connection = True
            return
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        self._send(200, PORTAL_PAGE, "text/html; charset=utf-8")

    def do_GET(self) -> None:
        if self.path.startswith("/login"):
            self._send(200, PORTAL_PAGE, "text/html; charset=utf-8")
            return
        route = self.srv.forms.route(self.path.split("?", 1)[0]) if self.srv.config.mode == "central" else None
        if route is None:
            self.do_HEAD()
            return
        if self.headers.get("X-OpenRosa-Version") != "1.0":
            self._error(400, "An expected header field (X-OpenRosa-Version) did not match the expected format.")
            return
        if self._authorised(self.path.split("?", 1)[0]):
            self._serve_forms(*route)

    def _serve_forms(self, kind: str, base: str, form_id: str, name: str) -> None:
        """Central's OpenRosa form list, form XML, manifest and attachment resources."""
        shelf = self.srv.forms
        if kind == "list":
            with shelf.lock:
                shelf.lists += 1
            self._send(200, shelf.form_list(self.srv.origin, base), "text/xml; charset=utf-8")
            return
        form = shelf.forms.get(form_id)
        if form is None or form.state != "open":
            self._error(404, "Could not find the resource you were looking for.")
            return
        if kind == "manifest":
            self._send(200, shelf.manifest(self.srv.origin, base, form_id) or b"", "text/xml; charset=utf-8")
            return
        if kind == "media" and name not in form.media:
            self._error(404, "Could not find the resource you were looking for.")
            return
        if shelf.count_download(f"form:{form_id}" if kind == "xml" else f"media:{form_id}/{name}"):
            self._reset()  # the server goes down halfway through the pull
            return
        if kind == "xml":
            self._send(200, form.xml, "application/xml")
        else:
            self._send(200, form.media[name], "application/octet-stream")

    def do_HEAD(self) -> None:
        with self.srv.lock:
            self.srv.heads += 1
        known, _ = self._route()
        if not known:
            self._error(404, "Not found")
            return
        if self.srv.config.mode != "json" and self.headers.get("X-OpenRosa-Version") != "1.0":
            self._error(400, "An expected header field (X-OpenRosa-Version) did not match the expected format.")
            return
        if self._authorised(self.path.split("?", 1)[0]):
            self._send(204)

    def do_POST(self) -> None:
        with self.srv.lock:
            self.srv.in_flight += 1
            self.srv.max_in_flight = max(self.srv.max_in_flight, self.srv.in_flight)
        try:
            if self.srv.config.delay:
                slow(self.srv.config.delay)
            self._post()
        finally:
            with self.srv.lock:
                self.srv.in_flight -= 1

    def _post(self) -> None:
        body = self._read_body()
        if body is None:
            return
        known, submission = self._route()
        if not known or not submission:
            self._error(404, "Not found")
            return
        if self.srv.config.mode == "json":
            self._post_json(body)
            return
        if self.headers.get("X-OpenRosa-Version") != "1.0":
            self._error(400, "An expected header field (X-OpenRosa-Version) did not match the expected format.")
            return
        if not self._authorised(self.path.split("?", 1)[0]):
            return
        parts = parse_multipart(self.headers.get("Content-Type", ""), body)
        xml = (parts or {}).get("xml_submission_file")
        found = INSTANCE_ID.search(xml) if xml else None
        rec = Record(found.group(1).decode() if found else None, sha(body), sha(xml) if xml else None)
        with self.srv.lock:
            self.srv.posts.append(rec)
        if xml is None:
            rec.status = 400
            self._error(400, "Required multipart POST field xml_submission_file missing.")
            return
        if found is None:
            rec.status = 400
            self._error(400, "A submission's XML needs a meta/instanceID.")
            return
        rec.fault = self.srv.next_fault()
        if self._fault_before(rec.fault):
            return
        if not self.srv.forms.accepts(xml):
            rec.status = 409
            self._error(409, NOT_ACCEPTING)
            return
        files = {k: v for k, v in parts.items() if k != "xml_submission_file"}
        rec.status = self.srv.store_xml(rec.instance_id, xml, files)
        if rec.fault == "reset_after":
            self._reset()
            return
        if rec.status == 409:
            self._error(409, "A submission already exists with this ID, but with different XML. "
                             "Resubmissions to attach additional multimedia must resubmit an identical xml_submission_file.")
        elif rec.status == 202:
            self._send(202, openrosa_message("Duplicate submission"))
        else:
            self._send(201, openrosa_message("full submission upload was successful!"))

    def _fault_before(self, fault: str | None) -> bool:
        """Apply a fault that happens before storing; True when the request was answered."""
        if fault == "500":
            self._error(500, "Internal Server Error")
        elif fault == "reset_before":
            self._reset()
        elif fault == "portal":
            self._send(200, PORTAL_PAGE, "text/html; charset=utf-8")
        elif fault == "redirect":
            self._send(302, b"", "text/html", headers={"Location": f"{self.srv.origin}/login"})
        elif fault == "slow":
            slow(self.srv.config.slow_seconds)
            return False  # a slow server still stores: the client's timeout is the hard case
        else:
            return False
        return True

    def _post_json(self, body: bytes) -> None:
        c = self.srv.config
        if not check_auth(c.auth, self.headers.get("Authorization"), "POST", self.path,
                          c.user, c.password, c.token):
            self._send(401, b'{"error": "unauthorised"}', "application/json",
                       headers={"WWW-Authenticate": challenge(c.auth, "json")})
            return
        key = self.headers.get("Idempotency-Key")
        rec = Record(key, sha(body), None)
        with self.srv.lock:
            self.srv.posts.append(rec)
        if not key:
            rec.status = 400
            self._error(400, "Idempotency-Key header is required")
            return
        try:
            json.loads(body)
        except ValueError:
            rec.status = 400
            self._error(400, "Body is not JSON")
            return
        rec.fault = self.srv.next_fault()
        if self._fault_before(rec.fault):
            return
        with self.srv.lock:
            extant = self.srv.json_stored.setdefault(key, body)
            if extant is body:
                self.srv.store_count[key] = self.srv.store_count.get(key, 0) + 1
        rec.status = 201 if extant is body else (200 if extant == body else 422)
        if rec.fault == "reset_after":
            self._reset()
            return
        self._send(rec.status, json.dumps({"id": key}).encode(), "application/json")
