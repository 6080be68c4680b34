"""The reader: an article's title, a metadata line and its paragraphs, with hits marked.

The document is built block by block so that we know where each body paragraph starts;
a body position (code points, as the index and the store count) becomes a document
position (UTF-16, as Qt counts) only here, through :class:`TextPositions`.

Hits are marked in the document's character formats (they belong to the text shown); the
*current* hit and find-in-article matches are extra selections, which come and go without
touching the document.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, QLocale, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QResizeEvent,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextFormat,
)
from PySide6.QtWidgets import QTextBrowser, QTextEdit, QWidget

from desktop.domain.article import Article
from desktop.ui.common.text_positions import TextPositions

Span = tuple[int, int]
DocRange = tuple[int, int]
# Marks our own formatting on the document so tests and later features (highlights) can
# find hit marks without guessing from colours.
HIT_PROPERTY = QTextFormat.Property.UserProperty + 1
_MEASURE_EM = 40  # comfortable line length, in em widths
_MIN_MARGIN = 18.0
# A revealed hit is placed this far down the viewport, so the lines before it (the
# sentence it belongs to, often the headline) stay in view.
_REVEAL_AT = 1 / 3
_HIT_BACKGROUND, _HIT_TEXT = "#ffe26a", "#1a1a1a"
_CURRENT_BACKGROUND = "#ff9f1a"
_FIND_BACKGROUND = "#9fd0ff"


class ReaderView(QTextBrowser):
    hits_changed = Signal(int, int)  # current (0-based, -1 for none), total
    content_changed = Signal()  # another article, or the same one rendered anew

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reader")
        self.setOpenExternalLinks(False)
        self.setOpenLinks(False)  # imported text never opens anything by itself
        self.setReadOnly(True)
        self.setTabChangesFocus(True)  # Tab leaves the reader: it is one pane of several
        # Selectable with mouse and keyboard: reading means quoting, and later highlighting.
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setAccessibleName(self.tr("Reader"))
        self.setAccessibleDescription(self.tr(
            "The selected article with the search hits marked; F3 and Shift+F3 move "
            "between hits"))
        self.article: Article | None = None
        # Document position of each body paragraph, with its body offset (code points).
        self._paragraphs: list[tuple[int, int, TextPositions]] = []
        self._spans: tuple[tuple[Span, ...], tuple[Span, ...]] = ((), ())
        self.hit_ranges: list[DocRange] = []
        self.current_hit = -1
        self._find_ranges: list[DocRange] = []
        self._find_current = -1
        self._font_family = ""
        self._font_size = 11.0
        self.zoom = 100
        self.show_placeholder()

    # -- what is shown ------------------------------------------------------------------

    def show_placeholder(self, text: str = "") -> None:
        self.article = None
        self._paragraphs = []
        self._spans = ((), ())
        self.hit_ranges, self.current_hit = [], -1
        self._find_ranges, self._find_current = [], -1
        self.setPlainText("")
        self.setPlaceholderText(text or self.tr("Select an article to read it."))
        self.hits_changed.emit(-1, 0)
        self.content_changed.emit()

    def show_article(
        self,
        article: Article,
        title_spans: tuple[Span, ...] = (),
        body_spans: tuple[Span, ...] = (),
    ) -> None:
        self.article = article
        self._spans = (tuple(title_spans), tuple(body_spans))
        self._find_ranges, self._find_current = [], -1
        self._render()
        self.moveCursor(QTextCursor.MoveOperation.Start)
        self.verticalScrollBar().setValue(0)
        self.current_hit = 0 if self.hit_ranges else -1
        self._update_extra_selections()
        if self.hit_ranges:
            self.reveal(*self.hit_ranges[0])
        self.hits_changed.emit(self.current_hit, len(self.hit_ranges))
        self.content_changed.emit()

    def clear_hits(self) -> None:
        """Show the current article without hit marks (the query that made them is gone)."""
        if self.article is not None and (self._spans[0] or self._spans[1]):
            self.show_article(self.article)

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
        current = self.current_hit
        self._render()
        self.current_hit = current if 0 <= current < len(self.hit_ranges) else -1
        self._find_ranges, self._find_current = [], -1
        self._update_extra_selections()
        bar.setValue(round(fraction * bar.maximum()))
        self.content_changed.emit()

    # -- hits ---------------------------------------------------------------------------

    def next_hit(self) -> None:
        self._step_hit(+1)

    def previous_hit(self) -> None:
        self._step_hit(-1)

    def _step_hit(self, step: int) -> None:
        if not self.hit_ranges:
            return
        # Wraps around, as find does in browsers and editors.
        self.current_hit = (self.current_hit + step) % len(self.hit_ranges)
        self._update_extra_selections()
        self.reveal(*self.hit_ranges[self.current_hit])
        self.hits_changed.emit(self.current_hit, len(self.hit_ranges))

    def set_find_matches(self, ranges: list[DocRange], current: int) -> None:
        """Matches of Find in Article (document positions), with the current one."""
        self._find_ranges, self._find_current = list(ranges), current
        self._update_extra_selections()
        if 0 <= current < len(ranges):
            self.reveal(*ranges[current])

    def reveal(self, doc_start: int, doc_end: int) -> None:
        """Put the caret on a range and scroll it into view with context above it.

        A range already in the upper part of the view is left where it is (the headline
        stays in view for hits near the top); otherwise it goes a third of the way down.
        """
        cursor = QTextCursor(self.document())
        cursor.setPosition(doc_start)
        self.setTextCursor(cursor)  # caret browsing continues from the hit
        end = QTextCursor(self.document())
        end.setPosition(doc_end)
        top, bottom = self.cursorRect(cursor).top(), self.cursorRect(end).bottom()
        height = self.viewport().height()
        if top >= 0 and bottom <= height * (1 - _REVEAL_AT):
            return
        bar = self.verticalScrollBar()
        bar.setValue(bar.value() + top - round(height * _REVEAL_AT))

    def marked_texts(self) -> list[str]:
        """The text of every hit mark, in document order."""
        found: list[str] = []
        block = self.document().begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                fragment = it.fragment()
                if fragment.isValid() and fragment.charFormat().property(HIT_PROPERTY):
                    found.append(fragment.text())
                it += 1
            block = block.next()
        return found

    # -- rendering ----------------------------------------------------------------------

    def _render(self) -> None:
        article = self.article
        assert article is not None
        title_spans, body_spans = self._spans
        self.document().clear()
        self.hit_ranges = []
        cursor = QTextCursor(self.document())
        base = self.base_point_size()

        title_format = QTextCharFormat()
        title_format.setFontPointSize(base * 1.5)
        title_format.setFontWeight(QFont.Weight.Bold)
        block = QTextBlockFormat()
        block.setBottomMargin(base * 0.5)
        block.setLineHeight(115, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        cursor.setBlockFormat(block)
        cursor.setBlockCharFormat(title_format)
        title_start = cursor.position()
        cursor.insertText(article.title, title_format)
        title_positions = TextPositions(article.title)
        for start, end in title_spans:
            self._mark(title_start + title_positions.to_utf16(start),
                       title_start + title_positions.to_utf16(end))

        meta_format = QTextCharFormat()
        meta_format.setForeground(self.palette().placeholderText())
        meta_format.setFontPointSize(base * 0.85)
        meta_block = QTextBlockFormat()
        meta_block.setBottomMargin(base * 1.2)
        cursor.insertBlock(meta_block, meta_format)
        meta = self.byline(article)
        if not meta:
            # Said once, quietly, rather than guessed from a file name (often a hash).
            meta = self.tr("No source or date recorded")
            meta_format.setFontItalic(True)
        cursor.insertText(meta, meta_format)

        body_format = QTextCharFormat()
        body_format.setFontPointSize(base)
        body_block = QTextBlockFormat()
        body_block.setBottomMargin(base * 0.8)
        body_block.setLineHeight(150, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        self._paragraphs = []
        offset = 0
        for paragraph in article.paragraphs():
            cursor.insertBlock(body_block, body_format)
            self._paragraphs.append((cursor.position(), offset, TextPositions(paragraph)))
            cursor.insertText(paragraph, body_format)
            offset += len(paragraph) + 2  # the "\n\n" between paragraphs in the body
        for start, end in body_spans:
            doc_start, doc_end = self._doc_position(start), self._doc_position(end)
            if doc_start is not None and doc_end is not None:
                self._mark(doc_start, doc_end)
        self.hit_ranges.sort()
        self._apply_measure()

    @staticmethod
    def byline(article: Article) -> str:
        """Source, author and date, those that are known, with the date in the locale's words."""
        return " · ".join(
            x for x in (article.source, article.author, _readable_date(article.published)) if x
        )

    def _doc_position(self, body_offset: int) -> int | None:
        """The document position (UTF-16) of a body offset (code points)."""
        for doc_pos, offset, positions in self._paragraphs:
            if offset <= body_offset <= offset + len(positions.text):
                return doc_pos + positions.to_utf16(body_offset - offset)
        return None

    def _mark(self, doc_start: int, doc_end: int) -> None:
        cursor = QTextCursor(self.document())
        cursor.setPosition(doc_start)
        cursor.setPosition(doc_end, QTextCursor.MoveMode.KeepAnchor)
        mark = QTextCharFormat()
        mark.setBackground(QColor(_HIT_BACKGROUND))
        mark.setForeground(QColor(_HIT_TEXT))
        mark.setProperty(HIT_PROPERTY, True)
        cursor.mergeCharFormat(mark)
        self.hit_ranges.append((doc_start, doc_end))

    def _update_extra_selections(self) -> None:
        selections: list[QTextEdit.ExtraSelection] = []
        for i, (start, end) in enumerate(self._find_ranges):
            colour = _CURRENT_BACKGROUND if i == self._find_current else _FIND_BACKGROUND
            selections.append(self._selection(start, end, colour))
        if not self._find_ranges and 0 <= self.current_hit < len(self.hit_ranges):
            selections.append(self._selection(*self.hit_ranges[self.current_hit],
                                              _CURRENT_BACKGROUND))
        self.setExtraSelections(selections)

    def _selection(self, start: int, end: int, colour: str) -> QTextEdit.ExtraSelection:
        selection = QTextEdit.ExtraSelection()
        cursor = QTextCursor(self.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        selection.cursor = cursor  # type: ignore[misc]
        fmt = QTextCharFormat()
        fmt.setBackground(QColor(colour))
        fmt.setForeground(QColor(_HIT_TEXT))
        selection.format = fmt  # type: ignore[misc]
        return selection

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._apply_measure()

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


def _readable_date(published: str | None) -> str:
    if not published:
        return ""
    date = QDate.fromString(published[:10], Qt.DateFormat.ISODate)
    if not date.isValid():
        return published  # shown as stored rather than dropped
    return QLocale().toString(date, QLocale.FormatType.LongFormat)
