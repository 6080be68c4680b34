"""The open project as the window sees it: opening, importing, indexing and searching,
each run in a worker with results delivered as signals on the GUI thread."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from desktop.domain.article import Article
from desktop.domain.change_set import ChangeSet
from desktop.services.cancel_token import CancelToken, Progress
from desktop.services.import_report import ImportReport
from desktop.services.import_service import ImportService
from desktop.services.project import Project
from desktop.services.sample_project import SampleProject
from desktop.services.search_service import SearchService
from desktop.storage.storage_errors import ProjectError
from desktop.ui.common.task_runner import Task, TaskRunner
from desktop.ui.project.indexer_monitor import IndexerMonitor
from index import IndexStatus, SearchResults


class ProjectSession(QObject):
    project_opened = Signal(object)  # Project
    project_closed = Signal()
    open_failed = Signal(str)
    # An action changed articles (its ChangeSet): lists follow. Imports report themselves;
    # every other action that changes data goes through report_changes().
    articles_changed = Signal(object)
    articles_stored = Signal(int)  # an import committed a batch: articles stored so far
    index_ready = Signal()
    index_cancelled = Signal()
    index_updated = Signal()  # new documents became searchable
    search_finished = Signal(object)  # SearchResults
    import_finished = Signal(object)  # ImportReport
    task_started = Signal(object)  # Task, for the progress panel
    task_failed = Signal(str)
    index_rebuilt = Signal(bool)  # True when done, False when cancelled (the old one stays)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner = TaskRunner(self)
        self.project: Project | None = None
        self.index_is_ready = False
        self._search_serial = 0
        self._pending_query: str | None = None
        self._indexer: IndexerMonitor | None = None
        # Tools > Rebuild Search Index was asked for and has not ended yet.
        self._rebuild_asked = False
        # The project's undo history; commands are pushed by the actions that change data.
        self.undo_stack = QUndoStack(self)
        # Work the user started and would lose by quitting (the Quit confirmation asks).
        self.active_import: Task | None = None
        self.active_rebuild: Task | None = None
        self._import_batches: _ImportBatches | None = None

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
        self.undo_stack.clear()
        self.project = project
        self.index_is_ready = False
        self._indexer = IndexerMonitor(project.indexer, self)
        self._indexer.task_started.connect(self.task_started)
        self._indexer.idle.connect(self._scoped(self._index_idle))
        self._indexer.cancelled.connect(self._scoped(self._index_cancelled))
        self._indexer.updated.connect(self._scoped(lambda _state: self.index_updated.emit()))
        self._indexer.failed.connect(self._scoped(self.task_failed.emit))
        self.project_opened.emit(self.project)
        self._check_index()
        self._indexer.flush()
        return True

    def create(self, path: Path, name: str | None = None) -> bool:
        try:
            Project.create(path, name).close()
        except ProjectError as error:
            self.open_failed.emit(str(error))
            return False
        return self.open(path)

    def open_sample(self, target: Path, seeds_dir: Path | None = None) -> Task:
        """Create the sample project in a worker on first run, then open it."""

        def job(_progress: Progress, _cancel: CancelToken) -> Path | str:
            try:
                return SampleProject(seeds_dir).ensure(target)
            except ProjectError as error:  # expected (held elsewhere, unwritable): no traceback
                return str(error)

        task = self.runner.write(job, self.tr("Creating the sample project"))
        task.signals.finished.connect(self._sample_ready)
        task.signals.failed.connect(self.open_failed)
        self.task_started.emit(task)
        return task

    def _sample_ready(self, outcome: Path | str) -> None:
        if isinstance(outcome, Path):
            self.open(outcome)
        else:
            self.open_failed.emit(outcome)

    def close(self) -> None:
        if self.project is None:
            return
        self.runner.cancel_all()
        self.runner.wait()
        if self._indexer is not None:
            self._indexer.stop()
            self._indexer.deleteLater()
            self._indexer = None
        # Stops the indexer process too (within about a second, whatever it is doing).
        self.project.close()
        self.project = None
        self.undo_stack.clear()
        self.active_import = self.active_rebuild = None
        self._import_batches = None
        self._rebuild_asked = False
        self.index_is_ready = False
        self._pending_query = None
        self.project_closed.emit()

    # -- reading ------------------------------------------------------------------------

    def article(self, article_id: int) -> Article | None:
        # One row by primary key: well under a millisecond, fine on the GUI thread.
        return self._require().store.articles.get(article_id)

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
            if self._indexer is not None and not self._indexer.busy:
                self._indexer.flush()  # a cancelled build is retried when search is wanted
            return

        def job(_progress: Progress, cancel: CancelToken) -> tuple[int, SearchResults | None]:
            if serial != self._search_serial:
                return serial, None  # superseded while queued: skip the work
            store = project.connect(read_only=True)
            try:
                results = SearchService(project, store).search(
                    query, limit, cancel=lambda: cancel.cancelled or serial != self._search_serial)
            finally:
                store.close()
            return serial, results

        task = self.runner.read(job, self.tr("Searching"))
        task.signals.finished.connect(self._scoped(self._search_done))
        task.signals.failed.connect(self.task_failed)

    def _search_done(self, outcome: tuple[int, SearchResults | None]) -> None:
        serial, results = outcome
        if results is not None and results.error:
            self._check_index()  # a damaged index marks itself; the indexer then rebuilds it
        if results is not None and serial == self._search_serial:
            self.search_finished.emit(results)

    # -- writing ------------------------------------------------------------------------

    def import_paths(self, paths: Sequence[Path]) -> Task:
        project = self._require()

        indexer = project.indexer
        batches = self._import_batches = _ImportBatches()
        batches.committed.connect(self._scoped(self.articles_stored.emit))

        def committed(stored: int) -> None:
            # The indexer process picks up each stored batch while the next is being read,
            # and the article list shows it.
            indexer.sync()
            batches.committed.emit(stored)

        def job(progress: Progress, cancel: CancelToken) -> ImportReport:
            return ImportService(project).import_paths(
                paths, progress, cancel, on_committed=committed)

        task = self.runner.write(job, self.tr("Importing"))
        task.signals.finished.connect(self._scoped(self._import_done))
        task.signals.failed.connect(self._scoped(self._import_failed))
        self.active_import = task
        self.task_started.emit(task)
        return task

    def _import_done(self, report: ImportReport) -> None:
        if self._indexer is not None:
            self._indexer.flush()
        self.active_import = None
        self._import_batches = None
        self.report_changes(report.changes)
        self.import_finished.emit(report)

    def _import_failed(self, message: str) -> None:
        self.active_import = None
        self._import_batches = None
        self.task_failed.emit(message)
        # What was stored before the failure is listed: each batch said so when committed.

    def report_changes(self, changes: ChangeSet) -> None:
        """An action changed data (a delete, an undo or redo: the undo commands call this
        with the service's change set); lists that show what it touched follow."""
        if "articles" in changes.tables():
            self.articles_changed.emit(changes)

    def rebuild_index(self) -> Task | None:
        """Tools > Rebuild Search Index: the indexer process builds a fresh index beside
        the live one, which keeps answering searches until the new one takes over."""
        self._require()
        if self._indexer is None:
            return None
        self._rebuild_asked = True
        self.active_rebuild = self._indexer.rebuild()
        return self.active_rebuild

    def _check_index(self) -> None:
        """A usable index answers searches at once, even while the indexer catches up."""
        project = self._require()

        def job(_progress: Progress, _cancel: CancelToken) -> IndexStatus:
            return project.search_index.check().status

        task = self.runner.read(job, self.tr("Checking the search index"))
        task.signals.finished.connect(self._scoped(self._index_checked))

    def _index_checked(self, status: IndexStatus) -> None:
        if status is IndexStatus.OK:
            self._mark_ready()
        elif self._indexer is not None:
            self.index_is_ready = False
            if not self._indexer.busy:
                self._indexer.flush()  # it sees what is wrong and rebuilds

    def _index_idle(self) -> None:
        if self._rebuild_asked:
            self._rebuild_asked = False
            self.active_rebuild = None
            self.index_rebuilt.emit(True)
        if not self.index_is_ready:
            self._check_index()

    def _index_cancelled(self) -> None:
        if self._rebuild_asked:
            self._rebuild_asked = False
            self.active_rebuild = None
            self.index_rebuilt.emit(False)
        elif not self.index_is_ready:
            self.index_cancelled.emit()

    def _mark_ready(self) -> None:
        if self.index_is_ready:
            return
        self.index_is_ready = True
        self.index_ready.emit()
        if self._pending_query is not None:
            query, self._pending_query = self._pending_query, None
            self.search(query)

    def _scoped(self, slot: Callable[..., None]) -> Callable[..., None]:
        """``slot``, called only while the project that started the task is still open.

        Closing waits for running tasks, but their results may already be queued; without
        this, a search or list load of the previous project would land in the next one.
        """
        project = self.project

        def deliver(*values: Any) -> None:
            if project is not None and self.project is project:
                slot(*values)

        return deliver

    def _require(self) -> Project:
        if self.project is None:
            raise RuntimeError("no project is open")
        return self.project


class _ImportBatches(QObject):
    """Made on the GUI thread, so that an import's batch reports (emitted on the writer
    thread) are delivered there, queued."""

    committed = Signal(int)
