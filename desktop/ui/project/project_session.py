"""The open project as the window sees it: opening, importing, editing, indexing and
searching, each run in a worker with results delivered as signals on the GUI thread."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from desktop.domain.article import Article
from desktop.domain.change_set import ChangeSet
from desktop.services.article_service import ArticleService
from desktop.services.cancel_token import CancelToken, Progress, ProgressThrottle
from desktop.services.import_report import ImportReport
from desktop.services.project import Project
from desktop.services.search_service import SearchService
from desktop.storage.project_store import ProjectStore
from desktop.ui.common.task_runner import Task, TaskRunner
from desktop.ui.project.edit_history import EditHistory
from desktop.ui.project.index_readiness import IndexReadiness
from desktop.ui.project.project_opener import ProjectOpener
from index import SearchResults

log = logging.getLogger(__name__)
_CLOSE_WAIT_MS = 3000


class ProjectSession(QObject):
    project_opened = Signal(object)  # Project
    project_closed = Signal()
    # The project is about to close (another opens, the window closes): last chance to
    # start a save, such as a note's unsaved text; the close waits for the writer.
    closing = Signal()
    opening_started = Signal(object)  # Task: a project is being opened or created
    open_failed = Signal(str)
    # Rows changed by an action, an undo or a redo (cascades included), for the models.
    data_changed = Signal(object)  # ChangeSet
    articles_stored = Signal(int)  # an import committed a batch: articles stored so far
    index_ready = Signal()
    index_cancelled = Signal()
    index_updated = Signal()  # new documents became searchable
    index_damaged = Signal(str)  # found damaged and being rebuilt: why
    search_finished = Signal(object)  # SearchResults
    import_finished = Signal(object)  # ImportReport
    task_started = Signal(object)  # Task, for the progress panel
    task_failed = Signal(str)
    index_rebuilt = Signal(bool)  # True when done, False when cancelled (the old one stays)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner = TaskRunner(self)
        self.project: Project | None = None
        self._search_serial = 0
        self._pending_query: tuple[str, int] | None = None
        self.history = EditHistory(self.runner, self)
        # The project's undo history; commands are pushed by the actions that change data.
        self.undo_stack = self.history.stack
        self.history.reverted.connect(self._changed)
        self.history.failed.connect(self.task_failed)
        self.index = IndexReadiness(self.runner, self)
        self.index.ready.connect(self._index_ready)
        self.index.cancelled.connect(self.index_cancelled)
        self.index.updated.connect(self.index_updated)
        self.index.damaged.connect(self.index_damaged)
        self.index.rebuilt.connect(self.index_rebuilt)
        self.index.task_started.connect(self.task_started)
        self.index.failed.connect(self.task_failed)
        self.opener = ProjectOpener(self.runner, self)
        self.opener.started.connect(self.opening_started)
        self.opener.started.connect(self.task_started)
        self.opener.opened.connect(self._switch_to)
        self.opener.failed.connect(self.open_failed)
        # Work the user started and would lose by quitting (the Quit confirmation asks).
        self.active_import: Task | None = None
        self._import_batches: _ImportBatches | None = None

    @property
    def index_is_ready(self) -> bool:
        return self.index.is_ready

    @property
    def active_rebuild(self) -> Task | None:
        return self.index.active_rebuild

    # -- opening and closing ------------------------------------------------------------

    def open(self, path: Path) -> bool:
        """Start opening ``path`` in a worker; ``project_opened`` or ``open_failed`` follow.

        False at once when ``path`` is plainly not a project. The current project stays
        open until the new one is ready, and stays open if it cannot be opened.
        """
        if self.project is not None and self.project.path == path.expanduser().resolve():
            return True
        return self.opener.open(path)

    def create(self, path: Path, name: str | None = None) -> bool:
        return self.opener.create(path, name)

    def open_sample(self, target: Path, seeds_dir: Path | None = None) -> Task:
        """Create the sample project in a worker on first run, then open it."""
        return self.opener.open_sample(target, seeds_dir)

    def _switch_to(self, project: Project) -> None:
        self.close()
        self.project = project
        self.history.set_project(project)
        self.project_opened.emit(project)
        self.index.attach(project)

    def close(self) -> None:
        if self.project is None:
            return
        self.closing.emit()
        self.runner.cancel_all()
        # The indexer stops while the workers do, not after them.
        self.project.begin_close()
        # Cancelled work stops at its next check (an import between records, a search within
        # its time budget); a time limit keeps a stuck worker from freezing the window.
        if not self.runner.wait(_CLOSE_WAIT_MS):
            log.warning("workers still busy %d ms after closing the project; going on",
                        _CLOSE_WAIT_MS)
        self.index.detach()
        # Stops the indexer process too (within about a second, whatever it is doing).
        self.project.close()
        self.project = None
        self.history.set_project(None)
        self.active_import = None
        self._import_batches = None
        self._pending_query = None
        self.project_closed.emit()

    def shut_down(self) -> None:
        """The window is closing: close the project and drop any project still opening."""
        self.opener.cancel_pending()
        self.close()
        self.runner.wait()

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
        if not self.index.is_ready:
            self._pending_query = (query, limit)
            if not self.index.busy:
                self.index.flush()  # a cancelled build is retried when search is wanted
            return

        behind = self.tr("Recent changes are not in the search index yet; some may be "
                         "missing from these results.")

        def job(_progress: Progress, cancel: CancelToken) -> tuple[int, SearchResults | None]:
            if serial != self._search_serial:
                return serial, None  # superseded while queued: skip the work
            store = project.connect(read_only=True)
            try:
                service = SearchService(project, store)
                results = service.search(
                    query, limit, cancel=lambda: cancel.cancelled or serial != self._search_serial)
                if not results.error and service.index_behind():
                    # New articles are not found for a while after an import: say so
                    # (a new user's trial took "0 results" for the truth).
                    results = replace(results, notice=" ".join(
                        part for part in (results.notice, behind) if part))
            finally:
                store.close()
            return serial, results

        task = self.runner.read(job, self.tr("Searching"))
        task.signals.finished.connect(self._scoped(self._search_done))
        task.signals.failed.connect(self.task_failed)

    def _search_done(self, outcome: tuple[int, SearchResults | None]) -> None:
        serial, results = outcome
        if results is not None and results.error:
            self.index.check()  # a damaged index marks itself; the indexer then rebuilds it
        if results is not None and serial == self._search_serial:
            self.search_finished.emit(results)

    def _index_ready(self) -> None:
        self.index_ready.emit()
        if self._pending_query is not None:
            (query, limit), self._pending_query = self._pending_query, None
            self.search(query, limit)

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
            # Imported here, in the worker: the importers (and the character set detection
            # they use) are needed only once an import runs, not to open the window.
            from desktop.services.import_service import ImportService

            # A report per file would keep the GUI thread busy (see ProgressThrottle).
            return ImportService(project).import_paths(
                paths, ProgressThrottle(progress), cancel, on_committed=committed)

        task = self.runner.write(job, self.tr("Importing"))
        task.signals.finished.connect(self._scoped(self._import_done))
        task.signals.failed.connect(self._scoped(self._import_failed))
        self.active_import = task
        self.task_started.emit(task)
        return task

    def _import_done(self, report: ImportReport) -> None:
        self.active_import = None
        self._import_batches = None
        self.history.record(report.label, report.changes)
        self.import_finished.emit(report)
        self._changed(report.changes)

    def _import_failed(self, message: str) -> None:
        self.active_import = None
        self._import_batches = None
        self.task_failed.emit(message)
        self.index.flush()
        # What was stored before the failure is listed: each batch said so when committed.

    def delete_articles(self, ids: Sequence[int]) -> Task:
        """Delete articles (one undoable step); notes about them are kept."""
        count = len(ids)
        label = (self.tr("Delete 1 article") if count == 1 else
                 self.tr("Delete %1 articles").replace("%1", f"{count:,}"))
        return self.perform(label, lambda project, store: ArticleService(project, store)
                            .delete(list(ids)))

    def perform(self, label: str, call: Callable[[Project, ProjectStore], object],
                merge_key: str | None = None) -> Task:
        """Run a user action (a service call) in the writer worker, then put it on the undo
        stack and tell the models. ``call`` gets the project and the worker's own
        connection and returns the service's change set, or a tuple ending with it (the
        task's ``finished`` signal carries the whole result, e.g. the new highlight)."""
        project = self._require()

        def job(_progress: Progress, _cancel: CancelToken) -> object:
            store = project.connect()
            try:
                return call(project, store)
            finally:
                store.close()

        task = self.runner.write(job, label)
        task.signals.finished.connect(
            self._scoped(lambda result: self._performed(label, result, merge_key)))
        task.signals.failed.connect(self.task_failed)
        return task

    def perform_long(self, label: str,
                     job: Callable[[Project, Progress, CancelToken], object]) -> Task:
        """Like :meth:`perform`, for long work with progress and cancel (entity
        recognition): ``job`` opens its own connection; the progress panel shows the task."""
        project = self._require()
        task = self.runner.write(lambda progress, cancel: job(project, progress, cancel), label)
        task.signals.finished.connect(
            self._scoped(lambda result: self._performed(label, result, None)))
        task.signals.failed.connect(self.task_failed)
        self.task_started.emit(task)
        return task

    def _performed(self, label: str, result: object, merge_key: str | None) -> None:
        changes = result[-1] if isinstance(result, tuple) else result
        if isinstance(changes, ChangeSet):
            self.history.record(label, changes, merge_key)
            self._changed(changes)

    def _changed(self, changes: ChangeSet) -> None:
        """After an action, an undo or a redo: models, the article list and the index
        follow (each model takes the rows of the change set it shows)."""
        if self.project is None:
            return
        self.data_changed.emit(changes)
        if changes:
            self.index.flush()

    def rebuild_index(self) -> Task | None:
        """Tools > Rebuild Search Index: the indexer process builds a fresh index beside
        the live one, which keeps answering searches until the new one takes over."""
        self._require()
        return self.index.rebuild()

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
