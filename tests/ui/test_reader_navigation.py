"""The reader with hits: counter, next/previous (F3), a hit revealed with context above it,
find in the article, zoom; a query error shown beside the field, with the old marks gone."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QStyleOptionViewItem

from desktop.ui.common.app_settings import AppSettings
from desktop.ui.main.main_window import MainWindow
from tests.support import SEED_TITLE
from tests.ui.conftest import WAIT_MS


def _search(qtbot, win: MainWindow, text: str) -> None:
    win.search_field.setText(text)
    win.run_search()
    qtbot.waitUntil(lambda: win.results.results is not None
                    and win.results.results.query == text, timeout=WAIT_MS)


def _hit_top(win: MainWindow) -> float:
    """Where the current hit is, as a fraction of the reader's height from its top."""
    reader = win.reader
    start, _end = reader.hit_ranges[reader.current_hit]
    cursor = reader.textCursor()
    cursor.setPosition(start)
    return reader.cursorRect(cursor).top() / reader.viewport().height()


def test_hit_counter_and_next_previous_hit(qtbot, window: MainWindow) -> None:
    _search(qtbot, window, "Soleimani")
    qtbot.waitUntil(lambda: bool(window.reader.hit_ranges), timeout=WAIT_MS)
    panel = window.workspace.reader_panel
    total = len(window.reader.hit_ranges)
    assert total == len(window.reader.marked_texts()) > 1
    assert not panel.hit_bar.isHidden()
    assert panel.hit_label.text() == f"Hit 1 of {total}"
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=WAIT_MS)
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_F3)  # the key itself, through the shortcut
    assert window.reader.current_hit == 1 and panel.hit_label.text() == f"Hit 2 of {total}"
    window.main_actions.previous_hit.trigger()  # Shift+F3
    window.main_actions.previous_hit.trigger()  # wraps round to the last
    assert panel.hit_label.text() == f"Hit {total} of {total}"
    # The caret sits on the current hit: keyboard selection continues from there.
    start, _end = window.reader.hit_ranges[-1]
    assert window.reader.textCursor().position() == start
    window.search_field.clear()
    qtbot.waitUntil(lambda: panel.hit_bar.isHidden(), timeout=WAIT_MS)


def test_a_hit_near_the_top_keeps_the_headline_in_view(qtbot, window: MainWindow) -> None:
    window.resize(1100, 760)
    for dock in window.docks.docks:  # the reader at full height: the hit is in its first screen
        dock.hide()
    _search(qtbot, window, "Kerry")
    qtbot.waitUntil(lambda: bool(window.reader.hit_ranges), timeout=WAIT_MS)
    assert window.reader.verticalScrollBar().value() == 0  # the headline is not scrolled away


def test_a_hit_far_down_is_shown_with_context_above_it(qtbot, window: MainWindow,
                                                       tmp_path: Path) -> None:
    window.resize(1100, 700)
    filler = "\n\n".join(f"Paragraph {i} says nothing of note about the weather today."
                         for i in range(80))
    (tmp_path / "long.txt").write_text(
        f"A long report\n\n{filler}\n\nThe zebrafish appeared at last.\n\n{filler}\n",
        encoding="utf-8")
    with qtbot.waitSignal(window.session.import_finished, timeout=WAIT_MS):
        window.commands.import_paths([tmp_path / "long.txt"])
    window.report_dialog.close()
    _search(qtbot, window, "zebrafish")
    qtbot.waitUntil(lambda: bool(window.reader.hit_ranges), timeout=WAIT_MS)
    assert window.reader.verticalScrollBar().value() > 0
    # Not on the bottom line (as before): a third of the way down, lines above it in view.
    assert 0.2 < _hit_top(window) < 0.45


def test_query_error_is_shown_beside_the_field_and_old_marks_go(qtbot,
                                                               window: MainWindow) -> None:
    _search(qtbot, window, "Soleimani")
    qtbot.waitUntil(lambda: bool(window.reader.marked_texts()), timeout=WAIT_MS)
    error = window.workspace.search_bar.error
    assert error.isHidden()
    _search(qtbot, window, 'title:"Soleimani')
    assert not error.isHidden()
    assert error.text() == "The query has a quotation mark that is never closed."
    assert window.reader.marked_texts() == [] and window.reader.hit_ranges == []
    assert window.reader.article is not None and window.reader.article.title == SEED_TITLE
    assert window.tabs.tabText(MainWindow.RESULTS_TAB) == "Results"
    assert error.text() in window.search_field.accessibleDescription()
    _search(qtbot, window, "Soleimani")
    assert error.isHidden()


def test_find_in_article(qtbot, window: MainWindow) -> None:
    bar = window.workspace.reader_panel.find_bar
    window.main_actions.find_in_article.trigger()
    assert (bar.isVisible() and bar.field.hasFocus()) or bar.isVisible()
    qtbot.keyClicks(bar.field, "soleimani")  # letter case does not matter
    body = window.reader.article.body
    total = body.count("Soleimani")
    assert bar.count.text() == f"1 of {total}"
    qtbot.keyClick(bar.field, Qt.Key.Key_Return)
    assert bar.count.text() == f"2 of {total}"
    window.main_actions.next_hit.trigger()  # F3 follows the find bar while it is in use
    assert bar.count.text() == f"3 of {total}"
    qtbot.keyClick(bar.field, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert bar.count.text() == f"2 of {total}"
    start, end = bar.matches[bar.current]
    cursor = window.reader.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(end, cursor.MoveMode.KeepAnchor)
    assert cursor.selectedText() == "Soleimani"
    bar.field.setText("no such words")
    assert bar.count.text() == "Not found"
    qtbot.keyClick(bar.field, Qt.Key.Key_Escape)
    assert bar.isHidden() and window.reader.extraSelections() == []


def test_zoom_changes_the_reader_text_size_and_is_remembered(qtbot, window: MainWindow) -> None:
    reader = window.reader
    base = reader.base_point_size()
    window.main_actions.zoom_in.trigger()
    window.main_actions.zoom_in.trigger()
    assert reader.zoom == 120 and abs(reader.base_point_size() - base * 1.2) < 0.01
    assert AppSettings().reader_zoom() == 120
    assert reader.article is not None  # still showing the article, rendered larger
    window.main_actions.zoom_out.trigger()
    assert reader.zoom == 110
    window.main_actions.zoom_reset.trigger()
    assert reader.zoom == 100 and abs(reader.base_point_size() - base) < 0.01
    assert QKeySequence("Ctrl+0") in window.main_actions.zoom_reset.shortcuts()
    for _ in range(40):
        window.main_actions.zoom_out.trigger()
    assert reader.zoom == 50  # bounded


def test_missing_metadata_reads_as_not_recorded(window: MainWindow) -> None:
    text = window.reader.document().toPlainText()
    assert "No source or date recorded" in text
    assert "000_17b1025494a7ebc6" not in text and "From " not in text.split("\n")[1]
    model = window.articles
    assert model.data(model.index(0, 1)) == ""
    for column in (1, 2):  # source and date: drawn as a faint dash, not left blank
        option = QStyleOptionViewItem()
        window.article_view.itemDelegateForColumn(column).initStyleOption(
            option, model.index(0, column))
        assert option.text == "—"
