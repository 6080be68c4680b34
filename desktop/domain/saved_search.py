"""A search the user named and kept."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class SavedSearch:
    name: str
    query: str
    created_at: str = ""
    updated_at: str | None = None
    deleted_at: str | None = None
    uuid: str = ""
    id: int | None = None
