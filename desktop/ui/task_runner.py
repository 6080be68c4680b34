"""Running services off the GUI thread.

Two pools: one writer (imports, index rebuilds: the database and the index take one writer
at a time) and one reader (searches, list loads) so that a long import never delays a
search. Each task is a :class:`Task` (a ``QRunnable``) with a separate :class:`TaskSignals`
``QObject`` created on the GUI thread, so its signals are delivered there (queued).
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from desktop.services.cancel_token import CancelToken, Progress

log = logging.getLogger(__name__)

Job = Callable[[Progress, CancelToken], object]


class TaskSignals(QObject):
    progress = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(str)


class Task(QRunnable):
    def __init__(self, job: Job, label: str) -> None:
        super().__init__()
        # Python owns the task (see TaskRunner._running): Qt must not delete it under us.
        self.setAutoDelete(False)
        self.job = job
        self.label = label
        self.signals = TaskSignals()
        self.cancel_token = CancelToken()

    def run(self) -> None:
        try:
            result = self.job(self.signals.progress.emit, self.cancel_token)
        except Exception as error:  # reported to the user; the app goes on
            log.error("%s failed:\n%s", self.label, traceback.format_exc())
            self.signals.failed.emit(f"{self.label} failed: {error}")
        else:
            self.signals.finished.emit(result)


class TaskRunner(QObject):
    """Starts tasks and keeps them alive until they report back."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.writer = QThreadPool(self)
        self.writer.setMaxThreadCount(1)
        self.reader = QThreadPool(self)
        self.reader.setMaxThreadCount(1)
        self._running: set[Task] = set()

    def write(self, job: Job, label: str) -> Task:
        return self._start(self.writer, job, label)

    def read(self, job: Job, label: str) -> Task:
        return self._start(self.reader, job, label)

    def _start(self, pool: QThreadPool, job: Job, label: str) -> Task:
        task = Task(job, label)
        self._running.add(task)
        task.signals.finished.connect(lambda _result: self._running.discard(task))
        task.signals.failed.connect(lambda _message: self._running.discard(task))
        pool.start(task)
        return task

    def busy(self) -> bool:
        return bool(self._running)

    def cancel_all(self) -> None:
        for task in list(self._running):
            task.cancel_token.cancel()

    def wait(self, msecs: int = -1) -> bool:
        """Block until every task has finished (closing a project, quitting, tests)."""
        return self.writer.waitForDone(msecs) and self.reader.waitForDone(msecs)
