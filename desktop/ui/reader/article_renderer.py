"""Builds the reader's document for an article: the title, a byline and the paragraphs, with
search hits marked in the character formats (they belong to the text shown).

The document is built block by block so that we know where each body paragraph starts
(:class:`BodyMap`); highlights are not written here: they are painted over the text.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, QLocale, QObject, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)

from desktop.domain.article import Article
from desktop.ui.common.text_positions import TextPositions
from desktop.ui.reader.body_map import BodyMap

Span = tuple[int, int]
DocRange = tuple[int, int]
# Marks our own formatting on the document so tests and later features can find hit marks
# without guessing from colours.
HIT_PROPERTY = QTextFormat.Property.UserProperty + 1
HIT_BACKGROUND, HIT_TEXT = "#ffe26a", "#1a1a1a"


class ArticleRenderer(QObject):
    def __init__(self, document: QTextDocument, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = document

    def render(self, article: Article, base: float, faint: QBrush,
               spans: tuple[tuple[Span, ...], tuple[Span, ...]]) -> tuple[BodyMap, list[DocRange]]:
        """Fill the document, which the caller has emptied (and given its page margins:
        clearing here would reset them and lay the whole text out a second time); return
        where the body's paragraphs are and the hit ranges (document positions, in order).
        ``base`` is the body's point size."""
        title_spans, body_spans = spans
        hits: list[DocRange] = []
        cursor = QTextCursor(self.document)
        # One edit block: the document is laid out once at its end, not after each of
        # the hundreds of insertions (a third of the time to open an article).
        cursor.beginEditBlock()

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
            hits.append(self._mark(title_start + title_positions.to_utf16(start),
                                   title_start + title_positions.to_utf16(end)))

        meta_format = QTextCharFormat()
        meta_format.setForeground(faint)
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
        # Generous leading: the space under each line holds the highlights' underlines.
        body_block.setLineHeight(150, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        body = BodyMap()
        for paragraph in article.paragraphs():
            cursor.insertBlock(body_block, body_format)
            body.add(cursor.position(), paragraph)
            cursor.insertText(paragraph, body_format)
        cursor.endEditBlock()
        for start, end in body_spans:
            doc_start, doc_end = body.to_doc(start), body.to_doc(end)
            if doc_start is not None and doc_end is not None:
                hits.append(self._mark(doc_start, doc_end))
        hits.sort()
        return body, hits

    @staticmethod
    def byline(article: Article) -> str:
        """Source, author and date, those that are known, with the date in the locale's words."""
        return " · ".join(
            x for x in (article.source, article.author, _readable_date(article.published)) if x
        )

    def _mark(self, doc_start: int, doc_end: int) -> DocRange:
        cursor = QTextCursor(self.document)
        cursor.setPosition(doc_start)
        cursor.setPosition(doc_end, QTextCursor.MoveMode.KeepAnchor)
        mark = QTextCharFormat()
        mark.setBackground(QColor(HIT_BACKGROUND))
        mark.setForeground(QColor(HIT_TEXT))
        mark.setProperty(HIT_PROPERTY, True)
        cursor.mergeCharFormat(mark)
        return doc_start, doc_end


def _readable_date(published: str | None) -> str:
    if not published:
        return ""
    date = QDate.fromString(published[:10], Qt.DateFormat.ISODate)
    if not date.isValid():
        return published  # shown as stored rather than dropped
    return QLocale().toString(date, QLocale.FormatType.LongFormat)
