"""Ordered schema migrations, with a backup of the database before the first step.

``PRAGMA user_version`` holds the schema version. Each migration is a function that takes
the database from version ``n - 1`` to ``n`` inside one transaction, so a failed step
leaves the previous version intact (and the backup beside it).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from desktop.storage.storage_errors import SchemaTooNewError


def _run_script(db: sqlite3.Connection, script: str) -> None:
    # Not executescript(): it commits first, which would break the step's transaction.
    # Statements end where SQLite says they are complete, so a ";" inside a string literal
    # or a trigger body does not split them.
    statement = ""
    for line in script.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            db.execute(statement)
            statement = ""
    if statement.strip():
        raise ValueError(f"incomplete SQL statement in migration: {statement.strip()[:80]}")


def _v1_articles(db: sqlite3.Connection) -> None:
    _run_script(
        db,
        """
        CREATE TABLE project_meta (
            key   TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        CREATE TABLE articles (
            id           INTEGER PRIMARY KEY,
            title        TEXT NOT NULL,
            body         TEXT NOT NULL,
            source       TEXT NOT NULL DEFAULT '',
            author       TEXT NOT NULL DEFAULT '',
            published    TEXT,
            url          TEXT NOT NULL DEFAULT '',
            origin_path  TEXT NOT NULL DEFAULT '',
            content_hash TEXT NOT NULL UNIQUE,
            imported_at  TEXT NOT NULL
        );
        CREATE INDEX articles_published ON articles (published);
        """
    )


def _v2_annotations(db: sqlite3.Connection) -> None:
    # Highlights and notes anchor into an article's body by code-point offsets; entities
    # are the people, organisations and places that notes and highlights are linked to.
    _run_script(
        db,
        """
        CREATE TABLE highlights (
            id          INTEGER PRIMARY KEY,
            article_id  INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
            start       INTEGER NOT NULL CHECK (start >= 0),
            "end"       INTEGER NOT NULL,
            quote       TEXT NOT NULL,
            colour      TEXT NOT NULL DEFAULT '',
            created_at  TEXT NOT NULL,
            CHECK ("end" > start)
        );
        CREATE INDEX highlights_article ON highlights (article_id, start);
        CREATE TABLE notes (
            id            INTEGER PRIMARY KEY,
            article_id    INTEGER REFERENCES articles (id) ON DELETE CASCADE,
            highlight_id  INTEGER REFERENCES highlights (id) ON DELETE CASCADE,
            body          TEXT NOT NULL,
            created_at    TEXT NOT NULL,
            updated_at    TEXT NOT NULL
        );
        CREATE INDEX notes_article ON notes (article_id);
        CREATE TABLE entities (
            id    INTEGER PRIMARY KEY,
            name  TEXT NOT NULL,
            kind  TEXT NOT NULL CHECK (kind IN ('person', 'organisation', 'place', 'other')),
            UNIQUE (name, kind)
        );
        CREATE TABLE entity_links (
            id            INTEGER PRIMARY KEY,
            entity_id     INTEGER NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
            note_id       INTEGER REFERENCES notes (id) ON DELETE CASCADE,
            highlight_id  INTEGER REFERENCES highlights (id) ON DELETE CASCADE,
            CHECK ((note_id IS NULL) <> (highlight_id IS NULL))
        );
        CREATE INDEX entity_links_entity ON entity_links (entity_id);
        """
    )


MIGRATIONS: tuple[Callable[[sqlite3.Connection], None], ...] = (_v1_articles, _v2_annotations)
LATEST_VERSION = len(MIGRATIONS)


def schema_version(db: sqlite3.Connection) -> int:
    return int(db.execute("PRAGMA user_version").fetchone()[0])


def migrate(db: sqlite3.Connection, db_path: Path, backup_dir: Path) -> Path | None:
    """Bring ``db`` to :data:`LATEST_VERSION`; return the backup made, if any.

    ``db`` must be in autocommit mode (``isolation_level=None``) so that each step's
    ``BEGIN``/``COMMIT`` are ours.
    """
    current = schema_version(db)
    if current > LATEST_VERSION:
        raise SchemaTooNewError(
            f"{db_path} was saved by a newer version of Research Notes (schema {current}; "
            f"this version understands up to {LATEST_VERSION}). Please update the application."
        )
    if current == LATEST_VERSION:
        return None
    backup = _backup(db, db_path, backup_dir, current) if current > 0 else None
    for version in range(current + 1, LATEST_VERSION + 1):
        db.execute("BEGIN IMMEDIATE")
        try:
            MIGRATIONS[version - 1](db)
            db.execute(f"PRAGMA user_version = {version}")
            db.execute("COMMIT")
        except BaseException:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise
    return backup


def _backup(db: sqlite3.Connection, db_path: Path, backup_dir: Path, version: int) -> Path:
    backup_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = backup_dir / f"{db_path.stem}-schema{version}-{stamp}.sqlite3"
    # The backup API copies a consistent snapshot even with a WAL file beside the database.
    with sqlite3.connect(target) as copy:
        db.backup(copy)
    copy.close()
    return target
