"""What the index folder on disk looks like compared with the application's data."""

from __future__ import annotations

import enum


class IndexStatus(enum.Enum):
    """Result of ``SearchIndex.status``; anything but OK means the index should be rebuilt."""

    OK = "ok"
    # No folder or no meta file: never built, or a crash between the two renames of a swap.
    MISSING = "missing"
    # Built from an older state of the database (generation or document count differ).
    STALE = "stale"
    # Meta unreadable, or Whoosh cannot open the index or read its document count.
    CORRUPT = "corrupt"
    # Built by code with another schema/analyzer version: its terms would not match our queries.
    OTHER_VERSION = "other_version"
