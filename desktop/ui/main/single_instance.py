"""One Research Notes per user: a second start hands its request to the running one.

The first instance listens on a local socket named after the user (and the data folder,
so that separate settings, as in tests, make separate instances). A second
``research-notes [PROJECT]`` connects, asks it to open PROJECT (or just to come to the
front), waits for the answer and exits. If nobody answers, the socket is a leftover of a
crash and is replaced.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import logging
from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

_TIMEOUT_MS = 3000
_MAX_REQUEST = 64 * 1024  # a path and a few keys; anything larger is not ours


class SingleInstance(QObject):
    # The project to open (a Path) or None: only come to the front.
    open_requested = Signal(object)

    def __init__(self, key: str | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.key = key or default_key()
        self.server: QLocalServer | None = None
        self._buffers: dict[QLocalSocket, bytes] = {}

    # -- the second instance ------------------------------------------------------------

    def ask_running(self, project: Path | None, timeout_ms: int = _TIMEOUT_MS) -> bool:
        """Ask a running instance to open ``project``; True if it took the request.

        Blocking, for start-up (before any window exists) and for worker threads.
        """
        socket = QLocalSocket()
        socket.connectToServer(self.key)
        if not socket.waitForConnected(timeout_ms):
            return False
        request = {"open": str(project.expanduser().resolve()) if project else None}
        socket.write(json.dumps(request).encode("utf-8") + b"\n")
        socket.waitForBytesWritten(timeout_ms)
        reply = b""
        while b"\n" not in reply and socket.waitForReadyRead(timeout_ms):
            reply += bytes(socket.readAll().data())
        socket.disconnectFromServer()
        try:
            return bool(json.loads(reply.decode("utf-8")).get("ok"))
        except (ValueError, AttributeError):
            return False

    # -- the first instance -------------------------------------------------------------

    def listen(self) -> bool:
        server = QLocalServer(self)
        # Only this user may connect: the request opens projects with this user's rights.
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.key):
            # Nobody answered ask_running (it runs first), so the name is a crash's leftover.
            QLocalServer.removeServer(self.key)
            if not server.listen(self.key):
                log.warning("Cannot listen for other instances on %s: %s",
                            self.key, server.errorString())
                return False
        server.newConnection.connect(self._accept)
        self.server = server
        return True

    def close(self) -> None:
        if self.server is not None:
            self.server.close()
            self.server = None

    def _accept(self) -> None:
        assert self.server is not None
        while self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            self._buffers[socket] = b""
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(lambda s=socket: self._forget(s))

    def _read(self, socket: QLocalSocket) -> None:
        data = self._buffers.get(socket, b"") + bytes(socket.readAll().data())
        if len(data) > _MAX_REQUEST:
            socket.abort()
            return
        self._buffers[socket] = data
        if b"\n" not in data:
            return
        line = data.split(b"\n", 1)[0]
        try:
            request = json.loads(line.decode("utf-8"))
            target = request.get("open") if isinstance(request, dict) else None
        except ValueError:
            socket.abort()
            return
        socket.write(b'{"ok": true}\n')
        socket.flush()
        self.open_requested.emit(Path(target) if isinstance(target, str) and target else None)
        socket.disconnectFromServer()

    def _forget(self, socket: QLocalSocket) -> None:
        self._buffers.pop(socket, None)
        socket.deleteLater()


def default_key() -> str:
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no name for this uid (containers)
        user = "user"
    data = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    digest = hashlib.sha256(f"{user}\0{data}".encode()).hexdigest()[:16]
    return f"research-notes-{digest}"
