"""The volunteer corner's servers: add by link or by user and password, check, route, remove."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from inclusion_app import paths
from inclusion_app import settings as settings_mod
from inclusion_app.sync.credentials import Credentials
from tests.sync.central_server import CentralServer, ServerConfig
from tests.sync.form_fixtures import xform
from tests.ui.form_walk import click

pytestmark = pytest.mark.gui


@pytest.fixture
def server() -> Iterator[CentralServer]:
    with CentralServer(ServerConfig(project=3)) as srv:
        srv.forms.publish("town", xform("town", "1"), "1", "Town survey")
        srv.forms.publish("clinic", xform("clinic", "4"), "4", "Clinic")
        yield srv


def open_corner(qtbot: Any, window: Any, section: str) -> Any:
    """Unlock the corner with the installer's PIN and open one of its parts by its button."""
    from tests.ui.test_uploads_window import unlock

    page = unlock(qtbot, window)
    click(qtbot, page.corner.bar.buttons[section])
    return page.corner.panel(section)


def type_into(qtbot: Any, field: Any, text: str) -> None:
    field.setFocus()
    field.clear()
    qtbot.keyClicks(field, text)


def saved() -> settings_mod.Settings:
    return settings_mod.load(paths.resolve().settings_file)


def test_add_an_app_user_link_and_check_it(qtbot: Any, main_window: Any, server: Any) -> None:
    """An app-user link is enough; the check names ODK Central and the project in words."""
    window = main_window(language="en")
    panel = open_corner(qtbot, window, "servers")
    assert "No server yet" in panel.list_box.findChildren(type(panel.title))[0].plain_text()
    type_into(qtbot, panel.url, server.url)
    click(qtbot, panel.add_button)
    assert not panel.add_error.isVisible()
    (target,) = saved().targets
    assert target["auth"] == "link" and "KEY123" not in paths.resolve().settings_file.read_text()
    assert Credentials(paths.resolve()).get(target["name"]) == "KEY123"  # kept as a secret
    assert window.services.settings.targets == saved().targets
    row = panel.rows[0]
    click(qtbot, row.check)
    qtbot.waitUntil(lambda: row.check.isEnabled(), timeout=20_000)
    words = panel.rows[0].result.plain_text()
    assert words == "Reached ODK Central, project 3. Forms on it: 2.", words


def test_user_and_password_go_to_the_credentials(qtbot: Any, main_window: Any,
                                                 server: Any) -> None:
    """The password is kept with the credentials, never in the settings file."""
    window = main_window(language="en")
    panel = open_corner(qtbot, window, "servers")
    type_into(qtbot, panel.url, server.url)
    type_into(qtbot, panel.user, "collector")
    click(qtbot, panel.add_button)
    assert panel.add_error.isVisible() and "password" in panel.add_error.plain_text()
    type_into(qtbot, panel.password, "s3cret")
    click(qtbot, panel.add_button)
    name = saved().targets[0]["name"]
    assert saved().targets[0]["user"] == "collector"
    assert "s3cret" not in paths.resolve().settings_file.read_text()
    assert Credentials(paths.resolve()).get(name) == "s3cret"


def test_a_bad_address_is_refused_in_words(qtbot: Any, main_window: Any) -> None:
    """Plain http to another computer, or no address: a sentence, and nothing saved."""
    window = main_window(language="en")
    panel = open_corner(qtbot, window, "servers")
    type_into(qtbot, panel.url, "http://example.org/v1/projects/3")
    click(qtbot, panel.add_button)
    assert panel.add_error.isVisible() and "https" in panel.add_error.plain_text()
    assert saved().targets == []


def test_route_a_form_then_remove_a_server(qtbot: Any, main_window: Any, server: Any) -> None:
    """With two servers each form can be sent to one; removing asks once, then removes it
    and the forms routed to it go back to the usual server."""
    window = main_window(language="en")
    panel = open_corner(qtbot, window, "servers")
    for url in (server.url, server.url.replace("127.0.0.1", "localhost")):
        type_into(qtbot, panel.url, url)
        click(qtbot, panel.add_button)
    names = [t["name"] for t in saved().targets]
    assert len(names) == 2 and saved().default_target == names[0]
    box = panel.routes["book_service"]
    box.setCurrentIndex(2)
    assert saved().form_targets == {"book_service": names[1]}
    row = next(r for r in panel.rows if r.target.name == names[1])
    click(qtbot, row.remove)
    assert len(saved().targets) == 2
    click(qtbot, row.remove)
    assert [t["name"] for t in saved().targets] == [names[0]]
    assert saved().form_targets == {}
    assert not panel.routes_heading.isVisible()


def test_a_server_that_does_not_answer_is_said_in_words(qtbot: Any, main_window: Any) -> None:
    """Nothing listens at the address: the check says so plainly, with no error code dump."""
    import socket

    with socket.socket() as probe:  # a free port on this computer, closed again at once
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    window = main_window(language="en")
    panel = open_corner(qtbot, window, "servers")
    type_into(qtbot, panel.url, f"http://127.0.0.1:{port}/v1/projects/3")
    click(qtbot, panel.add_button)
    row = panel.rows[0]
    click(qtbot, row.check)
    qtbot.waitUntil(lambda: row.check.isEnabled(), timeout=30_000)
    words = panel.rows[0].result.plain_text()
    assert words.startswith("Could not reach ODK Central, project 3:"), words
    assert "Traceback" not in words and "Errno" not in words
