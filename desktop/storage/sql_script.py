"""Running a multi-statement SQL script inside the caller's transaction."""

from __future__ import annotations

import sqlite3


def run_script(db: sqlite3.Connection, script: str) -> None:
    """Execute every statement of ``script`` in order.

    Not ``executescript()``: it commits first, which would break a migration step's
    transaction. Statements end where SQLite says they are complete, so a ";" inside a
    string literal or a trigger body does not split them.
    """
    statement = ""
    for line in script.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            db.execute(statement)
            statement = ""
    if statement.strip():
        raise ValueError(f"incomplete SQL statement in migration: {statement.strip()[:80]}")
