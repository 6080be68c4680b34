"""The one place where the panels open an article at a passage, and read the reader's
selection as a passage (code points of the stored body)."""

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
        """Show the article in the reader and, given a span, scroll to it and select it
        (so that the user sees exactly which passage was meant, and can act on it)."""
        self._open_article(article_id)
        reader = self._reader
        if start is None or end is None or reader.article is None \
                or reader.article.id != article_id:
            return
        if not reader.scroll_to_span(start, end):
            return
        doc_start, doc_end = reader.body.to_doc(start), reader.body.to_doc(end)
        if doc_start is None or doc_end is None:
            return
        cursor = QTextCursor(reader.document())
        cursor.setPosition(doc_start)
        cursor.setPosition(doc_end, QTextCursor.MoveMode.KeepAnchor)
        reader.setTextCursor(cursor)

    def open_highlight(self, article_id: int, highlight_id: int) -> None:
        """Show the article with one of its highlights current (outlined, scrolled into
        view, the caret at its start) and its colours showing: not selected, since a
        selection would cover them and H would make the same highlight again. One that is
        not drawn (it waits for review, or was detached) opens the article alone."""
        self._open_article(article_id)
        reader = self._reader
        if reader.article is None or reader.article.id != article_id \
                or reader.overlay.item(highlight_id) is None:
            return
        reader.select_highlight(highlight_id)

    def selected_span(self) -> tuple[int, int, int] | None:
        """``(article id, start, end)`` of the reader's selection inside the body, in code
        points, or None when nothing of the body is selected."""
        article = self._reader.article
        span = self._reader.selection_span()
        if article is None or span is None:
            return None
        start, end, _clipped = span
        return article.id or 0, start, end
