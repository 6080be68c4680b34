"""A filter inside a query: it decides which documents match and adds nothing to scores."""

from __future__ import annotations

from array import array
from typing import Any

from whoosh import matching, query


class ZeroFilter(query.ConstantScoreQuery):
    """Matches what ``child`` matches, with a score of 0 (``And([words, filter])`` ranks
    exactly as the words alone).

    ``ConstantScoreQuery(child, 0.0)`` added 1.0 to every match: Whoosh's list matcher
    reads a weight of 0.0 as "no weight given". ``Require`` would be the natural filter,
    but whoosh3's ``RequireMatcher.skip_to_quality`` fails an assertion once the top-N
    collector starts skipping.
    """

    def __init__(self, child: query.Query) -> None:
        super().__init__(child, 0.0)

    def matcher(self, searcher: Any, context: Any = None) -> matching.Matcher:
        found = self.child.matcher(searcher, searcher.boolean_context())
        if not found.is_active():
            return matching.NullMatcher()
        ids = array("I", found.all_ids())
        return matching.ListMatcher(ids, weights=array("f", [0.0]) * len(ids))
