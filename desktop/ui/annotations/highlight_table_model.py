"""Highlights as a table (article, quote, codes, note, entities, created), paged.

The model holds the ids of every matching highlight (100,000 ints are cheap) and fetches
the rows the view asks for, a page of ``PAGE`` at a time, by id. Rows read are kept by id,
across new lists of ids, until the panel says they changed (``forget``): so opening the
project-wide list or filtering it costs one id query plus one page, whatever the number of
highlights, and a list read again after one highlight was made fetches that one row.
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
_KEEP_ROWS = 8000
_QUOTE_CHARS = 240


class HighlightTableModel(QAbstractTableModel):
    ARTICLE, QUOTE, CODES, NOTE, ENTITIES, CREATED = range(6)

    def __init__(self, fetch: FetchRows | None = None, parent: object | None = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._fetch = fetch
        self._ids: list[int] = []
        self._rows: OrderedDict[int, HighlightRow] = OrderedDict()  # by id, newest last
        self._gone: set[int] = set()  # listed, but deleted before their row was read
        self._headers = (self.tr("Article"), self.tr("Quote"), self.tr("Codes"),
                         self.tr("Note"), self.tr("Entities"), self.tr("Created"))

    def set_fetch(self, fetch: FetchRows | None) -> None:
        self._fetch = fetch

    def set_ids(self, ids: Sequence[int]) -> None:
        self.beginResetModel()
        self._ids = list(ids)
        self._gone.clear()
        self.endResetModel()

    def forget(self, changed: set[int] | None = None) -> None:
        """Rows to read again when next shown: these highlights', or (None) all."""
        if changed is None:
            self._rows.clear()
        else:
            for h_id in changed:
                self._rows.pop(h_id, None)
        self._gone.clear()

    def refresh(self, changed: set[int] | None = None) -> None:
        """Fetch rows again (their codes, notes or quote changed), keeping the list."""
        self.forget(changed)
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
        h_id = self._ids[row]
        found = self._rows.get(h_id)
        if found is not None or h_id in self._gone:
            return found
        # The rest of its page that is not known yet, in one query.
        page = row // PAGE
        wanted = [i for i in self._ids[page * PAGE:(page + 1) * PAGE]
                  if i not in self._rows and i not in self._gone]
        fetched = self._fetch(wanted)
        self._rows.update(fetched)
        self._gone.update(i for i in wanted if i not in fetched)
        while len(self._rows) > _KEEP_ROWS:
            self._rows.popitem(last=False)
        return fetched.get(h_id)

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
