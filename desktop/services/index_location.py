"""Where this installation keeps a project's search index: in the user's cache folder.

Never inside the project folder: a project can come from someone else, and Whoosh keeps
pickles in its files, so opening an index that arrived with a project would run whatever
code its author put there. An index here was written by this installation only; it is
tied to one project by the project's UUID (the folder name) and to one database by the
token and outbox stamp recorded in it (see :mod:`desktop.services.index_feeder`).
"""

from __future__ import annotations

import hashlib
import uuid
from pathlib import Path

import platformdirs

APP_DIR = "research-notes"


def cache_root() -> Path:
    return Path(platformdirs.user_cache_dir(APP_DIR, appauthor=False))


def index_root(project_uuid: str, base: Path | None = None) -> Path:
    """The index home of the project with ``project_uuid``.

    The UUID comes from the project's database, which may be hostile: only a well-formed
    UUID is used as a folder name; anything else is hashed, so it can never climb out of
    the cache folder ("../..") or collide with a real UUID.
    """
    try:
        name = str(uuid.UUID(project_uuid))
    except ValueError:
        name = "x-" + hashlib.sha256(project_uuid.encode("utf-8", "surrogatepass")).hexdigest()[:32]
    return (base or cache_root()) / "indexes" / name
