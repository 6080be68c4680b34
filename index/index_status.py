"""What the live index generation looks like to this code."""

from __future__ import annotations

import enum


class IndexStatus(enum.Enum):
    OK = "ok"
    # Never built (or a crash before the first build finished).
    MISSING = "missing"
    # Built by code with another schema or analyzers: its terms would not match our queries.
    OTHER_VERSION = "other_version"
    # A search met a damaged file, or the files cannot be opened: rebuild.
    DAMAGED = "damaged"
