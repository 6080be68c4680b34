"""The Import Report: what an import did, to read at leisure, copy or save.

Shown after every import (and later for any stored one from Tools > Import History): how
many articles were imported, and every file that was not, with the reason. A duplicate
names the article it duplicates; double-clicking it opens that article.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.services.import_report import ImportReport
from desktop.ui.common.formatting import format_count, format_path
from desktop.ui.imports.import_report_model import (
    ARTICLE_ID_ROLE,
    OUTCOME_ROLE,
    ImportReportModel,
    Outcome,
    TitleLookup,
)


class ImportReportDialog(QDialog):
    open_article = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importReport")
        self.setWindowTitle(self.tr("Import Report"))
        self.report: ImportReport | None = None
        self.model = ImportReportModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterRole(OUTCOME_ROLE)

        self.headline = QLabel(self)
        self.headline.setObjectName("reportHeadline")
        font = self.headline.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.headline.setFont(font)
        self.summary = QLabel(self)
        self.summary.setObjectName("reportSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.filter = QComboBox(self)
        self.filter.setAccessibleName(self.tr("Show"))
        self.filter.setAccessibleDescription(self.tr("Which files the list below shows"))
        self.filter.setToolTip(self.tr("Show all files that were not imported, or one kind"))
        self.filter.addItem(self.tr("All files not imported"), "")
        for outcome in Outcome:
            self.filter.addItem(self.model.outcome_name(outcome), outcome.value)
        self.table = QTableView(self)
        self.table.setObjectName("reportTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # the model's order
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # a path's end names the file
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(
            ImportReportModel.DETAIL, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(ImportReportModel.OUTCOME, 90)
        self.table.setAccessibleName(self.tr("Files not imported"))
        self.table.setAccessibleDescription(self.tr(
            "Each file that was not imported, with the reason; double-click a duplicate to "
            "open the article it duplicates; Ctrl+C copies the selected rows"))
        copy_rows = QAction(self.tr("Copy Selected Rows"), self.table)
        copy_rows.setShortcut(QKeySequence.StandardKey.Copy)
        copy_rows.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        copy_rows.triggered.connect(self.copy_selected_rows)
        self.table.addAction(copy_rows)
        self.table.doubleClicked.connect(self._double_clicked)

        self.copy_button = self._button(self.tr("&Copy Report"),
                                        self.tr("Copy the whole report as text"))
        self.save_button = self._button(self.tr("&Save Report…"),
                                        self.tr("Save the whole report as a text file"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setAccessibleName(self.tr("Close"))
        close.setAccessibleDescription(self.tr("Closes the report"))
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.copy_button.clicked.connect(self.copy_report)
        self.save_button.clicked.connect(self.save_report)
        self.filter.currentIndexChanged.connect(self._filter_changed)

        filter_row = QHBoxLayout()
        filter_row.addWidget(QLabel(self.tr("Show:"), self))
        filter_row.addWidget(self.filter)
        filter_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        layout.addWidget(self.summary)
        layout.addLayout(filter_row)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(760, 460)

    def _button(self, text: str, tip: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setToolTip(tip)
        button.setAccessibleName(text.replace("&", "").rstrip("…"))
        button.setAccessibleDescription(tip)
        return button

    def show_report(self, report: ImportReport, title_of: TitleLookup | None = None) -> None:
        self.report = report
        self.model.set_report(report, title_of)
        self.headline.setText(self.headline_text(report))
        self.summary.setText(self.summary_text(report))
        has_rows = self.model.rowCount() > 0
        self.table.resizeColumnToContents(ImportReportModel.FILE)
        self.table.setColumnWidth(ImportReportModel.FILE,
                                  min(self.table.columnWidth(ImportReportModel.FILE) + 16, 320))
        self.table.setVisible(has_rows)
        self.filter.setEnabled(has_rows)
        self.filter.setCurrentIndex(0)

    def headline_text(self, report: ImportReport) -> str:
        if report.cancelled:
            return self.tr("Import cancelled")
        if report.imported == 1:
            return self.tr("1 article imported")
        if report.imported:
            return self.tr("%1 articles imported").replace("%1", format_count(report.imported))
        return self.tr("No new articles imported")

    def summary_text(self, report: ImportReport) -> str:
        duplicates, skipped = len(report.duplicates), len(report.skipped)
        counts = " · ".join((
            self.tr("%1 imported").replace("%1", format_count(report.imported)),
            (self.tr("1 duplicate") if duplicates == 1 else
             self.tr("%1 duplicates").replace("%1", format_count(duplicates))),
            self.tr("%1 skipped").replace("%1", format_count(skipped)),
            self.tr("%1 failed").replace("%1", format_count(len(report.failed))),
        ))
        # Cancelled: the files it got through, not the ones it set out to read.
        files = (report.files_read + len(report.failed) if report.cancelled
                 else report.files_total or report.files_read + len(report.failed)) + skipped
        timing = (self.tr("1 file in %2 s") if files == 1 else self.tr("%1 files in %2 s")
                  ).replace("%1", format_count(files)).replace("%2", f"{report.seconds:.1f}")
        text = f"{counts} ({timing})."
        if self.model.base_folder:
            text += "\n" + self.tr("Files below are in %1").replace(
                "%1", format_path(self.model.base_folder))
        if report.cancelled:
            processed = report.files_read + len(report.failed)
            if report.files_total:
                kept = self.tr("You cancelled the import after %1 of %2 files.").replace(
                    "%1", format_count(processed)).replace("%2", format_count(report.files_total))
            else:
                kept = self.tr("You cancelled the import after %1 files.").replace(
                    "%1", format_count(processed))
            kept += " " + (self.tr("The article imported before then is kept.")
                           if report.imported == 1 else
                           self.tr("The %1 articles imported before then are kept.").replace(
                               "%1", format_count(report.imported)))
            text = f"{kept}\n{text}"
        if not self.model.rowCount():
            text += "\n" + self.tr("Every file read was imported.")
        return text

    def report_text(self) -> str:
        header = f"{self.headline.text()}\n{self.summary.text()}"
        rows = self.model.as_text()
        return f"{header}\n\n{rows}\n" if rows else f"{header}\n"

    def copy_report(self) -> None:
        QGuiApplication.clipboard().setText(self.report_text())

    def copy_selected_rows(self) -> None:
        rows = sorted({self.proxy.mapToSource(i).row()
                       for i in self.table.selectionModel().selectedRows()})
        if rows:
            QGuiApplication.clipboard().setText(self.model.as_text(rows))

    def save_report(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save Import Report"), "import-report.txt",
            self.tr("Text files (*.txt);;All files (*)"))
        if not name:
            return
        try:
            Path(name).write_text(self.report_text(), encoding="utf-8")
        except OSError as error:
            QMessageBox.warning(self, self.tr("Save Import Report"), self.tr(
                "The report could not be saved to %1: %2").replace("%1", name).replace(
                "%2", error.strerror or str(error)))

    def _filter_changed(self, _index: int) -> None:
        value = self.filter.currentData() or ""
        self.proxy.setFilterFixedString(value)

    def _double_clicked(self, index: object) -> None:
        article_id = self.proxy.data(index, ARTICLE_ID_ROLE)  # type: ignore[arg-type]
        if isinstance(article_id, int):
            self.open_article.emit(article_id)
