"""Whether the open project's index can answer searches, and keeping it so.

The indexer process does the work (:class:`IndexerMonitor`); this decides when searches
may run: at once when a usable index exists (even while it catches up), otherwise after
the indexer has built one. A search that meets a damaged index makes it check again, and
the indexer repairs what it finds.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from desktop.services.cancel_token import CancelToken, Progress
from desktop.services.project import Project
from desktop.ui.common.task_runner import Task, TaskRunner
from desktop.ui.project.indexer_monitor import IndexerMonitor
from index import IndexStatus


class IndexReadiness(QObject):
    ready = Signal()
    cancelled = Signal()  # a build was cancelled and no usable index exists
    updated = Signal()  # new documents became searchable
    rebuilt = Signal(bool)  # Tools > Rebuild: True when done, False when cancelled
    task_started = Signal(object)  # Task
    failed = Signal(str)
    damaged = Signal(str)  # found damaged, being rebuilt: why

    def __init__(self, runner: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._project: Project | None = None
        self._monitor: IndexerMonitor | None = None
        self.is_ready = False
        # Tools > Rebuild Search Index was asked for and has not ended yet.
        self.active_rebuild: Task | None = None
        self._rebuild_asked = False

    def attach(self, project: Project) -> None:
        self.detach()
        self._project = project
        monitor = IndexerMonitor(project.indexer, self)
        monitor.task_started.connect(self.task_started)
        monitor.idle.connect(self._idle)
        monitor.cancelled.connect(self._cancelled)
        monitor.updated.connect(lambda _state: self.updated.emit())
        monitor.failed.connect(self.failed)
        monitor.damaged.connect(self.damaged)
        self._monitor = monitor
        self.check()
        monitor.flush()

    def detach(self) -> None:
        if self._monitor is not None:
            self._monitor.stop()
            self._monitor.deleteLater()
            self._monitor = None
        self._project = None
        self.is_ready = False
        self.active_rebuild = None
        self._rebuild_asked = False

    @property
    def busy(self) -> bool:
        return self._monitor is not None and self._monitor.busy

    def sync(self) -> None:
        """More changes are coming (an import's batches)."""
        if self._monitor is not None:
            self._monitor.sync()

    def flush(self) -> None:
        """Changes were made: index them now (and build an index if there is none)."""
        if self._monitor is not None:
            self._monitor.flush()

    def rebuild(self) -> Task | None:
        if self._monitor is None:
            return None
        self._rebuild_asked = True
        self.active_rebuild = self._monitor.rebuild()
        return self.active_rebuild

    def check(self) -> None:
        """Look at the index in a worker (opening it reads files); ready if it is usable."""
        project = self._project
        if project is None:
            return

        def job(_progress: Progress, _cancel: CancelToken) -> IndexStatus:
            return project.search_index.check().status

        task = self._runner.read(job, self.tr("Checking the search index"))
        task.signals.finished.connect(lambda status: self._checked(project, status))

    def _checked(self, project: Project, status: IndexStatus) -> None:
        if project is not self._project:
            return
        if status is IndexStatus.OK:
            if not self.is_ready:
                self.is_ready = True
                self.ready.emit()
        else:
            self.is_ready = False
            if not self.busy:
                self.flush()  # the indexer sees what is wrong and rebuilds

    def _idle(self) -> None:
        if self._rebuild_asked:
            self._rebuild_asked = False
            self.active_rebuild = None
            self.rebuilt.emit(True)
        if not self.is_ready:
            self.check()

    def _cancelled(self) -> None:
        if self._rebuild_asked:
            self._rebuild_asked = False
            self.active_rebuild = None
            self.rebuilt.emit(False)
        elif not self.is_ready:
            self.cancelled.emit()
