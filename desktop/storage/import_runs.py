"""The project's import history: every import's report, kept for reading at leisure."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ImportRun:
    id: int
    started_at: str
    finished_at: str
    # The report as ImportReport.to_json() made it.
    report: Mapping[str, object]


class ImportRuns:
    def __init__(
        self,
        db: sqlite3.Connection,
        write: Callable[[], AbstractContextManager[sqlite3.Connection]],
    ) -> None:
        self._db = db
        self._write = write

    def add(self, started_at: str, report: Mapping[str, object],
            journal_id: int | None = None) -> int:
        with self._write() as db:
            cursor = db.execute(
                "INSERT INTO import_runs (action_id, started_at, report) VALUES (?, ?, ?)",
                (journal_id, started_at, json.dumps(report, ensure_ascii=False)),
            )
            return int(cursor.lastrowid or 0)

    def recent(self, limit: int = 100) -> list[ImportRun]:
        """Newest first."""
        return [
            ImportRun(int(i), str(s), str(f), json.loads(r))
            for i, s, f, r in self._db.execute(
                "SELECT id, started_at, finished_at, report FROM import_runs"
                " ORDER BY id DESC LIMIT ?",
                (limit,),
            )
        ]
