"""Loading a panel's contents in the reader worker, latest request wins.

Counting codes or listing 100,000 highlight ids takes tens of milliseconds: enough to
stutter typing if done on the GUI thread after every keystroke in a filter. Each request
runs on its own read-only connection; an answer overtaken by a newer request, or one for a
project that has since been closed, is dropped.

A request starts on the next turn of the event loop, not at once: the change that asked for
it is drawn first (the worker would otherwise take the interpreter lock from the GUI thread
while it paints), and requests made in one turn (a burst of changes) run once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.services.cancel_token import CancelToken, Progress
from desktop.storage.project_store import ProjectStore
from desktop.ui.project.project_session import ProjectSession


class BackgroundLoad(QObject):
    loaded = Signal(object)  # whatever the job returned
    failed = Signal(str)

    def __init__(self, session: ProjectSession, label: str,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._label = label
        self._serial = 0
        self._job: Callable[[ProjectStore], Any] | None = None
        self._start = QTimer(self)
        self._start.setSingleShot(True)
        self._start.setInterval(0)
        self._start.timeout.connect(self._run)

    def request(self, job: Callable[[ProjectStore], Any]) -> None:
        if self._session.project is None:
            return
        self._serial += 1
        self._job = job
        self._start.start()

    def _run(self) -> None:
        job, self._job = self._job, None
        project = self._session.project
        if job is None or project is None:
            return
        serial = self._serial

        def run(_progress: Progress, _cancel: CancelToken) -> tuple[int, Any]:
            if serial != self._serial:
                return serial, None  # superseded while queued
            store = project.connect(read_only=True)
            try:
                return serial, job(store)
            finally:
                store.close()

        def deliver(outcome: tuple[int, Any]) -> None:
            done, result = outcome
            if done == self._serial and self._session.project is project:
                self.loaded.emit(result)

        task = self._session.runner.read(run, self._label)
        task.signals.finished.connect(deliver)
        task.signals.failed.connect(self.failed)

    def cancel(self) -> None:
        """Forget outstanding requests (the project closed)."""
        self._serial += 1
        self._job = None
        self._start.stop()
