"""Turns the indexer process's events into Qt signals and a task the progress panel shows."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.services.indexer_client import IndexerClient
from desktop.ui.common.task_runner import Task, TaskSignals

_POLL_MS = 100


class IndexerMonitor(QObject):
    """Polls one project's :class:`IndexerClient` while it is busy (a pipe read; cheap)."""

    task_started = Signal(object)  # Task, while the indexer works
    updated = Signal(object)  # the state of a commit: new documents are searchable
    idle = Signal()  # every request so far is done
    cancelled = Signal()  # a rebuild or catch-up was cancelled
    failed = Signal(str)
    # The index was found damaged and is being rebuilt (why, for the user).
    damaged = Signal(str)

    def __init__(self, client: IndexerClient, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._client = client
        self._task: Task | None = None
        self._cancel_sent = False
        self._timer = QTimer(self)
        self._timer.setInterval(_POLL_MS)
        self._timer.timeout.connect(self._poll)

    def sync(self) -> None:
        self._request(self._client.sync)

    def flush(self) -> None:
        self._request(self._client.flush)

    def rebuild(self) -> Task | None:
        """Start a rebuild as a task of its own (its own label and Cancel); None when it was
        cancelled before it began."""
        self._finish_task(True)  # whatever was shown so far is folded into the rebuild
        return self._request(self._client.rebuild, self.tr("Rebuilding the search index"))

    def _request(self, send: Callable[[], int], label: str | None = None) -> Task | None:
        self._watch(label)
        task = self._task
        if task is not None and task.cancel_token.cancelled and not self._client.busy:
            # Cancelled as soon as it was shown (before anything was asked of the indexer).
            self._timer.stop()
            self._finish_task(False)
            self.cancelled.emit()
            return None
        send()
        return task

    @property
    def task(self) -> Task | None:
        """What the progress panel shows while the indexer works."""
        return self._task

    @property
    def busy(self) -> bool:
        return self._client.busy

    def stop(self) -> None:
        self._timer.stop()
        self._finish_task(None)

    def _watch(self, label: str | None = None) -> None:
        if self._task is None:
            self._task = Task(label or self.tr("Indexing"), TaskSignals())
            self._cancel_sent = False
            self.task_started.emit(self._task)
        if not self._timer.isActive():
            self._timer.start()

    def _poll(self) -> None:
        task = self._task
        if task is not None and task.cancel_token.cancelled and not self._cancel_sent:
            self._cancel_sent = True
            self._client.cancel()
        for event in self._client.events():
            kind = event[0]
            if kind == "progress" and task is not None:
                done, total, label = event[1], event[2], event[3]
                task.signals.progress.emit(int(done), int(total), str(label))  # type: ignore[call-overload]
            elif kind == "rebuilding":
                if task is not None:
                    task.label = self.tr("Building the search index")
                    task.signals.progress.emit(0, 0, "")
                if len(event) > 2 and event[2]:
                    self.damaged.emit(str(event[1]))
            elif kind == "committed":
                self.updated.emit(event[1])
            elif kind == "cancelled":
                self.cancelled.emit()
            elif kind == "error":
                self.failed.emit(str(event[1]))
        if not self._client.busy:
            self._timer.stop()
            self._finish_task(True)
            self.idle.emit()

    def _finish_task(self, result: object) -> None:
        task, self._task = self._task, None
        if task is not None:
            task.signals.finished.emit(result)
