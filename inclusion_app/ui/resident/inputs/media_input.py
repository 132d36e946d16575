"""Pictures and files: take a picture with the webcam or choose a file, then see it large.

The camera button exists only when Qt finds a camera. A picture is turned upright, shrunk
to at most 1600 px on its long side and re-encoded as JPEG (quality 85) before it is
attached, so a 12-megapixel receipt photo becomes a few hundred kilobytes.
"""

from __future__ import annotations

import sys
import uuid
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt, Signal
from PySide6.QtGui import QImage, QImageReader, QPixmap
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from inclusion_app.engine.prompt import QuestionPrompt
from inclusion_app.i18n import _
from inclusion_app.ui.resident.inputs.base import InputWidget

LONG_SIDE_PX = 1600
JPEG_QUALITY = 85
MAX_FILE_BYTES = 20 * 1024 * 1024
PREVIEW_PX = 420
IMAGE_SUFFIXES = ("*.jpg", "*.jpeg", "*.png", "*.bmp", "*.gif", "*.webp", "*.tif", "*.tiff")


def shrink_image(image: QImage) -> bytes:
    """JPEG bytes of the picture, at most LONG_SIDE_PX on its long side."""
    if max(image.width(), image.height()) > LONG_SIDE_PX:
        image = image.scaled(
            LONG_SIDE_PX, LONG_SIDE_PX, Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.convertToFormat(QImage.Format.Format_RGB888).save(buffer, "JPEG", JPEG_QUALITY)
    buffer.close()
    return bytes(data.data())


def read_image(data: bytes) -> QImage:
    """Decode with the camera's orientation applied (phones store photos sideways)."""
    array = QByteArray(data)
    buffer = QBuffer(array)
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    reader.setAutoTransform(True)
    return reader.read()


def _unique_name(question: str, suffix: str) -> str:
    """A file name no other attachment of the submission has (two receipts photographed in
    the same second must not overwrite each other)."""
    return f"{question}-{uuid.uuid4().hex[:12]}{suffix}"


def camera_available() -> bool:
    """True when Qt lists at least one camera (never on a headless test machine).

    Asking Qt loads its whole media backend (FFmpeg, Qt Quick, QML: about 18 MiB), so on
    Linux, where a camera is a /dev/video device, a PC without one is not asked at all."""
    if sys.platform.startswith("linux") and not any(Path("/dev").glob("video*")):
        return False
    try:
        from PySide6.QtMultimedia import QMediaDevices
    except ImportError:
        return False
    return bool(QMediaDevices.videoInputs())


class MediaInput(InputWidget):
    """Buttons to add the picture or file, and a large preview of what was added.

    "Choose a file" asks the form session for its large-type picker (`file_wanted`), never a
    generic file dialog with small columns and paths; the chosen file comes back to
    `load_file`."""

    file_wanted = Signal(object)  # this input: the session shows the picker

    def __init__(self, prompt: QuestionPrompt, parent: QWidget | None = None) -> None:
        super().__init__(prompt, parent)
        self.wants_image = prompt.qtype == "image" or prompt.mediatype.startswith("image")
        self.filename = prompt.answer
        self._data: bytes | None = None
        self._problem = ""
        self.camera = None  # CameraPanel while the camera is showing
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.take = QPushButton(_("Take a picture"), self)
        self.take.setProperty("role", "secondary")
        self.describe(self.take, _("Take a picture"), _("Use the camera on this computer."))
        self.take.clicked.connect(self._open_camera)
        self.take.setVisible(self.wants_image and camera_available())
        layout.addWidget(self.take, 0, Qt.AlignmentFlag.AlignLeft)
        self.choose = QPushButton(_("Choose a file"), self)
        self.choose.setProperty("role", "secondary")
        self.describe(self.choose, _("Choose a file"), _("Pick a picture or a file on this computer."))
        self.choose.clicked.connect(self._open_dialog)
        layout.addWidget(self.choose, 0, Qt.AlignmentFlag.AlignLeft)
        self.preview = QLabel("", self)
        self.preview.setProperty("role", "body")
        self.preview.setWordWrap(True)
        layout.addWidget(self.preview)
        for button in (self.take, self.choose):
            button.setEnabled(not prompt.readonly)
            button.setAutoDefault(True)
        self._show_state()

    # -- choosing a file --------------------------------------------------------------------
    def _open_dialog(self) -> None:
        self.file_wanted.emit(self)

    def file_kinds(self) -> tuple[str, ...]:
        """File name endings the picker lists: pictures for a photo, anything otherwise."""
        return tuple(s.lstrip("*") for s in IMAGE_SUFFIXES) if self.wants_image else ()

    def load_file(self, path: str) -> None:
        """Read a chosen file; a picture is shrunk, anything unreadable is refused in words."""
        try:
            source = Path(path)
            if source.stat().st_size > MAX_FILE_BYTES:
                self._refuse(_("This file is too large. Choose a file smaller than 20 MB."))
                return
            data = source.read_bytes()
        except OSError:
            self._refuse(_("This file could not be opened. Choose another file."))
            return
        if self.wants_image:
            image = read_image(data)
            if image.isNull():
                self._refuse(_("This file is not a picture. Choose a photo."))
                return
            self.add_picture(image)
            return
        self._accept(_unique_name(self.prompt.name, source.suffix.lower()), data)

    def add_picture(self, image: QImage) -> None:
        """Attach a picture from the camera or a file, shrunk and re-encoded."""
        self._accept(_unique_name(self.prompt.name, ".jpg"), shrink_image(image))

    def _accept(self, filename: str, data: bytes) -> None:
        self.filename, self._data, self._problem = filename, data, ""
        self._show_state()
        self.changed.emit()

    def _refuse(self, message: str) -> None:
        self._problem = message
        self._show_state()

    def _show_state(self) -> None:
        """Show the picture large, or the file's name, so the person can check it."""
        if self._problem:
            self.preview.setPixmap(QPixmap())
            self.preview.setText(self._problem)
            return
        if self._data and self.wants_image:
            pixmap = QPixmap()
            pixmap.loadFromData(self._data)
            self.preview.setPixmap(pixmap.scaled(
                PREVIEW_PX, PREVIEW_PX, Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            ))
            self.preview.setAccessibleName(_("The picture you added"))
        elif self.filename:
            self.preview.setText(_("Added: {name}").format(name=self.filename))
        else:
            self.preview.setText("")
        if self.filename:
            self.choose.setText(_("Choose a different file"))
            self.choose.setAccessibleName(_("Choose a different file"))

    # -- the camera -------------------------------------------------------------------------
    def _open_camera(self) -> None:
        from inclusion_app.ui.resident.inputs.camera_panel import CameraPanel

        if self.camera is None:
            self.camera = CameraPanel(self)
            self.camera.captured.connect(self._camera_done)
            self.layout().insertWidget(1, self.camera)
        self.camera.start()

    def _camera_done(self, image: QImage) -> None:
        if self.camera is not None:
            self.camera.stop()
            self.camera.hide()
        if not image.isNull():
            self.add_picture(image)

    # -- the InputWidget contract ------------------------------------------------------------
    def value(self) -> str:
        return self.filename

    def set_value(self, value: str) -> None:
        self.filename = value
        self._show_state()

    def attachment(self) -> tuple[str, bytes] | None:
        return (self.filename, self._data) if self._data is not None else None

    def local_error(self) -> str:
        return self._problem

    def focus_target(self) -> QWidget | None:
        return self.choose
