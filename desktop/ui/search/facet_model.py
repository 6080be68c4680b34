"""The facets of the shown search as a two-level tree: groups (Kind, Source, Year, People…)
and under each its values with their counts."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt

from desktop.services.facet_service import FacetGroup, FacetValue, SearchFacets
from desktop.ui.common.formatting import format_count

Index = QModelIndex | QPersistentModelIndex
CLAUSE_ROLE = Qt.ItemDataRole.UserRole + 1
# Internal ids: 0 for a group row, group number + 1 for its values' rows.
_GROUP = 0


class FacetModel(QAbstractItemModel):
    LABEL, COUNT = 0, 1

    def __init__(self, parent: object | None = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._groups: tuple[FacetGroup, ...] = ()

    @property
    def groups(self) -> tuple[FacetGroup, ...]:
        return self._groups

    def set_facets(self, facets: SearchFacets | None) -> None:
        self.beginResetModel()
        self._groups = facets.groups if facets is not None else ()
        self.endResetModel()

    # -- structure ----------------------------------------------------------------------

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, _GROUP)
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, child: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not child.isValid() or child.internalId() == _GROUP:
            return QModelIndex()
        return self.createIndex(child.internalId() - 1, 0, _GROUP)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._groups)
        if parent.column() != 0 or parent.internalId() != _GROUP:
            return 0
        return len(self._groups[parent.row()].values)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 2

    # -- content ------------------------------------------------------------------------

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        if index.internalId() == _GROUP:
            group = self._groups[index.row()]
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                return group.title if index.column() == self.LABEL else None
            return None
        value = self.value(index)
        if value is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return value.label if index.column() == self.LABEL else format_count(value.count)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tr("Narrow the search to these: adds %1").replace("%1", value.clause)
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == self.COUNT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == CLAUSE_ROLE:
            return value.clause
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr("Refine by") if section == self.LABEL else self.tr("Count")
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def value(self, index: Index) -> FacetValue | None:
        if not index.isValid() or index.internalId() == _GROUP:
            return None
        group = self._groups[index.internalId() - 1]
        return group.values[index.row()] if index.row() < len(group.values) else None
