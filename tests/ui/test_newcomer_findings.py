"""One test per thing a first-time user tripped on in the review walk (shared review notes,
2026-12-04): each failed before its fix."""

from __future__ import annotations

import re
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel

from inclusion_app.engine.controller import FormController
from inclusion_app.ui.resident.form_page import FormPage
from tests.data.service_answers import answers_for
from tests.ui.conftest import wait_idle
from tests.ui.fit import settle
from tests.ui.form_walk import click, fill, walk_to_review

pytestmark = pytest.mark.gui


@pytest.fixture
def fast(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(FormPage, "settle_ms", 0)


def start(window: Any, form_id: str, qtbot: Any = None) -> Any:
    """Open a form; a form that asks an ID number first shows the consent page: agreed."""
    window.start_form(window.services.load_form(form_id))
    settle(window)
    session = window.session
    if session.consent.showing():
        page = session.consent.page
        page._shown_at = 0.0  # not a double tap: this press comes long after the page
        page.continue_button.click()
        settle(window)
    assert not session.consent.showing()
    return session


def goto(session: Any, name: str) -> Any:
    """Jump the session to the screen of question `name` (as Change does)."""
    for row in session.controller.review():
        if row.ref.rsplit("/", 1)[-1] == name:
            session._change(row)
            QApplication.processEvents()
            return session.page
    raise AssertionError(f"no screen for {name}")


def visible_texts(root: Any) -> list[str]:
    texts = []
    for w in root.findChildren(QLabel) + root.findChildren(QAbstractButton):
        if w.isVisible():
            text = w.plain_text() if hasattr(w, "plain_text") else w.text()
            if text:
                texts.append(text)
    return texts


def test_the_declaration_button_says_i_confirm_and_review_shows_it_in_chinese(
        qtbot: Any, main_window: Any, fast: None) -> None:
    """Hint and error say press "我确认"; the button says it; review shows "我确认", not "OK"."""
    window = main_window(language="zh")
    session = start(window, "pension_check")
    page = goto(session, "declaration")
    card = page.blocks[0].input.button
    assert card.text() == "我确认"
    click(qtbot, card)
    session.controller.answer(page.blocks[0].prompt.ref, page.blocks[0].input.value())
    rows = {r.ref.rsplit("/", 1)[-1]: r for r in session.controller.review()}
    assert rows["declaration"].answer == "我确认"
    en = FormController(window.services.load_form("pension_check"), language="en")
    en.answer(rows["declaration"].ref, "OK")
    assert {r.ref: r.answer for r in en.review()}[rows["declaration"].ref] == "I confirm"


def test_several_answers_are_joined_with_the_chinese_enumeration_comma(main_window: Any) -> None:
    window = main_window(language="zh")
    session = start(window, "pension_check")
    ref = next(r.ref for r in session.controller.review() if r.ref.endswith("/changes"))
    session.controller.answer(ref, "moved bank_card")
    answer = next(r.answer for r in session.controller.review() if r.ref == ref)
    assert "、" in answer and ", " not in answer


def test_chinese_view_draws_shared_punctuation_with_the_chinese_face(qapp: Any) -> None:
    """“ ” come from the Chinese face (full width) in the Chinese view, Latin face in English."""
    from inclusion_app.ui import theme

    zh, en = theme.font_families("zh"), theme.font_families("en")
    assert zh.index("Noto Sans CJK SC") < zh.index("DejaVu Sans")
    assert en.index("DejaVu Sans") < en.index("Noto Sans CJK SC")
    assert theme.stylesheet(0, False, "zh").index("CJK") < theme.stylesheet(0, False, "zh").index(
        "DejaVu")


def test_qt_s_own_dialog_words_are_chinese_in_the_chinese_view(qapp: Any) -> None:
    """Qt's translator is loaded for Chinese: "Look in:" and Cancel are no longer English."""
    from PySide6.QtCore import QCoreApplication

    from inclusion_app.ui.app import install_qt_translator

    translator = install_qt_translator(qapp, "zh")
    try:
        assert translator.isEmpty() is False
        assert QCoreApplication.translate("QFileDialog", "Look in:") != "Look in:"
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") != "Cancel"
    finally:
        qapp.removeTranslator(translator)


LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
ALLOWED_LATIN = {"English"}  # the language card names itself


def test_no_english_words_on_the_chinese_screens(qtbot: Any, main_window: Any, fast: None) -> None:
    """Home, settings, every question of two forms and check your answers, in Chinese."""
    window = main_window(language="zh")
    seen: list[str] = []
    seen.extend(visible_texts(window))
    window.open_settings()
    settle(window)
    seen.extend(visible_texts(window))
    window.close_settings()

    def collect(_page: Any) -> None:
        seen.extend(visible_texts(window))

    for form_id in ("pension_check", "book_service"):
        session = start(window, form_id)
        walk_to_review(qtbot, session, answers_for(form_id), on_screen=collect)
        seen.extend(visible_texts(window))
        window.go_home()
    english = {w for text in seen for w in LATIN_WORD.findall(text)} - ALLOWED_LATIN
    assert not english, english


def test_focus_starts_in_the_answer_and_typing_works_at_once(qtbot: Any, main_window: Any) -> None:
    window = main_window(language="en")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    session = start(window, "pension_check")
    page = goto(session, "id_number")
    field = page.blocks[0].input.field
    assert field.hasFocus()
    QTest.keyClicks(QApplication.focusWidget(), "1101")
    assert field.text() == "1101"


def test_after_a_date_error_tab_goes_from_day_to_month(qtbot: Any, main_window: Any,
                                                       fast: None) -> None:
    """Review walk 62: Tab went Day -> heading -> Month after an error."""
    window = main_window(language="en")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    session = start(window, "book_service")
    page = goto(session, "visit_date")
    boxes = page.blocks[0].input.boxes.boxes  # day, month, year in English
    QTest.keyClicks(boxes[0], "40")
    click(qtbot, page.continue_button)
    assert page.error_frame.isVisible()
    boxes[0].setFocus()
    QTest.keyClick(boxes[0], Qt.Key.Key_Tab)
    assert boxes[1].hasFocus(), QApplication.focusWidget()


def test_the_step_total_never_grows_and_review_is_the_last_step(qtbot: Any, main_window: Any,
                                                                fast: None) -> None:
    window = main_window(language="en")
    session = start(window, "pension_check")
    shown: list[str] = []
    walk_to_review(qtbot, session, answers_for("pension_check"),
                   on_screen=lambda page: shown.append(page.progress.plain_text()))
    totals = [int(re.search(r"of (\d+)", t).group(1)) for t in shown]
    assert all(b <= a for a, b in zip(totals, totals[1:], strict=False)), shown
    last = session.review.progress.plain_text()
    step, total = map(int, re.findall(r"\d+", last))
    assert step == total and total <= totals[-1], (last, shown)


def test_settings_open_at_the_top_on_a_second_visit(qtbot: Any, main_window: Any) -> None:
    window = main_window(size=(1024, 600), language="en", text_size_step=5)
    window.open_settings()
    settle(window)
    bar = window.settings_page.scroll.verticalScrollBar()
    assert bar.maximum() > 0
    bar.setValue(bar.maximum())
    window.close_settings()
    window.open_settings()
    settle(window)
    assert bar.value() == 0


def test_the_confirmation_opens_with_thank_you_in_view(qtbot: Any, main_window: Any) -> None:
    from inclusion_app.ui.resident.form_outcome import Completed

    window = main_window(size=(1024, 600), language="en", text_size_step=5)
    done = Completed(reference="K7M2P4Q9", instance_id="uuid:1", form_id="pension_check",
                     title="Pension check", rows=[], when=0.0, practice=False)
    window.form_finished(done)
    settle(window)
    bar = window.confirmation_page.scroll.verticalScrollBar()
    bar.setValue(bar.maximum())
    window.go_home()
    window.form_finished(done)
    settle(window)
    assert bar.value() == 0


def test_step_one_goes_back_to_the_start_losing_nothing(qtbot: Any, main_window: Any,
                                                       fast: None) -> None:
    window = main_window(language="en")
    session = start(window, "book_service")
    page = session.page
    assert page.back_button.isVisible() and page.back_button.text() == "Back to the start"
    click(qtbot, page.back_button)  # nothing answered: home, nothing kept
    assert window.current_page() is window.home_page and window.session is None
    wait_idle(qtbot, window.services)
    assert window.services.store.list_drafts() == []
    session = start(window, "book_service")
    fill(qtbot, session.page.blocks[0].input, "health")
    click(qtbot, session.page.back_button)  # an answer given: kept as a saved draft,
    # and the person gets its code on "Your answers are saved" as with Stop and save
    qtbot.waitUntil(lambda: window.current_page() is window.saved_page, timeout=5000)
    wait_idle(qtbot, window.services)
    assert len(window.services.store.list_drafts()) == 1


def test_voice_button_reads_as_a_state(main_window: Any) -> None:
    window = main_window(language="en")
    assert window.top_bar.voice_button.text() in ("Voice: on", "Voice: off")


def test_the_home_promise_names_the_word_on_the_send_button(qtbot: Any, main_window: Any,
                                                            fast: None) -> None:
    for lang, word in (("en", "Send"), ("zh", "发送")):
        window = main_window(language=lang)
        assert f"“{word}”" in window.home_page.hint.plain_text()
        session = start(window, "book_service")
        walk_to_review(qtbot, session, answers_for("book_service"))
        assert word in session.review.send_button.text()
        window.go_home()
        window.close()


def test_the_practice_form_is_off_home_unless_a_trainer_shows_it(main_window: Any) -> None:
    window = main_window(language="en")
    assert "practice_meal" not in window.home_page.tiles
    assert "pension_check" in window.home_page.tiles
    window.services.class_mode = True
    window.home_page.rebuild()
    assert "practice_meal" in window.home_page.tiles


@pytest.mark.parametrize(("name", "words"), [("id_number", "Only digits and X here"),
                                             ("phone", "Only digits here")])
def test_letters_in_a_digit_field_are_explained(qtbot: Any, main_window: Any, name: str,
                                                words: str) -> None:
    window = main_window(language="en")
    session = start(window, "pension_check")
    page = goto(session, name)
    number = page.blocks[0].input
    number.field.setFocus()
    QTest.keyClicks(number.field, "12a")
    assert number.field.text() == "12"
    assert number.refused.isVisible() and words in number.refused.text()
    QTest.keyClicks(number.field, "3")
    assert not number.refused.isVisible()


def test_a_chinese_tile_title_never_leaves_one_character_alone() -> None:
    from inclusion_app.ui.widgets.controls import balanced_lines

    def advance(text: str) -> int:
        return 40 * len(text)

    lines = balanced_lines("老年人优待证申请", advance, 7 * 40)  # 7 fit on a line: 7 + 1 before
    assert lines == ["老年人优", "待证申请"]
    assert balanced_lines("预约社区服务", advance, 400) == ["预约社区服务"]


def test_home_tiles_at_1024_show_no_single_character_line(main_window: Any) -> None:
    window = main_window(size=(1024, 600), language="zh")
    settle(window)
    for tile in window.home_page.tiles.values():
        lines = tile.title.plain_text().split("\n")
        assert all(len(line) > 1 for line in lines), lines


def test_the_heading_s_focus_frame_has_room_and_size_samples_are_one_of_many(
        qtbot: Any, main_window: Any) -> None:
    window = main_window(language="en", text_size_step=5)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    heading = window.home_page.heading
    heading.setFocus()
    qtbot.waitUntil(heading.hasFocus)
    settle(window)
    assert heading.contentsRect().left() >= 8  # the focus frame (4 px), then room
    window.open_settings()
    settle(window)
    page = window.settings_page
    assert all(card.one_of_many for card in page.size_buttons)
    sizes = [card.words.font().pointSize() for card in page.size_buttons]
    assert sizes == sorted(sizes) and sizes[-1] > sizes[0]


def test_on_a_wide_screen_the_id_box_is_narrow_and_the_pad_is_near_continue(
        main_window: Any) -> None:
    window = main_window(size=(1920, 1080), language="zh")
    session = start(window, "pension_check")
    page = goto(session, "id_number")
    settle(window)
    number = page.blocks[0].input
    assert number.field.width() < 700
    pad_right = number.pad.mapTo(window, number.pad.rect().topRight()).x()
    cont_left = page.continue_button.mapTo(window, page.continue_button.rect().topLeft()).x()
    assert cont_left - pad_right < 900, (pad_right, cont_left)


def test_print_shows_our_large_preview_with_one_print_button(qtbot: Any, main_window: Any) -> None:
    """No Qt print dialog: the copy's own pages, large, and Print; with no printer, words."""
    from inclusion_app.engine.prompt import ReviewRow
    from inclusion_app.ui.resident.form_outcome import Completed

    window = main_window(size=(1024, 600), language="zh")
    rows = [ReviewRow("/data/a", "您的姓名", "张秀英", True, (0,))]
    window.form_finished(Completed("K7M2P4Q9", "uuid:1", "pension_check", "年度养老金资格认证",
                                   rows, 0.0, False))
    page = window.confirmation_page
    click(qtbot, page.print_button)
    click(qtbot, page.printer_button)
    preview = page.preview
    assert preview is not None and preview.isVisible()
    assert preview.pictures and not preview.pictures[0].pixmap().isNull()
    assert preview.print_button.text() == "打印"
    settle(window)
    from tests.ui.fit import why_not_in_view
    assert why_not_in_view(preview.print_button, window) == ""
    from PySide6.QtPrintSupport import QPrinterInfo

    if QPrinterInfo.defaultPrinter().isNull():
        click(qtbot, preview.print_button)
        assert preview.status.isVisible() and "打印机" in preview.status.text()
    click(qtbot, preview.back_button)
    assert not preview.isVisible() and page.home_button.isVisible()


def test_save_as_a_file_uses_our_large_picker_not_a_file_dialog(qtbot: Any, main_window: Any,
                                                                tmp_path: Any) -> None:
    """Review walk 43: no "Look in:", no cut columns, no /root path: big rows, Save here."""
    from pathlib import Path

    from PySide6.QtWidgets import QFileDialog

    from inclusion_app.ui.resident.form_outcome import Completed
    from inclusion_app.ui.widgets.file_picker import FilePicker
    from inclusion_app.ui.widgets.file_places import Place

    window = main_window(size=(1024, 600), language="zh")
    window.form_finished(Completed("K7M2P4Q9", "uuid:1", "pension_check", "年度养老金资格认证",
                                   [], 0.0, False))
    page = window.confirmation_page
    click(qtbot, page.print_button)
    click(qtbot, page.pdf_button)
    picker = page.picker
    assert isinstance(picker, FilePicker) and picker.isVisible()
    assert not window.findChildren(QFileDialog)
    assert picker.heading.plain_text() == "您的回执要存在哪里？"
    stick = Path(tmp_path) / "stick"
    stick.mkdir()
    picker.open_place(Place(label="KINGSTON", path=stick, kind="removable"))
    assert "/" not in picker.where.plain_text()  # where we are, in words
    click(qtbot, picker.choose_button)
    assert (stick / "K7M2P4Q9.pdf").is_file()
    assert page.picker is None and page.home_button.isVisible()
    assert page.status.isVisible()
