"""A second ``research-notes`` hands its project to the running window and exits."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import uuid
from pathlib import Path

from desktop.ui.main.main_window import MainWindow
from desktop.ui.main.single_instance import SingleInstance, default_key
from tests.support import REPO
from tests.ui.conftest import WAIT_MS, make_project

_ASK = """
import sys
from pathlib import Path
from PySide6.QtCore import QCoreApplication
from desktop.ui.main.single_instance import SingleInstance
app = QCoreApplication([])
project = Path(sys.argv[2]) if len(sys.argv) > 2 else None
print(SingleInstance(sys.argv[1]).ask_running(project))
"""


def _ask(key: str, project: Path | None = None) -> subprocess.Popen[str]:
    """The second instance's side, in a process of its own: its calls block (and PySide
    keeps the interpreter lock while they do), so it cannot share this test's thread."""
    args = [sys.executable, "-c", _ASK, key] + ([str(project)] if project else [])
    return subprocess.Popen(args, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})


def _answer(qtbot, process: subprocess.Popen[str]) -> str:
    try:
        qtbot.waitUntil(lambda: process.poll() is not None, timeout=60_000)
    finally:
        if process.poll() is None:
            process.kill()
    stdout, stderr = process.communicate()
    assert process.returncode == 0, stderr
    return stdout.strip()


def test_second_instance_opens_its_project_in_the_running_window(
        qtbot, bare_window: MainWindow, tmp_path: Path) -> None:
    project = make_project(tmp_path / "wanted", name="Wanted")
    running = SingleInstance(f"rn-test-{uuid.uuid4().hex[:12]}")
    assert running.listen()
    running.open_requested.connect(bare_window.open_from_elsewhere)
    bare_window.showMinimized()
    try:
        assert _answer(qtbot, _ask(running.key, project)) == "True"
        qtbot.waitUntil(lambda: bare_window.session.project is not None, timeout=WAIT_MS)
        assert bare_window.session.project.path == project.resolve()
        assert not bare_window.isMinimized()  # brought back to the front
        # Asked again for the project it already shows: it only comes to the front.
        opened = bare_window.session.project
        assert _answer(qtbot, _ask(running.key, project)) == "True"
        assert bare_window.session.project is opened
    finally:
        running.close()


def test_nobody_listening_means_this_is_the_first_instance(qtbot) -> None:
    assert SingleInstance(f"rn-test-{uuid.uuid4().hex[:12]}").ask_running(None, 500) is False


def test_garbage_on_the_socket_is_dropped(qtbot) -> None:
    running = SingleInstance(f"rn-test-{uuid.uuid4().hex[:12]}")
    assert running.listen() and running.server is not None
    requests: list[object] = []
    running.open_requested.connect(requests.append)
    client = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        client.connect(running.server.fullServerName())
        client.sendall(b"\xff\xfe not json\n")
        client.setblocking(False)
        received: list[bytes] = []

        def closed() -> bool:
            try:
                received.append(client.recv(100))
            except BlockingIOError:
                return False
            return True

        qtbot.waitUntil(closed, timeout=WAIT_MS)
        assert received == [b""] and requests == []  # no answer, nothing opened
    finally:
        client.close()
        running.close()


def test_second_research_notes_process_exits_0_and_the_first_opens_the_project(
        qtbot, bare_window: MainWindow, tmp_path: Path) -> None:
    """The whole path: a real second process, with the same user folders as this one."""
    project = make_project(tmp_path / "from the command line", name="CLI")
    running = SingleInstance(default_key())
    assert running.listen()
    running.open_requested.connect(bare_window.open_from_elsewhere)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    process = subprocess.Popen(
        [sys.executable, "-m", "desktop", str(project)], cwd=REPO, env=env,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        qtbot.waitUntil(lambda: process.poll() is not None, timeout=60_000)
        stdout, stderr = process.communicate()
        assert process.returncode == 0, stderr
        assert "already running" in stdout
        assert "Traceback" not in stderr
        qtbot.waitUntil(lambda: bare_window.session.project is not None, timeout=WAIT_MS)
        assert bare_window.session.project.path == project.resolve()
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
        running.close()
