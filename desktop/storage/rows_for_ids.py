"""Running a query for many ids at once, in batches under SQLite's variable limit."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from typing import Any

BATCH = 500


def id_batches(ids: Sequence[int]) -> Iterator[list[int]]:
    """``ids`` in lists of at most :data:`BATCH`, one ``IN (...)`` list each."""
    for start in range(0, len(ids), BATCH):
        yield list(ids[start:start + BATCH])


def execute_for_ids(db: sqlite3.Connection, sql: str, ids: Sequence[int]) -> None:
    """Run the statement ``sql`` (an UPDATE or DELETE with one ``{ids}``) for all of
    ``ids``, batch by batch, inside the caller's transaction."""
    for chunk in id_batches(ids):
        db.execute(sql.format(ids=",".join("?" * len(chunk))), chunk)


def rows_for_ids(db: sqlite3.Connection, sql: str, ids: Sequence[int]) -> Iterator[Any]:
    """The rows of ``sql`` (with one ``{ids}`` where the ``IN (...)`` list goes) for all of
    ``ids``, batch by batch."""
    for chunk in id_batches(ids):
        yield from db.execute(sql.format(ids=",".join("?" * len(chunk))), chunk)
