"""Highlights as a table (article, quote, codes, note, entities, created), paged.

The model holds the ids of every matching highlight (100,000 ints are cheap) and fetches
the rows the view asks for in pages of ``PAGE`` by id, keeping the pages recently used.
So opening the project-wide list or filtering it costs one id query plus one page,
whatever the number of highlights.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from desktop.storage.highlight_listing import HighlightRow
from desktop.ui.common.formatting import format_count

Index = QModelIndex | QPersistentModelIndex
FetchRows = Callable[[Sequence[int]], dict[int, HighlightRow]]
HIGHLIGHT_ID_ROLE = Qt.ItemDataRole.UserRole + 1
HIGHLIGHT_ROW_ROLE = Qt.ItemDataRole.UserRole + 2
PAGE = 200
_KEEP_PAGES = 20
_QUOTE_CHARS = 240


class HighlightTableModel(QAbstractTableModel):
    ARTICLE, QUOTE, CODES, NOTE, ENTITIES, CREATED = range(6)

    def __init__(self, fetch: FetchRows | None = None, parent: object | None = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._fetch = fetch
        self._ids: list[int] = []
        self._pages: OrderedDict[int, dict[int, HighlightRow]] = OrderedDict()
        self._headers = (self.tr("Article"), self.tr("Quote"), self.tr("Codes"),
                         self.tr("Note"), self.tr("Entities"), self.tr("Created"))

    def set_fetch(self, fetch: FetchRows | None) -> None:
        self._fetch = fetch

    def set_ids(self, ids: Sequence[int]) -> None:
        self.beginResetModel()
        self._ids = list(ids)
        self._pages.clear()
        self.endResetModel()

    def refresh(self, changed: set[int] | None = None) -> None:
        """Fetch rows again (their codes, notes or quote changed), keeping the list."""
        self._pages.clear()
        if self._ids:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self._ids) - 1, len(self._headers) - 1))

    @property
    def ids(self) -> list[int]:
        return self._ids

    def highlight_id(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, highlight_id: int) -> int | None:
        try:
            return self._ids.index(highlight_id)
        except ValueError:
            return None

    def row(self, row: int) -> HighlightRow | None:
        if not 0 <= row < len(self._ids) or self._fetch is None:
            return None
        page = row // PAGE
        rows = self._pages.get(page)
        if rows is None:
            rows = self._fetch(self._ids[page * PAGE:(page + 1) * PAGE])
            self._pages[page] = rows
            while len(self._pages) > _KEEP_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(page)
        return rows.get(self._ids[row])

    # -- Qt -----------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        if role == HIGHLIGHT_ID_ROLE:
            return self._ids[index.row()]
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole,
                        HIGHLIGHT_ROW_ROLE):
            return None
        row = self.row(index.row())
        if row is None:
            # Deleted since the ids were listed; the list is reloaded right after.
            return None if role == HIGHLIGHT_ROW_ROLE else ""
        if role == HIGHLIGHT_ROW_ROLE:
            return row
        column = index.column()
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.quote[:1000] if column == self.QUOTE else self._text(row, column)
        return self._text(row, column)

    def _text(self, row: HighlightRow, column: int) -> str:
        if column == self.ARTICLE:
            return row.article_title
        if column == self.QUOTE:
            quote = " ".join(row.quote[:_QUOTE_CHARS].split())
            return quote + ("…" if len(row.quote) > _QUOTE_CHARS else "")
        if column == self.CODES:
            return ", ".join(row.codes)
        if column == self.NOTE:
            return row.note
        if column == self.ENTITIES:
            return ", ".join(row.entities)
        return row.created_at[:16].replace("T", " ")

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self._headers[section] if 0 <= section < len(self._headers) else None
        return format_count(section + 1)
