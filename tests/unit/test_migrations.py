"""Schema migrations: backups, refusing newer schemas, atomic steps."""

import sqlite3
from pathlib import Path

import pytest

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
        article = store.article(7)
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
        assert store.article(7) is not None
    finally:
        store.close()


def test_script_statements_split_where_sqlite_says_they_end(tmp_path):
    from desktop.storage.migrations import _run_script

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
