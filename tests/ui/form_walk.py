"""Drive the real form screens the way a person does: clicks and key presses on visible widgets.

Used by the tests/ui/test_form_*.py walks. Answers come from tests/data/service_answers.py
(question name -> value; lists for select_multiple; lists of objects for repeats). Chinese
is typed one character at a time with QTest.sendKeyEvent: QTest.keyClicks aborts the whole
run on any non-ASCII character.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

from inclusion_app.engine.answer_walk import lookup
from inclusion_app.engine.prompt import ScreenKind
from inclusion_app.ui.resident.inputs.choice_cards import ChoiceCards
from inclusion_app.ui.resident.inputs.choice_search import ChoiceSearch
from inclusion_app.ui.resident.inputs.date_input import DateInput
from inclusion_app.ui.resident.inputs.media_input import MediaInput
from inclusion_app.ui.resident.inputs.note_input import NoteInput
from inclusion_app.ui.resident.inputs.number_input import BACKSPACE, NumberInput
from inclusion_app.ui.resident.inputs.text_input import TextInput
from inclusion_app.ui.resident.inputs.time_input import TimeInput

MISSING = lookup({}, "/data/nothing")  # the sentinel lookup returns for "no answer given"
_INDEXED = re.compile(r"^(.*?/[^/\[]+)\[\d+\]")


def plain(label: Any) -> str:
    """What a label says, without the rich-text wrapping the shell uses for line spacing."""
    getter = getattr(label, "plain_text", None)
    return getter() if getter is not None else label.text()


def click(qtbot: Any, widget: QWidget) -> None:
    """A left click on a widget the person can see and use (scrolled into view first)."""
    assert widget.isVisible(), f"{widget.objectName() or widget} is not visible"
    assert widget.isEnabled(), f"{widget.objectName() or widget} is disabled"
    parent = widget.parentWidget()
    while parent is not None:
        ensure = getattr(parent, "ensureWidgetVisible", None)
        if ensure is not None:
            ensure(widget)
            break
        parent = parent.parentWidget()
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def agree_if_asked(qtbot: Any, session: Any) -> None:
    """A form that asks an ID or bank number first shows the consent page: agree to it."""
    if session.consent.showing():
        page = session.consent.page
        qtbot.wait(page.settle_ms + 20)  # a press in the first moment is taken as a double tap
        click(qtbot, page.continue_button)
        qtbot.waitUntil(lambda: not session.consent.showing())


def type_text(qtbot: Any, widget: QWidget, text: str) -> None:
    """Type into the focused field: ASCII through keyClicks, anything else per character."""
    for ch in text:
        if ch.isascii():
            qtbot.keyClicks(widget, ch)
        else:
            QTest.sendKeyEvent(QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, ch,
                               Qt.KeyboardModifier.NoModifier)


def replace_text(qtbot: Any, field: QWidget, text: str) -> None:
    """Click the field, select what is there, type the new text over it."""
    click(qtbot, field)
    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(field, Qt.Key.Key_Delete)
    type_text(qtbot, field, text)


def fill(qtbot: Any, widget: Any, value: Any, picture: str | None = None) -> None:
    """Give one input its answer through its own controls."""
    if isinstance(widget, ChoiceCards):
        wanted = set(value) if isinstance(value, list | tuple) else {str(value)}
        for card in widget.cards:
            if (card.choice_value in wanted) != card.isChecked():
                click(qtbot, card)
        assert set(widget.value().split()) == wanted
    elif isinstance(widget, ChoiceSearch):
        wanted = [str(v) for v in value] if isinstance(value, list | tuple) else [str(value)]
        labels = {c.value: c.label for c in widget.prompt.choices}
        for item in wanted:  # type the answer's words, then press its card
            replace_text(qtbot, widget.box, labels[item])
            card = next(c for c in widget.cards if c.choice_value == item)
            if not card.isChecked():
                click(qtbot, card)
        assert set(widget.value().split()) == set(wanted)
    elif isinstance(widget, NumberInput):
        click(qtbot, widget.keys["clear"])
        for ch in str(value):
            key = widget.keys.get(ch.upper() if widget.id_number else ch)
            if key is not None:
                click(qtbot, key)
            else:
                click(qtbot, widget.field)
                type_text(qtbot, widget.field, ch)
        assert widget.field.text().upper() == str(value).upper()
    elif isinstance(widget, TextInput):
        replace_text(qtbot, widget.field, str(value))
    elif isinstance(widget, DateInput):
        year, month, day = str(value).split("-")
        boxes = widget.boxes
        for box, part in ((boxes.year, year), (boxes.month, month.lstrip("0")),
                          (boxes.day, day.lstrip("0"))):
            replace_text(qtbot, box, part)
    elif isinstance(widget, TimeInput):
        hour, minute = str(value).split(":")[:2]
        replace_text(qtbot, widget.boxes.hour, hour)
        replace_text(qtbot, widget.boxes.minute, minute)
    elif isinstance(widget, NoteInput):
        if widget.button is not None and not widget.button.isChecked():
            click(qtbot, widget.button)
    elif isinstance(widget, MediaInput):
        choose_file(qtbot, widget, picture or str(value))
    else:
        raise AssertionError(f"no driver for {type(widget).__name__}")


def choose_file(qtbot: Any, widget: MediaInput, path: str) -> None:
    """Press "Choose a file"; in the session's large-type picker open the file's folder (as
    a place, the way a USB stick appears), press the file's row, then "Use this file"."""
    from pathlib import Path

    from inclusion_app.ui.widgets.file_places import Place

    click(qtbot, widget.choose)
    session = widget.parentWidget()
    while session is not None and not hasattr(session, "picker"):
        session = session.parentWidget()
    assert session is not None, "a picture is chosen inside a form session"
    qtbot.waitUntil(lambda: session.picker is not None and session.picker.isVisible())
    picker = session.picker
    source = Path(path)
    picker.open_place(Place(label="USB", path=source.parent, kind="removable"))
    row = next(r for r in picker.rows if r.title.plain_text() == source.name)
    click(qtbot, row)
    click(qtbot, picker.choose_button)
    qtbot.waitUntil(lambda: session.picker is None)


def repeat_list(screen: Any, answers: dict[str, Any], last_ref: str) -> list[Any]:
    """The answers' list for the repeat this "add another?" screen is about."""
    ref = getattr(screen, "repeat_ref", "") or ""
    if not ref and last_ref:
        match = _INDEXED.match(last_ref)
        ref = match.group(1) if match else ""
    if ref:
        items = lookup(answers, ref + "[1]/x")  # walk into the repeat's name
        name = ref.rsplit("/", 1)[-1]
        items = answers.get(name, items)
        if isinstance(items, list):
            return items
    lists = [v for v in answers.values() if isinstance(v, list) and v and isinstance(v[0], dict)]
    return lists[0] if len(lists) == 1 else []


def walk_to_review(qtbot: Any, session: Any, answers: dict[str, Any],
                   on_screen: Callable[[Any], None] | None = None,
                   picture: str | None = None, max_screens: int = 200) -> int:
    """Answer every screen and press Continue until "check your answers"; screens seen."""
    seen, last_ref = 0, ""
    for _ in range(max_screens):
        if session.stack.currentWidget() is session.review:
            return seen
        page = session.page
        screen = page.screen
        seen += 1
        if on_screen is not None:
            on_screen(page)
        if screen.kind is ScreenKind.REPEAT_PROMPT:
            items = repeat_list(screen, answers, last_ref)
            target = page.add_button if len(items) > screen.repeat_count else page.continue_button
            click(qtbot, target)
            continue
        for block in page.blocks:
            last_ref = block.prompt.ref
            if block.input is None or block.prompt.readonly:
                continue
            value = lookup(answers, block.prompt.ref)
            if block.prompt.qtype == "image" and picture and value is MISSING:
                value = picture
            if value is MISSING or value is None:
                continue
            fill(qtbot, block.input, value, picture)
        click(qtbot, page.continue_button)
        assert not page.error_frame.isVisible() or page.screen is not screen, (
            f"refused: {page.error_summary.text()}")
    raise AssertionError("the form never reached check your answers")


def clear_number(qtbot: Any, widget: NumberInput) -> None:
    """Empty a number field with the pad's delete key."""
    while widget.field.text():
        click(qtbot, widget.keys[BACKSPACE])


def click_change(qtbot: Any, review: Any, index: int) -> None:
    """Press the Change button of review row `index`, as a person does (scrolled into view)."""
    rows = review.list
    rect = rows.change_button_rect(index)
    area = review.scroll
    top = rows.viewport().mapTo(area.widget(), rect.center())
    area.ensureVisible(top.x(), top.y(), 0, rect.height())
    assert rows.isVisible()
    qtbot.mouseClick(rows.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
