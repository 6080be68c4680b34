"""Records every row change a connection makes, and reverts a change set.

Temporary triggers (they live and die with the connection) write each insert, update and
delete on the project's tables into a temporary log, with the values the row had before.
Because SQLite runs the triggers for foreign-key actions too, cascaded deletes and
``ON DELETE SET NULL`` updates are recorded like any other change: a change set is always
complete, whatever the service did or forgot to mention. The log is part of the
connection's transaction, so a rolled-back savepoint takes its entries with it.

Updates are recorded per changed column (a trigger per column, fired only when the value
really changes), so retitling an article does not copy its body into the log.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from types import MappingProxyType

from desktop.domain.change_set import ChangeSet, Op, RowChange

# Tables whose rows users create, change and delete (and may undo). Bookkeeping tables
# (project_meta, journal_*, outbox, import_runs) are not captured.
CAPTURED_TABLES = (
    "articles",
    "entity_types",
    "codes",
    "highlights",
    "highlight_codes",
    "notes",
    "entities",
    "entity_aliases",
    "mentions",
    "rejected_names",
    "links",
    "saved_searches",
)

_LOG = "rn_changes"


class ChangeCapture:
    """Installs the capturing triggers on one connection and reads what they logged."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db
        self._columns: dict[str, tuple[str, ...]] = {}
        db.execute(
            f"CREATE TEMP TABLE IF NOT EXISTS {_LOG} ("
            " n INTEGER PRIMARY KEY, tbl TEXT NOT NULL, row_id INTEGER NOT NULL,"
            " op TEXT NOT NULL, before TEXT)"
        )
        for table in CAPTURED_TABLES:
            columns = tuple(
                row[1] for row in db.execute(f"PRAGMA main.table_info({table})")
            )
            if not columns:
                continue  # an older schema (read during a migration test): nothing to watch
            self._columns[table] = columns
            for statement in _triggers(table, columns):
                db.execute(statement)

    def columns(self, table: str) -> tuple[str, ...]:
        return self._columns[table]

    def discard(self) -> None:
        self._db.execute(f"DELETE FROM {_LOG}")

    def take(self) -> list[RowChange]:
        """The changes logged since the last take, in order; the log is emptied."""
        rows = self._db.execute(f"SELECT tbl, row_id, op, before FROM {_LOG} ORDER BY n")
        raw = [
            RowChange(table, int(row_id), Op(op), _frozen(before))
            for table, row_id, op, before in rows
        ]
        self.discard()
        return raw

    def revert(self, changes: ChangeSet) -> None:
        """Undo ``changes`` inside the caller's transaction.

        Changes are undone newest first. Foreign keys are checked at commit, not per
        statement, so a child row may come back before its parent.
        """
        self._db.execute("PRAGMA defer_foreign_keys = ON")
        for change in reversed(changes.changes):
            columns = self._columns.get(change.table)
            if columns is None:
                raise ValueError(f"cannot revert a change to unknown table {change.table!r}")
            before = dict(change.before or {})
            unknown = set(before) - set(columns)
            if unknown:
                raise ValueError(f"unknown columns {sorted(unknown)} for {change.table}")
            if change.op is Op.INSERT:
                self._db.execute(f"DELETE FROM {change.table} WHERE id = ?", (change.row_id,))
            elif change.op is Op.UPDATE:
                if before:
                    assignments = ", ".join(f'"{c}" = ?' for c in before)
                    self._db.execute(
                        f"UPDATE {change.table} SET {assignments} WHERE id = ?",
                        (*before.values(), change.row_id),
                    )
            else:
                before["id"] = change.row_id
                names = ", ".join(f'"{c}"' for c in before)
                marks = ", ".join("?" for _ in before)
                self._db.execute(
                    f"INSERT INTO {change.table} ({names}) VALUES ({marks})",
                    tuple(before.values()),
                )


def _frozen(before: str | None) -> Mapping[str, object] | None:
    return None if before is None else MappingProxyType(json.loads(before))


def _triggers(table: str, columns: Sequence[str]) -> Iterator[str]:
    everything = ", ".join(f"'{c}', OLD.\"{c}\"" for c in columns)
    yield (
        f"CREATE TEMP TRIGGER IF NOT EXISTS rn_{table}_insert AFTER INSERT ON main.{table}"
        f" BEGIN INSERT INTO {_LOG} (tbl, row_id, op) VALUES ('{table}', NEW.id, 'insert'); END"
    )
    yield (
        f"CREATE TEMP TRIGGER IF NOT EXISTS rn_{table}_delete AFTER DELETE ON main.{table}"
        f" BEGIN INSERT INTO {_LOG} (tbl, row_id, op, before)"
        f" VALUES ('{table}', OLD.id, 'delete', json_object({everything})); END"
    )
    for column in columns:
        if column == "id":
            continue
        yield (
            f"CREATE TEMP TRIGGER IF NOT EXISTS rn_{table}_update_{column}"
            f' AFTER UPDATE OF "{column}" ON main.{table}'
            f' WHEN OLD."{column}" IS NOT NEW."{column}"'
            f" BEGIN INSERT INTO {_LOG} (tbl, row_id, op, before)"
            f" VALUES ('{table}', OLD.id, 'update', json_object('{column}', OLD.\"{column}\"));"
            " END"
        )
