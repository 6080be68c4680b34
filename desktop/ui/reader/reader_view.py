"""The reader: an article's title, a metadata line and its paragraphs, with hits marked.

The document is built block by block so that we know where each body paragraph starts;
a body position (code points, as the index and the store count) becomes a document
position (UTF-16, as Qt counts) only here, through :class:`TextPositions`.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QResizeEvent,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextFormat,
)
from PySide6.QtWidgets import QTextBrowser, QWidget

from desktop.domain.article import Article
from desktop.ui.common.text_positions import TextPositions

Span = tuple[int, int]
# Marks our own formatting on the document so tests and later features (highlights) can
# find hit marks without guessing from colours.
HIT_PROPERTY = QTextFormat.Property.UserProperty + 1
_MEASURE_EM = 40  # comfortable line length, in em widths
_MIN_MARGIN = 18.0


class ReaderView(QTextBrowser):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reader")
        self.setOpenExternalLinks(True)
        self.setReadOnly(True)
        # Selectable with mouse and keyboard: reading means quoting, and later highlighting.
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
            | Qt.TextInteractionFlag.LinksAccessibleByMouse
        )
        self.article: Article | None = None
        # Document position of each body paragraph, with its body offset (code points).
        self._paragraphs: list[tuple[int, int, TextPositions]] = []
        self._body_block = 0
        self.show_placeholder()

    def show_placeholder(self, text: str = "") -> None:
        self.article = None
        self._paragraphs = []
        self.setPlainText("")
        self.setPlaceholderText(text or self.tr("Select an article to read it."))

    def show_article(
        self,
        article: Article,
        title_spans: tuple[Span, ...] = (),
        body_spans: tuple[Span, ...] = (),
    ) -> None:
        self.article = article
        self.document().clear()
        cursor = QTextCursor(self.document())
        base = self.font().pointSizeF()

        title_format = QTextCharFormat()
        title_format.setFontPointSize(base * 1.7)
        title_format.setFontWeight(QFont.Weight.Bold)
        block = QTextBlockFormat()
        block.setBottomMargin(base * 0.6)
        block.setLineHeight(115, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        cursor.setBlockFormat(block)
        cursor.setBlockCharFormat(title_format)
        title_start = cursor.position()
        cursor.insertText(article.title, title_format)
        self._mark(title_start, TextPositions(article.title), title_spans)

        meta = " · ".join(x for x in (article.source, article.author, article.published) if x)
        meta_format = QTextCharFormat()
        meta_format.setForeground(self.palette().placeholderText())
        meta_format.setFontPointSize(base * 0.95)
        meta_block = QTextBlockFormat()
        meta_block.setBottomMargin(base * 1.4)
        cursor.insertBlock(meta_block, meta_format)
        if not meta and article.origin_path:
            meta = self.tr("From %1").replace("%1", Path(article.origin_path).name)
        cursor.insertText(meta or self.tr("No source or date recorded"), meta_format)

        body_format = QTextCharFormat()
        body_format.setFontPointSize(base * 1.15)
        body_block = QTextBlockFormat()
        body_block.setBottomMargin(base * 0.9)
        body_block.setLineHeight(150, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        self._paragraphs = []
        offset = 0
        for paragraph in article.paragraphs():
            cursor.insertBlock(body_block, body_format)
            self._paragraphs.append((cursor.position(), offset, TextPositions(paragraph)))
            cursor.insertText(paragraph, body_format)
            offset += len(paragraph) + 2  # the "\n\n" between paragraphs in the body
        for start, end in body_spans:
            self._mark_body(start, end)
        self._apply_measure()
        first = body_spans[0][0] if body_spans else None
        self.moveCursor(QTextCursor.MoveOperation.Start)
        if first is not None:
            self._scroll_to_body(first)

    def _mark(self, doc_start: int, positions: TextPositions, spans: tuple[Span, ...]) -> None:
        for start, end in spans:
            self._apply_hit(
                doc_start + positions.to_utf16(start), doc_start + positions.to_utf16(end)
            )

    def _mark_body(self, start: int, end: int) -> None:
        doc_start, doc_end = self._doc_position(start), self._doc_position(end)
        if doc_start is not None and doc_end is not None:
            self._apply_hit(doc_start, doc_end)

    def _doc_position(self, body_offset: int) -> int | None:
        """The document position (UTF-16) of a body offset (code points)."""
        for doc_pos, offset, positions in self._paragraphs:
            if offset <= body_offset <= offset + len(positions.text):
                return doc_pos + positions.to_utf16(body_offset - offset)
        return None

    def _apply_hit(self, doc_start: int, doc_end: int) -> None:
        cursor = QTextCursor(self.document())
        cursor.setPosition(doc_start)
        cursor.setPosition(doc_end, QTextCursor.MoveMode.KeepAnchor)
        mark = QTextCharFormat()
        mark.setBackground(QColor("#ffe26a"))
        mark.setForeground(QColor("#1a1a1a"))
        mark.setProperty(HIT_PROPERTY, True)
        cursor.mergeCharFormat(mark)

    def _scroll_to_body(self, body_offset: int) -> None:
        position = self._doc_position(body_offset)
        if position is not None:
            cursor = QTextCursor(self.document())
            cursor.setPosition(position)
            self.setTextCursor(cursor)
            self.ensureCursorVisible()

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
