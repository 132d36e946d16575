"""Comfort settings, reachable from every screen: each change applies live and is saved at once.

Text size, high contrast, language, a larger pointer, and the voice. "Done" returns the
person to exactly where they were; nothing here touches their answers.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QLabel,
    QWidget,
)

from inclusion_app import i18n
from inclusion_app.i18n import _
from inclusion_app.settings import SPEECH_RATES, TEXT_SIZE_STEPS
from inclusion_app.ui import theme
from inclusion_app.ui.services.app_services import AppServices
from inclusion_app.ui.widgets import controls
from inclusion_app.ui.widgets.page_frame import PageFrame

VOLUMES = (0.4, 0.7, 1.0)


class ChoiceRow:
    """Cards acting as one exclusive choice, re-flowed into columns as the text grows."""

    def __init__(self, page: SettingsPage, row: int, count: int, short: bool = False) -> None:
        self.group = QButtonGroup(page)
        self.grid = QGridLayout()
        self.short = short  # one-letter cards ("A") fit more to a line
        self.buttons = [controls.Card(one_of_many=True) for _ in range(count)]
        for i, b in enumerate(self.buttons):
            self.group.addButton(b, i)
        page.grid.addLayout(self.grid, row, 0)
        self.flow(0)

    def flow(self, step: int) -> None:
        if self.short:
            columns = len(self.buttons) if step <= 2 else 3
        else:
            columns = min(len(self.buttons), 3 if step <= 1 else 2 if step <= 3 else 1)
        for b in self.buttons:
            self.grid.removeWidget(b)
        for i, b in enumerate(self.buttons):
            self.grid.addWidget(b, i // columns, i % columns)
        for c in range(len(self.buttons)):
            self.grid.setColumnStretch(c, 1 if c < columns else 0)


class SettingsPage(PageFrame):
    """Emits done() when the person has finished; the main window goes back. Done sits in
    the fixed action bar; the choices scroll above it."""

    done = Signal()

    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        super().__init__(parent, services.metrics.step)
        self.services = services
        body = QWidget()
        self.set_body(body)
        self.more_below.connect(lambda text: services.say("speak_after", text, services.language))
        self.grid = QGridLayout(body)
        self.heading = controls.heading("")
        self.grid.addWidget(self.heading, 0, 0)
        self.labels: dict[str, QLabel] = {}
        row = 1

        def section(key: str) -> None:
            nonlocal row
            self.labels[key] = controls.label("", "subheading")
            self.grid.addWidget(self.labels[key], row, 0)
            row += 1

        section("size")
        self.preview = controls.label("", "body")
        self.size_row = ChoiceRow(self, row, TEXT_SIZE_STEPS, short=True)
        self.size_group = self.size_row.group
        self.size_buttons = self.size_row.buttons
        row += 1
        self.grid.addWidget(self.preview, row, 0)
        row += 1
        section("contrast")
        self.contrast_row = ChoiceRow(self, row, 2)
        self.contrast_group = self.contrast_row.group
        self.contrast_buttons = self.contrast_row.buttons
        row += 1
        section("language")
        self.language_codes = list(i18n.LANGUAGES)
        self.language_row = ChoiceRow(self, row, len(self.language_codes))
        self.language_group = self.language_row.group
        self.language_buttons = self.language_row.buttons
        row += 1
        section("pointer")
        self.pointer_row = ChoiceRow(self, row, 2)
        self.pointer_group = self.pointer_row.group
        self.pointer_buttons = self.pointer_row.buttons
        row += 1
        section("voice")
        self.notice = controls.label("", "hint")
        self.grid.addWidget(self.notice, row, 0)
        row += 1
        self.voice_row = ChoiceRow(self, row, 2)
        self.voice_group = self.voice_row.group
        self.voice_buttons = self.voice_row.buttons
        row += 1
        section("speed")
        self.rate_row = ChoiceRow(self, row, len(SPEECH_RATES))
        self.rate_group = self.rate_row.group
        self.rate_buttons = self.rate_row.buttons
        row += 1
        section("volume")
        self.volume_row = ChoiceRow(self, row, len(VOLUMES))
        self.volume_group = self.volume_row.group
        self.volume_buttons = self.volume_row.buttons
        row += 1
        section("when")
        self.focus_row = ChoiceRow(self, row, 2)
        self.focus_group = self.focus_row.group
        self.focus_buttons = self.focus_row.buttons
        row += 1
        section("numbers")
        self.numbers_row = ChoiceRow(self, row, 2)
        self.numbers_group = self.numbers_row.group
        self.numbers_buttons = self.numbers_row.buttons
        row += 1
        self.rows = [self.size_row, self.contrast_row, self.language_row, self.pointer_row,
                     self.voice_row, self.rate_row, self.volume_row, self.focus_row,
                     self.numbers_row]
        self.grid.setRowStretch(row, 1)
        self.add_action_stretch()
        self.done_button = controls.button("", "primary", "", "continue")
        self.done_button.setObjectName("settings_done")
        self.done_button.clicked.connect(self.done)
        self.add_action(self.done_button)
        self._wire()
        self.retranslate()

    def _wire(self) -> None:
        s = self.services
        self.size_group.idClicked.connect(lambda i: s.update_settings(text_size_step=i))
        self.contrast_group.idClicked.connect(lambda i: s.update_settings(high_contrast=i == 1))
        self.language_group.idClicked.connect(lambda i: s.set_language(self.language_codes[i]))
        self.pointer_group.idClicked.connect(lambda i: s.update_settings(large_pointer=i == 1))
        self.voice_group.idClicked.connect(lambda i: s.update_settings(voice_on=i == 0))
        self.rate_group.idClicked.connect(
            lambda i: self._speech_change(speech_rate=SPEECH_RATES[i]))
        self.volume_group.idClicked.connect(
            lambda i: self._speech_change(speech_volume=VOLUMES[i]))
        self.focus_group.idClicked.connect(lambda i: s.update_settings(speak_on_focus=i == 0))
        self.numbers_group.idClicked.connect(
            lambda i: s.update_settings(read_sensitive_numbers=i == 0))

    def _speech_change(self, **changes: object) -> None:
        """Save, then say a sample so the person hears the new rate or volume at once."""
        self.services.update_settings(**changes)
        self.services.say("speak_text", _("This is how I sound now."), self.services.language,
                          cacheable=True)

    def sync(self) -> None:
        """Check the cards that match the current settings (after any change, from anywhere)."""
        st = self.services.settings
        self.size_buttons[st.text_size_step].setChecked(True)
        self.contrast_buttons[1 if st.high_contrast else 0].setChecked(True)
        lang = self.services.language
        self.language_buttons[self.language_codes.index(lang)].setChecked(True)
        self.pointer_buttons[1 if st.large_pointer else 0].setChecked(True)
        self.voice_buttons[0 if self.services.voice_on else 1].setChecked(True)
        rate = st.speech_rate if st.speech_rate in SPEECH_RATES else "normal"
        self.rate_buttons[SPEECH_RATES.index(rate)].setChecked(True)
        nearest = min(range(len(VOLUMES)), key=lambda i: abs(VOLUMES[i] - st.speech_volume))
        self.volume_buttons[nearest].setChecked(True)
        self.focus_buttons[0 if st.speak_on_focus else 1].setChecked(True)
        self.numbers_buttons[0 if st.read_sensitive_numbers else 1].setChecked(True)
        m = self.services.metrics
        for choice in self.rows:
            choice.flow(m.step)
        controls.restyle(self, m.step, st.high_contrast)
        self.grid.setContentsMargins(m.spacing_px * 2, m.spacing_px, m.spacing_px * 2,
                                     m.spacing_px)
        self.grid.setSpacing(m.spacing_px)
        self.restyle_frame(m.step)
        self._notice()

    def _notice(self) -> None:
        text = ""
        speech = self.services.speech
        if speech is not None and hasattr(speech, "notice"):
            try:
                text = speech.notice(self.services.language) or ""
            except Exception:  # a notice is advice; its failure is not the person's problem
                text = ""
        self.notice.setText(text)
        self.notice.setVisible(bool(text))

    def retranslate(self) -> None:
        """All text in the current language; the language cards stay in their own languages."""
        controls.set_heading(self.heading, _("Make it easier to read and hear"))
        self.labels["size"].setText(_("Text size"))
        for i, b in enumerate(self.size_buttons):
            # Each card shows a letter at the size it stands for: the choice explains itself.
            theme.set_role(b.words, "body")
            b.words.setProperty("sizeSample", str(i))
            b.words.style().polish(b.words)
            description = _("Text size %(step)d of %(steps)d") % {"step": i + 1,
                                                                  "steps": TEXT_SIZE_STEPS}
            b.retitle("A", description)
            b.setAccessibleName(f"A {description}")
        self.preview.setText(_("This is how the text will look."))
        self.labels["contrast"].setText(_("Colours"))
        self._texts(self.contrast_buttons, [_("Normal colours"), _("High contrast")])
        self.labels["language"].setText(_("Language"))
        for code, b in zip(self.language_codes, self.language_buttons, strict=True):
            b.retitle(i18n.LANGUAGES[code]["native_name"],
                      i18n.translate_to(code, "Use this language"))
        self.labels["pointer"].setText(_("Mouse pointer"))
        self._texts(self.pointer_buttons, [_("Normal pointer"), _("Large pointer")])
        self.labels["voice"].setText(_("Voice"))
        self._texts(self.voice_buttons, [_("Read aloud"), _("Silent")])
        self.labels["speed"].setText(_("Reading speed"))
        self.labels["volume"].setText(_("Loudness"))
        self.labels["when"].setText(_("What to read"))
        self.labels["numbers"].setText(_("ID and bank numbers"))
        self._texts(self.rate_buttons, [_("Slow"), _("Normal speed"), _("Fast")])
        self._texts(self.volume_buttons, [_("Quiet"), _("Medium volume"), _("Loud")])
        self._texts(self.focus_buttons, [_("Read what I point at"), _("Read only the question")])
        self._texts(self.numbers_buttons, [_("Read ID numbers aloud"),
                                           _("Keep ID numbers silent")])
        controls.retitle(self.done_button, _("Done"), _("Go back to where you were"))
        self.retranslate_frame()
        self.sync()

    @staticmethod
    def _texts(buttons: list[controls.Card], texts: list[str]) -> None:
        for b, text in zip(buttons, texts, strict=True):
            b.retitle(text, text)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self.sync()
        self.heading.setFocus(Qt.FocusReason.OtherFocusReason)
        self.reset_view()  # every visit starts at the top: the text sizes first
        self.services.say("speak_text", self.heading.plain_text(), self.services.language,
                          cacheable=True)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if event.key() == Qt.Key.Key_Escape:  # Escape leaves settings, as Done does
            self.done.emit()
            return
        super().keyPressEvent(event)
