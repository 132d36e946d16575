"""The corner's outbox: each state and its reason in words, found by reference, one record set
aside without holding up the others; with the real store and the loopback server."""

from __future__ import annotations

from typing import Any

import pytest

from inclusion_app.storage.api import State
from tests.sync.central_server import CentralServer, ServerConfig
from tests.sync.helpers import fill
from tests.ui.conftest import wait_idle
from tests.ui.form_walk import click
from tests.ui.test_corner_servers import type_into
from tests.ui.test_uploads_window import add_target, unlock, with_uploads

pytestmark = pytest.mark.gui


def test_states_and_reasons_after_a_real_upload(qtbot: Any, main_window: Any) -> None:
    """A server that refuses large forms (413): each row says Needs attention with the reason;
    a delivered row says Delivered; a set-aside row can be tried again."""
    with CentralServer(ServerConfig(max_bytes=3000)) as server:
        add_target(server.url)
        window = main_window(language="en")
        uploads = with_uploads(qtbot, window)
        store = window.services.store
        small = fill(store, 1)
        large = fill(store, 1, extra="x" * 5000)
        page = unlock(qtbot, window)
        with qtbot.waitSignal(uploads.finished, timeout=20_000):
            click(qtbot, page.outbox.upload_button)
        wait_idle(qtbot, window.services)
        rows = {row.entry.instance_id: row for row in page.outbox.rows}
        assert store.get_entry(small[0]).state is State.SENT
        assert rows[small[0]].status.plain_text() == "Delivered" and rows[small[0]].error is None
        assert store.get_entry(large[0]).state is State.SET_ASIDE
        refused = rows[large[0]]
        assert refused.status.plain_text().startswith("Needs attention")
        assert refused.error is not None and "large" in refused.error.plain_text()
        assert refused.retry is not None


def test_search_by_reference_and_set_aside_one(qtbot: Any, main_window: Any) -> None:
    """Typing part of a reference (any case, without the dash) leaves only that row; Set aside
    stops it being sent, with the reason in words, and the others stay ready."""
    window = main_window(language="en")
    store = window.services.store
    ids = fill(store, 3)
    page = unlock(qtbot, window)
    panel = page.outbox
    target = store.get_entry(ids[1])
    type_into(qtbot, panel.search, target.reference.replace("-", "").lower()[:6])
    visible = [row for row in panel.rows if row.isVisible()]
    assert [row.entry.instance_id for row in visible] == [ids[1]]
    type_into(qtbot, panel.search, "ZZZZZZ")
    assert not any(row.isVisible() for row in panel.rows)
    assert "No finished form" in panel.more_line.plain_text()
    panel.search.clear()
    row = next(r for r in panel.rows if r.entry.instance_id == ids[1])
    click(qtbot, row.set_aside)
    wait_idle(qtbot, window.services)
    assert store.get_entry(ids[1]).state is State.SET_ASIDE
    assert {store.get_entry(i).state for i in (ids[0], ids[2])} == {State.QUEUED}
    row = next(r for r in panel.rows if r.entry.instance_id == ids[1])
    assert row.status.plain_text().startswith("Needs attention")
    assert "Set aside by a volunteer" in row.error.plain_text()
    assert row.retry is not None and row.set_aside is None
