"""One user action as the edit journal remembers it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class JournalEntry:
    id: int
    at: str
    # A machine name for filtering ("import", "delete_articles", "undo", ...).
    kind: str
    # What the Edit menu and the history show ("Import 3 files").
    label: str
    # {table: {"insert": n, "update": n, "delete": n}}
    counts: Mapping[str, Mapping[str, int]]
