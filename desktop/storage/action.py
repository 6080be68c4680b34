"""One user action while it is being carried out: a label for menus, a kind for the
journal, and the rows it has changed so far (possibly over several transactions)."""

from __future__ import annotations

from collections.abc import Sequence

from desktop.domain.change_set import ChangeSet, RowChange


class Action:
    def __init__(self, kind: str, label: str) -> None:
        self.kind = kind
        self.label = label
        # The journal row, once the action has changed something.
        self.journal_id: int | None = None
        self._raw: list[RowChange] = []

    def extend(self, committed: Sequence[RowChange]) -> None:
        """Called by the store after each transaction of this action commits."""
        self._raw.extend(committed)

    def committed_since(self, start: int) -> list[RowChange]:
        """The raw changes committed after the first ``start`` (a long action reports its
        batches as they commit: the recognition process hands them to the window)."""
        return self._raw[start:]

    @property
    def committed_count(self) -> int:
        return len(self._raw)

    def change_set(self) -> ChangeSet:
        """The net effect of the action so far (cascades included)."""
        return ChangeSet.merge(self._raw)
