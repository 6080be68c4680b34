"""Schema migrations: backups, refusing newer schemas, atomic steps."""

import re
import sqlite3
from pathlib import Path

import pytest

from desktop.domain.article import Article
from desktop.storage import migrations
from desktop.storage.migrations import LATEST_VERSION, MIGRATIONS
from desktop.storage.project_store import ProjectStore
from desktop.storage.storage_errors import ProjectError, SchemaTooNewError


def make_v1_database(path: Path) -> None:
    """A database as version 1 of the application left it, with one article."""
    db = sqlite3.connect(path, isolation_level=None)
    try:
        MIGRATIONS[0](db)
        db.execute(
            "INSERT INTO articles (id, title, body, content_hash, imported_at)"
            " VALUES (7, 'Old title', 'Old body 🎉', 'hash-7', '2024-01-01T00:00:00+00:00')"
        )
        db.execute("INSERT INTO project_meta (key, value) VALUES ('name', 'Old project')")
        db.execute("PRAGMA user_version = 1")
    finally:
        db.close()


def read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True)


def user_version(path: Path) -> int:
    db = read_only(path)
    try:
        return int(db.execute("PRAGMA user_version").fetchone()[0])
    finally:
        db.close()


def tables(path: Path) -> set[str]:
    db = read_only(path)
    try:
        return {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    finally:
        db.close()


def test_there_is_more_than_one_version():
    # The v1 tests below are only meaningful while a migration follows v1.
    assert LATEST_VERSION == len(MIGRATIONS) >= 2


def test_migrating_v1_keeps_the_data_and_reaches_latest(tmp_path):
    path = tmp_path / "project.sqlite3"
    make_v1_database(path)
    store = ProjectStore(path)
    try:
        assert store.schema_version == LATEST_VERSION
        article = store.articles.get(7)
        assert article is not None
        assert (article.title, article.body) == ("Old title", "Old body 🎉")
        assert store.meta("name") == "Old project"
        assert store.counts()["highlights"] == 0  # the v2 tables exist
    finally:
        store.close()


def test_migrating_v1_makes_a_backup_holding_the_old_data(tmp_path):
    path = tmp_path / "project.sqlite3"
    make_v1_database(path)
    store = ProjectStore(path)
    store.close()
    backup = store.last_backup
    assert backup is not None
    assert backup.parent == tmp_path / "backups"
    assert list((tmp_path / "backups").iterdir()) == [backup]
    assert user_version(backup) == 1
    assert "highlights" not in tables(backup)
    db = read_only(backup)
    try:
        assert db.execute("SELECT id, title FROM articles").fetchall() == [(7, "Old title")]
    finally:
        db.close()


def test_backup_goes_to_the_folder_given(tmp_path):
    path = tmp_path / "project.sqlite3"
    make_v1_database(path)
    store = ProjectStore(path, backup_dir=tmp_path / "elsewhere")
    store.close()
    assert store.last_backup is not None
    assert store.last_backup.parent == tmp_path / "elsewhere"
    assert store.last_backup.is_file()


def test_a_backups_folder_that_is_a_link_is_never_written_through(tmp_path):
    """A received project whose ``backups`` links elsewhere: refused before the upgrade,
    nothing written in the link's target, the old database untouched."""
    path = tmp_path / "project.sqlite3"
    make_v1_database(path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (tmp_path / "backups").symlink_to(elsewhere)
    with pytest.raises(ProjectError, match="not a folder of this project"):
        ProjectStore(path)
    assert list(elsewhere.iterdir()) == []
    assert user_version(path) == 1


def test_opening_an_up_to_date_database_makes_no_new_backup(tmp_path):
    path = tmp_path / "project.sqlite3"
    make_v1_database(path)
    ProjectStore(path).close()
    again = ProjectStore(path)
    again.close()
    assert again.last_backup is None
    assert len(list((tmp_path / "backups").iterdir())) == 1


def test_newer_schema_is_refused_with_a_clear_message(tmp_path):
    path = tmp_path / "project.sqlite3"
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
    db.close()
    with pytest.raises(SchemaTooNewError) as caught:
        ProjectStore(path)
    message = str(caught.value)
    assert "newer version" in message
    assert str(LATEST_VERSION + 1) in message
    assert str(path) in message
    assert isinstance(caught.value, ProjectError)
    assert user_version(path) == LATEST_VERSION + 1  # left as it was


@pytest.mark.parametrize(
    "content",
    [b"this is not a database at all\n" * 50, b"\x00" * 4096, b"SQLite format 3\x00" + b"x" * 200],
)
def test_garbage_database_file_is_a_project_error(tmp_path, content):
    path = tmp_path / "project.sqlite3"
    path.write_bytes(content)
    with pytest.raises(ProjectError) as caught:
        ProjectStore(path)
    assert str(path) in str(caught.value)


def test_failing_migration_step_rolls_back(tmp_path, monkeypatch):
    path = tmp_path / "project.sqlite3"
    make_v1_database(path)

    def broken_v3(db: sqlite3.Connection) -> None:
        db.execute("CREATE TABLE v3_table (x INTEGER)")
        db.execute("INSERT INTO v3_table VALUES (1)")
        raise RuntimeError("step 3 failed")

    monkeypatch.setattr(migrations, "MIGRATIONS", (*MIGRATIONS, broken_v3))
    monkeypatch.setattr(migrations, "LATEST_VERSION", len(MIGRATIONS) + 1)
    with pytest.raises(RuntimeError, match="step 3 failed"):
        ProjectStore(path)
    # Steps before the failing one are kept; the failing one left nothing behind.
    assert user_version(path) == len(MIGRATIONS)
    assert "v3_table" not in tables(path)
    assert "highlights" in tables(path)


def test_failing_sql_in_migration_step_is_a_project_error_and_rolls_back(tmp_path, monkeypatch):
    path = tmp_path / "project.sqlite3"
    make_v1_database(path)

    def broken_v3(db: sqlite3.Connection) -> None:
        db.execute("CREATE TABLE v3_table (x INTEGER)")
        db.execute("INSERT INTO no_such_table VALUES (1)")

    monkeypatch.setattr(migrations, "MIGRATIONS", (*MIGRATIONS, broken_v3))
    monkeypatch.setattr(migrations, "LATEST_VERSION", len(MIGRATIONS) + 1)
    with pytest.raises(ProjectError, match="no_such_table"):
        ProjectStore(path)
    assert user_version(path) == len(MIGRATIONS)
    assert "v3_table" not in tables(path)


def test_failure_inside_a_real_migration_step_leaves_v1_intact(tmp_path, monkeypatch):
    """The shipped steps use ``executescript``; a failure after it must still roll back.

    Interrupting the v1 -> v2 step after its SQL has run must leave a v1 database that
    opens normally later, not half-migrated tables that make every later open fail.
    """
    path = tmp_path / "project.sqlite3"
    make_v1_database(path)
    real_v2 = MIGRATIONS[1]

    def interrupted_v2(db: sqlite3.Connection) -> None:
        real_v2(db)
        raise RuntimeError("power cut")

    monkeypatch.setattr(migrations, "MIGRATIONS", (MIGRATIONS[0], interrupted_v2, *MIGRATIONS[2:]))
    with pytest.raises(RuntimeError, match="power cut"):
        ProjectStore(path)
    assert user_version(path) == 1
    assert "highlights" not in tables(path)

    monkeypatch.undo()
    store = ProjectStore(path)
    try:
        assert store.schema_version == LATEST_VERSION
        assert store.articles.get(7) is not None
    finally:
        store.close()


def test_script_statements_split_where_sqlite_says_they_end(tmp_path):
    from desktop.storage.sql_script import run_script as _run_script

    db = sqlite3.connect(tmp_path / "s.sqlite3", isolation_level=None)
    _run_script(db, """
        CREATE TABLE t (v TEXT);
        INSERT INTO t VALUES ('a;b');
        CREATE TRIGGER t_copy AFTER INSERT ON t BEGIN
            INSERT INTO t_log VALUES (new.v || ';');
        END;
        CREATE TABLE t_log (v TEXT);
        INSERT INTO t VALUES ('c');
    """)
    assert [r[0] for r in db.execute("SELECT v FROM t ORDER BY rowid")] == ["a;b", "c"]
    assert [r[0] for r in db.execute("SELECT v FROM t_log")] == ["c;"]
    with pytest.raises(ValueError, match="incomplete"):
        _run_script(db, "CREATE TABLE u (v TEXT)")
    db.close()


def make_v2_database_with_annotations(path: Path) -> None:
    """Version 2 with rows in its annotation tables (which no release wrote, but might have)."""
    db = sqlite3.connect(path, isolation_level=None)
    try:
        MIGRATIONS[0](db)
        MIGRATIONS[1](db)
        db.execute(
            "INSERT INTO articles (id, title, body, content_hash, imported_at)"
            " VALUES (3, 'Title', 'The quick brown fox jumps over the lazy dog.', 'h3', 'then')"
        )
        db.execute(
            "INSERT INTO highlights (id, article_id, start, \"end\", quote, colour, created_at)"
            " VALUES (5, 3, 10, 19, 'brown fox', '#ff0000', 'then')"
        )
        db.execute(
            "INSERT INTO notes (id, article_id, highlight_id, body, created_at, updated_at)"
            " VALUES (8, 3, 5, 'A note', 'then', 'then')"
        )
        db.execute("INSERT INTO entities (id, name, kind) VALUES (2, 'Fox', 'other')")
        db.execute("INSERT INTO entity_links (entity_id, note_id) VALUES (2, 8)")
        db.execute("PRAGMA user_version = 2")
    finally:
        db.close()


def test_v2_annotation_rows_are_carried_over(tmp_path):
    path = tmp_path / "project.sqlite3"
    make_v2_database_with_annotations(path)
    store = ProjectStore(path)
    try:
        db = store.connection
        row = db.execute(
            'SELECT article_id, start, "end", exact, prefix, suffix FROM highlights WHERE id = 5'
        ).fetchone()
        assert row == (3, 10, 19, "brown fox", "The quick ", " jumps over the lazy dog.")
        code = db.execute(
            "SELECT c.name FROM highlight_codes AS hc JOIN codes AS c ON c.id = hc.code_id"
            " WHERE hc.highlight_id = 5"
        ).fetchall()
        assert code == [("#ff0000",)]
        assert db.execute("SELECT body, highlight_id FROM notes WHERE id = 8").fetchone() == (
            "A note", 5)
        assert db.execute(
            "SELECT e.name, t.name FROM entities AS e JOIN entity_types AS t ON t.id = e.type_id"
        ).fetchall() == [("Fox", "other")]
        assert db.execute(
            "SELECT source_note_id, target_entity_id FROM links").fetchall() == [(8, 2)]
        assert store.articles.get(3).uuid  # identity given to old rows
        assert store.meta("uuid") and store.meta("index_token")
    finally:
        store.close()


def test_a_step_that_rebuilds_a_parent_table_keeps_every_child_row(tmp_path, monkeypatch):
    """SQLite's table-rebuild procedure: with foreign keys on, DROP TABLE articles would
    cascade into highlights; the runner turns them off around steps."""
    path = tmp_path / "project.sqlite3"
    store = ProjectStore(path)
    [article] = store.articles.add([Article(title="T", body="Body text", content_hash="h")])
    with store.transaction() as db:
        db.execute('INSERT INTO highlights (article_id, start, "end", exact)'
                   " VALUES (?, 0, 4, 'Body')", (article.id,))
    store.close()

    def rebuild_articles(db: sqlite3.Connection) -> None:
        columns = [r[1] for r in db.execute("PRAGMA table_info(articles)")]
        sql = db.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'articles'"
        ).fetchone()[0]
        db.execute(re.sub(r'^CREATE TABLE "?articles"?', "CREATE TABLE articles_new", sql))
        names = ", ".join(f'"{c}"' for c in columns)
        db.execute(f"INSERT INTO articles_new ({names}) SELECT {names} FROM articles")
        db.execute("DROP TABLE articles")
        db.execute("ALTER TABLE articles_new RENAME TO articles")

    monkeypatch.setattr(migrations, "MIGRATIONS", (*MIGRATIONS, rebuild_articles))
    monkeypatch.setattr(migrations, "LATEST_VERSION", len(MIGRATIONS) + 1)
    again = ProjectStore(path)
    try:
        assert again.schema_version == len(MIGRATIONS) + 1
        assert again.counts()["highlights"] == 1
        assert again.connection.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    finally:
        again.close()


def test_a_step_that_breaks_references_is_refused_and_rolled_back(tmp_path, monkeypatch):
    path = tmp_path / "project.sqlite3"
    store = ProjectStore(path)
    [article] = store.articles.add([Article(title="T", body="Body text", content_hash="h")])
    with store.transaction() as db:
        db.execute('INSERT INTO highlights (article_id, start, "end", exact)'
                   " VALUES (?, 0, 4, 'Body')", (article.id,))
    store.close()

    def orphaning(db: sqlite3.Connection) -> None:
        db.execute("DELETE FROM articles")  # foreign keys are off: nothing cascades

    monkeypatch.setattr(migrations, "MIGRATIONS", (*MIGRATIONS, orphaning))
    monkeypatch.setattr(migrations, "LATEST_VERSION", len(MIGRATIONS) + 1)
    with pytest.raises(migrations.MigrationError, match="break references"):
        ProjectStore(path)
    assert user_version(path) == len(MIGRATIONS)
    monkeypatch.undo()
    kept = ProjectStore(path)
    try:
        assert kept.articles.count() == 1 and kept.counts()["highlights"] == 1
    finally:
        kept.close()


@pytest.mark.parametrize("version", [-1, -7])
def test_a_negative_schema_version_is_refused_clearly(tmp_path, version):
    path = tmp_path / "project.sqlite3"
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {version}")
    db.close()
    with pytest.raises(ProjectError, match="invalid schema version"):
        ProjectStore(path)
    assert user_version(path) == version
    assert tables(path) == set()  # no step ran


def test_backup_progress_is_reported(tmp_path):
    path = tmp_path / "project.sqlite3"
    make_v1_database(path)
    reports: list[tuple[int, int, str]] = []
    ProjectStore(path, progress=lambda d, t, label: reports.append((d, t, label))).close()
    assert any(label.startswith("Backing up") for _, _, label in reports)
    assert any(label.startswith("Upgrading") for _, _, label in reports)
