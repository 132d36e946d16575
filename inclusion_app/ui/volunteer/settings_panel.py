"""The centre's settings: language, voice and speed, text size, theme, inactivity reset,
how long delivered forms are kept, statistics, the recovery copy of the key, the PIN.

Every choice is a row of big cards (one ticked), applied and saved the moment it is pressed;
the same keys and values as `inclusion-app settings set` (settings_keys). The recovery copy
is written to a USB stick chosen with the large-type picker, protected by a passphrase.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QButtonGroup, QGridLayout, QLineEdit, QWidget

from inclusion_app.i18n import _
from inclusion_app.ui import theme
from inclusion_app.ui.volunteer.kiosk_panel import KioskPanel
from inclusion_app.ui.volunteer.panel import Panel
from inclusion_app.ui.widgets import controls
from inclusion_app.ui.widgets.file_picker import FilePicker
from inclusion_app.ui.widgets.list_row import ListRow

RESET_MINUTES = (0, 5, 10, 15, 30)
KEEP_DAYS = (7, 30, 90, 365)


class Choices(QWidget):
    """A labelled row of exclusive cards; `on_change(value)` when one is pressed."""

    def __init__(self, name: str, on_change: Callable[[Any], None]) -> None:
        super().__init__()
        self.setObjectName(name)
        self.on_change = on_change
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.group = QButtonGroup(self)
        self.cards: dict[Any, controls.Card] = {}

    def fill(self, options: list[tuple[Any, str]], current: Any, step: int, hc: bool,
             description: str = "") -> None:
        for card in self.cards.values():
            self.group.removeButton(card)
            card.hide()
            card.deleteLater()
        self.cards = {}
        columns = 3 if step <= 1 else 2
        for i, (value, text) in enumerate(options):
            card = controls.Card(text, description, step, hc)
            card.setObjectName(f"{self.objectName()}_{value}")
            card.setChecked(value == current)
            card.clicked.connect(lambda _c=False, v=value: self.on_change(v))
            self.group.addButton(card)
            self.grid.addWidget(card, i // columns, i % columns)
            card.show()
            self.cards[value] = card


class SettingsPanel(Panel):
    picker_options: dict[str, Any] = {}  # tests and kiosks: where the picker looks for sticks

    def __init__(self, services: Any, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        s = services
        self.groups: list[tuple[Any, Choices, Callable[[], list[tuple[Any, str]]],
                                Callable[[], Any]]] = []
        self._choice("language", lambda: [("zh", "中文"), ("en", "English")],
                     lambda: self._centre("language") or s.language, self._set_language)
        self._choice("voice", lambda: [(True, _("Read aloud")), (False, _("Silent"))],
                     lambda: bool(self._centre("voice_on")), lambda v: self._comfort(voice_on=v))
        self._choice("speed", lambda: [("slow", _("Slow")), ("normal", _("Normal")),
                                       ("fast", _("Fast"))],
                     lambda: self._centre("speech_rate"),
                     lambda v: self._comfort(speech_rate=v))
        self._choice("text_size", lambda: [(i, str(i + 1)) for i in range(6)],
                     lambda: self._centre("text_size_step"),
                     lambda v: self._comfort(text_size_step=v))
        self._choice("theme", lambda: [(False, _("Standard colours")),
                                       (True, _("High contrast"))],
                     lambda: bool(self._centre("high_contrast")),
                     lambda v: self._comfort(high_contrast=v))
        self._choice("reset", lambda: [(m, _("Never") if not m else
                                        _("After {n} minutes").format(n=m)) for m in RESET_MINUTES],
                     lambda: s.settings.inactivity_minutes,
                     lambda v: s.update_settings(inactivity_minutes=v))
        self._choice("keep", lambda: [(d, _("{n} days after delivery").format(n=d))
                                      for d in KEEP_DAYS],
                     lambda: s.settings.retention_days,
                     lambda v: s.update_settings(retention_days=v))
        self._choice("statistics", lambda: [(True, _("Count")), (False, _("Do not count"))],
                     lambda: bool(s.settings.statistics_on),
                     lambda v: s.update_settings(statistics_on=v))
        # The recovery copy of the storage key.
        self.key_heading = self.add(controls.label("", "subheading"))
        self.key_hint = self.add(controls.label("", "hint"))
        self.pass_label = self.add(controls.label("", "body"))
        self.passphrase = self.add(self._secret("key_passphrase"))
        self.pass2_label = self.add(controls.label("", "body"))
        self.passphrase2 = self.add(self._secret("key_passphrase2"))
        self.key_button = ListRow("", "", "usb")  # its words wrap at the largest text
        self.key_button.setObjectName("key_export")
        self.key_button.clicked.connect(self.choose_key_file)
        self.add(self.key_button)
        self.key_result = self.add(controls.label("", "body"))
        self.key_result.setObjectName("key_result")
        self.key_result.hide()
        # Change the PIN.
        self.pin_heading = self.add(controls.label("", "subheading"))
        self.old_label = self.add(controls.label("", "body"))
        self.old_pin = self.add(self._secret("pin_old"))
        self.new_label = self.add(controls.label("", "body"))
        self.new_pin = self.add(self._secret("pin_new"))
        self.new2_label = self.add(controls.label("", "body"))
        self.new_pin2 = self.add(self._secret("pin_new2"))
        self.pin_button = controls.button("", "secondary", "")
        self.pin_button.setObjectName("pin_change")
        self.pin_button.clicked.connect(self.change_pin)
        self.add_row(self.pin_button)
        self.pin_result = self.add(controls.label("", "body"))
        self.pin_result.setObjectName("pin_result")
        self.pin_result.hide()
        # This computer: start full-screen at log-in; in a kiosk session, the only close.
        self.kiosk = self.add(KioskPanel(services))
        self.picker: FilePicker | None = None
        self.retranslate()

    def _choice(self, name: str, options: Callable[[], list[tuple[Any, str]]],
                current: Callable[[], Any], apply: Callable[[Any], None]) -> None:
        label = self.add(controls.label("", "body"))
        choices = Choices(f"setting_{name}", lambda v: self._chose(apply, v))
        self.add(choices)
        self.groups.append((label, choices, options, current))

    def _chose(self, apply: Callable[[Any], None], value: Any) -> None:
        apply(value)
        self.refresh()

    def _secret(self, name: str) -> QLineEdit:
        field = QLineEdit()
        field.setObjectName(name)
        field.setEchoMode(QLineEdit.EchoMode.Password)
        theme.set_role(field, "field")
        return field

    def _centre(self, key: str) -> Any:
        """The centre's choice (what every visit starts with), else the value in use now."""
        value = self.services.centre_defaults.get(key)
        return getattr(self.services.settings, key) if value is None else value

    def _comfort(self, **values: Any) -> None:
        """The centre's choice: in use now, and what every visit starts with from now on."""
        self.services.update_settings(**values)
        self.services.keep_as_centre_defaults(**values)

    def _set_language(self, code: str) -> None:
        self.services.set_language(code)  # every page follows
        self.services.keep_as_centre_defaults(language=code)

    def labels(self) -> list[str]:
        return [_("Language of the program"), _("Voice"), _("Speed of the voice"),
                _("Text size"), _("Colours"),
                _("Go back to the start after this long without a touch"),
                _("Keep forms that were delivered for"),
                _("Anonymous statistics (counts only, never answers)")]

    def retranslate(self) -> None:
        self.set_title(_("Settings"), _("These are the centre's settings. A resident's own "
                                        "choices under Aa last until the end of their visit."))
        for (label, choices, _o, _c), text in zip(self.groups, self.labels(), strict=True):
            label.setText(text)
            choices.setAccessibleName(text)
        self.key_heading.setText(_("Recovery copy of the storage key"))
        self.key_hint.setText(_("Without the key, forms saved on this computer cannot be "
                                "opened or sent. Keep the copy and its passphrase apart, "
                                "somewhere safe."))
        for lab, field, text in (
                (self.pass_label, self.passphrase, _("Passphrase (at least 8 characters)")),
                (self.pass2_label, self.passphrase2, _("The same passphrase again")),
                (self.old_label, self.old_pin, _("The PIN now")),
                (self.new_label, self.new_pin, _("The new PIN (at least 4 digits)")),
                (self.new2_label, self.new_pin2, _("The new PIN again"))):
            lab.setText(text)
            lab.setBuddy(field)
            field.setAccessibleName(text)
            field.setAccessibleDescription(_("Typed characters are hidden"))
        self.key_button.retitle(_("Save a recovery copy on a USB stick"),
                                _("Choose the USB stick to save the recovery copy on"))
        self.pin_heading.setText(_("Volunteer PIN"))
        controls.retitle(self.pin_button, _("Change the PIN"),
                         _("Replace the volunteer PIN with the new one"))
        self.kiosk.retranslate()
        self.refresh(active=self.active)

    def refresh(self, active: bool = True) -> None:
        self.active = active
        m = self.services.metrics
        hc = self.services.settings.high_contrast
        for label, choices, options, current in self.groups:
            choices.fill(options(), current(), m.step, hc, label.plain_text())

    def clear(self) -> None:
        super().clear()
        for field in (self.passphrase, self.passphrase2, self.old_pin, self.new_pin,
                      self.new_pin2):
            field.clear()
        self.key_result.hide()
        self.pin_result.hide()
        self._close_picker()

    # -- the recovery copy ------------------------------------------------------------------
    def choose_key_file(self) -> None:
        from inclusion_app.storage.recovery import MIN_PASSPHRASE

        first, second = self.passphrase.text(), self.passphrase2.text()
        problem = (_("Type a passphrase of at least 8 characters.")
                   if len(first) < MIN_PASSPHRASE else
                   _("The two passphrases are different.") if first != second else "")
        if problem:
            self._key_says(problem, error=True)
            return
        if self.picker is None:
            self.picker = FilePicker(self.services, mode="save", extensions=(".key",),
                                     suggested_name="inclusion-recovery",
                                     title=lambda: _("Where should the recovery copy go?"),
                                     **self.picker_options)
            self.picker.chosen.connect(self._save_key)
            self.picker.cancelled.connect(self._close_picker)
        self.show_picker(self.picker)
        self.picker.start()

    def _close_picker(self) -> None:
        self.hide_picker(self.picker)

    def _save_key(self, target: Path) -> None:
        from inclusion_app.storage.recovery_copy import save_recovery_copy

        self._close_picker()
        paths, passphrase = self.services.paths, self.passphrase.text()
        self.services.tasks.run_db(lambda: save_recovery_copy(paths, target, passphrase),
                                   on_done=self._key_saved, on_error=self._key_failed)

    def _key_saved(self, _fingerprint: str) -> None:
        self.passphrase.clear()
        self.passphrase2.clear()
        self._key_says(_("The recovery copy was saved. Keep the USB stick somewhere safe."))

    def _key_failed(self, exc: BaseException) -> None:
        from inclusion_app.storage.api import StorageError

        text = str(exc) if isinstance(exc, StorageError) else _(
            "The recovery copy could not be saved. Is the USB stick still plugged in?")
        self._key_says(text, error=True)

    def _key_says(self, text: str, error: bool = False) -> None:
        theme.set_role(self.key_result, "error" if error else "body")
        self.key_result.setText(text)
        self.key_result.show()

    # -- the PIN ------------------------------------------------------------------------------
    def change_pin(self) -> None:
        """Needs the PIN now (a wrong one counts as a wrong try, as at the corner's door)."""
        from inclusion_app import volunteer_pin

        ok = True
        try:
            volunteer_pin.set_pin(self.services.paths, self.new_pin.text(),
                                  old=self.old_pin.text(), again=self.new_pin2.text())
            self.services.settings.volunteer_pin_hash = volunteer_pin.stored_hash(
                self.services.paths)
            message = _("The PIN was changed. Use the new PIN from now on.")
        except volunteer_pin.PinError as exc:
            ok, message = False, str(exc)
        for field in (self.old_pin, self.new_pin, self.new_pin2):
            field.clear()
        theme.set_role(self.pin_result, "body" if ok else "error")
        self.pin_result.setText(message)
        self.pin_result.show()
