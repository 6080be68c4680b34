"""What one user action changed in the database, row by row, cascades included.

The store records every insert, update and delete on the project's tables as they happen
(triggers, so cascades and ``ON DELETE SET NULL`` updates are seen too). A change set is
the net effect of one action: a row inserted and then updated is one insert; updated twice,
one update with the values from before the first. ``before`` holds the values a row had
before the action (every column for a delete, the changed columns for an update), which is
all an undo needs; the undo's own change set is what a redo needs.
"""

from __future__ import annotations

import enum
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from types import MappingProxyType


class Op(enum.StrEnum):
    INSERT = "insert"
    UPDATE = "update"
    DELETE = "delete"


@dataclass(frozen=True, slots=True)
class RowChange:
    table: str
    row_id: int
    op: Op
    # Column values before the action: None for an insert.
    before: Mapping[str, object] | None = None


class ChangeSet:
    """Net row changes in the order they first happened. Immutable.

    A change set can hold a million rows (recognition over a large project, its undo), and
    the window's models look at every one it gets, on the GUI thread. So the constructor,
    which runs where the action ran (a worker), also sorts each table's ids per operation
    (:meth:`has` is a binary search) and keeps each table's updates and deletes apart
    (:meth:`altered`): a model asks about the few rows it shows instead of walking them all.
    """

    __slots__ = ("_altered", "_by_table", "_sorted", "changes")

    def __init__(self, changes: tuple[RowChange, ...] = ()) -> None:
        self.changes = changes
        grouped: dict[str, dict[Op, list[int]]] = {}
        altered: dict[str, list[RowChange]] = {}
        for change in changes:
            grouped.setdefault(change.table, {}).setdefault(change.op, []).append(change.row_id)
            if change.op is not Op.INSERT:
                altered.setdefault(change.table, []).append(change)
        self._by_table: Mapping[str, Mapping[Op, tuple[int, ...]]] = MappingProxyType(
            {t: {op: tuple(ids) for op, ids in ops.items()} for t, ops in grouped.items()}
        )
        # Ids mostly come in ascending order (new rows), which sorts in one pass.
        self._sorted: Mapping[tuple[str, Op], tuple[int, ...]] = MappingProxyType(
            {(t, op): tuple(sorted(ids)) for t, ops in grouped.items() for op, ids in ops.items()}
        )
        self._altered: Mapping[str, tuple[RowChange, ...]] = MappingProxyType(
            {t: tuple(rows) for t, rows in altered.items()})

    def __repr__(self) -> str:
        return f"ChangeSet({self.counts()})"

    @classmethod
    def merge(cls, raw: Iterable[RowChange]) -> ChangeSet:
        """Fold a raw log (one entry per statement effect, in order) into net changes."""
        # Positions by table, then row id: no (table, id) tuple per row, which for a
        # million rows would be a million more objects for the garbage collector to walk.
        net: list[RowChange | None] = []
        where: dict[str, dict[int, int]] = {}
        for change in raw:
            rows = where.get(change.table)
            if rows is None:
                rows = where[change.table] = {}
            at = rows.get(change.row_id)
            if at is None:
                rows[change.row_id] = len(net)
                net.append(change)
            else:
                net[at] = _fold(net[at], change)
        return cls(tuple(c for c in net if c is not None))

    def combined(self, later: ChangeSet) -> ChangeSet:
        """This change set followed by ``later`` (the batches of one long action)."""
        return ChangeSet.merge((*self.changes, *later.changes))

    def ids(self, table: str, op: Op) -> tuple[int, ...]:
        return self._by_table.get(table, {}).get(op, ())

    def has(self, table: str, row_id: int, *ops: Op) -> bool:
        """Whether the change set changed row ``row_id`` of ``table`` by one of ``ops``
        (any operation when none is given); a binary search, whatever its size."""
        for op in ops or tuple(Op):
            ids = self._sorted.get((table, op), ())
            at = bisect_left(ids, row_id)
            if at < len(ids) and ids[at] == row_id:
                return True
        return False

    def altered(self, table: str) -> tuple[RowChange, ...]:
        """The updates and deletes of ``table`` (those carry the values from before)."""
        return self._altered.get(table, ())

    def created(self, table: str) -> tuple[int, ...]:
        return self.ids(table, Op.INSERT)

    def updated(self, table: str) -> tuple[int, ...]:
        return self.ids(table, Op.UPDATE)

    def deleted(self, table: str) -> tuple[int, ...]:
        return self.ids(table, Op.DELETE)

    def tables(self) -> tuple[str, ...]:
        return tuple(self._by_table)

    def counts(self) -> dict[str, dict[str, int]]:
        """``{table: {"insert": n, ...}}``, for journals and reports."""
        return {t: {op.value: len(ids) for op, ids in ops.items()}
                for t, ops in self._by_table.items()}

    def __iter__(self) -> Iterator[RowChange]:
        return iter(self.changes)

    def __len__(self) -> int:
        return len(self.changes)

    def __bool__(self) -> bool:
        return bool(self.changes)


def _fold(first: RowChange | None, then: RowChange) -> RowChange | None:
    """The net effect of ``first`` followed by ``then`` on the same row."""
    if first is None:
        # Inserted and deleted earlier in the action: whatever comes now starts afresh.
        return then
    if first.op is Op.INSERT:
        return None if then.op is Op.DELETE else first
    if first.op is Op.UPDATE:
        if then.op is Op.DELETE:
            # Deleted after an update: restoring needs the full row as it was before both.
            full = dict(then.before or {})
            full.update(first.before or {})
            return RowChange(first.table, first.row_id, Op.DELETE, MappingProxyType(full))
        if then.op is Op.UPDATE:
            merged = dict(then.before or {})
            merged.update(first.before or {})  # the earliest value of each column wins
            return RowChange(first.table, first.row_id, Op.UPDATE, MappingProxyType(merged))
        return first
    # first is a delete: a later insert of the same id puts a row back.
    if then.op is Op.INSERT:
        return RowChange(first.table, first.row_id, Op.UPDATE, first.before)
    return first
