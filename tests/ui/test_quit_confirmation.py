"""Quitting while an import runs asks first; cancelling keeps what was imported."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox

from desktop.importers.plain_text_importer import PlainTextImporter
from desktop.services.file_reader import FileReader
from desktop.services.project import Project
from desktop.ui.main.main_window import MainWindow
from tests.ui.conftest import WAIT_MS, make_project, modal_answer

FILES = 400


@pytest.fixture
def slow_import(monkeypatch, tmp_path: Path) -> Path:
    """A folder whose import takes seconds: every file is made slow to read, so that the
    test can quit in the middle of it on any machine."""
    parse = PlainTextImporter.parse

    def slow_parse(self: PlainTextImporter, data: bytes, path: Path) -> object:
        time.sleep(0.01)
        return parse(self, data, path)

    monkeypatch.setattr(PlainTextImporter, "parse", slow_parse)
    # Read on the import's thread, where the slow parse applies (a reading process, used
    # from 200 files on, would import the importer afresh).
    monkeypatch.setattr(FileReader, "PROCESS_MIN_FILES", 10**9)
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(FILES):
        (folder / f"{i:04d}.txt").write_text(f"Story {i}\n\nBody of story number {i}.\n",
                                             encoding="utf-8")
    return folder


def _click(button_text: str) -> object:
    def answer(widget: object) -> None:
        assert isinstance(widget, QMessageBox)
        assert widget.text() == "An import is running. Cancel it and quit?"
        next(b for b in widget.buttons() if b.text() == button_text).click()
    return answer


def _import_running(qtbot, win: MainWindow, project: Path, folder: Path) -> object:
    """Open ``project`` and start importing ``folder``: the task, once it reports progress."""
    with qtbot.waitSignal(win.session.index_ready, timeout=WAIT_MS):
        win.open_project(project)
    task = win.session.import_paths([folder])
    with qtbot.waitSignal(task.signals.progress, timeout=WAIT_MS):
        pass
    return task


def test_quit_during_import_asks_and_cancelling_keeps_what_was_imported(
        qtbot, bare_window: MainWindow, slow_import: Path, tmp_path: Path) -> None:
    win = bare_window
    path = make_project(tmp_path / "project")
    task = _import_running(qtbot, win, path, slow_import)

    # "Keep Working": the window stays and so does the import.
    modal_answer(qtbot, _click("Keep Working"))
    assert not win.close()
    assert win.isVisible() and win.session.active_import is task
    assert not task.cancel_token.cancelled

    # "Cancel Import and Quit": the import stops at a step boundary and the window closes.
    modal_answer(qtbot, _click("Cancel Import and Quit"))
    assert win.close()
    assert task.cancel_token.cancelled and win.session.project is None
    with Project.open(path) as project:
        stored = project.store.articles.count()
    assert 0 < stored < FILES  # what was imported before quitting is kept, nothing more


def test_quit_without_running_work_does_not_ask(qtbot, window: MainWindow) -> None:
    assert window.quit_guard.question() is None
    assert window.close()


def test_the_question_is_answered_when_the_import_ends_while_it_is_open(
        qtbot, bare_window: MainWindow, slow_import: Path, tmp_path: Path) -> None:
    win = bare_window
    path = make_project(tmp_path / "project")
    few = tmp_path / "few"
    few.mkdir()
    for name in sorted(slow_import.iterdir())[:60]:  # about a second of slow reading
        (few / name.name).write_bytes(name.read_bytes())
    task = _import_running(qtbot, win, path, few)
    asked: list[str] = []
    QTimer.singleShot(50, lambda: asked.append(win.quit_guard.box.text()
                                               if win.quit_guard.box else ""))
    # Should the question stay, it is dismissed later (the test fails, rather than hangs).
    QTimer.singleShot(WAIT_MS, lambda: win.quit_guard.box and win.quit_guard.box.done(0))
    # Nobody answers: the import ends on its own, and with it the question.
    assert win.close()
    assert asked == ["An import is running. Cancel it and quit?"]
    assert not task.cancel_token.cancelled
    with Project.open(path) as project:
        assert project.store.articles.count() == 60
