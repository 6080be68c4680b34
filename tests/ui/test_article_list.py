"""The article list's context menu and copying a citation."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QTimer
from PySide6.QtGui import QContextMenuEvent, QGuiApplication, QTextCursor
from PySide6.QtWidgets import QApplication, QMenu

from desktop.ui.main.main_window import MainWindow
from tests.support import SEED_TITLE
from tests.ui.conftest import WAIT_MS


def test_context_menu_offers_open_copy_citation_and_delete(qtbot, window: MainWindow) -> None:
    view = window.article_view
    shown: list[list[str]] = []

    def read_menu() -> None:
        menu = QApplication.activePopupWidget()
        if not isinstance(menu, QMenu):
            QTimer.singleShot(20, read_menu)
            return
        shown.append([a.text() for a in menu.actions()])
        menu.close()

    QTimer.singleShot(0, read_menu)
    rect = view.visualRect(window.articles.index(0, 0))
    view.contextMenuEvent(QContextMenuEvent(QContextMenuEvent.Reason.Keyboard, rect.center(),
                                            view.viewport().mapToGlobal(rect.center())))
    qtbot.waitUntil(lambda: bool(shown), timeout=WAIT_MS)
    assert shown == [["&Open", "Copy C&itation", "&Delete Article"]]


def test_open_reads_the_article_and_moves_to_the_reader(qtbot, window: MainWindow) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=WAIT_MS)
    window.article_view.setFocus()
    window.main_actions.open_article.trigger()
    assert QApplication.focusWidget() is window.reader
    assert window.reader.article is not None and window.reader.article.title == SEED_TITLE


def test_copy_citation_and_edit_copy(qtbot, window: MainWindow) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=WAIT_MS)
    clipboard = QGuiApplication.clipboard()
    window.article_view.setFocus()
    window.main_actions.copy_citation.trigger()
    assert clipboard.text() == f"“{SEED_TITLE}”."
    clipboard.clear()
    window.main_actions.copy.trigger()  # Edit > Copy in the list: the citation too
    assert clipboard.text() == f"“{SEED_TITLE}”."
    # In the reader, Edit > Copy copies the selected text.
    cursor = window.reader.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.Start)
    cursor.movePosition(QTextCursor.MoveOperation.EndOfWord, QTextCursor.MoveMode.KeepAnchor)
    window.reader.setTextCursor(cursor)
    window.reader.setFocus()
    window.main_actions.copy.trigger()
    assert clipboard.text() == "Sunni"


def test_no_context_menu_without_an_article(qtbot, bare_window: MainWindow) -> None:
    view = bare_window.article_view
    view.contextMenuEvent(QContextMenuEvent(QContextMenuEvent.Reason.Mouse, QPoint(5, 5),
                                            view.mapToGlobal(QPoint(5, 5))))
    assert QApplication.activePopupWidget() is None
