"""The main window's import reports: the report of the import just finished (shown at
once, and again from File > Last Import Report) and File > Import History, where any
earlier import's report can be read again."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from desktop.services.import_report import ImportReport
from desktop.ui.common.module_preloader import ModulePreloader
from desktop.ui.project.project_session import ProjectSession

if TYPE_CHECKING:
    from desktop.ui.imports.import_report_dialog import ImportReportDialog

StatusMessage = Callable[[str, int], None]


class ImportReports(QObject):
    def __init__(self, window: QWidget, session: ProjectSession, last_action: QAction,
                 read_article: Callable[[int], None],
                 title_of: Callable[[int], str | None], status: StatusMessage) -> None:
        super().__init__(window)
        self._window = window
        self._session = session
        self._last_action = last_action
        self._read_article = read_article
        self._title_of = title_of
        self._status = status
        self.last_report: ImportReport | None = None
        self.dialog: ImportReportDialog | None = None  # made for the first report shown
        # The report's module is loaded in the background while the first import runs:
        # loaded on the GUI thread as the report opened, it froze the window for 100 ms.
        session.articles_stored.connect(
            lambda _stored: ModulePreloader.preload("desktop.ui.imports.import_report_dialog"))

    def imported(self, report: ImportReport) -> None:
        """An import finished: its report, shown now and kept for Last Import Report."""
        self.last_report = report
        self._last_action.setEnabled(True)
        self.show_last()
        if self.dialog is not None:
            self._status(self.dialog.headline.text(), 8000)

    def forget(self) -> None:
        """Another project (or none): the last report was of the one before."""
        self.last_report = None
        self._last_action.setEnabled(False)

    def show_last(self) -> None:
        if self.last_report is not None:
            self.show(self.last_report)

    def show(self, report: ImportReport) -> None:
        if self.dialog is None:
            # Imported here, like the history's: dialogs load with their first use.
            from desktop.ui.imports.import_report_dialog import ImportReportDialog

            self.dialog = ImportReportDialog(self._window)
            self.dialog.open_article.connect(self._read_article)
        self.dialog.show_report(report, self._title_of)
        self.dialog.show()  # not modal: read at leisure beside the window
        self.dialog.raise_()

    def show_history(self) -> None:
        project = self._session.project
        if project is None:
            return
        from desktop.ui.imports.import_history_dialog import ImportHistoryDialog

        dialog = ImportHistoryDialog(self._window)
        dialog.report_requested.connect(self.show)
        # A small table, newest first; read on the GUI thread like one article.
        dialog.set_runs(project.store.import_runs.recent())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def close(self) -> None:
        if self.dialog is not None:
            self.dialog.close()
