"""The volunteer corner's forms: import from a USB stick through the picker, see a broken
form's problems by sheet, row and column, hide a form from the home screen."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from inclusion_app import paths
from inclusion_app import settings as settings_mod
from inclusion_app.ui.volunteer.forms_panel import FormsPanel
from tests.ui.conftest import wait_idle
from tests.ui.form_walk import click
from tests.ui.test_corner_servers import open_corner

pytestmark = pytest.mark.gui
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def stick(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A USB stick named KINGSTON holding a good form and a broken one."""
    root = tmp_path / "media"
    stick = root / "KINGSTON"
    stick.mkdir(parents=True)
    shutil.copy(REPO / "tests/forms/broken/missing_choice_list.md", stick / "broken.md")
    (stick / "clinic.md").write_text(
        "| settings |\n| | form_id | version | form_title |\n| | clinic_visit | 7 | Clinic visit |\n"
        "| survey |\n| | type | name | label |\n| | text | name | Your name |\n",
        encoding="utf-8")
    monkeypatch.setattr(FormsPanel, "picker_options",
                        {"media_roots": [root], "home": tmp_path / "home"})
    return stick


def window_bar(panel: Any) -> Any:
    return panel.window().volunteer_page.corner.bar


def pick(qtbot: Any, panel: Any, name: str) -> None:
    """Press Add a form, the stick, the file, then Use this file."""
    click(qtbot, panel.import_button)
    picker = panel.picker
    assert picker.isVisible() and not panel.scroll.isVisible()
    assert not window_bar(panel).isVisible()  # the picker gets the room of the section bar
    click(qtbot, picker.rows[0])
    row = next(r for r in picker.rows if r.title.plain_text() == name)
    click(qtbot, row)
    click(qtbot, picker.choose_button)


def test_a_broken_form_lists_its_problems_and_is_not_added(qtbot, main_window, stick) -> None:
    """Every problem is one line naming the sheet, the row and the column; nothing is copied."""
    window = main_window(language="en")
    panel = open_corner(qtbot, window, "forms")
    pick(qtbot, panel, "broken.md")
    wait_idle(qtbot, window.services)
    assert panel.scroll.isVisible() and window_bar(panel).isVisible()
    assert "not added" in panel.result.plain_text()
    lines = [w.plain_text() for w in panel.problems_box.findChildren(type(panel.result))]
    assert lines == ["sheet survey, row 3, column type: the choice list 'colours' is not on "
                     "the choices sheet (check its spelling there and here) (line 4 of the file)"]
    assert not any(p.name == "broken.md" for p in paths.resolve().imported_forms.glob("*"))


def test_a_good_form_is_added_and_appears_on_home(qtbot, main_window, stick) -> None:
    """The form is copied, listed with its version and origin, and gets a home tile."""
    window = main_window(language="en")
    panel = open_corner(qtbot, window, "forms")
    pick(qtbot, panel, "clinic.md")
    wait_idle(qtbot, window.services)
    assert "Clinic visit" in panel.result.plain_text()
    row = panel.rows["clinic_visit"]
    assert "Version 7" in row.detail.plain_text() and "file" in row.detail.plain_text()
    assert "clinic_visit" in window.home_page.tiles


def test_hide_a_form_from_the_home_screen(qtbot, main_window) -> None:
    """Unticking Show on the home screen removes the tile and is kept in the settings."""
    window = main_window(language="en")
    panel = open_corner(qtbot, window, "forms")
    card = panel.rows["book_service"].show_card
    assert card.isChecked()
    click(qtbot, card)
    assert "book_service" not in window.home_page.tiles
    assert settings_mod.load(paths.resolve().settings_file).hidden_forms == ["book_service"]
    click(qtbot, card)
    assert "book_service" in window.home_page.tiles
