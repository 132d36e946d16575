"""A loopback OpenRosa server that behaves like ODK Central (and Ona, and a JSON endpoint).

Built from Central's documentation and its integration tests (test/integration/api/submissions.js):
HEAD answers 204 with X-OpenRosa-Version, a POST needs `X-OpenRosa-Version: 1.0` and an
`xml_submission_file` part (400 otherwise), a new instanceID answers 201, an identical resend
201 again, changed bytes under the same instanceID 409. Faults can be injected per POST so the
uploader's exactly-once promise can be checked against resets, 500s, timeouts and login pages.
Every POST body that reaches the handler is recorded, so tests can assert resends were identical.
The forms it offers (formList, form download, manifest, attachments) are in central_forms.py.
"""

from __future__ import annotations

import hashlib
import random
import re
import socket
import ssl
import struct
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

OPENROSA_NS = "http://openrosa.org/http/response"
INSTANCE_ID = re.compile(rb"<(?:[\w-]+:)?instanceID>\s*([^<\s]+)\s*</(?:[\w-]+:)?instanceID>")
FAULTS = ("500", "reset_before", "reset_after", "slow", "portal", "redirect")


def openrosa_message(message: str, nature: str = "") -> bytes:
    """The XML body Central wraps every OpenRosa answer in."""
    return (
        f'<OpenRosaResponse xmlns="{OPENROSA_NS}" items="0">'
        f'<message nature="{nature}">{message}</message></OpenRosaResponse>'
    ).encode()


@dataclass
class ServerConfig:
    mode: str = "central"  # "central" | "ona" | "json"
    auth: str = "none"  # "none" | "basic" | "digest" | "bearer"
    user: str = "collector"
    password: str = "s3cret"
    token: str = "tok-123"  # bearer token (JSON mode)
    app_token: str = "KEY123"  # the app-user token in /v1/key/<token>/projects/<id>
    project: int = 1
    max_bytes: int = 100_000_000
    fault_rate: float = 0.0  # chance that a POST meets one of `faults`
    faults: tuple[str, ...] = FAULTS
    slow_seconds: float = 1.0
    seed: int = 0
    schedule: list[str | None] = field(default_factory=list)  # forced faults, consumed first
    captive: bool = False  # a Wi-Fi login page answers every request, HEAD included
    tls: tuple[str, str] | None = None  # (certificate chain PEM, key PEM): serve https
    send_challenge: bool = True  # False: a bare 401 with no WWW-Authenticate, as Central answers
    delay: float = 0.0  # seconds every POST takes (kill tests need uploads in progress)
    https_only: bool = False  # Central: Basic over plain http -> 401.3 "only available over HTTPS"


@dataclass
class Record:
    """One POST that reached the handler: what it carried and what it was answered."""

    instance_id: str | None
    body_sha: str
    xml_sha: str | None
    status: int = 0
    fault: str | None = None


class CentralServer:
    """Start with `with CentralServer(config) as srv:`; `srv.url` is the app-user project URL."""

    def __init__(self, config: ServerConfig | None = None) -> None:
        self.config = config or ServerConfig()
        self.lock = threading.Lock()
        self.stored: dict[str, bytes] = {}  # instanceID -> the XML it was first stored with
        self.store_count: dict[str, int] = {}  # how many times a *new* row was created
        self.attachments: dict[str, dict[str, bytes]] = {}
        self.json_stored: dict[str, bytes] = {}
        self.posts: list[Record] = []
        self.heads = 0
        self.in_flight = 0
        self.max_in_flight = 0  # the most POSTs handled at once: proves uploads run in parallel
        self.answers: dict[int, int] = {}
        from tests.sync.central_forms import FormShelf

        self.forms = FormShelf()  # formList, form download, manifest, attachments
        self._rng = random.Random(self.config.seed)
        self._httpd = _QuietServer(("127.0.0.1", 0), _make_handler(self))
        if self.config.tls:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(*self.config.tls)
            self._httpd.socket = context.wrap_socket(self._httpd.socket, server_side=True)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, args=(0.05,), daemon=True)

    # -- lifecycle ----------------------------------------------------------------------------
    def __enter__(self) -> CentralServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    @property
    def origin(self) -> str:
        scheme = "https" if self.config.tls else "http"
        return f"{scheme}://127.0.0.1:{self._httpd.server_address[1]}"

    @property
    def url(self) -> str:
        """The app-user URL a volunteer would paste (Central's QR code gives the same)."""
        c = self.config
        if c.mode == "json":
            return f"{self.origin}/api/submissions"
        if c.auth in ("basic", "digest"):
            return f"{self.origin}/v1/projects/{c.project}"
        return f"{self.origin}/v1/key/{c.app_token}/projects/{c.project}"

    # -- what tests ask ---------------------------------------------------------------------
    def repeated_posts_identical(self) -> bool:
        """Every POST for one instanceID carried byte-identical bodies."""
        seen: dict[str, str] = {}
        for rec in self.posts:
            if rec.instance_id is None:
                continue
            if seen.setdefault(rec.instance_id, rec.body_sha) != rec.body_sha:
                return False
        return True

    def next_fault(self) -> str | None:
        with self.lock:
            if self.config.schedule:
                return self.config.schedule.pop(0)
            if self.config.fault_rate and self._rng.random() < self.config.fault_rate:
                return self._rng.choice(self.config.faults)
        return None

    def count(self, status: int) -> None:
        with self.lock:
            self.answers[status] = self.answers.get(status, 0) + 1

    def store_xml(self, instance_id: str, xml: bytes, files: dict[str, bytes]) -> int:
        """Central's rule: new -> 201, identical -> 201 (attachments upserted), changed -> 409."""
        with self.lock:
            extant = self.stored.get(instance_id)
            if extant is None:
                self.stored[instance_id] = xml
                self.store_count[instance_id] = self.store_count.get(instance_id, 0) + 1
                self.attachments[instance_id] = dict(files)
                return 201
            if extant != xml:
                return 409
            self.attachments[instance_id].update(files)
            return 202 if self.config.mode == "ona" else 201


class _QuietServer(ThreadingHTTPServer):
    """Clients that time out and hang up are part of the test, not an error to print."""

    def handle_error(self, request: object, client_address: object) -> None:
        pass


def parse_multipart(content_type: str, body: bytes) -> dict[str, bytes] | None:
    """Form parts by name (file parts by name too); None when the body is not valid multipart."""
    if "multipart/form-data" not in content_type or "boundary=" not in content_type:
        return None
    msg = BytesParser(policy=HTTP).parsebytes(
        b"Content-Type: " + content_type.encode("latin-1") + b"\r\n\r\n" + body
    )
    if not msg.is_multipart():
        return None
    parts: dict[str, bytes] = {}
    for part in msg.iter_parts():
        name = part.get_param("name", header="content-disposition")
        if name:
            parts[str(name)] = part.get_payload(decode=True) or b""
    return parts


def _make_handler(server: CentralServer) -> type[BaseHTTPRequestHandler]:
    from tests.sync.central_handler import Handler  # one class per concern, wired here

    return type("BoundHandler", (Handler,), {"srv": server})


def reset_connection(sock: socket.socket) -> None:
    """Drop the connection with a TCP RST, as a flaky access point or proxy does."""
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    sock.close()


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def slow(seconds: float, stop: Callable[[], bool] = lambda: False) -> None:
    """Sleep in small steps (a stuck server that still ends with the test)."""
    end = time.monotonic() + seconds
    while time.monotonic() < end and not stop():
        time.sleep(0.02)
