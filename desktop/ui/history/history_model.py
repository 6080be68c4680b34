"""The edit journal as a table: when, what (the action's name), how much it changed."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QDateTime,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from desktop.domain.journal_entry import JournalEntry
from desktop.ui.common.formatting import format_count

Index = QModelIndex | QPersistentModelIndex
ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1
# What people call the rows of each table (the journal speaks of tables).
_THINGS = {
    "articles": ("article", "articles"),
    "highlights": ("highlight", "highlights"),
    "highlight_codes": ("code on a highlight", "codes on highlights"),
    "notes": ("note", "notes"),
    "codes": ("code", "codes"),
    "entities": ("entity", "entities"),
    "entity_aliases": ("alias", "aliases"),
    "mentions": ("mention", "mentions"),
    "links": ("link", "links"),
}
_OPS = (("insert", "added"), ("update", "changed"), ("delete", "removed"))


def describe_changes(counts: Mapping[str, Mapping[str, int]]) -> str:
    """``{"highlights": {"insert": 3}}`` as "3 highlights added"."""
    parts = []
    for table, (one, many) in _THINGS.items():
        for op, verb in _OPS:
            n = counts.get(table, {}).get(op, 0)
            if n:
                thing = QCoreApplication.translate("HistoryModel", one if n == 1 else many)
                parts.append(f"{format_count(n)} {thing} "
                             f"{QCoreApplication.translate('HistoryModel', verb)}")
    return ", ".join(parts) or QCoreApplication.translate("HistoryModel", "no rows")


def local_time(stamp: str) -> str:
    when = QDateTime.fromString(stamp, Qt.DateFormat.ISODate)
    if not when.isValid():
        return stamp
    return QLocale().toString(when.toLocalTime(), QLocale.FormatType.ShortFormat)


class HistoryModel(QAbstractTableModel):
    WHEN, WHAT, CHANGED = range(3)

    def __init__(self, parent: object | None = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self.entries: list[JournalEntry] = []
        self._headers = (self.tr("When"), self.tr("What"), self.tr("Changed"))

    def set_entries(self, entries: Sequence[JournalEntry]) -> None:
        self.beginResetModel()
        self.entries = list(entries)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self.entries):
            return None
        entry = self.entries[index.row()]
        if role == ENTRY_ROLE:
            return entry
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{entry.at} · {entry.kind}"
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        column = index.column()
        if column == self.WHEN:
            return local_time(entry.at)
        if column == self.WHAT:
            return entry.label
        return describe_changes(entry.counts)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self._headers)):
            return self._headers[section]
        return None
