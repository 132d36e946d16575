"""The HTTP side of taking forms from a server: the form list, a form, its manifest, its media.

Every request carries `X-OpenRosa-Version: 1.0` and the target's sign-in (Basic or Digest, or
the app-user key in the address). The form list itself is never fetched through a redirect (a
redirect there is a Wi-Fi login page, as for uploads); forms and media may be (Central can send
attachments from object storage), and httpx drops the Authorization header when a redirect
leaves the server. Every failure becomes FetchError with plain words; nothing is retried here.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin

import httpx

from inclusion_app.i18n import _
from inclusion_app.sync.auth import auth_for
from inclusion_app.sync.formlist import ListedForm, MediaFile, parse_form_list, parse_manifest
from inclusion_app.sync.openrosa import OPENROSA_HEADERS, make_client
from inclusion_app.sync.outcome import from_exception, judge_head
from inclusion_app.sync.targets import Target

MAX_MEDIA_BYTES = 200 * 1024 * 1024
MAX_DOCUMENT_BYTES = 20 * 1024 * 1024  # a form list, a manifest or a form


class FetchError(Exception):
    """The server could not be asked, or answered something unusable: plain words."""


def form_list_url(target: Target) -> str:
    """`…/formList` beside `…/submission`: the address as typed into ODK Collect."""
    base = target.url.rstrip("/")
    if base.endswith("/submission"):
        base = base[: -len("/submission")]
    return base + "/formList"


class FormFetcher:
    """One client for one pull from one target; `close()` when done (or use `with`)."""

    def __init__(self, target: Target, secret: str | None, timeout: float = 30.0) -> None:
        self.target = target.with_secret(secret)
        self.auth = auth_for(self.target, secret)
        try:
            self.client = make_client(target.ca_file, timeout, min(timeout, 10.0), workers=2)
        except (OSError, ValueError):
            raise FetchError(_("The certificate file for this server could not be read.")) from None
        self.downloads = 0  # forms and media files fetched (the unchanged-pull test counts them)

    def __enter__(self) -> FormFetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.client.close()

    # -- documents ------------------------------------------------------------------------------
    def _get(self, url: str, follow: bool, limit: int) -> bytes:
        try:
            with self.client.stream("GET", url, headers=OPENROSA_HEADERS, follow_redirects=follow,
                                    auth=self.auth or httpx.USE_CLIENT_DEFAULT) as response:
                if response.status_code != 200:
                    response.read()
                    raise FetchError(self._refused(response))
                if "html" in response.headers.get("content-type", "").lower() and not url.endswith(".html"):
                    raise FetchError(_("The internet connection needs a login page first"))
                chunks, size = [], 0
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > limit:
                        raise FetchError(_("A file on the server is too large to take "
                                           "({size} MB).").format(size=size // (1024 * 1024)))
                    chunks.append(chunk)
                return b"".join(chunks)
        except httpx.HTTPError as exc:
            raise FetchError(from_exception(exc).message) from None

    @staticmethod
    def _refused(response: httpx.Response) -> str:
        outcome = judge_head(response)  # the same words as for uploads: 401/403, portals, 5xx
        if response.status_code == 404:
            return _("The server has no form list at this address. A volunteer needs to check "
                     "the server address.")
        return outcome.message

    def form_list(self) -> list[ListedForm]:
        data = self._get(self.list_url, follow=False, limit=MAX_DOCUMENT_BYTES)
        return parse_form_list(data)

    @property
    def list_url(self) -> str:
        return form_list_url(self.target)

    def _absolute(self, url: str) -> str:
        """The Form List API asks for absolute URLs; a relative one is read against the list."""
        return urljoin(self.list_url, url)

    def manifest(self, form: ListedForm) -> list[MediaFile]:
        if not form.manifest_url:
            return []
        return parse_manifest(self._get(self._absolute(form.manifest_url), follow=False,
                                        limit=MAX_DOCUMENT_BYTES))

    def form_bytes(self, form: ListedForm) -> bytes:
        self.downloads += 1
        return self._get(self._absolute(form.download_url), follow=True, limit=MAX_DOCUMENT_BYTES)

    def media(self, media: MediaFile, into: Path) -> None:
        """Write one media file into the folder (its name was checked by parse_manifest)."""
        self.downloads += 1
        data = self._get(self._absolute(media.download_url), follow=True, limit=MAX_MEDIA_BYTES)
        into.mkdir(parents=True, exist_ok=True)
        (into / media.filename).write_bytes(data)
