"""Every part of the volunteer corner: contrast, target sizes, names and nothing cut off, at the
smallest text on 1366x768 and at the largest on 1024x600 (where the bar folds into a menu)."""

from __future__ import annotations

from typing import Any

import pytest

from inclusion_app import settings as settings_mod
from inclusion_app.sync.target_setup import add_server
from tests.sync.helpers import fill
from tests.ui import a11y
from tests.ui.conftest import wait_idle
from tests.ui.form_walk import click
from tests.ui.test_corner_servers import open_corner
from tests.ui.test_uploads_window import unlock

pytestmark = pytest.mark.gui
PARTS = ("servers", "forms", "settings", "statistics")


def _data(window: Any) -> None:
    services = window.services
    add_server(services.paths, "https://central.example.org/v1/key/K3y/projects/3")
    add_server(services.paths, "https://kobo.example.org/collector")
    services.settings.targets = settings_mod.load(services.paths.settings_file).targets
    fill(services.store, 2)


@pytest.mark.parametrize(("lang", "high_contrast"), [("zh", False), ("en", True)])
def test_each_part_passes_the_checks_at_the_smallest_text(qtbot: Any, main_window: Any,
                                                           lang: str, high_contrast: bool) -> None:
    """Contrast, 64/44 px targets, names with descriptions, no clipping, in every part."""
    window = main_window(language=lang, high_contrast=high_contrast)
    _data(window)
    open_corner(qtbot, window, "servers")
    corner = window.volunteer_page.corner
    for part in PARTS:
        corner.show_section(part)
        wait_idle(qtbot, window.services)
        qtbot.wait(30)
        window.centralWidget().layout().activate()
        problems = a11y.check_screen(window.centralWidget(), high_contrast=high_contrast)
        assert problems == [], (part, problems)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_largest_text_on_a_small_screen_folds_the_bar(qtbot: Any, main_window: Any,
                                                      lang: str) -> None:
    """At the largest text on 1024x600 the parts are reached through one button and a list of
    big rows; nothing in any part is cut off."""
    window = main_window(language=lang, text_size_step=5, size=(1024, 600))
    _data(window)
    page = unlock(qtbot, window)
    bar = page.corner.bar
    assert bar.menu_button.isVisible()
    assert not any(b.isVisible() for b in bar.buttons.values())
    for part in PARTS:
        click(qtbot, bar.menu_button)
        menu = page.corner.menu
        assert menu.isVisible()
        window.centralWidget().layout().activate()
        assert a11y.check_clipping(menu) == [], "menu"
        click(qtbot, menu.rows[part])
        wait_idle(qtbot, window.services)
        qtbot.wait(30)
        assert page.corner.stack.currentWidget() is page.corner.panel(part)
        window.centralWidget().layout().activate()
        assert a11y.check_clipping(page.corner) == [], part
