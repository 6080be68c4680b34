"""An open project: its folder, its lock, its database and its search index."""

from __future__ import annotations

import errno
import os
import shutil
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from desktop import __version__
from desktop.services.cancel_token import Progress
from desktop.services.index_location import index_root
from desktop.services.indexer_client import IndexerClient
from desktop.storage.project_lock import ProjectLock
from desktop.storage.project_store import ProjectStore
from desktop.storage.storage_errors import ProjectError

if TYPE_CHECKING:
    from index import SearchIndex

DB_NAME = "project.sqlite3"
LOCK_NAME = "project.lock"
BACKUP_DIR = "backups"
# Where versions before schema 3 kept the index, inside the project folder. It is never
# opened (it may have come with a project from someone else, and Whoosh files hold pickles).
LEGACY_INDEX_DIR = "index"

# A folder or database we may not write to is opened read-only rather than refused.
_READ_ONLY_ERRORS = (errno.EROFS, errno.EACCES, errno.EPERM)


class Project:
    """A project folder opened for work; close it to release the lock.

    ``store`` is the connection of the thread that opened the project; workers call
    :meth:`connect` for their own. ``write_lock`` serialises the writers of this process
    (imports, inline index updates). A read-only project has no lock and refuses writes.
    """

    def __init__(
        self, path: Path, lock: ProjectLock | None, store: ProjectStore, read_only: bool
    ) -> None:
        self.path = path
        self.lock = lock
        self.store = store
        self.read_only = read_only
        self.index_root = index_root(store.project_uuid, database=path / DB_NAME)
        # Made on first use (a search, an index check): opening it imports Whoosh, which
        # the window need not wait for.
        self._search_index: SearchIndex | None = None
        self._search_index_lock = threading.Lock()
        self.write_lock = threading.RLock()
        self._indexer: IndexerClient | None = None
        self._indexer_lock = threading.Lock()

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
        project = cls._open(path, read_only=False, progress=None)
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
    def open(
        cls, path: Path, *, read_only: bool | None = None, progress: Progress | None = None
    ) -> Project:
        """Open ``path``; with ``read_only=None`` a project that cannot be written to (a
        read-only disk, no permission) opens read-only instead of being refused."""
        path = path.expanduser().resolve()
        if not (path / DB_NAME).is_file():
            raise ProjectError(f"{path} is not a Research Notes project (no {DB_NAME} in it).")
        if read_only is None:
            writable = os.access(path, os.W_OK) and os.access(path / DB_NAME, os.W_OK)
            if not writable:
                return cls._open(path, read_only=True, progress=progress)
            try:
                return cls._open(path, read_only=False, progress=progress)
            except _ReadOnlyMedia:
                return cls._open(path, read_only=True, progress=progress)
        return cls._open(path, read_only=read_only, progress=progress)

    @classmethod
    def _open(cls, path: Path, *, read_only: bool, progress: Progress | None) -> Project:
        lock = None if read_only else ProjectLock(path / LOCK_NAME)
        try:
            if lock is not None:
                lock.acquire()
            try:
                # Opened in a worker, used on the GUI thread: never by two threads at once.
                store = ProjectStore(
                    path / DB_NAME, backup_dir=path / BACKUP_DIR, read_only=read_only,
                    progress=progress, any_thread=True,
                )
            except BaseException:
                if lock is not None:
                    lock.release()
                raise
        except OSError as error:
            if not read_only and error.errno in _READ_ONLY_ERRORS:
                raise _ReadOnlyMedia(str(error)) from None
            # A lock path that is a folder, no room for the backup...
            name = error.filename or path
            raise ProjectError(f"Cannot open {name}: {error.strerror or error}.") from None
        project = cls(path, lock, store, read_only)
        if store.last_backup is not None:
            project._remove_legacy_index()
        return project

    @property
    def name(self) -> str:
        return self.store.meta("name") or self.path.name

    @property
    def indexer(self) -> IndexerClient:
        """The indexer process of this project (started on its first request)."""
        with self._indexer_lock:
            if self._indexer is None:
                self._indexer = IndexerClient(
                    self.path / DB_NAME, self.index_root, read_only=self.read_only
                )
            return self._indexer

    def connect(self, *, read_only: bool = False) -> ProjectStore:
        """A new database connection for the calling (worker) thread."""
        return ProjectStore(
            self.path / DB_NAME, backup_dir=self.path / BACKUP_DIR,
            read_only=self.read_only or read_only,
        )

    @property
    def search_index(self) -> SearchIndex:
        with self._search_index_lock:
            if self._search_index is None:
                from index import SearchIndex

                self._search_index = SearchIndex(self.index_root)
            return self._search_index

    def info(self) -> dict[str, object]:
        return {
            "path": str(self.path),
            "name": self.name,
            "uuid": self.store.project_uuid,
            "read_only": self.read_only,
            "schema_version": self.store.schema_version,
            **self.store.counts(),
            "index": self.search_index.info(),
        }

    def begin_close(self) -> None:
        """Ask the indexer process to stop, without waiting: it winds down while the
        caller stops its own work; :meth:`close` then waits for what is left."""
        with self._indexer_lock:
            indexer = self._indexer
        if indexer is not None:
            indexer.request_stop()

    def close(self) -> None:
        with self._indexer_lock:
            indexer, self._indexer = self._indexer, None
        if indexer is not None:
            indexer.stop()
        with self._search_index_lock:
            search_index, self._search_index = self._search_index, None
        if search_index is not None:
            search_index.close()
        self.store.close()
        if self.lock is not None:
            self.lock.release()

    def _remove_legacy_index(self) -> None:
        """After the upgrade from a version that kept the index in the project folder: that
        index is rebuilt in the cache, never copied; the old folder only wastes space."""
        legacy = self.path / LEGACY_INDEX_DIR
        if legacy.is_dir() and not legacy.is_symlink():
            shutil.rmtree(legacy, ignore_errors=True)

    def __enter__(self) -> Project:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class _ReadOnlyMedia(ProjectError):
    """Internal: writing failed because the folder or disk is read-only."""
