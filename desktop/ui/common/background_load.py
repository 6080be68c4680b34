"""Loading a panel's contents in the reader worker, latest request wins.

Counting codes or listing 100,000 highlight ids takes tens of milliseconds: enough to
stutter typing if done on the GUI thread after every keystroke in a filter. Each request
runs on its own read-only connection; an answer overtaken by a newer request, or one for a
project that has since been closed, is dropped.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

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

    def request(self, job: Callable[[ProjectStore], Any]) -> None:
        project = self._session.project
        if project is None:
            return
        self._serial += 1
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
