"""The project's undo stack: every user action's change set, undone and redone in order."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from desktop.domain.change_set import ChangeSet
from desktop.services.cancel_token import CancelToken, Progress
from desktop.services.history_service import HistoryService
from desktop.services.project import Project
from desktop.ui.common.task_runner import TaskRunner
from desktop.ui.project.change_set_command import ChangeSetCommand


class EditHistory(QObject):
    """Owns the ``QUndoStack`` of the open project (cleared when the project changes)."""

    # Rows an undo or redo changed, for the models and the index.
    reverted = Signal(object)  # ChangeSet
    failed = Signal(str)

    def __init__(self, runner: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.stack = QUndoStack(self)
        self._runner = runner
        self._project: Project | None = None

    def set_project(self, project: Project | None) -> None:
        self.stack.clear()
        self._project = project

    def record(self, label: str, changes: ChangeSet, merge_key: str | None = None) -> None:
        """Put an action that has just been done on the stack (nothing to undo: skipped).

        Actions recorded one after the other with the same ``merge_key`` are one step.
        """
        if changes:
            self.stack.push(ChangeSetCommand(self, label, changes, merge_key))

    def revert(self, command: ChangeSetCommand, *, undo: bool) -> None:
        project = self._project
        if project is None:
            return
        label = command.text()

        def job(_progress: Progress, _cancel: CancelToken) -> ChangeSet:
            store = project.connect()
            try:
                history = HistoryService(project, store)
                done = (history.undo if undo else history.redo)(command.pending, label)
            finally:
                store.close()
            command.pending = done
            return done

        task = self._runner.write(job, self.tr("Undoing") if undo else self.tr("Redoing"))
        task.signals.finished.connect(lambda changes: self._reverted(project, changes))
        task.signals.failed.connect(lambda message: self._failed(project, message))

    def _reverted(self, project: Project, changes: ChangeSet) -> None:
        if project is self._project:
            self.reverted.emit(changes)

    def _failed(self, project: Project, message: str) -> None:
        if project is not self._project:
            return
        # The stack no longer matches the data: offering more undo steps could do harm.
        self.stack.clear()
        self.failed.emit(self.tr("%1. The undo history was cleared.").replace("%1", message))
