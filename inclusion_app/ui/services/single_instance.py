"""One window per account and data folder: starting the program again brings it to the front.

The first start listens on a local socket (QLocalServer: a Unix socket on Linux, a named pipe
on Windows) named after the account and the data folder; a later start finds it, asks it to
come forward and exits. Two data folders (a test, a second profile) are two programs. A socket
left by a crashed window answers nobody, so it is removed and taken over.
"""

from __future__ import annotations

import getpass
import hashlib
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

WAIT_MS = 1000
MESSAGE = b"front\n"


def server_name(data_folder: Path) -> str:
    try:
        user = getpass.getuser()
    except (OSError, KeyError):  # no name for this uid (a bare container): the folder decides
        user = "user"
    digest = hashlib.sha256(f"{user}\0{data_folder.resolve()}".encode()).hexdigest()[:16]
    return f"inclusion-app-{digest}"


class SingleInstance(QObject):
    """`claim()` -> True for the first window; `activated` fires when another start asks."""

    activated = Signal()

    def __init__(self, data_folder: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = server_name(data_folder)
        self.server: QLocalServer | None = None

    def ask_running_window(self) -> bool:
        """True if a window is already running here (it has been asked to come forward)."""
        socket = QLocalSocket()
        socket.connectToServer(self.name)
        if not socket.waitForConnected(WAIT_MS):
            return False
        socket.write(MESSAGE)
        socket.waitForBytesWritten(WAIT_MS)
        socket.disconnectFromServer()
        return True

    def claim(self) -> bool:
        """Become the one window, or return False after bringing the running one forward."""
        if self.ask_running_window():
            return False
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.name):
            if self.ask_running_window():  # another start won the race a moment ago
                return False
            QLocalServer.removeServer(self.name)  # left behind by a window that crashed
            if not server.listen(self.name):
                return True  # no socket possible: run anyway rather than not at all
        server.newConnection.connect(self._connected)
        self.server = server
        return True

    def _connected(self) -> None:
        """Read each caller's one short message here and now (it writes as soon as it has
        connected), so no socket outlives this call with a handler attached."""
        server = self.server
        while server is not None and server.hasPendingConnections():
            socket = server.nextPendingConnection()
            if socket.bytesAvailable() or socket.waitForReadyRead(WAIT_MS):
                if bytes(socket.readAll().data()).startswith(MESSAGE.strip()):
                    self.activated.emit()
            socket.disconnectFromServer()
            socket.deleteLater()

    def close(self) -> None:
        if self.server is not None:
            self.server.close()
            self.server = None
