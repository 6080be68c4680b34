"""The project database: the truth about a project's articles and annotations.

One :class:`ProjectStore` is one SQLite connection, for use on the thread that opened it;
workers open their own. Every change is committed at once (no "save" step). One user
action is one transaction however many rows it touches: :meth:`ProjectStore.transaction`
nests (inner calls become savepoints), and :meth:`ProjectStore.action` names the action
for the journal and hands back its change set, cascades included.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

from desktop.domain.change_set import ChangeSet
from desktop.storage.action import Action
from desktop.storage.article_rows import ArticleRows
from desktop.storage.change_capture import ChangeCapture
from desktop.storage.code_rows import CodeRows
from desktop.storage.curation_rows import CurationRows
from desktop.storage.entity_rows import EntityRows
from desktop.storage.highlight_listing import HighlightListing
from desktop.storage.highlight_rows import HighlightRows
from desktop.storage.import_runs import ImportRuns
from desktop.storage.journal import Journal
from desktop.storage.migrations import LATEST_VERSION, migrate, needs_migration, schema_version
from desktop.storage.note_listing import NoteListing
from desktop.storage.note_rows import NoteRows
from desktop.storage.outbox import Outbox
from desktop.storage.recognition_rows import RecognitionRows
from desktop.storage.storage_errors import ProjectError, ReadOnlyProjectError


class ProjectStore:
    """Access to ``project.sqlite3``; opening it brings its schema up to date.

    With ``read_only`` the database is opened for reading only (read-only media, a folder
    without write permission): nothing is migrated and every write raises. With
    ``any_thread`` the connection may be used by another thread than the one that opened it
    (a worker opens the project, the GUI thread then uses it), never by two at once.
    """

    def __init__(
        self,
        db_path: Path,
        *,
        backup_dir: Path | None = None,
        read_only: bool = False,
        progress: Callable[[int, int, str], None] | None = None,
        any_thread: bool = False,
    ) -> None:
        self.db_path = db_path
        self.read_only = read_only
        self.last_backup: Path | None = None
        self._depth = 0
        self._capture: ChangeCapture | None = None
        try:
            if read_only:
                self._db = _connect_read_only(db_path, any_thread)
            else:
                self._db = sqlite3.connect(db_path, isolation_level=None, timeout=30.0,
                                           check_same_thread=not any_thread)
                self._db.execute("PRAGMA journal_mode = WAL")
                self._db.execute("PRAGMA foreign_keys = ON")
                self._db.execute("PRAGMA synchronous = NORMAL")
                self.last_backup = migrate(
                    self._db, db_path, backup_dir or db_path.parent / "backups", progress
                )
                self._capture = ChangeCapture(self._db)
        except sqlite3.DatabaseError as error:
            self._close_quietly()
            message = f"{db_path} is not a readable Research Notes project: {error}"
            raise ProjectError(message) from None
        except BaseException:
            self._close_quietly()
            raise
        self.journal = Journal(self._db)
        self.articles = ArticleRows(self)
        self.highlights = HighlightRows(self)
        self.highlight_listing = HighlightListing(self)
        self.codes = CodeRows(self)
        self.notes = NoteRows(self)
        self.note_listing = NoteListing(self)
        self.entities = EntityRows(self)
        self.recognition = RecognitionRows(self)
        self.curation = CurationRows(self)
        self.outbox = Outbox(self._db, self.transaction)
        self.import_runs = ImportRuns(self._db, self.transaction)

    def _close_quietly(self) -> None:
        db = getattr(self, "_db", None)
        if db is not None:
            db.close()

    def close(self) -> None:
        self._db.close()

    @property
    def connection(self) -> sqlite3.Connection:
        """The raw connection, for the row classes of this package."""
        return self._db

    @property
    def schema_version(self) -> int:
        return schema_version(self._db)

    @staticmethod
    def latest_schema_version() -> int:
        return LATEST_VERSION

    # -- transactions -------------------------------------------------------------------

    @contextmanager
    def transaction(self, action: Action | None = None) -> Iterator[sqlite3.Connection]:
        """One transaction; nested calls are savepoints inside the outer one.

        At the outer commit the changes made are added to ``action`` (and its journal
        entry, in the same transaction). A failure rolls back to where this level began.
        """
        if self.read_only:
            raise ReadOnlyProjectError(f"{self.db_path.parent} is open read-only.")
        if self._depth:
            yield from self._savepoint()
            return
        assert self._capture is not None
        self._db.execute("BEGIN IMMEDIATE")
        self._depth = 1
        try:
            self._capture.discard()
            yield self._db
            changes = ChangeSet.merge(self._capture.take()).changes
            if action is not None:
                self.journal.record(action, changes)
            self._db.execute("COMMIT")
        except BaseException:
            # Also when COMMIT itself fails (disk full, busy): otherwise the connection stays
            # inside the transaction and every later BEGIN fails.
            if self._db.in_transaction:
                self._db.execute("ROLLBACK")
            raise
        finally:
            self._depth = 0
        if action is not None:
            action.extend(changes)

    def _savepoint(self) -> Iterator[sqlite3.Connection]:
        name = f"rn_sp{self._depth}"
        self._db.execute(f"SAVEPOINT {name}")
        self._depth += 1
        try:
            yield self._db
        except BaseException:
            self._db.execute(f"ROLLBACK TO {name}")
            self._db.execute(f"RELEASE {name}")
            raise
        else:
            self._db.execute(f"RELEASE {name}")
        finally:
            self._depth -= 1

    @contextmanager
    def action(self, kind: str, label: str) -> Iterator[Action]:
        """A user action done in one transaction; ``action.change_set()`` after the block."""
        action = Action(kind, label)
        with self.transaction(action):
            yield action

    def revert(self, changes: ChangeSet, kind: str, label: str) -> ChangeSet:
        """Undo ``changes`` as a new action; its change set is what undoes the undo."""
        assert self._capture is not None or self.read_only
        with self.action(kind, label) as action:
            assert self._capture is not None
            self._capture.revert(changes)
        return action.change_set()

    # -- project metadata ---------------------------------------------------------------

    def meta(self, key: str, default: str = "") -> str:
        row = self._db.execute("SELECT value FROM project_meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def set_meta(self, key: str, value: str) -> None:
        with self.transaction() as db:
            db.execute(
                "INSERT INTO project_meta (key, value) VALUES (?, ?)"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    @property
    def project_uuid(self) -> str:
        return self.meta("uuid")

    def counts(self) -> dict[str, int]:
        queries = {
            "articles": "SELECT count(*) FROM articles",
            "highlights": "SELECT count(*) FROM highlights",
            "notes": "SELECT count(*) FROM notes WHERE deleted_at IS NULL",
            "codes": "SELECT count(*) FROM codes WHERE deleted_at IS NULL",
            "entities": "SELECT count(*) FROM entities WHERE deleted_at IS NULL",
        }
        return {name: int(self._db.execute(sql).fetchone()[0]) for name, sql in queries.items()}


def _connect_read_only(db_path: Path, any_thread: bool) -> sqlite3.Connection:
    """Open for reading; on read-only media a WAL database may need ``immutable``."""
    uri = f"file:{quote(str(db_path))}"
    last_error: sqlite3.DatabaseError | None = None
    for options in ("mode=ro", "mode=ro&immutable=1"):
        db = sqlite3.connect(f"{uri}?{options}", uri=True, isolation_level=None, timeout=30.0,
                             check_same_thread=not any_thread)
        try:
            if needs_migration(db, db_path):
                raise ProjectError(
                    f"{db_path.parent} was made by an older version of Research Notes and must "
                    "be upgraded before it can be opened, but it is read-only. Copy it to a "
                    "folder you can write to and open the copy."
                )
            db.execute("SELECT count(*) FROM project_meta").fetchone()
            return db
        except sqlite3.OperationalError as error:
            db.close()
            last_error = error
        except BaseException:
            db.close()
            raise
    assert last_error is not None
    raise last_error
