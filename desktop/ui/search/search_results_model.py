"""The hits of the current search, for the results list."""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from index import SearchHit, SearchResults

Index = QModelIndex | QPersistentModelIndex
HIT_ROLE = Qt.ItemDataRole.UserRole + 1
SNIPPET_HTML_ROLE = Qt.ItemDataRole.UserRole + 2
ARTICLE_ID_ROLE = Qt.ItemDataRole.UserRole + 3


class SearchResultsModel(QAbstractListModel):
    """The hits shown, the best first. A search shows a page of them; scrolling to the end
    of the list (End, Page Down, the wheel) asks for the next page (``more_wanted``), and
    the longer answer is added below, so the list keeps its place and its pick."""

    PAGE = 50
    # How many hits to show now: the search runs again with this limit.
    more_wanted = Signal(int)

    def __init__(self, parent: object | None = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._hits: tuple[SearchHit, ...] = ()
        self.results: SearchResults | None = None
        self._asked = False  # a next page is on its way
        self._exhausted = False  # the last page asked for brought nothing more
        self._resetting = False

    def set_results(self, results: SearchResults | None) -> bool:
        """Show ``results``; True when they only added rows below the ones shown (the
        same query's longer answer: the view keeps its place and its pick)."""
        old, before = self._hits, self.results
        asked, self._asked = self._asked, False
        same = (results is not None and before is not None and results.query == before.query
                and not results.error)
        prefix = same and results is not None and len(results.hits) >= len(old) and tuple(
            hit.key for hit in results.hits[:len(old)]) == tuple(hit.key for hit in old)
        if prefix and results is not None and len(results.hits) > len(old):
            # The same list, longer: the new hits go below the ones on screen.
            self.results = results
            self.beginInsertRows(QModelIndex(), len(old), len(results.hits) - 1)
            self._hits = results.hits
            self.endInsertRows()
            if old:
                self.dataChanged.emit(self.index(0, 0), self.index(len(old) - 1, 0))
            self._exhausted = False
            return True
        if prefix and asked and results is not None:
            # A page asked for that brought nothing more (matches counted but no longer
            # there): the rows stay, and no more is asked (the view would ask at once).
            self.results = results
            self._hits = results.hits
            self._exhausted = True
            if old:
                self.dataChanged.emit(self.index(0, 0), self.index(len(old) - 1, 0))
            return False
        self._exhausted = False
        self.beginResetModel()
        self.results = results
        self._hits = results.hits if results else ()
        # The view asks for more as the reset ends, before it has laid the new rows out
        # (still scrolled as the last list was): a new search fetched its second page at
        # once (a new user saw "the best 100"). It asks again when scrolled to the end.
        self._resetting = True
        try:
            self.endResetModel()
        finally:
            self._resetting = False
        return False

    def cancel_fetch(self) -> None:
        """The page asked for will not come (the query changed meanwhile)."""
        self._asked = False

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        found = self.results
        return bool(not parent.isValid() and found is not None and not found.error
                    and not found.timed_out and not self._asked and not self._exhausted
                    and not self._resetting
                    and len(self._hits) < found.total)

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if self.canFetchMore(parent):
            self._asked = True
            self.more_wanted.emit(len(self._hits) + self.PAGE)

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
