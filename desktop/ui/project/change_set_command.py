"""One user action on the undo stack: a thin wrapper over its change set.

The action has already been carried out (and committed) when the command is pushed, so the
first ``redo`` Qt calls on push does nothing. Undo and redo revert a change set through the
history service in the writer worker; each revert's own change set is what the next step
reverts, so undo, redo, undo... never drift. Commands run in order because the writer pool
has a single thread.
"""

from __future__ import annotations

import zlib
from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from desktop.domain.change_set import ChangeSet

if TYPE_CHECKING:
    from desktop.ui.project.edit_history import EditHistory


class ChangeSetCommand(QUndoCommand):
    def __init__(self, history: EditHistory, label: str, changes: ChangeSet,
                 merge_key: str | None = None) -> None:
        super().__init__(label)
        self._history = history
        self._pushed = False
        # Consecutive commands with the same key become one undo step (typing in a note:
        # one step per pause, not per save).
        self._merge_key = merge_key
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

    def id(self) -> int:
        if self._merge_key is None:
            return -1
        return zlib.crc32(self._merge_key.encode("utf-8")) & 0x7FFFFFFF

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, ChangeSetCommand) or other._merge_key != self._merge_key:
            return False
        self.pending = self.pending.combined(other.pending)
        # Named after where the typing ended ("Edit note “Iran already has…”"), not after
        # the first letters saved when it began.
        self.setText(other.text())
        return True
