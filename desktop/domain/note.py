"""A note: Markdown text on its own, on an article or on a highlight."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Note:
    body: str
    title: str = ""
    article_id: int | None = None
    highlight_id: int | None = None
    # The passage the note was about, kept when its highlight or article is deleted.
    quote: str = ""
    created_at: str = ""
    updated_at: str | None = None
    deleted_at: str | None = None
    uuid: str = ""
    id: int | None = None
