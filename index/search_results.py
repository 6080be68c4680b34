"""The outcome of one search: hits, or a readable error."""

from __future__ import annotations

from dataclasses import dataclass

from index.search_hit import SearchHit


@dataclass(frozen=True, slots=True)
class SearchResults:
    """Hits best first. ``error`` is set (and ``hits`` empty) when the query could not be run.

    ``total`` counts the documents matching the query. It is exact when ``total_exact``;
    otherwise it is a lower bound (the time limit cut counting short, or a term matched
    more words than were searched) and should be shown as "at least N".
    """

    query: str
    total: int
    hits: tuple[SearchHit, ...]
    error: str | None = None
    # The time budget ran out: ``hits`` are the best of the matches found until then, not
    # necessarily the best overall (``notice`` says so in words).
    timed_out: bool = False
    total_exact: bool = True
    # A sentence for the user when a limit changed the search, e.g. "Only the 500 most
    # common words starting with “pr” were searched."
    notice: str | None = None
