"""Schema step 4: a code's highlights read from one index.

The highlights panel filtered by a code reads the ids of every highlight carrying it (a
code and the codes below it: often half of 100,000). With the index on ``code_id`` alone,
each of those ids meant a look-up in the ``highlight_codes`` table; an index on
``(code_id, highlight_id)`` holds them itself (measured 1.5x faster for 55,000 ids). It
still serves everything the old one did: deleting a code finds its rows by ``code_id``.
"""

from __future__ import annotations

import sqlite3

from desktop.storage.sql_script import run_script


def v4_highlights_by_code(db: sqlite3.Connection) -> None:
    run_script(
        db,
        """
        DROP INDEX IF EXISTS highlight_codes_code;
        CREATE INDEX highlight_codes_code ON highlight_codes (code_id, highlight_id);
        """,
    )
