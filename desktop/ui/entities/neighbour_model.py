"""The entities found in the same articles as one entity, with the number of articles they
share, most shared first."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from desktop.services.entity_views import CoEntity
from desktop.ui.common.formatting import format_count

Index = QModelIndex | QPersistentModelIndex


class NeighbourModel(QAbstractListModel):
    ID_ROLE = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._rows: list[CoEntity] = []

    def set_neighbours(self, rows: Sequence[CoEntity]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{row.name} ({format_count(row.shared)})"
        if role == Qt.ItemDataRole.DecorationRole:
            return QColor(row.colour)
        if role == Qt.ItemDataRole.ToolTipRole:
            shared = (self.tr("1 article in common") if row.shared == 1 else
                      self.tr("%1 articles in common").replace("%1", format_count(row.shared)))
            return f"{row.name}, {row.type}: {shared}"
        if role == self.ID_ROLE:
            return row.id
        return None
