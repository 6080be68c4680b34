"""Helpers for the reader's annotation tests: a window on a given project, selecting text as
Qt sees it (UTF-16 positions found by the document itself), waiting for stored highlights."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor, QTextDocument

from desktop.domain.highlight import Highlight
from desktop.services.code_service import CodeService
from desktop.services.project import Project
from desktop.ui.annotations.code_tree_model import CodeTreeModel
from desktop.ui.annotations.highlights_panel import HighlightsPanel
from desktop.ui.main.main_window import MainWindow
from desktop.ui.project.project_session import ProjectSession
from desktop.ui.reader.reader_view import ReaderView
from tests.annotation_support import attach_project, detach_project
from tests.ui.conftest import WAIT_MS


@contextmanager
def opened(qtbot, path: Path) -> Iterator[MainWindow]:
    """A main window with the project at ``path`` open and its first article read."""
    win = MainWindow()
    qtbot.addWidget(win)
    win.resize(1200, 800)
    win.show()
    assert win.open_project(path)
    qtbot.waitUntil(lambda: win.session.project is not None and win.articles.rowCount() > 0,
                    timeout=WAIT_MS)
    qtbot.waitUntil(lambda: win.reader.article is not None, timeout=WAIT_MS)
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow, timeout=WAIT_MS)  # the reader's keys need it
    try:
        yield win
    finally:
        win.close()
        win.session.runner.wait()


def read(qtbot, win: MainWindow, title: str) -> None:
    """Open the article with this title in the reader."""
    for row in range(win.articles.rowCount()):
        article_id = win.articles.article_id(row)
        article = win.session.article(article_id)
        if article is not None and article.title == title:
            win.article_list.read_article(article_id)
            qtbot.waitUntil(lambda: win.reader.article is not None
                            and win.reader.article.title == title, timeout=WAIT_MS)
            return
    raise AssertionError(f"no article titled {title!r}")


def select(reader: ReaderView, text: str, occurrence: int = 0) -> QTextCursor:
    """Select ``text`` in the reader the way Qt finds it (UTF-16 positions, Qt's own
    paragraph separators): the test never converts positions itself."""
    document = reader.document()
    cursor = QTextCursor(document)
    for _ in range(occurrence + 1):
        cursor = document.find(text, cursor, QTextDocument.FindFlag.FindCaseSensitively)
        assert not cursor.isNull(), f"{text!r} is not in the reader"
    reader.setTextCursor(cursor)
    return cursor


def stored(win: MainWindow) -> list[Highlight]:
    project = win.session.project
    assert project is not None and win.reader.article is not None
    return project.store.highlights.for_article(win.reader.article.id or 0)


def wait_for_highlights(qtbot, win: MainWindow, count: int) -> list[Highlight]:
    """Until the article has ``count`` highlights stored and the reader draws them."""
    qtbot.waitUntil(lambda: len(stored(win)) == count and win.reader.annotations is not None
                    and len(win.reader.overlay.items) == count, timeout=WAIT_MS)
    return stored(win)


def press(qtbot, widget, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(widget, key, modifier)


def make_codes(path: Path, *names: str) -> list[int]:
    with Project.open(path) as project:
        return [CodeService(project).create(name)[0].id or 0 for name in names]


def highlights_panel_on(qtbot, folder: Path) -> Iterator[HighlightsPanel]:
    """A highlights panel of its own (no window) on the project at ``folder``, loaded; the
    project is closed afterwards. For ``yield from`` in a fixture."""
    session = ProjectSession()
    tree = CodeTreeModel()
    widget = HighlightsPanel(session, tree)
    qtbot.addWidget(widget)
    project = Project.open(folder)
    tree.set_tree(CodeService(project).tree())
    with qtbot.waitSignal(widget.loaded, timeout=WAIT_MS):
        attach_project(session, project)
    yield widget
    detach_project(session)
