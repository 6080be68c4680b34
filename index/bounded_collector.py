"""A top-N collector that counts every match exactly and stops on the search's deadline."""

from __future__ import annotations

from typing import Any, Final

from whoosh.collectors import TopCollector, WrappingCollector

from index.search_deadline import SearchDeadline

# Matches collected between two looks at the clock and the cancel flag (a look costs about
# a microsecond; a match a few).
_CHECK_EVERY: Final = 128


class BoundedCollector(WrappingCollector):
    """Keeps the best ``limit`` hits, counts all matches, honours time limit and cancel.

    Whoosh's top-N collector skips blocks that cannot reach the top and replaces matchers
    by cheaper ones that drop low-scoring branches, so its count depended on the limit
    ("interest rates": 207 at 20 hits, 65 at 3,000). Both optimisations are off here: every
    match is scored and counted. ``count`` is exact unless the deadline cut the search.
    """

    def __init__(self, limit: int, deadline: SearchDeadline) -> None:
        super().__init__(TopCollector(limit=limit, usequality=False, replace=0))
        self._deadline = deadline

    @property
    def count_so_far(self) -> int:
        """Matches collected so far (all of them when the search ran to its end)."""
        return int(self.child.total)

    def prepare(self, top_searcher: Any, q: Any, context: Any) -> None:
        super().prepare(top_searcher, q, context)
        self.child.total = 0

    def set_subsearcher(self, subsearcher: Any, offset: int) -> None:
        # Building a segment's matcher reads posting lists; look at the clock first.
        self._deadline.check()
        super().set_subsearcher(subsearcher, offset)

    def collect_matches(self) -> None:
        child = self.child
        check = self._deadline.check
        for collected, sub_docnum in enumerate(child.matches(), 1):
            child.collect(sub_docnum)
            if collected % _CHECK_EVERY == 0:
                check()
