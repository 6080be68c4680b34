"""The article list: id-ordered summaries shown as Title, Source, Date; sortable.

Rows are plain tuples in Python lists and sorting is a key sort over them, which keeps
100k rows responsive (no per-row objects, no SQL round trip per sort).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from desktop.domain.article import ArticleSummary

Index = QModelIndex | QPersistentModelIndex
ARTICLE_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class ArticleTableModel(QAbstractTableModel):
    TITLE, SOURCE, DATE = range(3)

    def __init__(self, parent: object | None = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._rows: list[ArticleSummary] = []
        self._headers = (self.tr("Title"), self.tr("Source"), self.tr("Date"))
        self._sort: tuple[int, Qt.SortOrder] = (self.DATE, Qt.SortOrder.DescendingOrder)

    def set_articles(self, rows: Sequence[ArticleSummary]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._apply_sort()
        self.endResetModel()

    def article_id(self, row: int) -> int | None:
        return self._rows[row].id if 0 <= row < len(self._rows) else None

    def row_of(self, article_id: int) -> int | None:
        for row, summary in enumerate(self._rows):
            if summary.id == article_id:
                return row
        return None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        summary = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if index.column() == self.TITLE:
                return summary.title
            if index.column() == self.SOURCE:
                return summary.source
            return summary.published or ""
        if role == ARTICLE_ID_ROLE:
            return summary.id
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self._headers)
        ):
            return self._headers[section]
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self._headers):
            return
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        old_ids = [self._rows[i.row()].id for i in old]
        self._sort = (column, order)
        self._apply_sort()
        positions = {summary.id: row for row, summary in enumerate(self._rows)}
        moved = zip(old_ids, old, strict=True)
        self.changePersistentIndexList(
            old, [self.index(positions[i], index.column()) for i, index in moved]
        )
        self.layoutChanged.emit()

    def _apply_sort(self) -> None:
        column, order = self._sort
        if column == self.TITLE:
            key = _title_key
        elif column == self.SOURCE:
            key = _source_key
        else:
            key = _date_key
        self._rows.sort(key=key, reverse=order == Qt.SortOrder.DescendingOrder)


# Undated articles sort as oldest; ties fall back to id so the order is stable and total.
def _date_key(s: ArticleSummary) -> tuple[str, int]:
    return (s.published or "", s.id)


def _title_key(s: ArticleSummary) -> tuple[str, int]:
    return (s.title.casefold(), s.id)


def _source_key(s: ArticleSummary) -> tuple[str, str, int]:
    return (s.source.casefold(), s.title.casefold(), s.id)
