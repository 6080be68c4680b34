"""Running services off the GUI thread.

Three pools: one writer (imports, index rebuilds: the database and the index take one
writer at a time), one reader (searches) so that a long import never delays a search, and
one for the article list's orders, so that a header click never waits behind a search.

Lifetimes matter here. PySide does not keep a Python ``QRunnable`` alive for the pool, and
collecting it while Qt still runs it loses or garbles the result. So the runner keeps every
task (its runnable, and the :class:`TaskSignals` created on the GUI thread so that signals
are delivered there, queued) until some time after it reported: by then its thread has
left ``run`` and every queued slot call of its report has been delivered.

Starting is deferred to the next turn of the event loop: a fast job could otherwise finish
and emit before the caller has connected to the task's signals, and a queued signal with
no connection at emit time is simply never delivered.
"""

from __future__ import annotations

import logging
import time
import traceback
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

from desktop.services.cancel_token import CancelToken, Progress
from desktop.storage.storage_errors import ProjectError

log = logging.getLogger(__name__)

Job = Callable[[Progress, CancelToken], object]
_KEEP_S = 5.0


class TaskSignals(QObject):
    progress = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(str)


class Task:
    """What the GUI sees of a running job."""

    def __init__(self, label: str, signals: TaskSignals) -> None:
        self.label = label
        self.signals = signals
        self.cancel_token = CancelToken()
        self.runnable: QRunnable | None = None
        self.reported_at: float | None = None


class _Runnable(QRunnable):
    def __init__(self, job: Job, task: Task) -> None:
        super().__init__()
        self.setAutoDelete(False)  # Python owns it, through the Task
        self._job = job
        self._task = task

    def run(self) -> None:
        task = self._task
        try:
            result = self._job(task.signals.progress.emit, task.cancel_token)
        except ProjectError as error:
            # Expected (a refused action, a project held elsewhere): its message is for the
            # user and there is no traceback to keep.
            task.signals.failed.emit(str(error))
        except Exception as error:  # reported to the user; the app goes on
            log.error("%s failed:\n%s", task.label, traceback.format_exc())
            task.signals.failed.emit(f"{task.label} failed: {error}")
        else:
            task.signals.finished.emit(result)


class TaskRunner(QObject):
    """Starts tasks and keeps their handles until they report back."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.writer = QThreadPool(self)
        self.writer.setMaxThreadCount(1)
        self.reader = QThreadPool(self)
        self.reader.setMaxThreadCount(1)
        self.lists = QThreadPool(self)
        self.lists.setMaxThreadCount(1)
        # Long-lived threads: the index keeps one searcher per thread (warm caches), which
        # a new thread after every idle pause would throw away.
        for pool in (self.writer, self.reader, self.lists):
            pool.setExpiryTimeout(-1)
        self._running: set[Task] = set()
        self._reported: list[Task] = []
        self._unstarted: list[tuple[QThreadPool, Task]] = []

    def write(self, job: Job, label: str) -> Task:
        return self._start(self.writer, job, label)

    def read(self, job: Job, label: str) -> Task:
        return self._start(self.reader, job, label)

    def read_list(self, job: Job, label: str) -> Task:
        return self._start(self.lists, job, label)

    def _start(self, pool: QThreadPool, job: Job, label: str) -> Task:
        task = Task(label, TaskSignals())
        task.runnable = _Runnable(job, task)
        self._running.add(task)
        task.signals.finished.connect(lambda _result: self._on_reported(task))
        task.signals.failed.connect(lambda _message: self._on_reported(task))
        self._unstarted.append((pool, task))
        QTimer.singleShot(0, self, self._start_pending)
        return task

    def _start_pending(self) -> None:
        pending, self._unstarted = self._unstarted, []
        for pool, task in pending:
            if task.runnable is not None:
                pool.start(task.runnable)

    def _on_reported(self, task: Task) -> None:
        now = time.monotonic()
        self._running.discard(task)
        task.reported_at = now
        self._reported.append(task)
        # Release tasks that reported a while ago (see the module docstring).
        self._reported = [t for t in self._reported if now - (t.reported_at or now) < _KEEP_S]

    @property
    def idle(self) -> bool:
        """No task waits to start, runs, or has yet to report."""
        return not self._running and not self._unstarted

    def cancel_all(self) -> None:
        for task in list(self._running):
            task.cancel_token.cancel()

    def wait(self, msecs: int = -1) -> bool:
        """Block until every task has finished (closing a project, quitting, tests)."""
        self._start_pending()
        return all(pool.waitForDone(msecs) for pool in (self.writer, self.reader, self.lists))
