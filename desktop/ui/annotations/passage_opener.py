"""The one place where the panels open an article at a passage, and read the reader's
selection as a passage (code points of the stored body).

The reader branch adds ``ReaderView.scroll_to_span(start, end)`` and its own selection
reading; until then, and as long as the reader lacks them, the fallbacks below select the
span with a text cursor through the reader's own position conversion. When the reader
branch is merged this is the only module to adjust.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QTextCursor

from desktop.ui.reader.reader_view import ReaderView

OpenArticle = Callable[[int], None]


class PassageOpener(QObject):
    def __init__(self, open_article: OpenArticle, reader: ReaderView,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._open_article = open_article
        self._reader = reader

    def open(self, article_id: int, start: int | None = None, end: int | None = None) -> None:
        """Show the article in the reader and, given a span, scroll to it and select it."""
        self._open_article(article_id)
        reader = self._reader
        if start is None or end is None or reader.article is None \
                or reader.article.id != article_id:
            return
        scroll = getattr(reader, "scroll_to_span", None)
        if callable(scroll):
            scroll(start, end)
            return
        doc_start = reader._doc_position(start)  # the reader's own body -> document mapping
        doc_end = reader._doc_position(end)
        if doc_start is None or doc_end is None:
            return
        reader.reveal(doc_start, doc_end)
        cursor = QTextCursor(reader.document())
        cursor.setPosition(doc_start)
        cursor.setPosition(doc_end, QTextCursor.MoveMode.KeepAnchor)
        reader.setTextCursor(cursor)

    def selected_span(self) -> tuple[int, int, int] | None:
        """``(article id, start, end)`` of the reader's selection inside the body, in code
        points, or None when nothing of the body is selected."""
        reader = self._reader
        article = reader.article
        if article is None:
            return None
        own = getattr(reader, "selected_span", None)
        if callable(own):
            span = own()
            return None if span is None else (article.id or 0, *span)
        cursor = reader.textCursor()
        if not cursor.hasSelection():
            return None
        start = self._body_offset(cursor.selectionStart())
        end = self._body_offset(cursor.selectionEnd())
        if start is None or end is None or end <= start:
            return None
        return article.id or 0, start, end

    def _body_offset(self, doc_position: int) -> int | None:
        paragraphs = self._reader._paragraphs  # (document position, body offset, positions)
        for doc_start, offset, positions in reversed(paragraphs):
            if doc_position >= doc_start:
                inside = min(doc_position - doc_start, positions.utf16_length())
                return offset + positions.from_utf16(inside)
        return paragraphs[0][1] if paragraphs else None
