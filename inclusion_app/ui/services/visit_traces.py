"""What a visit leaves behind outside the pages, and how the window wipes it when it ends.

The clipboard (a resident may have copied their ID number), the file dialogs' recent-folder
and history lists (Qt keeps them in its own settings, "QtProject", group "FileDialog": the
receipt's "Save as a file" and the photo's "Choose a file" both add to them) and what
"Read again" would repeat. The voice cache never holds answers in the first place
(`speech.script` marks such text not cacheable).
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QSettings
from PySide6.QtGui import QClipboard, QGuiApplication

log = logging.getLogger(__name__)

FILE_DIALOG_KEYS = ("history", "lastVisited", "qtVersion", "treeViewHeader", "shortcuts")


def forget_file_dialogs() -> None:
    """Drop the lists Qt's file dialog keeps of where the last person looked and saved."""
    store = QSettings(QSettings.Scope.UserScope, "QtProject")
    store.beginGroup("FileDialog")
    for key in FILE_DIALOG_KEYS:
        store.remove(key)
    store.endGroup()
    store.sync()


def clear_clipboard() -> None:
    clipboard = QGuiApplication.clipboard()
    if clipboard is None:
        return
    clipboard.clear(QClipboard.Mode.Clipboard)
    if clipboard.supportsSelection():
        clipboard.clear(QClipboard.Mode.Selection)
    if clipboard.supportsFindBuffer():
        clipboard.clear(QClipboard.Mode.FindBuffer)


def forget_visit(services: Any) -> None:
    """Everything above; each part on its own, so one failing never keeps the rest."""
    for step in (clear_clipboard, forget_file_dialogs):
        try:
            step()
        except Exception as exc:  # a clipboard owned by another program, a read-only disk
            log.warning("could not clear %s: %s", step.__name__, exc)
    speech = getattr(services, "speech", None)
    if speech is not None and hasattr(speech, "forget"):
        speech.forget()
