"""Ordered schema migrations, with a backup of the database before the first step.

``PRAGMA user_version`` holds the schema version. Each migration is a function that takes
the database from version ``n - 1`` to ``n`` inside one transaction, so a failed step
leaves the previous version intact (and the backup beside it).

Steps follow SQLite's documented procedure for schema changes: foreign keys are turned
off around them (inside a transaction that pragma cannot change, and with it on, dropping
a table that a step rebuilds would cascade into every child row), ``PRAGMA
foreign_key_check`` must come back empty before each step commits, and foreign keys are
turned back on afterwards.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from desktop.storage.schema_history import v1_articles, v2_annotations
from desktop.storage.schema_v3 import v3_data_model
from desktop.storage.schema_v4 import v4_highlights_by_code
from desktop.storage.schema_v5 import v5_highlights_follow_their_article
from desktop.storage.storage_errors import ProjectError, SchemaTooNewError

Progress = Callable[[int, int, str], None]

MIGRATIONS: tuple[Callable[[sqlite3.Connection], None], ...] = (
    v1_articles,
    v2_annotations,
    v3_data_model,
    v4_highlights_by_code,
    v5_highlights_follow_their_article,
)
LATEST_VERSION = len(MIGRATIONS)


class MigrationError(ProjectError):
    """A migration step left the data inconsistent and was rolled back."""


def schema_version(db: sqlite3.Connection) -> int:
    return int(db.execute("PRAGMA user_version").fetchone()[0])


def needs_migration(db: sqlite3.Connection, db_path: Path) -> bool:
    """True if :func:`migrate` would change the database; raises for versions it refuses."""
    return _checked_version(db, db_path) < LATEST_VERSION


def migrate(
    db: sqlite3.Connection, db_path: Path, backup_dir: Path, progress: Progress | None = None
) -> Path | None:
    """Bring ``db`` to :data:`LATEST_VERSION`; return the backup made, if any.

    ``db`` must be in autocommit mode (``isolation_level=None``) so that each step's
    ``BEGIN``/``COMMIT`` are ours. ``progress(done, total, label)`` hears of the backup
    (seconds for a large database) and of each step.
    """
    current = _checked_version(db, db_path)
    if current == LATEST_VERSION:
        return None
    report = progress or (lambda done, total, label: None)
    backup = _backup(db, db_path, backup_dir, current, report) if current > 0 else None
    db.execute("PRAGMA foreign_keys = OFF")
    try:
        for version in range(current + 1, LATEST_VERSION + 1):
            report(version - current - 1, LATEST_VERSION - current, "Upgrading the project")
            _run_step(db, db_path, version)
    finally:
        db.execute("PRAGMA foreign_keys = ON")
    return backup


def _checked_version(db: sqlite3.Connection, db_path: Path) -> int:
    current = schema_version(db)
    if current < 0:
        # MIGRATIONS[-1] would run the latest step on a database of unknown shape.
        raise ProjectError(
            f"{db_path} has an invalid schema version ({current}); it was not written by "
            "Research Notes or is damaged. Restore it from a backup."
        )
    if current > LATEST_VERSION:
        raise SchemaTooNewError(
            f"{db_path} was saved by a newer version of Research Notes (schema {current}; "
            f"this version understands up to {LATEST_VERSION}). Please update the application."
        )
    return current


def _run_step(db: sqlite3.Connection, db_path: Path, version: int) -> None:
    db.execute("BEGIN IMMEDIATE")
    try:
        MIGRATIONS[version - 1](db)
        broken = db.execute("PRAGMA foreign_key_check").fetchmany(5)
        if broken:
            where = ", ".join(f"{table} row {row} -> {parent}" for table, row, parent, _ in broken)
            raise MigrationError(
                f"Upgrading {db_path} to schema {version} would break references ({where}); "
                "nothing was changed."
            )
        db.execute(f"PRAGMA user_version = {version}")
        db.execute("COMMIT")
    except BaseException:
        if db.in_transaction:
            db.execute("ROLLBACK")
        raise


def _backup(
    db: sqlite3.Connection, db_path: Path, backup_dir: Path, version: int, progress: Progress
) -> Path:
    # A received project's ``backups`` may be a link to anywhere: never write through one.
    if backup_dir.is_symlink() or (backup_dir.exists() and not backup_dir.is_dir()):
        raise ProjectError(f"{backup_dir} is not a folder of this project (a link or a "
                           "file): remove it so that the project can be backed up before "
                           "it is upgraded")
    backup_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = backup_dir / f"{db_path.stem}-schema{version}-{stamp}.sqlite3"
    if target.is_symlink() or target.exists():
        raise ProjectError(f"{target} already exists: the backup would overwrite it")

    def copied(_status: int, remaining: int, total: int) -> None:
        progress(total - remaining, total, "Backing up the project before upgrading it")

    # The backup API copies a consistent snapshot even with a WAL file beside the database.
    with sqlite3.connect(target) as copy:
        db.backup(copy, pages=4096, progress=copied)
    copy.close()
    return target
