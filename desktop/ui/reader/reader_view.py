"""The reader: an article's title, a metadata line and its paragraphs, with search hits marked
and the article's highlights and entity mentions painted over the text.

A body position (code points, as the index and the store count) becomes a document
position (UTF-16, as Qt counts) only through :class:`BodyMap`. Hits are marked in the
document's formats (:class:`ArticleRenderer`); the *current* hit and find-in-article
matches are extra selections; highlights are an overlay (:class:`HighlightOverlay`)
painted around the text in ``paintEvent``, so none of them disturbs the others.

The caret is always on (caret browsing): arrows move it, Shift+arrows select, and the
highlight under the caret is the *current* one that Delete, N and the number keys act on.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QContextMenuEvent,
    QFont,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QTextCursor,
)
from PySide6.QtWidgets import QTextBrowser, QWidget

from desktop.domain.article import Article
from desktop.services.reader_annotations import ArticleAnnotations
from desktop.ui.reader.article_renderer import HIT_PROPERTY, ArticleRenderer, DocRange, Span
from desktop.ui.reader.body_map import BodyMap
from desktop.ui.reader.highlight_geometry import HighlightGeometry
from desktop.ui.reader.highlight_overlay import HighlightOverlay
from desktop.ui.reader.reader_highlights import ReaderHighlights
from desktop.ui.reader.reader_marks import ReaderMarks

__all__ = ["HIT_PROPERTY", "DocRange", "ReaderView", "Span"]

_MEASURE_EM = 40  # comfortable line length, in em widths
_MIN_MARGIN = 18.0
# A revealed range is placed this far down the viewport, so the lines before it (the
# sentence it belongs to, often the headline) stay in view.
_REVEAL_AT = 1 / 3


class ReaderView(ReaderHighlights, QTextBrowser):
    hits_changed = Signal(int, int)  # current (0-based, -1 for none), total
    content_changed = Signal()  # another article, or the same one rendered anew
    # The highlight under the caret, clicked or chosen (-1: none).
    current_highlight_changed = Signal(int)
    # Where highlights are drawn changed (new annotations, resize, zoom): the margin follows.
    layout_changed = Signal()
    # The text is about to be laid out anew (the document is empty): panes beside the
    # reader that depend on the annotations settle their size now, not after the layout.
    rendering = Signal()
    # The context menu is opening over entity mentions (drawn ones): (QMenu, [ShownMention])
    # for the curation commands to add theirs.
    mention_menu = Signal(object, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reader")
        self.setOpenExternalLinks(False)
        self.setOpenLinks(False)  # imported text never opens anything by itself
        self.setReadOnly(True)
        self.setUndoRedoEnabled(False)  # nothing to undo in a read-only text; saves time
        # Always there: a scroll bar that comes and goes narrows the text and lays it all
        # out again (and the lines jump) when an article grows past one screen.
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.setTabChangesFocus(True)  # Tab leaves the reader: it is one pane of several
        # Selectable with mouse and keyboard: the caret is visible (caret browsing), so
        # Shift+arrows select without a mouse.
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setCursorWidth(2)
        self.setMouseTracking(True)
        self.setAccessibleName(self.tr("Reader"))
        self.setAccessibleDescription(self.tr(
            "The selected article with the search hits and highlights marked; arrows move the "
            "caret, Shift+arrows select, H highlights, F3 and Alt+Down move between hits and "
            "highlights"))
        self.article: Article | None = None
        self.annotations: ArticleAnnotations | None = None
        # A highlight just made is selected once the reload that draws it arrives (the
        # action's result comes before the annotations are read again).
        self._select_when_drawn: int | None = None
        self.body = BodyMap()
        self._renderer = ArticleRenderer(self.document(), self)
        self.overlay = HighlightOverlay(HighlightGeometry(self.document()))
        self.marks = ReaderMarks(self)
        self.context_actions: list[QAction | None] = []
        self._spans: tuple[tuple[Span, ...], tuple[Span, ...]] = ((), ())
        self._font_family = ""
        self._font_size = 11.0
        self._bottom_room = 0  # below the text, for margin notes that reach further
        # Reads an article's annotations before its text is laid out, so that they are
        # drawn with it, in one pass (set by the annotation controller).
        self.annotation_source: Callable[[Article], ArticleAnnotations | None] | None = None
        self._quiet = False  # resizes while the text is replaced need no relayout
        self.zoom = 100
        self.cursorPositionChanged.connect(self._caret_moved)
        self.show_placeholder()

    # -- what is shown ------------------------------------------------------------------

    def show_placeholder(self, text: str = "") -> None:
        self.article = None
        self.body = BodyMap()
        self._spans = ((), ())
        self.marks.reset([])
        self.setPlainText("")
        self._bottom_room = 0
        self.setPlaceholderText(text or self.tr("Select an article to read it."))
        self.set_annotations(None)
        self.content_changed.emit()

    def show_article(
        self,
        article: Article,
        title_spans: tuple[Span, ...] = (),
        body_spans: tuple[Span, ...] = (),
    ) -> None:
        if self.article is None or (article.id, article.body_version) != (
                self.article.id, self.article.body_version):
            self.annotations = None  # another text: its annotations follow (the controller)
            self._select_when_drawn = None
        self.article = article
        self._spans = (tuple(title_spans), tuple(body_spans))
        if self.annotations is None and self.annotation_source is not None:
            self.annotations = self.annotation_source(article)
        self._render()
        self.moveCursor(QTextCursor.MoveOperation.Start)
        self.verticalScrollBar().setValue(0)
        self.marks.show_first_hit()
        self.content_changed.emit()

    def replace_article(self, article: Article) -> None:
        """The article's text changed (a re-import): show the new text where the reader was,
        without the old text's hit marks."""
        self._spans = ((), ())
        self.annotations = None
        self.article = article
        self._rerender()

    def clear_hits(self) -> None:
        """Show the current article without hit marks (the query that made them is gone)."""
        if self.article is not None and (self._spans[0] or self._spans[1]):
            self.show_article(self.article)

    # -- hits and find (kept in ReaderMarks) --------------------------------------------

    @property
    def hit_ranges(self) -> list[DocRange]:
        return self.marks.hit_ranges

    @property
    def current_hit(self) -> int:
        return self.marks.current_hit

    def next_hit(self) -> None:
        self.marks.step_hit(+1)

    def previous_hit(self) -> None:
        self.marks.step_hit(-1)

    def set_find_matches(self, ranges: list[DocRange], current: int) -> None:
        """Matches of Find in Article (document positions), with the current one."""
        self.marks.set_find_matches(ranges, current)

    def marked_texts(self) -> list[str]:
        return self.marks.marked_texts()

    # -- fonts and zoom -----------------------------------------------------------------

    def set_reader_font(self, family: str, size: float) -> None:
        self._font_family, self._font_size = family, size
        self._rerender()

    def set_zoom(self, percent: int) -> None:
        self.zoom = percent
        self._rerender()

    def base_point_size(self) -> float:
        """The body text size: the reader font size of the Preferences, zoomed."""
        return self._font_size * self.zoom / 100.0

    def refresh(self) -> None:
        """Render again (after a change of appearance: the metadata colour comes from it)."""
        self._rerender()

    def _rerender(self) -> None:
        font = QFont(self.font())
        if self._font_family:
            font.setFamily(self._font_family)
        font.setPointSizeF(self.base_point_size())
        self.setFont(font)
        if self.article is None:
            return
        # Keep the reader where it was: the same fraction of the way down.
        bar = self.verticalScrollBar()
        fraction = bar.value() / bar.maximum() if bar.maximum() else 0.0
        current = self.marks.current_hit
        self._render()
        self.marks.restore_hit(current)
        bar.setValue(round(fraction * bar.maximum()))
        self.content_changed.emit()

    # -- reveal -------------------------------------------------------------------------

    def reveal(self, doc_start: int, doc_end: int) -> None:
        """Put the caret on a range and scroll it into view with context above it.

        A range already in the upper part of the view is left where it is (the headline
        stays in view for hits near the top); otherwise it goes a third of the way down.
        """
        cursor = QTextCursor(self.document())
        cursor.setPosition(doc_start)
        self.setTextCursor(cursor)  # caret browsing continues from here
        end = QTextCursor(self.document())
        end.setPosition(doc_end)
        top, bottom = self.cursorRect(cursor).top(), self.cursorRect(end).bottom()
        height = self.viewport().height()
        if top >= 0 and bottom <= height * (1 - _REVEAL_AT):
            return
        bar = self.verticalScrollBar()
        bar.setValue(bar.value() + top - round(height * _REVEAL_AT))

    def scroll_to_span(self, start: int, end: int) -> bool:
        """Show the body passage ``[start, end)`` (code points) with context above it and
        the caret at its start; False when it is not in the text shown."""
        doc_start, doc_end = self.body.to_doc(start), self.body.to_doc(end)
        if doc_start is None or doc_end is None:
            return False
        self.reveal(doc_start, doc_end)
        return True

    # -- where the view is --------------------------------------------------------------

    def document_offset(self) -> QPointF:
        """Document coordinates of the viewport's top-left corner (the scroll position)."""
        return QPointF(self.horizontalScrollBar().value(), self.verticalScrollBar().value())

    def selection_span(self) -> tuple[int, int, bool] | None:
        """The selection as a body span (code points) without the blank at its ends, and
        whether the title or byline had to be left out; None when no body text is selected."""
        cursor = self.textCursor()
        if self.article is None or not cursor.hasSelection():
            return None
        found = self.body.clip(cursor.selectionStart(), cursor.selectionEnd())
        if found is None:
            return None
        start, end, clipped = found
        text = self.article.body
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        return (start, end, clipped) if start < end else None

    # -- rendering ----------------------------------------------------------------------

    def _render(self) -> None:
        article = self.article
        assert article is not None
        self.document().clear()
        self._quiet = True
        try:
            self.rendering.emit()
        finally:
            self._quiet = False
        self._bottom_room = 0  # the room was the old text's last paragraph's
        # Clearing reset the page margins: set them while the document is empty, so that
        # the text is laid out once, at its measure.
        self._apply_measure()
        self.body, hits = self._renderer.render(
            article, self.base_point_size(), self.palette().placeholderText(), self._spans)
        self.marks.reset(hits)
        self.overlay.set_pending(None)
        self.overlay.invalidate()
        self.set_annotations(self.annotations)

    def paintEvent(self, event: QPaintEvent) -> None:
        offset = self.document_offset()
        clip = QRectF(event.rect()).translated(offset)
        palette = self.palette()
        painter = QPainter(self.viewport())
        painter.translate(-offset)
        self.overlay.paint_under(painter, clip, palette)
        painter.end()
        super().paintEvent(event)
        painter = QPainter(self.viewport())
        painter.translate(-offset)
        self.overlay.paint_over(painter, clip, palette)
        painter.end()

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        under = self.highlights_at(QPointF(event.pos()))
        if under and self.overlay.current not in under:
            self.select_highlight(under[0], reveal=False)
        menu = self.createStandardContextMenu(event.pos())
        menu.setToolTipsVisible(True)
        mentions = self.overlay.mentions_at(QPointF(event.pos()) + self.document_offset())
        if mentions:
            menu.addSeparator()
            self.mention_menu.emit(menu, mentions)
        for action in self.context_actions:
            if action is None:
                menu.addSeparator()
            else:
                menu.addAction(action)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(event.globalPos())

    def set_bottom_room(self, room: float) -> None:
        """Leave ``room`` pixels below the text, so that the margin's last notes can be
        scrolled into view. Grows at once; shrinks only by a good step. The room is the
        last paragraph's bottom margin: changing it lays out that paragraph alone (the
        root frame's margin would lay out the whole text again)."""
        room = round(room)
        grows = room > self._bottom_room
        shrinks = self._bottom_room - room >= 60 or (room == 0 and self._bottom_room > 0)
        if not (grows or shrinks):
            return
        last = self.document().lastBlock()
        block = last.blockFormat()
        base = block.bottomMargin() - self._bottom_room
        self._bottom_room = room
        block.setBottomMargin(base + room)
        cursor = QTextCursor(last)
        cursor.setBlockFormat(block)

    def content_height(self) -> float:
        """The document's height without the room left for margin notes."""
        return self.document().size().height() - self._bottom_room

    def resizeEvent(self, event: QResizeEvent) -> None:
        anchor = None if self._quiet or self.article is None else self._reading_anchor()
        super().resizeEvent(event)
        self._apply_measure()
        if self._quiet:
            return  # the text is being replaced; it is measured when it is there
        if anchor is not None:
            self._keep_anchor(*anchor)
        self.overlay.invalidate()  # lines wrap anew
        self.viewport().update()
        self.layout_changed.emit()

    def _reading_anchor(self) -> tuple[int, float]:
        """What the reader looks at, as (document position, its y in the view): the caret
        (a highlight or hit just opened) when it is in view, else the first line shown."""
        caret = self.cursorRect()
        if 0 <= caret.top() < self.viewport().height():
            return self.textCursor().position(), caret.top()
        top = self.cursorForPosition(QPoint(0, 0))
        return top.position(), self.cursorRect(top).top()

    def _keep_anchor(self, position: int, y: float) -> None:
        # Lines wrap anew at another width: scroll so that what was looked at stays where
        # it was (a panel opening beside the reader must not carry the passage away).
        cursor = QTextCursor(self.document())
        cursor.setPosition(min(position, self.document().characterCount() - 1))
        bar = self.verticalScrollBar()
        bar.setValue(bar.value() + round(self.cursorRect(cursor).top() - y))

    def _apply_measure(self) -> None:
        # Keep lines to a readable measure on wide windows by centring the text column.
        measure = self.fontMetrics().horizontalAdvance("m") * _MEASURE_EM * 1.15
        side = max(_MIN_MARGIN, (self.viewport().width() - measure) / 2)
        root = self.document().rootFrame()
        frame = root.frameFormat()
        if abs(frame.leftMargin() - side) > 0.5:
            frame.setLeftMargin(side)
            frame.setRightMargin(side)
            frame.setTopMargin(_MIN_MARGIN)
            frame.setBottomMargin(_MIN_MARGIN)
            root.setFrameFormat(frame)
