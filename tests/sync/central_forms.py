"""The loopback server's forms: Central's OpenRosa form list, form download, manifest, attachments.

Written to Central's API documentation ("OpenRosa Form Listing API", "OpenRosa Form Manifest
API") and the Form List API: `GET …/formList` answers an `xforms` document in the
`http://openrosa.org/xforms/xformsList` namespace with formID, name, version, `md5:` hash,
downloadUrl and (for forms with attachments) manifestUrl; `GET …/forms/ID.xml` is the XForm's
bytes; `GET …/forms/ID/manifest` lists mediaFile filename, hash and downloadUrl; `GET
…/forms/ID/attachments/NAME` is the file. Closed forms are absent from the list and refuse
submissions with 409.2, as Central does for app users. URLs keep the app-user key prefix.
"""

from __future__ import annotations

import hashlib
import re
import threading
from dataclasses import dataclass, field
from urllib.parse import quote, unquote
from xml.sax.saxutils import escape

LIST_NS = "http://openrosa.org/xforms/xformsList"
MANIFEST_NS = "http://openrosa.org/xforms/xformsManifest"
NOT_ACCEPTING = ("This form is not currently accepting submissions. "
                 "Please talk to your program staff if this is unexpected.")
FORM_PATH = re.compile(r"^(?P<base>/v1(?:/key/[^/]+)?/projects/\d+)/(?:(?P<list>formList)|forms/"
                       r"(?:(?P<xml>[^/]+)\.xml|(?P<mid>[^/]+)/manifest|(?P<aid>[^/]+)/attachments/(?P<name>[^/]+)))/?$")
FORM_ID = re.compile(rb"<[\w:-]+[^>]*?\sid=\"([^\"]+)\"")


def md5(data: bytes) -> str:
    return "md5:" + hashlib.md5(data).hexdigest()


@dataclass
class Published:
    xml: bytes
    version: str
    name: str
    media: dict[str, bytes] = field(default_factory=dict)
    state: str = "open"  # "open" | "closed" (absent from the list, refuses submissions)


class FormShelf:
    """What the server offers, and every form or media download it served (tests count them)."""

    def __init__(self) -> None:
        self.forms: dict[str, Published] = {}
        self.downloads: list[str] = []  # "form:ID" and "media:ID/NAME", in order
        self.lists = 0
        self.fail_download_at: int | None = None  # the Nth download (1-based) resets the connection
        self.lock = threading.Lock()

    def publish(self, form_id: str, xml: bytes, version: str = "", name: str = "",
                media: dict[str, bytes] | None = None) -> None:
        self.forms[form_id] = Published(xml, version, name or form_id, dict(media or {}))

    def withdraw(self, form_id: str) -> None:
        self.forms.pop(form_id, None)

    def set_state(self, form_id: str, state: str) -> None:
        self.forms[form_id].state = state

    def accepts(self, submission_xml: bytes) -> bool:
        """False when the submission's form is closed here (Central's 409.2)."""
        found = FORM_ID.search(submission_xml)
        form = self.forms.get(found.group(1).decode()) if found else None
        return form is None or form.state == "open"

    def count_download(self, what: str) -> bool:
        """Record a download; True when this one must fail (the server goes down halfway)."""
        with self.lock:
            self.downloads.append(what)
            return self.fail_download_at is not None and len(self.downloads) >= self.fail_download_at

    # -- documents ----------------------------------------------------------------------------
    def form_list(self, origin: str, base: str) -> bytes:
        items = []
        for form_id, form in sorted(self.forms.items()):
            if form.state != "open":
                continue
            fid = quote(form_id, safe="")
            manifest = (f"<manifestUrl>{escape(origin + base)}/forms/{fid}/manifest</manifestUrl>"
                        if form.media else "")
            items.append(
                f"<xform><formID>{escape(form_id)}</formID><name>{escape(form.name)}</name>"
                f"<version>{escape(form.version)}</version><hash>{md5(form.xml)}</hash>"
                f"<downloadUrl>{escape(origin + base)}/forms/{fid}.xml</downloadUrl>{manifest}</xform>")
        return (f'<?xml version="1.0" encoding="UTF-8"?>\n<xforms xmlns="{LIST_NS}">'
                + "".join(items) + "</xforms>").encode()

    def manifest(self, origin: str, base: str, form_id: str) -> bytes | None:
        form = self.forms.get(form_id)
        if form is None:
            return None
        fid = quote(form_id, safe="")
        files = "".join(
            f"<mediaFile><filename>{escape(name)}</filename><hash>{md5(data)}</hash>"
            f"<downloadUrl>{escape(origin + base)}/forms/{fid}/attachments/{quote(name)}</downloadUrl></mediaFile>"
            for name, data in sorted(form.media.items()))
        return f'<?xml version="1.0" encoding="UTF-8"?>\n<manifest xmlns="{MANIFEST_NS}">{files}</manifest>'.encode()

    def route(self, path: str) -> tuple[str, str, str, str] | None:
        """(kind, base path, formID, media name) for a forms path: kind list|xml|manifest|media."""
        m = FORM_PATH.match(path)
        if not m:
            return None
        if m["list"]:
            return "list", m["base"], "", ""
        if m["xml"]:
            return "xml", m["base"], unquote(m["xml"]), ""
        if m["mid"]:
            return "manifest", m["base"], unquote(m["mid"]), ""
        return "media", m["base"], unquote(m["aid"]), unquote(m["name"])
