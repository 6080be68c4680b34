"""An open project: its folder, its lock, its database and its search index."""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from pathlib import Path

from desktop import __version__
from desktop.storage.project_lock import ProjectLock
from desktop.storage.project_store import ProjectStore
from desktop.storage.storage_errors import ProjectError
from index import IndexStatus, SearchIndex

DB_NAME = "project.sqlite3"
INDEX_DIR = "index"
LOCK_NAME = "project.lock"
BACKUP_DIR = "backups"


class Project:
    """A project folder opened for work; close it to release the lock.

    ``store`` is the connection of the thread that opened the project (the GUI thread);
    workers call :meth:`connect` for their own. ``write_lock`` makes sure only one writer
    (import, index rebuild) runs at a time, whoever starts it.
    """

    def __init__(self, path: Path, lock: ProjectLock, store: ProjectStore) -> None:
        self.path = path
        self.lock = lock
        self.store = store
        self.index = SearchIndex(path / INDEX_DIR)
        # Re-entrant: an import (holding it) brings the index up to date before adding.
        self.write_lock = threading.RLock()

    @classmethod
    def create(cls, path: Path, name: str | None = None) -> Project:
        path = path.expanduser().resolve()
        if (path / DB_NAME).exists():
            raise ProjectError(f"{path} already holds a Research Notes project.")
        if path.exists() and not path.is_dir():
            raise ProjectError(f"{path} is a file, not a folder.")
        try:
            if path.exists() and any(path.iterdir()):
                raise ProjectError(f"{path} is not empty: choose a new or empty folder.")
            path.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise ProjectError(f"Cannot create {path}: {error.strerror or error}.") from None
        project = cls._open(path)
        if not project.store.meta("name"):
            with project.store.transaction() as db:
                for key, value in (
                    ("name", name or path.name),
                    ("created_at", datetime.now(UTC).isoformat(timespec="seconds")),
                    ("created_by", f"Research Notes {__version__}"),
                ):
                    db.execute("INSERT INTO project_meta (key, value) VALUES (?, ?)", (key, value))
        return project

    @classmethod
    def open(cls, path: Path) -> Project:
        path = path.expanduser().resolve()
        if not (path / DB_NAME).is_file():
            raise ProjectError(f"{path} is not a Research Notes project (no {DB_NAME} in it).")
        return cls._open(path)

    @classmethod
    def _open(cls, path: Path) -> Project:
        lock = ProjectLock(path / LOCK_NAME)
        try:
            lock.acquire()
            try:
                store = ProjectStore(path / DB_NAME, backup_dir=path / BACKUP_DIR)
            except BaseException:
                lock.release()
                raise
        except OSError as error:
            # A lock path that is a folder, a read-only disk, no room for the backup...
            name = error.filename or path
            raise ProjectError(f"Cannot open {name}: {error.strerror or error}.") from None
        return cls(path, lock, store)

    @property
    def name(self) -> str:
        return self.store.meta("name") or self.path.name

    def connect(self) -> ProjectStore:
        """A new database connection for the calling (worker) thread."""
        return ProjectStore(self.path / DB_NAME, backup_dir=self.path / BACKUP_DIR)

    def index_status(self) -> IndexStatus:
        return self.index.status(self.store.generation(), self.store.article_count())

    def info(self) -> dict[str, object]:
        counts = self.store.counts()
        return {
            "path": str(self.path),
            "name": self.name,
            "schema_version": self.store.schema_version,
            **counts,
            "index": {**self.index.info(), "status": self.index_status().name.lower()},
        }

    def close(self) -> None:
        self.index.close()
        self.store.close()
        self.lock.release()

    def __enter__(self) -> Project:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
