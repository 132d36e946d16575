"""Reading the OpenRosa Form List API's two documents: the form list and a form's manifest.

    <xforms xmlns="http://openrosa.org/xforms/xformsList">
      <xform><formID/><name/><version/><hash>md5:…</hash><downloadUrl/><manifestUrl/></xform>
    </xforms>
    <manifest xmlns="http://openrosa.org/xforms/xformsManifest">
      <mediaFile><filename/><hash>md5:…</hash><downloadUrl/></mediaFile>
    </manifest>

Elements are matched by local name, so servers that write another prefix (or none) still read.
defusedxml refuses entity tricks; anything that is not such a document (a Wi-Fi login page)
raises FormListError with plain words.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from xml.etree.ElementTree import Element

from defusedxml import ElementTree as SafeET
from defusedxml.common import DefusedXmlException

from inclusion_app.i18n import _


class FormListError(ValueError):
    """The server's answer is not a form list or manifest; the message says so in plain words."""


@dataclass(frozen=True)
class ListedForm:
    form_id: str
    name: str
    version: str
    hash: str  # as the server wrote it: "md5:<hex>" (may be empty on old servers)
    download_url: str
    manifest_url: str | None = None


@dataclass(frozen=True)
class MediaFile:
    filename: str
    hash: str
    download_url: str


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _text(parent: Element, name: str) -> str:
    for child in parent:
        if _local(child.tag) == name:
            return (child.text or "").strip()
    return ""


def _root(data: bytes, expected: str) -> Element:
    try:
        root = SafeET.fromstring(data)
    except (SafeET.ParseError, DefusedXmlException, ValueError):
        root = None
    if root is None or _local(root.tag) != expected:
        raise FormListError(_("The server did not answer with a list of forms. It may be a Wi-Fi "
                              "login page, or the address may be wrong."))
    return root


def parse_form_list(data: bytes) -> list[ListedForm]:
    """The forms a form list offers; entries without a formID or downloadUrl are skipped."""
    forms: list[ListedForm] = []
    for item in _root(data, "xforms").iter():  # also inside <xforms-group> elements
        if _local(item.tag) != "xform":
            continue
        form_id, url = _text(item, "formID"), _text(item, "downloadUrl")
        if not form_id or not url:
            continue
        forms.append(ListedForm(form_id, _text(item, "name") or form_id, _text(item, "version"),
                                _text(item, "hash"), url, _text(item, "manifestUrl") or None))
    return forms


def parse_manifest(data: bytes) -> list[MediaFile]:
    """A form's media files; a file name with a folder in it is refused (it must stay inside)."""
    files: list[MediaFile] = []
    for item in _root(data, "manifest").iter():
        if _local(item.tag) != "mediaFile":
            continue
        name, url = _text(item, "filename"), _text(item, "downloadUrl")
        if not name or not url:
            continue
        if name != posixpath.basename(name) or name in (".", "..") or "\\" in name:
            raise FormListError(_("The server listed a media file with an unsafe name: {name}").format(
                name=name))
        files.append(MediaFile(name, _text(item, "hash"), url))
    return files
