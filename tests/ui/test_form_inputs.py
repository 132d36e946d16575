"""Each answer widget, driven by mouse and keyboard as a person would, gives the engine's lexical value."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage

from inclusion_app import i18n
from inclusion_app.engine.prompt import Choice, QuestionPrompt
from inclusion_app.ui import theme
from inclusion_app.ui.resident.inputs import create_input
from inclusion_app.ui.resident.inputs.choice_cards import ChoiceCards
from inclusion_app.ui.resident.inputs.media_input import LONG_SIDE_PX, read_image
from inclusion_app.ui.resident.inputs.number_input import BACKSPACE
from tests.ui.form_walk import click, fill, replace_text, type_text

pytestmark = pytest.mark.gui


@pytest.fixture
def styled(qapp: Any) -> Any:
    """The real application stylesheet at the smallest text size, removed afterwards."""
    theme.apply(qapp, 0, False)
    yield qapp
    qapp.setStyleSheet("")
    i18n.set_language(i18n.DEFAULT_LANGUAGE)


def shown(qtbot: Any, prompt: QuestionPrompt) -> Any:
    widget = create_input(prompt)
    assert widget is not None
    qtbot.addWidget(widget)
    widget.resize(1000, 700)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)  # focus is only given inside the active window
    return widget


CHOICES = (Choice("a", "一个人住"), Choice("b", "和老伴一起住"), Choice("c", "其他"))


def test_select_one_card_press_chooses_it_and_a_second_tap_keeps_it(qtbot: Any, styled: Any) -> None:
    """A select_one card is chosen by one press; a trembling second press never unchooses it."""
    w = shown(qtbot, QuestionPrompt(ref="/d/q", name="q", qtype="select_one", label="Q",
                                    choices=CHOICES))
    with qtbot.waitSignal(w.changed):
        click(qtbot, w.cards[1])
    click(qtbot, w.cards[1])
    assert w.value() == "b"
    click(qtbot, w.cards[2])
    assert w.value() == "c" and not w.cards[1].isChecked()


def test_select_multiple_cards_toggle_and_join_with_spaces(qtbot: Any, styled: Any) -> None:
    """select_multiple cards toggle independently; the value is space separated in choice order."""
    w = shown(qtbot, QuestionPrompt(ref="/d/q", name="q", qtype="select_multiple", label="Q",
                                    choices=CHOICES))
    click(qtbot, w.cards[2])
    click(qtbot, w.cards[0])
    assert w.value() == "a c"
    click(qtbot, w.cards[2])
    assert w.value() == "a"


def test_arrow_keys_move_between_cards_and_space_chooses(qtbot: Any, styled: Any) -> None:
    """Keyboard only: Down moves to the next card, Space chooses the focused one."""
    w = shown(qtbot, QuestionPrompt(ref="/d/q", name="q", qtype="select_one", label="Q",
                                    choices=CHOICES))
    w.cards[0].setFocus()
    qtbot.keyClick(w.cards[0], Qt.Key.Key_Down)
    assert w.cards[1].hasFocus()
    qtbot.keyClick(w.cards[1], Qt.Key.Key_Space)
    assert w.value() == "b"


def test_cards_are_tall_enough_for_their_wrapped_text(qtbot: Any, qapp: Any) -> None:
    """At the largest text a long label wraps inside its card instead of being cut off."""
    theme.apply(qapp, 5, False)
    try:
        long = "和子女一起住，有时候也去亲戚家里住一段时间，过年的时候回老家" * 2
        prompt = QuestionPrompt(ref="/d/q", name="q", qtype="select_one", label="Q",
                                choices=(Choice("a", long), Choice("b", "短")))
        w = shown(qtbot, prompt)
        card = w.cards[0]
        assert len(card._lines(card.width() - 60)) > 1
        assert card.height() >= card.heightForWidth(card.width()) - 2
        assert card.heightForWidth(card.width()) > w.cards[1].heightForWidth(card.width())
    finally:
        qapp.setStyleSheet("")


def test_id_number_keeps_leading_zero_and_offers_x(qtbot: Any, styled: Any) -> None:
    """A cn-id field is text: the pad's 0 is kept first, X is a key, backspace removes one."""
    w = shown(qtbot, QuestionPrompt(ref="/d/q", name="q", qtype="text", appearance="cn-id",
                                    label="ID"))
    for key in "0123X":
        click(qtbot, w.keys[key])
    assert w.value() == "0123X"
    click(qtbot, w.keys[BACKSPACE])
    assert w.value() == "0123"
    replace_text(qtbot, w.field, "abc11x")  # letters other than x are refused as typed
    assert w.value() == "11X"


def test_decimal_pad_has_a_point_and_integer_pad_has_none(qtbot: Any, styled: Any) -> None:
    """Decimal questions get a "." key; integer questions do not (nothing to mistype)."""
    dec = shown(qtbot, QuestionPrompt(ref="/d/a", name="a", qtype="decimal", label="A"))
    fill(qtbot, dec, "128.50")
    assert dec.value() == "128.5"  # canonical: the stored value has no trailing zero
    whole = shown(qtbot, QuestionPrompt(ref="/d/b", name="b", qtype="integer", label="B"))
    assert "." not in whole.keys and "X" not in whole.keys


def test_date_boxes_follow_the_language_and_spell_the_weekday(qtbot: Any, styled: Any) -> None:
    """Chinese: year, month, day; English: day, month, year; a real date shows its weekday."""
    i18n.set_language("zh")
    zh = shown(qtbot, QuestionPrompt(ref="/d/a", name="a", qtype="date", label="日期"))
    assert zh.boxes.boxes == [zh.boxes.year, zh.boxes.month, zh.boxes.day]
    fill(qtbot, zh, "2025-03-09")
    assert zh.value() == "2025-03-09"
    assert zh.boxes.weekday.text() == i18n.format_date(dt.date(2025, 3, 9), "full")
    assert "星期日" in zh.boxes.weekday.text()
    i18n.set_language("en")
    en = shown(qtbot, QuestionPrompt(ref="/d/b", name="b", qtype="date", label="Date"))
    assert en.boxes.boxes == [en.boxes.day, en.boxes.month, en.boxes.year]


def test_impossible_date_is_kept_and_explained(qtbot: Any, styled: Any) -> None:
    """31 February stays in the boxes and gets a message saying what to check."""
    i18n.set_language("en")
    w = shown(qtbot, QuestionPrompt(ref="/d/a", name="a", qtype="date", label="Date"))
    fill(qtbot, w, "2025-02-31")
    assert w.local_error() and w.boxes.day.text() == "31"
    assert w.boxes.weekday.text() == ""
    replace_text(qtbot, w.boxes.month, "")
    assert "month" in w.local_error()


def test_time_boxes_give_an_xforms_time(qtbot: Any, styled: Any) -> None:
    """Hour 9 minute 5 becomes 09:05:00.000 with this computer's UTC offset."""
    w = shown(qtbot, QuestionPrompt(ref="/d/t", name="t", qtype="time", label="T"))
    fill(qtbot, w, "9:05")
    assert w.value().startswith("09:05:00.000") and w.value()[-6] in "+-"
    replace_text(qtbot, w.boxes.hour, "25")
    assert w.local_error()


def test_text_field_takes_chinese_and_input_methods(qtbot: Any, styled: Any) -> None:
    """Chinese typed character by character arrives whole; input methods are enabled."""
    w = shown(qtbot, QuestionPrompt(ref="/d/n", name="n", qtype="text", label="姓名"))
    assert w.field.testAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled)
    click(qtbot, w.field)
    with qtbot.waitSignal(w.changed):
        type_text(qtbot, w.field, "张伟 Li")
    assert w.value() == "张伟 Li"


def test_multiline_text_lets_tab_leave_the_box(qtbot: Any, styled: Any) -> None:
    """A multi-line box keeps Enter for new lines but Tab still moves on towards Continue."""
    w = shown(qtbot, QuestionPrompt(ref="/d/n", name="n", qtype="text", appearance="multiline",
                                    label="地址"))
    assert w.field.tabChangesFocus()
    click(qtbot, w.field)
    type_text(qtbot, w.field, "光明街")
    qtbot.keyClick(w.field, Qt.Key.Key_Return)
    type_text(qtbot, w.field, "5号")
    assert w.value() == "光明街\n5号"


def test_acknowledge_button_ticks_once_and_stays(qtbot: Any, styled: Any) -> None:
    """"I understand" gives "OK"; pressing it again does not take it back."""
    w = shown(qtbot, QuestionPrompt(ref="/d/k", name="k", qtype="acknowledge", label="确认"))
    click(qtbot, w.button)
    click(qtbot, w.button)
    assert w.value() == "OK"


def test_chosen_photo_is_shrunk_to_1600_px_jpeg(qtbot: Any, styled: Any, tmp_path: Path) -> None:
    """A 3000x2000 photo chosen (the session's picker hands its path to load_file) is attached
    as JPEG, 1600 px on its long side; "Choose a file" asks for the picker, no dialog."""
    source = tmp_path / "receipt.png"
    image = QImage(3000, 2000, QImage.Format.Format_RGB32)
    image.fill(QColor("#d0c0a0"))
    assert image.save(str(source))
    w = shown(qtbot, QuestionPrompt(ref="/d/p", name="receipt_photo", qtype="image", label="照片"))
    assert not w.take.isVisible()  # no camera on this machine: no camera button
    with qtbot.waitSignal(w.file_wanted):
        click(qtbot, w.choose)
    with qtbot.waitSignal(w.changed):
        w.load_file(str(source))
    name, data = w.attachment()
    assert name.endswith(".jpg") and w.value() == name
    assert data[:2] == b"\xff\xd8"  # JPEG
    shrunk = read_image(data)
    assert max(shrunk.width(), shrunk.height()) == LONG_SIDE_PX
    assert w.preview.pixmap() is not None and not w.preview.pixmap().isNull()


def test_a_file_that_is_not_a_picture_is_refused_in_words(qtbot: Any, styled: Any, tmp_path: Path) -> None:
    """Choosing a text file for a photo question gives a message and attaches nothing."""
    bogus = tmp_path / "notes.jpg"
    bogus.write_text("not a picture")
    w = shown(qtbot, QuestionPrompt(ref="/d/p", name="photo", qtype="image", label="照片"))
    w.load_file(str(bogus))
    assert w.local_error() and w.attachment() is None and w.value() == ""


def test_unsupported_question_has_no_input() -> None:
    """A geopoint question gets no widget (the page explains it cannot be answered here)."""
    prompt = QuestionPrompt(ref="/d/g", name="g", qtype="geopoint", label="Where", supported=False)
    assert create_input(prompt) is None
    assert ChoiceCards  # the module imports cleanly alongside the factory


def test_text_committed_by_an_input_method_arrives(qtbot: Any, styled: Any) -> None:
    """A pinyin input method's composition, then its commit, ends as the committed Chinese."""
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication

    w = shown(qtbot, QuestionPrompt(ref="/d/n", name="n", qtype="text", label="姓名"))
    click(qtbot, w.field)
    QApplication.sendEvent(w.field, QInputMethodEvent("zhang", []))  # still composing
    commit = QInputMethodEvent()
    commit.setCommitString("张伟")
    with qtbot.waitSignal(w.changed):
        QApplication.sendEvent(w.field, commit)
    assert w.value() == "张伟"


def test_date_and_time_boxes_fit_their_digits_at_the_largest_text(qtbot: Any, qapp: Any) -> None:
    """At text step 5 a four-digit year and two-digit day, month, hour and minute fit their boxes."""
    theme.apply(qapp, 5, False)
    try:
        date = shown(qtbot, QuestionPrompt(ref="/d/a", name="a", qtype="dateTime", label="When"))
        for box, text in ((date.date.year, "2025"), (date.date.month, "12"), (date.date.day, "30"),
                          (date.time.hour, "23"), (date.time.minute, "59")):
            replace_text(qtbot, box, text)
            assert box.text() == text
            assert box.fontMetrics().horizontalAdvance(text) + 16 <= box.width(), box.accessibleName()
    finally:
        qapp.setStyleSheet("")


def test_address_box_shows_four_lines_at_the_largest_text(qtbot: Any, qapp: Any) -> None:
    """A multi-line answer box is at least four lines of the largest text high."""
    theme.apply(qapp, 5, False)
    try:
        w = shown(qtbot, QuestionPrompt(ref="/d/n", name="n", qtype="text", appearance="multiline",
                                        label="地址"))
        assert w.field.height() >= w.field.fontMetrics().lineSpacing() * 4
    finally:
        qapp.setStyleSheet("")


def test_choice_cards_show_round_marks_for_one_answer_and_boxes_for_several(qtbot) -> None:
    """The mark's shape says it too: circles where one answer is allowed, boxes where several are."""
    from inclusion_app.engine.prompt import Choice, QuestionPrompt
    from inclusion_app.ui.resident.inputs.choice_cards import (
        CHOSEN,
        NOT_CHOSEN,
        TICKED,
        UNTICKED,
        ChoiceCards,
    )

    choices = (Choice("a", "Apple"), Choice("b", "Pear"))
    one = ChoiceCards(QuestionPrompt(ref="/d/q", name="q", qtype="select_one", label="Q", choices=choices))
    many = ChoiceCards(QuestionPrompt(ref="/d/m", name="m", qtype="select_multiple", label="M", choices=choices))
    for widget in (one, many):
        qtbot.addWidget(widget)
    one.cards[0].click()
    many.cards[1].click()
    assert [c._mark().strip() for c in one.cards] == [CHOSEN, NOT_CHOSEN]
    assert [c._mark().strip() for c in many.cards] == [UNTICKED, TICKED]
    assert one.value() == "a" and many.value() == "b"
