"""The outcome of one search: hits, or a readable error."""

from __future__ import annotations

from dataclasses import dataclass

from index.search_hit import SearchHit


@dataclass(frozen=True, slots=True)
class SearchResults:
    """Hits best first. ``error`` is set (and ``hits`` empty) when the query could not be run."""

    query: str
    # Exact when every match was collected, otherwise Whoosh's upper-bound estimate.
    total: int
    hits: tuple[SearchHit, ...]
    error: str | None = None
    # The time budget ran out: ``hits`` holds what had been collected until then.
    timed_out: bool = False
    # Whether ``total`` is exact (not an estimate, not cut short by a limit).
    total_exact: bool = True
    # A sentence for the user when a limit changed the search.
    notice: str | None = None
