"""The edit journal: what each user action changed, and when; it survives restarts."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from desktop.domain.change_set import RowChange
from desktop.domain.journal_entry import JournalEntry
from desktop.storage.action import Action


class Journal:
    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db

    def record(self, action: Action, changes: Sequence[RowChange]) -> None:
        """Add ``changes`` to ``action``'s entry (made on its first change); inside the
        transaction that made the changes, so the journal never misses a committed one."""
        if not changes:
            return
        if action.journal_id is None:
            cursor = self._db.execute(
                "INSERT INTO journal_actions (kind, label) VALUES (?, ?)",
                (action.kind, action.label),
            )
            action.journal_id = int(cursor.lastrowid or 0)
        self._db.executemany(
            "INSERT INTO journal_rows (action_id, tbl, row_id, op) VALUES (?, ?, ?, ?)",
            [(action.journal_id, c.table, c.row_id, c.op.value) for c in changes],
        )

    def entries(
        self, *, since: str | None = None, kind: str | None = None, limit: int = 1000
    ) -> list[JournalEntry]:
        """Newest first; ``since`` is an ISO time, ``kind`` a machine name ("import")."""
        where, params = ["1"], []
        if since is not None:
            where.append("at >= ?")
            params.append(since)
        if kind is not None:
            where.append("kind = ?")
            params.append(kind)
        rows = self._db.execute(
            "SELECT a.id, a.at, a.kind, a.label, r.tbl, r.op, count(r.id)"
            " FROM journal_actions AS a LEFT JOIN journal_rows AS r ON r.action_id = a.id"
            " WHERE a.id IN (SELECT id FROM journal_actions"
            f" WHERE {' AND '.join(where)} ORDER BY id DESC LIMIT ?)"
            " GROUP BY a.id, r.tbl, r.op ORDER BY a.id DESC",
            (*params, limit),
        ).fetchall()
        entries: dict[int, tuple[str, str, str, dict[str, dict[str, int]]]] = {}
        for action_id, at, kind_, label, table, op, count in rows:
            entry = entries.setdefault(action_id, (at, kind_, label, {}))
            if table is not None:
                entry[3].setdefault(table, {})[op] = count
        return [
            JournalEntry(id=i, at=at, kind=k, label=label, counts=counts)
            for i, (at, k, label, counts) in entries.items()
        ]

    def rows_of(self, action_id: int) -> list[tuple[str, int, str]]:
        """``(table, row id, op)`` for every row an action touched."""
        return [
            (str(t), int(r), str(o))
            for t, r, o in self._db.execute(
                "SELECT tbl, row_id, op FROM journal_rows WHERE action_id = ? ORDER BY id",
                (action_id,),
            )
        ]
