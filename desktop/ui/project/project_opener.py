"""Opening, creating and first-run creation of projects, off the GUI thread.

Opening takes the lock, may back up and migrate the database (seconds for a large one) and
checks it: all in a worker, reporting progress, while the window stays responsive and the
current project stays open. Only when the new project is ready does the session switch.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from desktop.services.cancel_token import CancelToken, Progress
from desktop.services.project import DB_NAME, Project
from desktop.storage.storage_errors import ProjectError
from desktop.ui.common.task_runner import Task, TaskRunner

log = logging.getLogger(__name__)


class ProjectOpener(QObject):
    started = Signal(object)  # Task, for the progress panel and the opening dialog
    opened = Signal(object)  # Project, open and ready for the GUI thread
    failed = Signal(str)

    def __init__(self, runner: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        # The latest request wins: a project that finishes opening after another was asked
        # for is closed again at once.
        self._wanted: Path | None = None

    def open(self, path: Path) -> bool:
        """Start opening ``path``; False (and ``failed``) when it is plainly not a project."""
        path = path.expanduser().resolve()
        if not (path / DB_NAME).is_file():
            self.failed.emit(
                self.tr("%1 is not a Research Notes project (no %2 in it).")
                .replace("%1", str(path)).replace("%2", DB_NAME))
            return False

        def job(progress: Progress, _cancel: CancelToken) -> Project:
            return Project.open(path, progress=progress)

        self._start(path, job, self.tr("Opening %1").replace("%1", path.name))
        return True

    def create(self, path: Path, name: str | None = None) -> bool:
        path = path.expanduser().resolve()

        def job(_progress: Progress, _cancel: CancelToken) -> Project:
            return Project.create(path, name)

        self._start(path, job, self.tr("Creating %1").replace("%1", name or path.name))
        return True

    def open_sample(self, target: Path, seeds_dir: Path | None = None) -> Task:
        """Create the sample project on first run (or finish one a crash interrupted)."""

        def job(progress: Progress, _cancel: CancelToken) -> Project:
            # Imported here: only a first run makes the sample (recognition and all), and
            # every start would otherwise pay for importing it.
            from desktop.services.sample_project import SampleProject

            SampleProject(seeds_dir).ensure(target)
            return Project.open(target, progress=progress)

        return self._start(target.expanduser().resolve(), job,
                           self.tr("Creating the sample project"))

    def cancel_pending(self) -> None:
        """Whatever is still opening is not wanted any more (the window is closing)."""
        self._wanted = None

    def _start(self, path: Path, job: object, label: str) -> Task:
        self._wanted = path
        # The reader pool: the writer pool may be busy with the current project's import.
        task = self._runner.read(lambda progress, cancel: _outcome(job, progress, cancel), label)
        task.signals.finished.connect(lambda outcome: self._done(path, outcome))
        task.signals.failed.connect(self.failed)
        self.started.emit(task)
        return task

    def _done(self, path: Path, outcome: Project | str) -> None:
        if isinstance(outcome, str):
            self.failed.emit(outcome)
        elif self._wanted != path:
            outcome.close()  # superseded or the window closed meanwhile: release the lock
        else:
            self._wanted = None
            self.opened.emit(outcome)


def _outcome(job: object, progress: Progress, cancel: CancelToken) -> Project | str:
    # Expected failures (not a project, held elsewhere, too new) are messages, not tracebacks.
    try:
        project: Project = job(progress, cancel)  # type: ignore[operator]
    except ProjectError as error:
        return str(error)
    try:
        # The window asks the indexer to catch up as soon as the project is shown: start
        # its process here, off the GUI thread (spawning a Python process is not free).
        project.indexer.start()
    except OSError:
        log.warning("the indexer process could not be started yet", exc_info=True)
    return project
