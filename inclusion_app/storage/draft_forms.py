"""The form a draft continues on: exactly the version it was started with.

Every draft's first save keeps the compiled XForm by its hash (`save_form_version`). When the
installed form has since changed (a server sent a new version) or gone (the server withdrew
it), the draft still finishes on its own version and its submission carries that version, so
nothing a resident typed is lost or reinterpreted.
"""

from __future__ import annotations

import logging
from typing import Any

from inclusion_app.engine.errors import FormDefError
from inclusion_app.engine.formdef import FormDef, parse_xform
from inclusion_app.storage.api import DraftInfo, Store

log = logging.getLogger(__name__)


def form_for_draft(store: Store, info: DraftInfo, installed: Any | None) -> FormDef | None:
    """The installed form when it is the draft's version, else the kept copy of that version
    (media from the installed form's folder, when it still has one); None when neither exists.
    Reads the database: call it off the GUI thread."""
    if installed is not None and getattr(installed, "form_hash", None) == info.form_hash:
        return installed
    xml = store.get_form_version(info.form_hash)
    if xml is None:  # a draft from before versions were kept: the installed form is all there is
        return installed
    media_dir = getattr(installed, "media_dir", None)
    try:
        return parse_xform(xml, source=info.form_id, media_dir=media_dir)
    except FormDefError as exc:
        log.error("the kept version of form %s could not be read: %s", info.form_id, exc)
        return installed
