"""The live camera view with one big "Take the picture now" button (only built when a camera exists)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QImage
from PySide6.QtMultimedia import QCamera, QImageCapture, QMediaCaptureSession
from PySide6.QtMultimediaWidgets import QVideoWidget
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from inclusion_app.i18n import _


class CameraPanel(QWidget):
    """Shows what the camera sees; `captured` carries the picture (a null image on Cancel)."""

    captured = Signal(QImage)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.view = QVideoWidget(self)
        self.view.setMinimumSize(480, 360)
        layout.addWidget(self.view)
        row = QHBoxLayout()
        self.shoot = QPushButton(_("Take the picture now"), self)
        self.shoot.setProperty("role", "primary")
        self.shoot.setAccessibleDescription(_("Hold the paper still in front of the camera."))
        self.cancel = QPushButton(_("Cancel"), self)
        self.cancel.setProperty("role", "secondary")
        self.cancel.setAccessibleDescription(_("Close the camera without taking a picture."))
        row.addWidget(self.cancel)
        row.addStretch(1)
        row.addWidget(self.shoot)
        layout.addLayout(row)
        self.camera = QCamera(self)
        self.capture = QImageCapture(self)
        self.session = QMediaCaptureSession(self)
        self.session.setCamera(self.camera)
        self.session.setImageCapture(self.capture)
        self.session.setVideoOutput(self.view)
        self.capture.imageCaptured.connect(lambda _id, image: self.captured.emit(image))
        self.shoot.clicked.connect(self.capture.capture)
        self.cancel.clicked.connect(lambda: self.captured.emit(QImage()))

    def start(self) -> None:
        self.show()
        self.camera.start()
        self.shoot.setFocus()

    def stop(self) -> None:
        self.camera.stop()
