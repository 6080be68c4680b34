"""Where this installation keeps a project's search index: in the user's cache folder.

Never inside the project folder: a project can come from someone else, and Whoosh keeps
pickles in its files, so opening an index that arrived with a project would run whatever
code its author put there. An index here was written by this installation only; it is
tied to one project by the project's UUID (the folder name) and to one database by the
token and outbox stamp recorded in it (see :mod:`desktop.services.index_feeder`).

A copy of a project folder keeps the project's UUID. Two copies sharing one index home
would throw each other's index away on every open (the stamp tells them apart), and a
rebuild in one would delete the other's half-built generation. So each home records the
database it serves (``owner``). A project opened from another place while the owner is
still that project is a copy and gets a home of its own, keyed by UUID and database
path. A project whose owner is gone (or is now another project) was moved or renamed:
it takes the home over, index and all, so a move costs no rebuild.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import sqlite3
import uuid
from pathlib import Path

import platformdirs

from index import IndexHome

APP_DIR = "research-notes"

_log = logging.getLogger(__name__)


def cache_root() -> Path:
    return Path(platformdirs.user_cache_dir(APP_DIR, appauthor=False))


def index_root(
    project_uuid: str, base: Path | None = None, database: Path | None = None
) -> Path:
    """The index home of the project with ``project_uuid`` whose database is ``database``.

    The UUID comes from the project's database, which may be hostile: only a well-formed
    UUID is used as a folder name; anything else is hashed, so it can never climb out of
    the cache folder ("../..") or collide with a real UUID. Without ``database`` the home
    shared by every copy is returned (and nothing is recorded).
    """
    try:
        name = str(uuid.UUID(project_uuid))
    except ValueError:
        name = "x-" + _digest(project_uuid)
    indexes = (base or cache_root()) / "indexes"
    primary = indexes / name
    if database is None:
        return primary
    here = str(Path(database).resolve())
    owner = IndexHome(primary).owner()
    if owner == here:
        return primary
    own = indexes / f"{name}-{_digest(here)[:16]}"
    if own.is_dir():
        return own  # a copy seen before
    if owner is not None and _holds(Path(owner), project_uuid):
        return own  # the owner is still there: this folder is a copy
    # Never used, or its folder was moved, renamed or deleted: this folder takes it over.
    _write_owner(primary, here)
    return primary


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def _write_owner(home: Path, folder: str) -> None:
    try:
        IndexHome(home).set_owner(folder)
    except OSError as error:
        # Only costs a rebuild if a copy turns up later; opening must not fail for it.
        _log.warning("Cannot record the owner of %s: %s", home, error)


def _holds(database: Path, project_uuid: str) -> bool:
    """Whether ``database`` is still a project with ``project_uuid`` (read-only peek)."""
    if not database.is_file():
        return False
    try:
        uri = database.resolve().as_uri() + "?mode=ro"
        with contextlib.closing(sqlite3.connect(uri, uri=True, timeout=1.0)) as db:
            row = db.execute("SELECT value FROM project_meta WHERE key = 'uuid'").fetchone()
    except (sqlite3.Error, OSError, ValueError):
        # Unreadable (locked, damaged): assume it is still there; a wrong guess only
        # costs this folder an index of its own.
        return True
    return row is not None and row[0] == project_uuid
