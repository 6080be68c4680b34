"""Tools > Recognise Entities, and recognition after every import: the recognition process
(:class:`RecognitionProcess`), followed from the writer worker with progress and cancel
(the status bar's progress panel), one step in Edit > Undo, and a short report of what it
found in the status bar."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from desktop.entities.recognizer_names import BUILTIN
from desktop.services.cancel_token import CancelToken, Progress, ProgressThrottle
from desktop.services.import_report import ImportReport
from desktop.services.project import Project
from desktop.ui.common.module_preloader import ModulePreloader
from desktop.ui.common.task_runner import Task
from desktop.ui.project.project_session import ProjectSession

if TYPE_CHECKING:
    from desktop.services.recognition_service import RecognitionReport

StatusMessage = Callable[[str, int], None]
_REPORT_MS = 12000


class EntityRecognition(QObject):
    finished = Signal(object)  # RecognitionReport

    def __init__(self, session: ProjectSession, status: StatusMessage,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._status = status
        self.active: Task | None = None
        # After each import, the new articles are recognised in the background.
        self.after_import = True
        self.recognizer = BUILTIN  # Preferences > Entities
        session.import_finished.connect(self._imported)
        session.project_closed.connect(self._forget)
        # What recognition after the import will need, loaded while the import runs (on the
        # GUI thread as the import ended, it froze the window for 160 ms).
        session.articles_stored.connect(lambda _stored: self.after_import and (
            ModulePreloader.preload("desktop.entities.recognizer_names",
                                    "desktop.services.recognition_process")))

    def recognise(self, article_ids: Sequence[int] | None = None) -> Task | None:
        """Recognise names in ``article_ids`` (every article when None)."""
        project = self.session.project
        if project is None or project.read_only:
            return None
        ids = None if article_ids is None else list(article_ids)
        label = (self.tr("Recognise entities") if ids is None else
                 self.tr("Recognise entities in %1 articles").replace("%1", f"{len(ids):,}")
                 if len(ids) != 1 else self.tr("Recognise entities in 1 article"))

        # Here, not at the top: the process wrapper is needed only once recognition runs,
        # and every start of the window would pay for importing it. The recognisers
        # themselves are imported only in that process.
        from desktop.entities.recognizer_names import installed_recognizers
        from desktop.services.recognition_process import RecognitionProcess

        # A recogniser chosen once and uninstalled since: the built-in one, and say so.
        name = self.recognizer if self.recognizer in installed_recognizers() else BUILTIN
        if name != self.recognizer:
            self._status(self.tr("The %1 recogniser is not installed; using the built-in "
                                 "one.").replace("%1", self.recognizer), _REPORT_MS)

        def job(project: Project, progress: Progress, cancel: CancelToken) -> tuple[
                RecognitionReport, object]:
            # In a process of its own: recognition is CPU-bound Python, which in a thread
            # here would hold the interpreter lock the GUI thread needs.
            report = RecognitionProcess(project, name).recognize(
                ids, ProgressThrottle(progress), lambda: cancel.cancelled)
            return report, report.changes

        task = self.session.perform_long(label, job)
        self.active = task
        task.signals.finished.connect(lambda result: self._done(task, result[0]))
        task.signals.failed.connect(lambda _message: self._forget(task))
        return task

    def _imported(self, report: ImportReport) -> None:
        if self.after_import and report.imported_ids:
            self.recognise(report.imported_ids)

    def _done(self, task: Task, report: RecognitionReport) -> None:
        self._forget(task)
        text = self.tr("Found %1 mentions in %2 of %3 articles: %4 new entities to review "
                       "in the entity list.").replace("%1", f"{report.mentions_added:,}") \
            .replace("%2", f"{report.articles_done:,}").replace(
                "%3", f"{report.articles_total:,}").replace("%4", f"{report.entities_created:,}")
        if report.existing_skipped:
            # A second run finds what the first one did: say so rather than "0 found".
            text += " " + self.tr("%1 mentions were already known.").replace(
                "%1", f"{report.existing_skipped:,}")
        if report.cancelled:
            text += " " + self.tr("Cancelled; what was found so far is kept.")
        self._status(text, _REPORT_MS)
        self.finished.emit(report)

    def _forget(self, task: Task | None = None) -> None:
        if task is None or self.active is task:
            self.active = None
