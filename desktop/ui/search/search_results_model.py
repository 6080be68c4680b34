"""The hits of the current search, for the results list."""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from index import SearchHit, SearchResults

Index = QModelIndex | QPersistentModelIndex
HIT_ROLE = Qt.ItemDataRole.UserRole + 1
SNIPPET_HTML_ROLE = Qt.ItemDataRole.UserRole + 2
ARTICLE_ID_ROLE = Qt.ItemDataRole.UserRole + 3


class SearchResultsModel(QAbstractListModel):
    def __init__(self, parent: object | None = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._hits: tuple[SearchHit, ...] = ()
        self.results: SearchResults | None = None

    def set_results(self, results: SearchResults | None) -> None:
        self.beginResetModel()
        self.results = results
        self._hits = results.hits if results else ()
        self.endResetModel()

    def hit(self, row: int) -> SearchHit | None:
        return self._hits[row] if 0 <= row < len(self._hits) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._hits)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.row() >= len(self._hits):
            return None
        hit = self._hits[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return hit.title
        if role == Qt.ItemDataRole.ToolTipRole:
            return hit.snippet.text
        if role == SNIPPET_HTML_ROLE:
            return hit.snippet.html()
        if role == ARTICLE_ID_ROLE:
            return hit.article_id
        if role == HIT_ROLE:
            return hit
        return None
