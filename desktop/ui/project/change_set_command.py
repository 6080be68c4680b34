"""One user action on the undo stack: a thin wrapper over its change set.

The action has already been carried out (and committed) when the command is pushed, so the
first ``redo`` Qt calls on push does nothing. Undo and redo revert a change set through the
history service in the writer worker; each revert's own change set is what the next step
reverts, so undo, redo, undo... never drift. Commands run in order because the writer pool
has a single thread.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from desktop.domain.change_set import ChangeSet

if TYPE_CHECKING:
    from desktop.ui.project.edit_history import EditHistory


class ChangeSetCommand(QUndoCommand):
    def __init__(self, history: EditHistory, label: str, changes: ChangeSet) -> None:
        super().__init__(label)
        self._history = history
        self._pushed = False
        # What the next undo or redo reverts; replaced (in the writer thread, in order) by
        # each revert's own change set.
        self.pending = changes

    def redo(self) -> None:
        if not self._pushed:
            self._pushed = True  # done already, when the user did it
            return
        self._history.revert(self, undo=False)

    def undo(self) -> None:
        self._history.revert(self, undo=True)
