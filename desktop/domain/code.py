"""A code: a named, coloured category that highlights carry (codes form a tree)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Code:
    name: str
    colour: str = "#ffd54f"
    description: str = ""
    parent_id: int | None = None
    # Order among siblings, for the code book and the number keys 1-9.
    position: int = 0
    created_at: str = ""
    updated_at: str | None = None
    # Soft deletion: a deleted code stays (hidden) so undo and history can bring it back.
    deleted_at: str | None = None
    uuid: str = ""
    id: int | None = None
