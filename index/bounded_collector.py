"""A top-N collector that counts every match exactly and stops on the search's deadline."""

from __future__ import annotations

from heapq import nlargest
from typing import Any, Final

from whoosh import matching
from whoosh.collectors import TopCollector

from index.bulk_scorer import BulkScorer
from index.doc_counter import DocCounter
from index.search_deadline import SearchDeadline

# Matches handled between two looks at the clock and the cancel flag (a look costs about
# a microsecond; a match a few).
_CHECK_EVERY: Final = 128
# Whoosh's default: after this many matches, try a cheaper matcher for the current minimum.
_REPLACE_EVERY: Final = 10


class BoundedCollector(TopCollector):
    """Keeps the best ``limit`` hits, counts all matches, honours time limit and cancel.

    The queries typed into the search box (words, phrases, patterns, AND, OR, NOT) are
    scored by :class:`BulkScorer`: every match of a segment with its score, so the count
    is their number and the best are picked in one pass. For any other query, Whoosh's
    top-N collector skips blocks that cannot reach the top and replaces matchers
    by cheaper ones that drop low-scoring branches, so its count depended on the limit
    ("interest rates": 207 at 20 hits, 65 at 3,000). Here ranking and counting are apart:
    the ranking keeps both optimisations (they never change which documents make the top
    N), and :class:`DocCounter` counts (sets of document numbers: no match is scored only
    to be counted). Where the matcher cannot skip blocks (phrases, long unions) one scored
    walk without replacements does both. ``count`` is exact unless the deadline cut the
    search.
    """

    def __init__(self, limit: int, deadline: SearchDeadline) -> None:
        super().__init__(limit=limit, usequality=True, replace=_REPLACE_EVERY)
        self._deadline = deadline
        self._counted = 0
        # This segment's matches and their scores, when BulkScorer could compute them.
        self._scored: tuple[list[int], list[float]] | None = None

    @property
    def count_so_far(self) -> int:
        """Matches counted so far (all of them when the search ran to its end)."""
        return self._counted

    def prepare(self, top_searcher: Any, q: Any, context: Any) -> None:
        super().prepare(top_searcher, q, context)
        self._counted = 0

    def set_subsearcher(self, subsearcher: Any, offset: int) -> None:
        # Building a segment's matcher reads posting lists; look at the clock first.
        self._deadline.check()
        self._scored = None
        if self.final_fn is None:
            self._scored = BulkScorer(self._deadline).scored(
                self.q, subsearcher, self.context.weighting
            )
        if self._scored is None:
            super().set_subsearcher(subsearcher, offset)
            return
        self.subsearcher = subsearcher
        self.offset = offset
        # collect_matches picks the best from the scores themselves; no matcher is stepped.
        self.matcher = matching.NullMatcher()

    def collect_matches(self) -> None:
        if self._scored is not None:
            self._collect_scored(*self._scored)
            return
        check = self._deadline.check
        skips = self._use_block_quality()
        # Without block skipping every match is scored anyway: count them on the way, and
        # keep every branch of the matcher (a replacement may drop one that still matches).
        self.replace = _REPLACE_EVERY if skips else 0
        collected = 0
        for collected, sub_docnum in enumerate(self.matches(), 1):
            self.collect(sub_docnum)
            if collected % _CHECK_EVERY == 0:
                check()
        if not skips:
            self._counted += collected
            return
        self._counted += DocCounter(self._deadline).count(self.q, self.subsearcher)

    def _collect_scored(self, ids: list[int], scores: list[float]) -> None:
        """Every match is known with its score: the best ``limit`` are picked in one pass
        (on equal scores the lower document number first, as Whoosh's heap keeps them)."""
        self._counted += len(ids)
        offset = self.offset
        best = nlargest(self.limit, zip(scores, [-(offset + doc) for doc in ids], strict=True))
        for score, negated in best:
            self._collect(-negated, score)
