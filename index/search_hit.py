"""One matching document as returned by a search."""

from __future__ import annotations

from dataclasses import dataclass

from index.snippet import Snippet


@dataclass(frozen=True, slots=True)
class SearchHit:
    """A result row; spans are code-point ``[start, end)`` offsets into ``title`` and the body.

    ``title``, ``source`` and ``published`` are the application's current values (from the
    ``TextSource``), not copies kept in the index.
    """

    key: str  # "article:12"
    kind: str  # "article"
    id: int  # row id in the kind's table
    article_id: int | None  # the article to open for this hit (an article: its own id)
    score: float
    title: str
    source: str
    published: str | None
    snippet: Snippet
    title_spans: tuple[tuple[int, int], ...]
    # Offsets into the full body (empty when the search ran with snippets=False). Only the
    # first ``SearchIndex.MARKED_CHARS`` of a body are searched for spans.
    body_spans: tuple[tuple[int, int], ...]
