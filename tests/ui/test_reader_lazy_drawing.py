"""The reader measures highlights only when they come into view and puts a new highlight
in without reading the article's others again: what is on screen is still drawn, after
scrolling and after a change."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPointF, QRect
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QWidget

from desktop.services.code_service import CodeService
from desktop.services.highlight_service import HighlightService
from desktop.services.reader_annotations import ReaderAnnotations
from desktop.ui.main.main_window import MainWindow
from desktop.ui.reader.reader_view import ReaderView
from tests.ui.annotation_support import select, wait_for_highlights
from tests.ui.conftest import WAIT_MS
from tests.ui.test_reader_annotations import _do, _ready

GREEN = "#00c853"


def _underline_drawn(reader: ReaderView, highlight_id: int) -> bool:
    """The highlight's first underline is on screen in its code's colour (darkened on a
    light page, as the overlay draws it)."""
    image = reader.viewport().grab().toImage()
    rect = reader.highlight_rects(highlight_id)[0].translated(-reader.document_offset())
    want = QColor(GREEN).darker(135)
    y = round(rect.bottom() + 1)
    for x in range(round(rect.left()) + 2, round(rect.right()) - 2):
        got = image.pixelColor(x, y)
        if max(abs(got.red() - want.red()), abs(got.green() - want.green()),
               abs(got.blue() - want.blue())) <= 12:
            return True
    return False


def _green_code(qtbot, win: MainWindow) -> int:
    code = _do(qtbot, win, lambda p, s: CodeService(p, s).create("Green", colour=GREEN))[0]
    return code.id


def test_a_highlight_out_of_view_is_measured_and_drawn_once_scrolled_to(qtbot,
                                                                         window: MainWindow):
    win = window
    reader = win.reader
    body = reader.article.body
    aid = reader.article.id
    code = _green_code(qtbot, win)
    end = body.rindex(".")
    last = _do(qtbot, win, lambda p, s: HighlightService(p, s).create(
        aid, end - 40, end, code_ids=[code]))[0]
    first = _do(qtbot, win, lambda p, s: HighlightService(p, s).create(
        aid, 0, 30, code_ids=[code]))[0]
    wait_for_highlights(qtbot, win, 2)
    bar = reader.verticalScrollBar()
    assert bar.maximum() > 0, "the article must be longer than the window for this test"
    bar.setValue(0)
    reader.viewport().repaint()
    assert reader.overlay.item(first.id).rects  # in view: measured and drawn
    assert _underline_drawn(reader, first.id)
    assert reader.overlay.item(last.id).rects is None  # out of view: not measured yet

    bar.setValue(bar.maximum())
    reader.viewport().repaint()
    assert reader.overlay.item(last.id).rects
    assert _underline_drawn(reader, last.id)
    # Found under the mouse there too.
    centre = reader.highlight_rects(last.id)[0].center() - reader.document_offset()
    assert reader.highlights_at(QPointF(centre)) == [last.id]


def test_a_new_highlight_is_drawn_without_reading_the_others_again(qtbot, window: MainWindow,
                                                                   monkeypatch) -> None:
    win = window
    reader = win.reader
    aid = reader.article.id
    body = reader.article.body
    code = _green_code(qtbot, win)
    start = body.index("John Kerry")
    old = _do(qtbot, win, lambda p, s: HighlightService(p, s).create(
        aid, start, start + 10, code_ids=[code]))[0]
    wait_for_highlights(qtbot, win, 1)
    kept = reader.overlay.item(old.id)
    loads: list[object] = []
    original = ReaderAnnotations.load
    monkeypatch.setattr(ReaderAnnotations, "load",
                        lambda self, article: loads.append(article) or original(self, article))
    _ready(qtbot, win)
    select(reader, "holy cities of Najaf")
    win.main_actions.annotate.codes[0].trigger()  # number key 1: the first code, Green
    qtbot.waitUntil(lambda: len(reader.overlay.items) == 2, timeout=WAIT_MS)
    made = next(i.id for i in reader.overlay.items if i.id != old.id)
    assert loads == []  # only the new highlight was read
    assert reader.overlay.item(old.id) is kept  # the other one kept as it was
    assert reader.annotations.highlight(made).codes == ("Green",)
    # Selected once both the drawing and the action's result have arrived (either first).
    qtbot.waitUntil(lambda: reader.current_highlight == made, timeout=WAIT_MS)
    reader.verticalScrollBar().setValue(0)
    reader.reveal(*reader.overlay.item(made).doc_range)
    assert _underline_drawn(reader, made)

    # Undone: taken out the same way, the other still drawn.
    win.main_actions.undo.trigger()
    qtbot.waitUntil(lambda: [i.id for i in reader.overlay.items] == [old.id], timeout=WAIT_MS)
    assert loads == []
    assert reader.annotations.highlight(made) is None


class _PaintedAreas(QObject):
    """The rectangles of the reader's paint events, as Qt asked for them."""

    def __init__(self, viewport: QWidget) -> None:
        super().__init__()
        self.rects: list[QRect] = []
        viewport.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.rects.append(event.rect())  # type: ignore[attr-defined]
        return False


def test_a_highlight_made_or_undone_repaints_its_lines_not_the_page(qtbot,
                                                                    window: MainWindow) -> None:
    win = window
    reader = win.reader
    _green_code(qtbot, win)
    _ready(qtbot, win)
    reader.verticalScrollBar().setValue(0)
    reader.viewport().repaint()
    select(reader, "holy cities of Najaf")
    reader.viewport().repaint()  # the selection, scrolled into view
    painted = _PaintedAreas(reader.viewport())
    page = reader.viewport().rect()
    win.main_actions.annotate.codes[0].trigger()
    qtbot.waitUntil(lambda: len(reader.overlay.items) == 1, timeout=WAIT_MS)
    made = reader.overlay.items[0].id
    reader.viewport().repaint(QRect())  # the pending updates, now
    QApplication.processEvents()
    assert painted.rects, "the new highlight was never painted"
    assert all(r.height() < page.height() / 3 for r in painted.rects)
    line = reader.highlight_rects(made)[0].translated(-reader.document_offset()).toRect()
    assert any(r.intersects(line) for r in painted.rects)
    reader.reveal(*reader.overlay.item(made).doc_range)
    reader.viewport().repaint()
    assert _underline_drawn(reader, made)
    line = reader.highlight_rects(made)[0].translated(-reader.document_offset()).toRect()

    painted.rects.clear()
    win.main_actions.undo.trigger()
    qtbot.waitUntil(lambda: not reader.overlay.items, timeout=WAIT_MS)
    QApplication.processEvents()
    assert painted.rects and all(r.height() < page.height() / 3 for r in painted.rects)
    assert any(r.intersects(line) for r in painted.rects)
    assert not _underline_drawn_at(reader, line)


def _underline_drawn_at(reader: ReaderView, rect: QRect) -> bool:
    image = reader.viewport().grab().toImage()
    want = QColor(GREEN).darker(135)
    y = rect.bottom() + 2
    return any(max(abs(image.pixelColor(x, y).red() - want.red()),
                   abs(image.pixelColor(x, y).green() - want.green()),
                   abs(image.pixelColor(x, y).blue() - want.blue())) <= 12
               for x in range(rect.left() + 2, rect.right() - 2))
