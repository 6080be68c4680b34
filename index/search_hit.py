"""One matching document as returned by a search."""

from __future__ import annotations

from dataclasses import dataclass

from index.snippet import Snippet


@dataclass(frozen=True, slots=True)
class SearchHit:
    """A result row; spans are code-point ``[start, end)`` offsets into ``title`` and the body."""

    key: str
    kind: str
    id: int
    article_id: int | None
    score: float
    title: str
    source: str
    published: str | None
    snippet: Snippet
    title_spans: tuple[tuple[int, int], ...]
    # Offsets into the full stored body (empty when the search ran with snippets=False).
    body_spans: tuple[tuple[int, int], ...]
