"""Highlighting in the reader: by keyboard only (caret, Shift+arrows, H, 1–9, N, Alt+Up/Down,
Delete, undo), the refusals (nothing selected, the headline), overlapping highlights drawn
distinguishably and picked from a menu, tool tips, and the reader following changes
(undo, scroll position kept)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QHelpEvent, QTextCursor
from PySide6.QtWidgets import QApplication, QMenu, QToolTip

from desktop.services.code_service import CodeService
from desktop.services.highlight_service import HighlightService
from desktop.services.note_service import NoteService
from desktop.ui.main.main_window import MainWindow
from tests.ui.annotation_support import select, stored, wait_for_highlights
from tests.ui.conftest import WAIT_MS

Mod = Qt.KeyboardModifier


def _ready(qtbot, win: MainWindow) -> None:
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow, timeout=WAIT_MS)
    win.reader.setFocus()


def _codes(qtbot, win: MainWindow, *names: str) -> list[int]:
    ids: list[int] = []
    for name in names:
        with qtbot.waitSignal(win.session.data_changed, timeout=WAIT_MS):
            task = win.session.perform(f"New code {name}",
                                       lambda p, s, n=name: CodeService(p, s).create(n))
            task.signals.finished.connect(lambda result: ids.append(result[0].id))
    qtbot.waitUntil(lambda: len(ids) == len(names), timeout=WAIT_MS)
    return ids


def _do(qtbot, win: MainWindow, call) -> object:
    results: list[object] = []
    with qtbot.waitSignal(win.session.data_changed, timeout=WAIT_MS):
        task = win.session.perform("test action", call)
        task.signals.finished.connect(results.append)
    qtbot.waitUntil(lambda: bool(results), timeout=WAIT_MS)
    return results[0]


def _key(qtbot, win: MainWindow, key: Qt.Key, modifier: Qt.KeyboardModifier = Mod.NoModifier,
         times: int = 1) -> None:
    for _ in range(times):
        qtbot.keyClick(QApplication.focusWidget(), key, modifier)


def test_keyboard_only_highlighting_coding_noting_and_undo(qtbot, window: MainWindow) -> None:
    win = window
    code_a, code_b = _codes(qtbot, win, "Territory", "Iran's role")
    assert win.main_actions.annotate.codes[0].isVisible()
    assert "Territory" in win.main_actions.annotate.codes[0].text()
    _ready(qtbot, win)
    body = win.reader.article.body
    # Caret browsing: from the top, down into the first paragraph, three words selected.
    _key(qtbot, win, Qt.Key.Key_Home, Mod.ControlModifier)
    # Down past the headline and byline lines, to the first line of the text.
    for _ in range(6):
        if win.reader.textCursor().position() >= win.reader.body.doc_start:
            break
        _key(qtbot, win, Qt.Key.Key_Down)
    _key(qtbot, win, Qt.Key.Key_Home)
    _key(qtbot, win, Qt.Key.Key_Right, Mod.ControlModifier | Mod.ShiftModifier, times=3)
    assert win.reader.textCursor().selectedText() == "Sunni militants captured "
    _key(qtbot, win, Qt.Key.Key_1)  # code 1 of the code book
    (first,) = wait_for_highlights(qtbot, win, 1)
    assert first.quote.exact == "Sunni militants captured"  # the blank at the end left out
    assert body[first.start:first.end] == first.quote.exact
    assert win.session.project.store.highlights.codes_of([first.id])[first.id] == [code_a]
    qtbot.waitUntil(lambda: win.reader.current_highlight == first.id, timeout=WAIT_MS)

    # A second passage: the next line, selected to its end, highlighted with H.
    _key(qtbot, win, Qt.Key.Key_Down, times=2)
    _key(qtbot, win, Qt.Key.Key_Home)
    _key(qtbot, win, Qt.Key.Key_End, Mod.ShiftModifier)
    _key(qtbot, win, Qt.Key.Key_H)
    second = next(h for h in wait_for_highlights(qtbot, win, 2) if h.id != first.id)
    assert second.start > first.end
    # The new highlight becomes current when the action's result arrives, which may come
    # after it is stored (under load it came after the Alt+Up below: 1 run in a CI).
    qtbot.waitUntil(lambda: win.reader.current_highlight == second.id, timeout=WAIT_MS)

    # Alt+Up / Alt+Down move between highlights and select them, caret at their start.
    _key(qtbot, win, Qt.Key.Key_Up, Mod.AltModifier)
    assert win.reader.current_highlight == first.id
    assert win.reader.body.from_doc(win.reader.textCursor().position()) == first.start
    _key(qtbot, win, Qt.Key.Key_Down, Mod.AltModifier)
    assert win.reader.current_highlight == second.id

    # 2 without a selection: code 2 goes on the current highlight, and off again.
    _key(qtbot, win, Qt.Key.Key_2)
    qtbot.waitUntil(lambda: win.reader.annotations.highlight(second.id).code_ids == (code_b,),
                    timeout=WAIT_MS)
    _key(qtbot, win, Qt.Key.Key_2)
    qtbot.waitUntil(lambda: win.reader.annotations.highlight(second.id).code_ids == (),
                    timeout=WAIT_MS)

    # N: a note on the current highlight, in the notes panel's editor, which takes the
    # keyboard; what is typed is saved (here at once, as after a pause).
    _key(qtbot, win, Qt.Key.Key_N)
    editor = win.docks.notes.editor
    qtbot.waitUntil(lambda: editor.note is not None and editor.text.hasFocus(), timeout=WAIT_MS)
    assert editor.note.highlight_id == second.id
    qtbot.keyClicks(editor.text, "Why **this** town?")
    editor.save()
    qtbot.waitUntil(lambda: len(win.reader.annotations.notes) == 1
                    and win.reader.annotations.notes[0].body == "Why **this** town?",
                    timeout=WAIT_MS)
    note = win.reader.annotations.notes[0]
    assert note.highlight_id == second.id
    assert [c.note.id for c in win.workspace.reader_panel.margin.cards] == [note.id]
    _ready(qtbot, win)

    # Delete removes the current highlight (the note stays, with its quote); undo restores.
    assert win.reader.current_highlight == second.id
    _key(qtbot, win, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: [i.id for i in win.reader.overlay.items] == [first.id],
                    timeout=WAIT_MS)
    assert [h.id for h in stored(win)] == [first.id]
    kept = win.session.project.store.notes.get(note.id)
    assert kept.highlight_id is None and kept.quote == second.quote.exact
    assert win.main_actions.undo.text() == "&Undo Delete highlight"
    win.main_actions.undo.trigger()
    wait_for_highlights(qtbot, win, 2)
    assert {i.id for i in win.reader.overlay.items} == {first.id, second.id}


def test_undo_removes_the_overlay_and_the_scroll_position_stays(qtbot, window: MainWindow) -> None:
    win = window
    win.resize(900, 500)
    _ready(qtbot, win)
    bar = win.reader.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 100, timeout=WAIT_MS)
    bar.setValue(bar.maximum() // 2)
    select(win.reader, "holy cities of Najaf and Karbala")
    where = bar.value()
    win.main_actions.annotate.highlight.trigger()
    assert win.reader.overlay.pending is not None  # drawn at once, before it is stored
    wait_for_highlights(qtbot, win, 1)
    # The dashed outline goes with the action's result, which may come after the drawing
    # (either order happens: 2 runs in 10 failed when this only waited for the drawing).
    qtbot.waitUntil(lambda: win.reader.overlay.pending is None, timeout=WAIT_MS)
    assert bar.value() == where  # reloading the highlights did not move the text
    win.main_actions.undo.trigger()
    qtbot.waitUntil(lambda: stored(win) == [] and win.reader.overlay.items == [],
                    timeout=WAIT_MS)
    assert bar.value() == where


def test_nothing_selected_or_only_the_headline_is_refused_quietly(qtbot,
                                                                  window: MainWindow) -> None:
    win = window
    messages: list[str] = []
    win.statusBar().messageChanged.connect(messages.append)
    _ready(qtbot, win)
    cursor = win.reader.textCursor()
    cursor.clearSelection()
    win.reader.setTextCursor(cursor)
    _key(qtbot, win, Qt.Key.Key_H)  # zero-length: a word in the status bar, no dialog
    assert messages[-1].startswith("Select the passage to highlight first")
    assert QApplication.activeModalWidget() is None
    select(win.reader, "Sunni militants capture Iraqi city")  # the headline
    _key(qtbot, win, Qt.Key.Key_H)
    assert "Only the article's text can be highlighted" in messages[-1]
    qtbot.wait(300)
    assert stored(win) == []

    # From the headline into the text: the headline is left out, the rest highlighted.
    document = win.reader.document()
    start = win.reader.body.doc_start
    cursor = QTextCursor(document)
    cursor.setPosition(3)
    cursor.setPosition(start + len("Sunni militants"), QTextCursor.MoveMode.KeepAnchor)
    win.reader.setTextCursor(cursor)
    _key(qtbot, win, Qt.Key.Key_H)
    assert "The headline was left out" in messages[-1]
    (highlight,) = wait_for_highlights(qtbot, win, 1)
    assert (highlight.start, highlight.quote.exact) == (0, "Sunni militants")


def test_overlapping_and_nested_highlights_are_drawn_apart_and_picked(qtbot,
                                                                     window: MainWindow) -> None:
    win = window
    code_a, code_b = _codes(qtbot, win, "Territory", "Iran's role")
    body = win.reader.article.body
    aid = win.reader.article.id
    outer = body.index("Already, the commander")
    inner = body.index("Gen Ghasem Soleimani")
    late = body.index("Quds Force, Gen")

    def make(start: int, end: int, codes: list[int]):
        return lambda p, s: HighlightService(p, s).create(aid, start, end, code_ids=codes)

    h_outer = _do(qtbot, win, make(outer, inner + 60, [code_a]))[0]
    h_inner = _do(qtbot, win, make(inner, inner + len("Gen Ghasem Soleimani"), [code_b]))[0]
    h_cross = _do(qtbot, win, make(late, inner + 90, [code_a, code_b]))[0]
    wait_for_highlights(qtbot, win, 3)
    overlay = win.reader.overlay
    items = {i.id: i for i in overlay.items}
    assert all(overlay.rects_of(h.id) for h in (h_outer, h_inner, h_cross))
    # Distinct underline lanes where they overlap (the two-code one takes two lanes).
    lanes = {i: {items[i].lane + k for k in range(len(items[i].colours))} for i in items}
    assert not lanes[h_outer.id] & lanes[h_inner.id]
    assert not lanes[h_outer.id] & lanes[h_cross.id]
    assert not lanes[h_inner.id] & lanes[h_cross.id]
    assert len(items[h_cross.id].colours) == 2
    # The three share the rectangle of "Soleimani": all three are found there, innermost first.
    centre = overlay.rects_of(h_inner.id)[0].center()
    assert overlay.highlights_at(centre) == [h_inner.id, h_cross.id, h_outer.id]

    # A click there offers the three; choosing one selects it.
    _ready(qtbot, win)
    point = (centre - win.reader.document_offset()).toPoint()
    menus: list[QMenu] = []
    win.workspace.reader_panel.pointer.picker_shown.connect(menus.append)
    qtbot.mouseClick(win.reader.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert len(menus) == 1
    offered = [a.data() for a in menus[0].actions()]
    assert offered == [h_inner.id, h_cross.id, h_outer.id]
    assert "Territory, Iran's role" in menus[0].actions()[1].text()
    menus[0].actions()[2].trigger()
    assert win.reader.current_highlight == h_outer.id
    menus[0].close()

    # Hovering names the codes and the note's first line.
    _do(qtbot, win, lambda p, s: NoteService(p, s).create("First line here.\nMore.",
                                                          highlight_id=h_inner.id))
    # (The note brought the margin: the text is narrower now and wraps anew.)
    panel = win.workspace.reader_panel
    qtbot.waitUntil(lambda: panel.margin.isVisible(), timeout=WAIT_MS)
    qtbot.wait(50)
    centre = win.reader.highlight_rects(h_inner.id)[0].center()
    point = (centre - win.reader.document_offset()).toPoint()
    pointer = panel.pointer
    tip = pointer.tip_at(QPointF(point))
    assert "Iran's role" in tip and "First line here." in tip and "More." not in tip
    assert "Territory" in tip
    assert tip.index("First line here.") < tip.index("Territory")  # innermost first
    event = QHelpEvent(QEvent.Type.ToolTip, point, win.reader.viewport().mapToGlobal(point))
    assert QApplication.sendEvent(win.reader.viewport(), event)  # handled by the reader
    QToolTip.hideText()
    assert pointer.tip_at(QPointF(2, 2)) == ""  # the margin of the page: nothing


def test_the_reader_scrolls_to_a_passage_and_opens_a_highlight(qtbot, window: MainWindow) -> None:
    win = window
    win.resize(900, 500)
    body = win.reader.article.body
    aid = win.reader.article.id
    start = body.index("Soleimani is one of the most powerful")
    highlight = _do(qtbot, win, lambda p, s: HighlightService(p, s).create(
        aid, start, start + 40))[0]
    wait_for_highlights(qtbot, win, 1)
    win.reader.verticalScrollBar().setValue(0)
    assert win.article_list.open_highlight(highlight.id)
    assert win.reader.current_highlight == highlight.id
    rect = win.reader.highlight_rects(highlight.id)[0]
    top = rect.top() - win.reader.document_offset().y()
    assert 0 < top < win.reader.viewport().height() * 0.5  # in view, with context above
    win.reader.verticalScrollBar().setValue(0)
    assert win.article_list.open_at(aid, start, start + 40)
    assert win.reader.verticalScrollBar().value() > 0


def test_context_menu_holds_the_annotation_commands(qtbot, window: MainWindow) -> None:
    win = window
    _ready(qtbot, win)
    select(win.reader, "John Kerry")
    menus: list[QMenu] = []

    def grab() -> None:
        menu = next((m for m in win.reader.findChildren(QMenu) if m.isVisible()), None)
        if menu is not None:
            menus.append(menu)
            menu.close()

    event_pos = win.reader.cursorRect().center()
    qtbot.mouseMove(win.reader.viewport(), event_pos)
    win.reader.contextMenuEvent(_context_event(event_pos, win))
    grab()
    assert menus, "no context menu"
    texts = [a.text().replace("&", "") for a in menus[0].actions()]
    for wanted in ("Highlight", "Highlight with Code", "Add Note…", "Delete Highlight",
                   "New Entity from Selection…", "Tag with Entity…"):
        assert wanted in texts, texts


def _context_event(pos: QPoint, win: MainWindow):
    from PySide6.QtGui import QContextMenuEvent
    return QContextMenuEvent(QContextMenuEvent.Reason.Keyboard, pos,
                             win.reader.viewport().mapToGlobal(pos))


def test_geometry_is_computed_in_document_coordinates(qtbot, window: MainWindow) -> None:
    """A highlight's rectangles follow its text: the first starts where the caret would."""
    win = window
    body = win.reader.article.body
    aid = win.reader.article.id
    start = body.index("John Kerry")
    highlight = _do(qtbot, win, lambda p, s: HighlightService(p, s).create(
        aid, start, start + len("John Kerry")))[0]
    wait_for_highlights(qtbot, win, 1)
    cursor = QTextCursor(win.reader.document())
    cursor.setPosition(win.reader.body.to_doc(start))
    caret = QPointF(win.reader.cursorRect(cursor).topLeft()) + win.reader.document_offset()
    (rect,) = win.reader.highlight_rects(highlight.id)
    assert abs(rect.left() - caret.x()) < 2 and abs(rect.top() - caret.y()) < 4
    assert rect.width() > 20


def test_a_highlight_picked_where_two_overlap_gets_the_note_of_n(qtbot,
                                                                 window: MainWindow) -> None:
    # Clicking where two highlights overlap puts the caret there (the innermost becomes
    # current) and offers both; the one picked must be the one N writes a note on.
    win = window
    body = win.reader.article.body
    aid = win.reader.article.id
    inner = body.index("Gen Ghasem Soleimani")
    outer = _do(qtbot, win, lambda p, s: HighlightService(p, s).create(
        aid, inner - 40, inner + 60))[0]
    small = _do(qtbot, win, lambda p, s: HighlightService(p, s).create(
        aid, inner, inner + len("Gen Ghasem Soleimani")))[0]
    wait_for_highlights(qtbot, win, 2)
    _ready(qtbot, win)
    centre = win.reader.highlight_rects(small.id)[0].center()
    point = (centre - win.reader.document_offset()).toPoint()
    menus: list[QMenu] = []
    win.workspace.reader_panel.pointer.picker_shown.connect(menus.append)
    qtbot.mouseClick(win.reader.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert [a.data() for a in menus[0].actions()] == [small.id, outer.id]
    menus[0].actions()[1].trigger()
    menus[0].close()
    assert win.reader.current_highlight == outer.id
    asked: list[tuple[int, int]] = []
    win.annotations.note_requested.disconnect()  # no editor: only the request is checked
    win.annotations.note_requested.connect(lambda a, h: asked.append((a, h)))
    _ready(qtbot, win)
    _key(qtbot, win, Qt.Key.Key_N)
    assert asked == [(aid, outer.id)]
