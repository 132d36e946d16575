"""The servers finished forms go to: add one, check it answers, remove it, route forms to it.

A server is added by its address (an ODK Central app-user link carries its own key), or by
its address with a user name and password. "Check the connection" answers in plain words
("Reached ODK Central, project 3. Forms on it: 5."). Changes are written straight to the
settings file (sync.target_setup), so servers added from the command line are kept.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QBoxLayout, QComboBox, QFrame, QLineEdit, QVBoxLayout, QWidget

from inclusion_app import settings as settings_mod
from inclusion_app.i18n import _
from inclusion_app.sync import target_setup
from inclusion_app.sync.targets import TargetBook, TargetError
from inclusion_app.ui import theme
from inclusion_app.ui.volunteer.panel import Panel, form_choices
from inclusion_app.ui.widgets import controls

CHECK_SECONDS = 15.0


def check_server(paths: Any, target: Any) -> str:
    """Reach the server and sign in, then count its forms (network worker only)."""
    from inclusion_app.sync.channel import ChannelFactory
    from inclusion_app.sync.credentials import Credentials
    from inclusion_app.sync.outcome import Kind

    creds = Credentials(paths)
    outcome = ChannelFactory(creds.get, timeout=CHECK_SECONDS).check(target)
    ok = outcome.kind is Kind.DELIVERED
    return target_setup.check_words(target, ok, outcome.message, count_forms(paths, target)
                                    if ok else None)


def count_forms(paths: Any, target: Any) -> int | None:
    """How many forms the server's form list offers, or None if it cannot be read."""
    try:
        from inclusion_app.sync.credentials import Credentials
        from inclusion_app.sync.form_fetch import FormFetcher
    except ImportError:  # a build without the form list reader
        return None
    secret = Credentials(paths).get(target.name) if target.auth != "none" else None
    try:
        with FormFetcher(target, secret, CHECK_SECONDS) as fetch:
            return len(fetch.form_list())
    except Exception:  # noqa: BLE001 - the check already said it is reachable
        return None


class ServerRow(QFrame):
    """One server: its name and kind, Check the connection, Make default, Remove."""

    def __init__(self, panel: ServersPanel, target: Any, default: bool) -> None:
        super().__init__()
        self.target = target
        self.setObjectName(f"server_{target.name}")
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        mark = " · " + _("used for every form not sent elsewhere") if default else ""
        self.title = controls.label(f"{target.name}{mark}", "subheading")
        host = target.url.split("//", 1)[-1].split("/", 1)[0]
        self.kind = controls.label(f"{target_setup.server_kind(target)} · {host}", "body")
        self.result = controls.label("", "body")
        self.result.setObjectName(f"check_result_{target.name}")
        self.result.hide()
        self.check = controls.button(_("Check the connection"), "secondary",
                                     _("Try to reach this server and sign in"))
        self.check.setObjectName(f"check_{target.name}")
        self.check.clicked.connect(lambda _c=False: panel.check(self))
        self.remove = controls.button(_("Remove"), "danger", _("Stop sending forms to this server"))
        self.remove.setObjectName(f"remove_{target.name}")
        self.remove.clicked.connect(lambda _c=False: panel.remove(self))
        # Side by side while they fit; one above the other at the large text sizes.
        wide = panel.services.metrics.step < 3
        buttons = QBoxLayout(QBoxLayout.Direction.LeftToRight if wide
                             else QBoxLayout.Direction.TopToBottom)
        buttons.addWidget(self.check)
        if not default:
            self.default = controls.button(_("Use for every form"), "secondary",
                                           _("Send forms here unless a form says otherwise"))
            self.default.setObjectName(f"default_{target.name}")
            self.default.clicked.connect(lambda _c=False: panel.make_default(target.name))
            buttons.addWidget(self.default)
        buttons.addWidget(self.remove)
        buttons.addStretch(1)
        for w in (self.title, self.kind, self.result):
            column.addWidget(w)
        column.addLayout(buttons)


class ServersPanel(Panel):
    def __init__(self, services: Any, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self.rows: list[ServerRow] = []
        self.routes: dict[str, QComboBox] = {}
        self.list_box = self.add_box()
        self.add_heading = self.add(controls.label("", "subheading"))
        self.add_hint = self.add(controls.label("", "hint"))
        self.url_label = self.add(controls.label("", "body"))
        self.url = self.add(self._field("server_url"))
        self.user_label = self.add(controls.label("", "body"))
        self.user = self.add(self._field("server_user"))
        self.password_label = self.add(controls.label("", "body"))
        self.password = self.add(self._field("server_password"))
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.add_error = self.add(controls.label("", "error"))
        self.add_error.setObjectName("server_add_error")
        self.add_error.hide()
        self.add_button = controls.button("", "primary", "", "continue")
        self.add_button.setObjectName("server_add")
        self.add_button.clicked.connect(self.add_server)
        self.add_row(self.add_button)
        self.routes_heading = self.add(controls.label("", "subheading"))
        self.routes_box = self.add_box()
        self.retranslate()

    def _field(self, name: str) -> QLineEdit:
        field = QLineEdit()
        field.setObjectName(name)
        theme.set_role(field, "field")
        return field

    def retranslate(self) -> None:
        self.set_title(_("Servers"), _("Finished forms are sent to these servers."))
        self.add_heading.setText(_("Add a server"))
        self.add_hint.setText(_("Paste the app-user link from ODK Central (it has its own key), "
                                "or type the server's address with a user name and password."))
        for lab, field, text, description in (
                (self.url_label, self.url, _("Address or app-user link"),
                 _("Starts with https://")),
                (self.user_label, self.user, _("User name (if it needs one)"),
                 _("Leave empty for an app-user link")),
                (self.password_label, self.password, _("Password"),
                 _("Kept in this computer's key store, never shown"))):
            lab.setText(text)
            field.setAccessibleName(text)
            field.setAccessibleDescription(description)
            lab.setBuddy(field)
        controls.retitle(self.add_button, _("Add this server"),
                         _("Check the address and keep this server"))
        self.routes_heading.setText(_("Where each form goes"))
        if self.active:
            self.refresh()

    # -- showing ------------------------------------------------------------------------
    def book(self) -> TargetBook:
        return TargetBook.from_settings(settings_mod.load(self.services.paths.settings_file))

    def refresh(self) -> None:
        self.active = True
        book = self.book()
        self.clear_box(self.list_box)
        self.rows = []
        if not book.targets:
            self.put(self.list_box, controls.label(
                _("No server yet: finished forms wait on this computer until one is added."),
                "body"))
        for target in book.targets.values():
            row = ServerRow(self, target, target.name == book.default)
            self.rows.append(row)
            self.put(self.list_box, row)
        self._show_routes(book)
        self.restyle()

    def _show_routes(self, book: TargetBook) -> None:
        self.clear_box(self.routes_box)
        self.routes = {}
        names = list(book.targets)
        self.routes_heading.setVisible(len(names) > 1)
        if len(names) < 2:
            return
        for form_id, title in form_choices(self.services):
            lab = controls.label(title, "body")
            box = QComboBox()
            box.setObjectName(f"route_{form_id}")
            box.setAccessibleName(_("Server for {form}").format(form=title))
            box.setAccessibleDescription(_("Where this form's finished answers are sent"))
            box.addItem(_("The usual server ({name})").format(name=book.default or "-"), None)
            for name in names:
                box.addItem(name, name)
            chosen = book.form_targets.get(form_id)
            box.setCurrentIndex(names.index(chosen) + 1 if chosen in names else 0)
            box.currentIndexChanged.connect(
                lambda _i, f=form_id, b=box: self.route(f, b.currentData()))
            self.put(self.routes_box, lab)
            self.put(self.routes_box, box)
            self.routes[form_id] = box

    # -- actions --------------------------------------------------------------------------
    def add_server(self) -> None:
        try:
            target = target_setup.add_server(self.services.paths, self.url.text(),
                                             user=self.user.text(),
                                             password=self.password.text())
        except TargetError as exc:
            self.add_error.setText(str(exc))
            self.add_error.show()
            return
        except OSError as exc:
            self.add_error.setText(_("The settings could not be saved: {reason}").format(
                reason=exc.strerror or exc))
            self.add_error.show()
            return
        self.add_error.hide()
        for field in (self.url, self.user, self.password):
            field.clear()
        self._servers_changed()
        self.say(_("Server {name} added.").format(name=target.name))

    def check(self, row: ServerRow) -> None:
        row.result.setText(_("Checking…"))
        row.result.show()
        row.check.setEnabled(False)
        paths, target = self.services.paths, row.target
        self.services.tasks.run_net(lambda: (target.name, check_server(paths, target)),
                                    on_done=self._checked, on_error=self._check_failed)

    def _checked(self, result: tuple[str, str]) -> None:
        name, words = result
        for row in self.rows:
            if row.target.name == name:
                row.result.setText(words)
                row.result.show()
                row.check.setEnabled(True)
        self.say(words)

    def _check_failed(self, exc: BaseException) -> None:
        for row in self.rows:
            if not row.check.isEnabled():
                row.result.setText(_("The check could not be done. Please try again."))
                row.check.setEnabled(True)

    def remove(self, row: ServerRow) -> None:
        """Removing a server cannot be undone here: the first press only asks."""
        if not row.remove.property("armed"):
            row.remove.setProperty("armed", True)
            controls.retitle(row.remove, _("Press again to remove"),
                             _("This server will be removed"))
            return
        target_setup.remove_server(self.services.paths, row.target.name)
        self._servers_changed()

    def make_default(self, name: str) -> None:
        target_setup.make_default(self.services.paths, name)
        self._servers_changed()

    def route(self, form_id: str, name: str | None) -> None:
        target_setup.route_form(self.services.paths, form_id, name)
        self._servers_changed(redraw=False)

    def _servers_changed(self, redraw: bool = True) -> None:
        """The window's copy of the settings follows the file; uploads may start now."""
        on_disk = settings_mod.load(self.services.paths.settings_file)
        for key in ("targets", "default_target", "form_targets"):
            setattr(self.services.settings, key, getattr(on_disk, key))
        uploads = getattr(self.services, "uploads", None)
        if uploads is not None and hasattr(uploads, "start") and not uploads.started:
            uploads.start()
        if redraw:
            self.refresh()
