"""What a facet count found: plain values, so that the application can hold them without
loading the search engine."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final

# The facet columns a user can narrow a search by (see ``IndexSchema``).
FACET_FIELDS: Final = ("kind", "source_name", "year", "collection", "language")


@dataclass(frozen=True, slots=True)
class FacetCounts:
    # Per facet field: (value, documents), most documents first.
    values: dict[str, tuple[tuple[str, int], ...]] = field(default_factory=dict)
    # The distinct articles of the matching documents (an article's own, a highlight's or
    # a note's article).
    article_ids: frozenset[int] = frozenset()
    documents: int = 0
    complete: bool = True
    error: str | None = None
