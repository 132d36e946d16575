"""The large-type file picker: USB sticks first, folders before files, no raw paths, both modes."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from inclusion_app.ui.widgets import file_places
from inclusion_app.ui.widgets.file_picker import FilePicker


def _stick(tmp_path: Path) -> tuple[Path, Path]:
    media = tmp_path / "media"
    stick = media / "KINGSTON"
    (stick / "forms" / "2025").mkdir(parents=True)
    (stick / "forms" / "pension.xlsx").write_bytes(b"x" * 3000)
    (stick / "forms" / "notes.txt").write_text("not a form")
    (stick / "forms" / ".hidden.xlsx").write_bytes(b"x")
    (stick / "aaa.csv").write_text("type,name\n")
    home = tmp_path / "home"
    (home / "Documents").mkdir(parents=True)
    return media, home


def _picker(qtbot, app_services, tmp_path, language="en", **kwargs) -> FilePicker:
    media, home = _stick(tmp_path)
    services = app_services(language=language, store=None)
    picker = FilePicker(services, media_roots=[media], home=home, **kwargs)
    qtbot.addWidget(picker)
    picker.resize(1024, 600)
    picker.show()
    qtbot.waitExposed(picker)
    picker.start()
    return picker


def _titles(picker: FilePicker) -> list[str]:
    return [row.title.plain_text() for row in picker.rows]


def test_places_put_usb_sticks_first(tmp_path: Path) -> None:
    """Sticks are listed before this computer's folders; Documents only when it exists."""
    media, home = _stick(tmp_path)
    (media / "SANDISK").mkdir()
    places = file_places.removable_places([media]) + file_places.computer_places(home)
    assert [p.label for p in places] == ["KINGSTON", "SANDISK", "documents", "home"]
    assert [p.removable for p in places] == [True, True, False, False]


def test_listing_shows_folders_first_and_only_usable_files(tmp_path: Path) -> None:
    """Sub-folders come first; other kinds of file and hidden files are left out."""
    media, _home = _stick(tmp_path)
    listing = file_places.list_folder(media / "KINGSTON" / "forms", [".xlsx", "csv"])
    assert [(e.name, e.is_dir) for e in listing.entries] == [("2025", True),
                                                             ("pension.xlsx", False)]
    assert file_places.list_folder(tmp_path / "gone").problem


def test_free_name_never_overwrites(tmp_path: Path) -> None:
    """Saving next to a file of the same name picks "name (2).ext"."""
    (tmp_path / "receipt.pdf").write_bytes(b"1")
    assert file_places.free_name(tmp_path, "receipt.pdf").name == "receipt (2).pdf"
    assert file_places.free_name(tmp_path, "other.pdf").name == "other.pdf"


def test_open_a_file_by_touch_without_showing_paths(qtbot, app_services, tmp_path) -> None:
    """Stick, then folder, then file, then Use this file: chosen gets the real path, and no
    text on the way showed where the stick is mounted."""
    picker = _picker(qtbot, app_services, tmp_path, extensions=(".xlsx", ".csv"))
    assert _titles(picker)[0] == "USB stick KINGSTON"
    assert not picker.choose_button.isVisible()
    qtbot.mouseClick(picker.rows[0], Qt.MouseButton.LeftButton)
    assert _titles(picker) == ["forms", "aaa.csv"]
    assert picker.where.plain_text() == "USB stick KINGSTON"
    qtbot.mouseClick(picker.rows[0], Qt.MouseButton.LeftButton)
    assert _titles(picker) == ["2025", "pension.xlsx"]
    assert picker.where.plain_text() == "USB stick KINGSTON › forms"
    assert picker.rows[1].detail.plain_text().startswith("3 KB")
    shown = [w.plain_text() for w in picker.findChildren(type(picker.where))]
    assert not any(str(tmp_path) in text or "/" in text for text in shown)
    qtbot.mouseClick(picker.rows[1], Qt.MouseButton.LeftButton)
    assert picker.rows[1].isChecked() and picker.choose_button.isVisible()
    with qtbot.waitSignal(picker.chosen) as got:
        qtbot.mouseClick(picker.choose_button, Qt.MouseButton.LeftButton)
    assert got.args == [tmp_path / "media" / "KINGSTON" / "forms" / "pension.xlsx"]


def test_keyboard_moves_opens_goes_up_and_cancels(qtbot, app_services, tmp_path) -> None:
    """Arrows move between rows, Enter opens, Backspace goes up a folder, Escape cancels."""
    picker = _picker(qtbot, app_services, tmp_path, extensions=(".xlsx",))
    picker.rows[0].setFocus()
    QTest.keyClick(picker.rows[0], Qt.Key.Key_Down)
    assert picker.focusWidget() is picker.rows[1]
    QTest.keyClick(picker.rows[1], Qt.Key.Key_Up)
    assert picker.focusWidget() is picker.rows[0]
    QTest.keyClick(picker.rows[0], Qt.Key.Key_Return)
    assert _titles(picker) == ["forms"]
    picker.rows[0].setFocus()
    QTest.keyClick(picker.rows[0], Qt.Key.Key_Space)
    assert _titles(picker) == ["2025", "pension.xlsx"]
    QTest.keyClick(picker.rows[0], Qt.Key.Key_Backspace)
    assert _titles(picker) == ["forms"]
    with qtbot.waitSignal(picker.cancelled):
        QTest.keyClick(picker.rows[0], Qt.Key.Key_Escape)


def test_empty_folder_says_which_files_are_shown(qtbot, app_services, tmp_path) -> None:
    """A folder with nothing usable says so in words, naming the kinds of file it looks for."""
    picker = _picker(qtbot, app_services, tmp_path, extensions=(".xlsx",))
    picker.open_place(picker.places()[0])
    picker.open_folder(tmp_path / "media" / "KINGSTON" / "forms" / "2025")
    assert picker.message.isVisible() and ".xlsx" in picker.message.plain_text()


def test_no_stick_is_said_in_chinese(qtbot, app_services, tmp_path) -> None:
    """Without a stick the picker asks for one, in the resident's language."""
    services = app_services(language="zh", store=None)
    home = tmp_path / "home"
    home.mkdir()
    picker = FilePicker(services, media_roots=[tmp_path / "none"], home=home)
    qtbot.addWidget(picker)
    picker.start()
    assert "U盘" in picker.message.plain_text()
    assert _titles(picker) == ["这台电脑：我的文件"]


def test_save_mode_picks_a_folder_and_never_overwrites(qtbot, app_services, tmp_path) -> None:
    """Save here gives a new path in the folder shown, with the extension, beside old files."""
    picker = _picker(qtbot, app_services, tmp_path, mode="save", extensions=(".csv",),
                     suggested_name="aaa")
    assert picker.name_field.isVisible()
    qtbot.mouseClick(picker.rows[0], Qt.MouseButton.LeftButton)
    assert not picker.rows[1].isEnabled()  # files are shown, not targets
    with qtbot.waitSignal(picker.chosen) as got:
        qtbot.mouseClick(picker.choose_button, Qt.MouseButton.LeftButton)
    assert got.args == [tmp_path / "media" / "KINGSTON" / "aaa (2).csv"]
