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
        self, *, since: str | None = None, kind: str | None = None, limit: int = 1000,
        until: str | None = None, article_id: int | None = None,
    ) -> list[JournalEntry]:
        """Newest first; ``since``/``until`` are ISO times, ``kind`` a machine name
        ("import"). ``article_id`` keeps the actions that touched the article itself or a
        highlight, note or mention that belongs to it now (rows deleted since then no
        longer say which article they belonged to, except the article's own)."""
        where: list[str] = ["1"]
        params: list[object] = []
        if since is not None:
            where.append("at >= ?")
            params.append(since)
        if until is not None:
            where.append("at < ?")
            params.append(until)
        if kind is not None:
            where.append("kind = ?")
            params.append(kind)
        if article_id is not None:
            where.append(
                "id IN (SELECT action_id FROM journal_rows WHERE"
                " (tbl = 'articles' AND row_id = ?)"
                " OR (tbl = 'highlights' AND row_id IN"
                " (SELECT id FROM highlights WHERE article_id = ?))"
                " OR (tbl = 'notes' AND row_id IN (SELECT id FROM notes WHERE article_id = ?))"
                " OR (tbl = 'highlight_codes' AND row_id IN (SELECT hc.id FROM highlight_codes"
                " AS hc JOIN highlights AS h ON h.id = hc.highlight_id"
                " WHERE h.article_id = ?))"
                " OR (tbl = 'mentions' AND row_id IN"
                " (SELECT id FROM mentions WHERE article_id = ?)))")
            params.extend([article_id] * 5)
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

    def kinds(self) -> list[str]:
        """Every kind of action the journal holds, for the history view's filter."""
        return [str(r[0]) for r in self._db.execute(
            "SELECT DISTINCT kind FROM journal_actions ORDER BY kind")]

    def rows_of(self, action_id: int) -> list[tuple[str, int, str]]:
        """``(table, row id, op)`` for every row an action touched."""
        return [
            (str(t), int(r), str(o))
            for t, r, o in self._db.execute(
                "SELECT tbl, row_id, op FROM journal_rows WHERE action_id = ? ORDER BY id",
                (action_id,),
            )
        ]
