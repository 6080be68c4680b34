"""The open project as the window sees it: opening, importing, indexing and searching,
each run in a worker with results delivered as signals on the GUI thread."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from desktop.domain.article import Article, ArticleSummary
from desktop.services.cancel_token import CancelToken, Progress
from desktop.services.import_report import ImportReport
from desktop.services.import_service import ImportService
from desktop.services.index_service import IndexService
from desktop.services.project import Project
from desktop.services.sample_project import SampleProject
from desktop.services.search_service import SearchService
from desktop.storage.storage_errors import ProjectError
from desktop.ui.task_runner import Task, TaskRunner
from index import IndexStatus, SearchResults


class ProjectSession(QObject):
    project_opened = Signal(object)  # Project
    project_closed = Signal()
    open_failed = Signal(str)
    articles_loaded = Signal(object)  # list[ArticleSummary]
    index_ready = Signal()
    index_cancelled = Signal()
    search_finished = Signal(object)  # SearchResults
    import_finished = Signal(object)  # ImportReport
    task_started = Signal(object)  # Task, for the progress panel
    task_failed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner = TaskRunner(self)
        self.project: Project | None = None
        self.index_is_ready = False
        self._search_serial = 0
        self._pending_query: str | None = None
        self._index_task_running = False

    # -- opening and closing ------------------------------------------------------------

    def open(self, path: Path) -> bool:
        """Open ``path`` (fast: lock, database, schema); the slow parts follow in workers.

        The current project stays open if ``path`` cannot be opened.
        """
        if self.project is not None and self.project.path == path.expanduser().resolve():
            return True
        try:
            project = Project.open(path)
        except ProjectError as error:
            self.open_failed.emit(str(error))
            return False
        self.close()
        self.project = project
        self.index_is_ready = False
        self.project_opened.emit(self.project)
        self.reload_articles()
        self._ensure_index()
        return True

    def create(self, path: Path) -> bool:
        try:
            Project.create(path).close()
        except ProjectError as error:
            self.open_failed.emit(str(error))
            return False
        return self.open(path)

    def open_sample(self, target: Path, seeds_dir: Path | None = None) -> Task:
        """Create the sample project in a worker on first run, then open it."""

        def job(_progress: Progress, _cancel: CancelToken) -> Path:
            return SampleProject(seeds_dir).ensure(target)

        task = self.runner.write(job, self.tr("Creating the sample project"))
        task.signals.finished.connect(lambda path: self.open(Path(path)))
        task.signals.failed.connect(self.open_failed)
        self.task_started.emit(task)
        return task

    def close(self) -> None:
        if self.project is None:
            return
        self.runner.cancel_all()
        self.runner.wait()
        self.project.close()
        self.project = None
        self.index_is_ready = False
        self._index_task_running = False
        self._pending_query = None
        self.project_closed.emit()

    # -- reading ------------------------------------------------------------------------

    def reload_articles(self) -> None:
        project = self._require()

        def job(_progress: Progress, _cancel: CancelToken) -> list[ArticleSummary]:
            store = project.connect()
            try:
                return store.summaries()
            finally:
                store.close()

        task = self.runner.read(job, self.tr("Loading the article list"))
        task.signals.finished.connect(self._scoped(self.articles_loaded.emit))
        task.signals.failed.connect(self.task_failed)

    def article(self, article_id: int) -> Article | None:
        # One row by primary key: well under a millisecond, fine on the GUI thread.
        return self._require().store.article(article_id)

    def search(self, query: str, limit: int = 50) -> None:
        """Search in the reader pool; only the latest query's results are delivered.

        The best 50 only: snippets cost about 1 ms a hit on the BBC set (200 hits took
        200 ms), and a list is read from the top.
        """
        project = self._require()
        self._search_serial += 1
        serial = self._search_serial
        if not self.index_is_ready:
            self._pending_query = query
            if not self._index_task_running:
                self._ensure_index()  # a cancelled build is retried when search is wanted
            return

        def job(_progress: Progress, cancel: CancelToken) -> tuple[int, SearchResults | None]:
            if serial != self._search_serial:
                return serial, None  # superseded while queued: skip the work

            def superseded() -> bool:
                # Typing on (or closing the project) stops this search at its next look.
                return serial != self._search_serial or cancel.cancelled

            return serial, SearchService(project).search(query, limit, cancel=superseded)

        task = self.runner.read(job, self.tr("Searching"))
        task.signals.finished.connect(self._scoped(self._search_done))
        task.signals.failed.connect(self.task_failed)

    def _search_done(self, outcome: tuple[int, SearchResults | None]) -> None:
        serial, results = outcome
        if results is not None and serial == self._search_serial:
            self.search_finished.emit(results)

    # -- writing ------------------------------------------------------------------------

    def import_paths(self, paths: Sequence[Path]) -> Task:
        project = self._require()

        def job(progress: Progress, cancel: CancelToken) -> ImportReport:
            return ImportService(project).import_paths(paths, progress, cancel)

        task = self.runner.write(job, self.tr("Importing"))
        task.signals.finished.connect(self._scoped(self._import_done))
        task.signals.failed.connect(self.task_failed)
        self.task_started.emit(task)
        return task

    def _import_done(self, report: ImportReport) -> None:
        self.import_finished.emit(report)
        self.reload_articles()

    def _ensure_index(self) -> None:
        """Check the index in the writer pool (opening it reads files) and rebuild it there
        if it is missing, stale, corrupt or from another version."""
        project = self._require()

        def job(progress: Progress, cancel: CancelToken) -> IndexStatus:
            return IndexService(project).ensure_current(progress, cancel)

        self._index_task_running = True
        task = self.runner.write(job, self.tr("Building the search index"))
        task.signals.finished.connect(self._scoped(self._index_done))
        task.signals.failed.connect(self._scoped(self._index_failed))
        self.task_started.emit(task)

    def _index_failed(self, message: str) -> None:
        self._index_task_running = False
        self.task_failed.emit(message)

    def _index_done(self, status: IndexStatus) -> None:
        self._index_task_running = False
        if status is not IndexStatus.OK:  # cancelled: searching waits for a new build
            self.index_cancelled.emit()
            return
        self.index_is_ready = True
        self.index_ready.emit()
        if self._pending_query is not None:
            query, self._pending_query = self._pending_query, None
            self.search(query)

    def _scoped(self, slot: Callable[[Any], None]) -> Callable[[Any], None]:
        """``slot``, called only while the project that started the task is still open.

        Closing waits for running tasks, but their results may already be queued; without
        this, a search or list load of the previous project would land in the next one.
        """
        project = self.project

        def deliver(value: Any) -> None:
            if project is not None and self.project is project:
                slot(value)

        return deliver

    def _require(self) -> Project:
        if self.project is None:
            raise RuntimeError("no project is open")
        return self.project
