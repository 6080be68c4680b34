"""Schema step 4: a schema 3 project gains the covering index on a code's highlights and
keeps every row."""

import sqlite3
from pathlib import Path

from desktop.storage.migrations import LATEST_VERSION, MIGRATIONS
from desktop.storage.project_store import ProjectStore


def make_v3_database(path: Path) -> list[tuple[int, int]]:
    """A database as schema 3 left it: 30 highlights over two articles, coded from a tree of
    three codes. Returns its (highlight_id, code_id) pairs."""
    db = sqlite3.connect(path, isolation_level=None)
    try:
        db.execute("BEGIN")
        for step in MIGRATIONS[:3]:
            step(db)
        for n in (1, 2):
            db.execute("INSERT INTO articles (id, title, body, content_hash, imported_at)"
                       " VALUES (?, 'T', 'Some body text of the article', ?, 'then')",
                       (n, f"h{n}"))
        db.execute("INSERT INTO codes (id, name) VALUES (1, 'Politics')")
        db.execute("INSERT INTO codes (id, name, parent_id) VALUES (2, 'Elections', 1)")
        db.execute("INSERT INTO codes (id, name) VALUES (3, 'Other')")
        for n in range(30):
            db.execute('INSERT INTO highlights (article_id, start, "end", exact)'
                       " VALUES (?, ?, ?, 'x')", (1 + n % 2, n % 7, n % 7 + 3))
        pairs = [(h, 1 + h % 3) for h in range(1, 31)] + [(h, 3) for h in range(1, 31, 4)]
        db.executemany("INSERT OR IGNORE INTO highlight_codes (highlight_id, code_id)"
                       " VALUES (?, ?)", pairs)
        db.execute("PRAGMA user_version = 3")
        db.execute("COMMIT")
        return sorted(db.execute("SELECT highlight_id, code_id FROM highlight_codes"))
    finally:
        db.close()


def test_a_schema_3_project_gains_the_covering_index_and_keeps_every_row(tmp_path):
    path = tmp_path / "project.sqlite3"
    pairs = make_v3_database(path)
    assert LATEST_VERSION >= 4
    store = ProjectStore(path)
    try:
        db = store.connection
        assert store.schema_version == LATEST_VERSION
        assert store.last_backup is not None  # the schema 3 copy, as for every step
        columns = [r[2] for r in db.execute("PRAGMA index_info(highlight_codes_code)")]
        assert columns == ["code_id", "highlight_id"]
        assert sorted(db.execute("SELECT highlight_id, code_id FROM highlight_codes")) == pairs
        assert db.execute("SELECT count(*) FROM highlights").fetchone()[0] == 30
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        plan = " ".join(str(r[3]) for r in db.execute(
            "EXPLAIN QUERY PLAN SELECT highlight_id FROM highlight_codes WHERE code_id IN (1, 2)"))
        assert "COVERING INDEX highlight_codes_code" in plan
        coded = {h for (h,) in db.execute(
            "SELECT highlight_id FROM highlight_codes WHERE code_id IN (1, 2)")}
        assert coded == {h for h, c in pairs if c in (1, 2)}
    finally:
        store.close()


def test_a_new_project_has_the_same_index(tmp_path):
    store = ProjectStore(tmp_path / "project.sqlite3")
    try:
        columns = [r[2] for r in store.connection.execute(
            "PRAGMA index_info(highlight_codes_code)")]
        assert columns == ["code_id", "highlight_id"]
    finally:
        store.close()
