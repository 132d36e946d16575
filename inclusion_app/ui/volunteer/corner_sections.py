"""The unlocked volunteer corner: the section bar above, the chosen part below.

The first part (saved and finished forms) is the page's own listing; servers, forms, settings
and statistics are built the first time they are opened, read their data when shown, and
forget it when the corner locks again (`reset`).
"""

from __future__ import annotations

import importlib
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget

from inclusion_app.ui.volunteer.section_bar import SectionBar, SectionMenu
from inclusion_app.ui.widgets import controls

PANELS = {"servers": ("servers_panel", "ServersPanel"),
          "forms": ("forms_panel", "FormsPanel"),
          "settings": ("settings_panel", "SettingsPanel"),
          "statistics": ("stats_panel", "StatsPanel")}


class CornerSections(QWidget):
    """`show_section(key)`; emits `section_changed(key)` (the page hides its listing line)."""

    section_changed = Signal(str)

    def __init__(self, services: Any, first: QWidget, forms_pull: QWidget | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.forms_pull = forms_pull  # "Get forms from the server": shown in the forms part
        self.bar = SectionBar(services)
        self.bar.chosen.connect(self.show_section)
        self.bar.menu_requested.connect(self.show_menu)
        self.stack = QStackedWidget()
        self.stack.addWidget(first)
        self.menu: SectionMenu | None = None
        self.panels: dict[str, Any] = {"outbox": first}
        self.current = "outbox"
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.bar)
        column.addWidget(self.stack, 1)
        services.theme_changed.connect(self.bar.arrange)

    def panel(self, key: str) -> Any:
        found = self.panels.get(key)
        if found is None:
            module, name = PANELS[key]
            cls = getattr(importlib.import_module(f"inclusion_app.ui.volunteer.{module}"), name)
            found = cls(self.services)
            if key == "forms" and self.forms_pull is not None:
                found.add_action(self.forms_pull)
            found.picking.connect(lambda on: self.bar.setVisible(not on))
            self.panels[key] = found
            self.stack.addWidget(found)
            m = self.services.metrics
            controls.restyle(found, m.step, self.services.settings.high_contrast)
        return found

    def show_section(self, key: str) -> None:
        panel = self.panel(key)
        self.current = key
        self.bar.select(key)
        self.stack.setCurrentWidget(panel)
        if hasattr(panel, "refresh") and key != "outbox":
            panel.refresh()
        self.section_changed.emit(key)

    def show_menu(self) -> None:
        """The parts as big rows (the folded bar at large text); a part is opened from it."""
        if self.menu is None:
            self.menu = SectionMenu(self.services)
            self.menu.chosen.connect(self.show_section)
            self.stack.addWidget(self.menu)
            m = self.services.metrics
            controls.restyle(self.menu, m.step, self.services.settings.high_contrast)
        self.stack.setCurrentWidget(self.menu)
        self.menu.rows["outbox"].setFocus()
        self.section_changed.emit("menu")

    def retranslate(self) -> None:
        self.bar.retranslate()
        if self.menu is not None:
            self.menu.retranslate()
        for key, panel in self.panels.items():
            if key != "outbox" and hasattr(panel, "retranslate"):
                panel.retranslate()

    def reset(self) -> None:
        """Locked again: back to the first part; every other part forgets what it showed."""
        for key, panel in self.panels.items():
            if key != "outbox" and hasattr(panel, "clear"):
                panel.clear()
        self.current = "outbox"
        self.bar.select("outbox")
        self.stack.setCurrentIndex(0)
