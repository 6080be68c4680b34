"""``a ANDNOT b`` whose first match is checked against ``b`` like every other one."""

from __future__ import annotations

from typing import Any

from whoosh import matching, query


class _AndNotMatcher(matching.AndNotMatcher):
    # whoosh3 3.54.0 skips the first match of ``a`` only when ``b`` starts on the very same
    # document; when ``b`` starts earlier and reaches it later, that document is returned
    # although it contains the excluded words ("oil ANDNOT price" listed an article about
    # oil prices). Looking ahead from any start, as for the later matches, is always right.
    def _find_first(self) -> None:
        if self.a.is_active() and self.b.is_active():
            self._find_next()


class ExclusiveAndNot(query.AndNot):
    """Whoosh's ``AndNot`` with a matcher that never returns an excluded first match."""

    def matcher(self, searcher: Any, context: Any = None) -> matching.Matcher:
        scored = self.a.matcher(searcher, context)
        excluded = self.b.matcher(searcher, searcher.boolean_context())
        return _AndNotMatcher(scored, excluded)

    @classmethod
    def replacing(cls, node: query.Query) -> query.Query:
        """For ``Query.accept``: every plain ``AndNot`` becomes this one."""
        if type(node) is query.AndNot:
            return cls(node.a, node.b)
        return node
