"""The outbox: changes the search index still has to follow, in order.

Triggers on the searchable tables add a row (sequence, document key, operation, random
stamp) in the same transaction as each change, so the index can never miss one, even
after a crash. The stamp tells two copies of one project apart once they diverge: the
same sequence number gets a different stamp in each.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import NamedTuple

_PRUNED_BELOW = "outbox_pruned_below"


class OutboxRow(NamedTuple):
    seq: int
    doc_key: str
    op: str
    stamp: int


class Outbox:
    def __init__(
        self,
        db: sqlite3.Connection,
        write: Callable[[], AbstractContextManager[sqlite3.Connection]],
    ) -> None:
        self._db = db
        # The store's transaction() (a context manager factory), for the one write we make.
        self._write = write

    def last_seq(self) -> int:
        row = self._db.execute("SELECT max(seq) FROM outbox").fetchone()
        return int(row[0] or 0)

    def row(self, seq: int) -> OutboxRow | None:
        found = self._db.execute(
            "SELECT seq, doc_key, op, stamp FROM outbox WHERE seq = ?", (seq,)
        ).fetchone()
        return OutboxRow(*found) if found else None

    def after(self, seq: int, limit: int) -> list[OutboxRow]:
        return [
            OutboxRow(*r)
            for r in self._db.execute(
                "SELECT seq, doc_key, op, stamp FROM outbox WHERE seq > ? ORDER BY seq LIMIT ?",
                (seq, limit),
            )
        ]

    def pruned_below(self) -> int:
        """Rows with a smaller sequence number have been deleted."""
        row = self._db.execute(
            "SELECT value FROM project_meta WHERE key = ?", (_PRUNED_BELOW,)
        ).fetchone()
        return int(row[0]) if row and str(row[0]).isdigit() else 0

    def prune_below(self, seq: int) -> None:
        """Delete rows older than ``seq`` (an index has applied them and keeps ``seq`` itself,
        whose stamp it checks its lineage against)."""
        if seq <= self.pruned_below():
            return
        with self._write() as db:
            db.execute("DELETE FROM outbox WHERE seq < ?", (seq,))
            db.execute(
                "INSERT INTO project_meta (key, value) VALUES (?, ?)"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (_PRUNED_BELOW, str(seq)),
            )
