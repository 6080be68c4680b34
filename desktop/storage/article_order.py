"""The article list's orders, each tied to the journal position it reflects.

A list shown from one snapshot follows the database by asking what changed between its
snapshot and the next one. The edit journal answers exactly: every user action records
there, in the transaction that made them, the rows it changed, cascades included. A change
set delivered by a signal could not say the same thing, because it cannot tell which of its
rows a snapshot taken at about the same time already holds (an import commits its next
batch while the list is still reading the last one).
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from desktop.domain.change_set import ChangeSet, Op, RowChange

if TYPE_CHECKING:
    from desktop.storage.project_store import ProjectStore

_POSITION: Final = "SELECT coalesce(max(id), 0) FROM journal_rows"
_IN_RANGE: Final = "FROM journal_rows WHERE id > ? AND id <= ? AND tbl = 'articles'"


@dataclass(frozen=True, slots=True)
class OrderSnapshot:
    column: str
    ids: array[int]  # ascending; descending is the reverse (every order ends in id)
    position: int  # the last journal row the snapshot includes


class ArticleOrder:
    def __init__(self, store: ProjectStore) -> None:
        self._store = store
        self._db = store.connection

    def position(self) -> int:
        return int(self._db.execute(_POSITION).fetchone()[0])

    def snapshot(self, column: str) -> OrderSnapshot:
        """The ids in ``column``'s ascending order and the journal position they reflect,
        read in one transaction so that both describe the same state."""
        self._db.execute("BEGIN")
        try:
            position = self.position()
            ids = self._store.articles.sorted_ids(column)
        finally:
            self._db.execute("COMMIT")
        return OrderSnapshot(column, ids, position)

    def changes(self, after: int, upto: int, limit: int) -> ChangeSet | None:
        """Net article changes journaled after position ``after`` up to ``upto``, or
        ``None`` when there are more than ``limit`` rows (replacing the order wholesale is
        then cheaper than following it row by row)."""
        count = int(self._db.execute(f"SELECT count(*) {_IN_RANGE}", (after, upto)).fetchone()[0])
        if count > limit:
            return None
        rows = self._db.execute(f"SELECT row_id, op {_IN_RANGE} ORDER BY id", (after, upto))
        return ChangeSet.merge(RowChange("articles", int(i), Op(op)) for i, op in rows)
