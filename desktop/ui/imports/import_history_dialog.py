"""Tools > Import History: every import of the project, each report one click away."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.services.import_report import ImportReport
from desktop.storage.import_runs import ImportRun
from desktop.ui.imports.import_history_model import ImportHistoryModel


class ImportHistoryDialog(QDialog):
    report_requested = Signal(object)  # ImportReport

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importHistory")
        self.setWindowTitle(self.tr("Import History"))
        self.model = ImportHistoryModel(self)
        self.view = QTableView(self)
        self.view.setObjectName("importHistoryList")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setSectionResizeMode(
            ImportHistoryModel.WHAT, QHeaderView.ResizeMode.Stretch)
        self.view.setAccessibleName(self.tr("Past imports"))
        self.view.setAccessibleDescription(
            self.tr("Every import of this project, newest first; Enter shows its report"))
        self.view.activated.connect(lambda index: self._show(index.row()))
        self.empty = QLabel(self.tr("Nothing has been imported into this project yet."), self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.show_button = buttons.addButton(self.tr("Show Report"),
                                             QDialogButtonBox.ButtonRole.ActionRole)
        self.show_button.setToolTip(self.tr("Open the report of the selected import"))
        self.show_button.clicked.connect(self._show_selected)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addWidget(self.view)
        layout.addWidget(buttons)
        self.resize(640, 360)

    def set_runs(self, runs: Sequence[ImportRun]) -> None:
        self.model.set_runs(runs)
        self.empty.setVisible(not runs)
        self.show_button.setEnabled(bool(runs))
        if runs:
            self.view.selectRow(0)

    def _show_selected(self) -> None:
        rows = self.view.selectionModel().selectedRows()
        if rows:
            self._show(rows[0].row())

    def _show(self, row: int) -> None:
        run = self.model.run(row)
        if run is not None:
            self.report_requested.emit(
                ImportReport.from_json(run.report, started_at=run.started_at))
