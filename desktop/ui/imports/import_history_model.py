"""The project's past imports, newest first, for Tools > Import History."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from desktop.storage.import_runs import ImportRun
from desktop.ui.common.formatting import format_count

Index = QModelIndex | QPersistentModelIndex


class ImportHistoryModel(QAbstractTableModel):
    WHEN, WHAT, IMPORTED, DUPLICATES, FAILED = range(5)

    def __init__(self, parent: object | None = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._runs: list[ImportRun] = []
        self._headers = (self.tr("When"), self.tr("What"), self.tr("Imported"),
                         self.tr("Duplicates"), self.tr("Failed"))

    def set_runs(self, runs: Sequence[ImportRun]) -> None:
        self.beginResetModel()
        self._runs = list(runs)
        self.endResetModel()

    def run(self, row: int) -> ImportRun | None:
        return self._runs[row] if 0 <= row < len(self._runs) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._runs)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        run = self.run(index.row()) if index.isValid() else None
        if run is None or role not in (Qt.ItemDataRole.DisplayRole,
                                       Qt.ItemDataRole.ToolTipRole):
            return None
        report = run.report
        column = index.column()
        if column == self.WHEN:
            return run.started_at.replace("T", " ")[:16]
        if column == self.WHAT:
            label = str(report.get("label", self.tr("Import")))
            return label + (self.tr(" (cancelled)") if report.get("cancelled") else "")
        key = {self.IMPORTED: "imported", self.DUPLICATES: "duplicates"}.get(column)
        if key is not None:
            value = report.get(key, 0)
            return format_count(value if isinstance(value, int) else 0)
        failed = report.get("failed", [])
        return format_count(len(failed) if isinstance(failed, list) else 0)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self._headers)):
            return self._headers[section]
        return None
