"""A prefix, wildcard or fuzzy term after expansion: a bounded list of real index words."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from whoosh import matching, query, scoring
from whoosh.matching.combo import ArrayUnionMatcher
from whoosh.reading import IndexReader
from whoosh.util import make_binary_tree

from index.posting_blocks import posting_blocks as _blocks
from index.prescored_matcher import PrescoredMatcher
from index.search_deadline import SearchDeadline
from index.term_scores import TermScores

# Up to this many words, a tree of union matchers; beyond it, Whoosh's array union, which
# reads a block of documents from each word in turn instead of stepping every word per hit.
_TREE_LIMIT = 8


class ExpandedTerms(query.MultiTerm):
    """Matches documents containing any of ``words`` in ``fieldname``, each scored by BM25.

    Whoosh's own Prefix/FuzzyTerm expand inside ``matcher()`` with no limit and no clock;
    here the expansion happened beforehand (``TermExpander``), capped, and building the
    matcher checks the deadline between words.
    """

    def __init__(
        self,
        fieldname: str,
        words: Sequence[str],
        typed: str,
        deadline: SearchDeadline,
        boost: float = 1.0,
        frequency: int = 0,
    ) -> None:
        self.fieldname = fieldname
        self.words = tuple(words)
        # What the user typed ("pr*", "technolgy~"), for repr and messages.
        self.text = typed
        self.boost = boost
        self.constantscore = False
        self._deadline = deadline
        self._frequency = frequency

    def __eq__(self, other: object) -> bool:
        if type(self) is not type(other) or not isinstance(other, ExpandedTerms):
            return False
        return (self.fieldname, self.words, self.boost) == (
            other.fieldname,
            other.words,
            other.boost,
        )

    def __hash__(self) -> int:
        return hash((self.fieldname, self.words, self.boost))

    def __repr__(self) -> str:
        return f"ExpandedTerms({self.fieldname!r}, {self.text!r}, {len(self.words)} words)"

    def __str__(self) -> str:
        return f"{self.fieldname}:{self.text}"

    def _btexts(self, ixreader: IndexReader) -> Iterable[bytes]:
        return [word.encode("utf-8") for word in self.words]

    def estimate_size(self, ixreader: IndexReader) -> int:
        # Known from the expansion; asking the reader again costs a lookup per word.
        return self._frequency

    def matcher(self, searcher: Any, context: Any = None) -> matching.Matcher:
        weighting = searcher.weighting if context is None else context.weighting
        if weighting is None:
            # Unscored (counting, filtering): the documents only.
            docs = sorted(self._documents(searcher))
            return PrescoredMatcher(docs, [1.0] * len(docs)) if docs else matching.NullMatcher()
        if isinstance(weighting, scoring.BM25F):
            scores = self._scores(searcher, weighting)
            if scores is not None:
                if not scores:
                    return matching.NullMatcher()
                docs = sorted(scores)
                return PrescoredMatcher(docs, [scores[doc] for doc in docs])
        return self._union(searcher, context)

    def _union(self, searcher: Any, context: Any) -> matching.Matcher:
        """Whoosh's own union of term matchers (any weighting, any codec)."""
        matchers: list[matching.Matcher] = []
        for word in self.words:
            self._deadline.check()
            sub = query.Term(self.fieldname, word, boost=self.boost).matcher(searcher, context)
            if sub.is_active():
                matchers.append(sub)
        if not matchers:
            return matching.NullMatcher()
        if len(matchers) == 1:
            return matchers[0]
        if len(matchers) <= _TREE_LIMIT:
            return make_binary_tree(matching.UnionMatcher, matchers)
        scored = context is None or context.weighting is not None
        return ArrayUnionMatcher(matchers, searcher.doc_count_all(), scored=scored)

    def _documents(self, searcher: Any) -> set[int]:
        found: set[int] = set()
        for word in self.words:
            self._deadline.check()
            for ids, _weights in _blocks(searcher.reader(), self.fieldname, word, False):
                found.update(ids)
        deleted = searcher.reader().deleted_docs_set
        return found - deleted if deleted else found

    def _scores(self, searcher: Any, weighting: scoring.BM25F) -> dict[int, float] | None:
        """Each live document's summed BM25F score over the words, exactly as a union of
        ``Term`` matchers scores it; None where that shortcut does not apply."""
        scores: dict[int, float] = {}
        adder = TermScores(searcher, weighting, self._deadline)
        if not adder.add(self.fieldname, self.words, self.boost, scores, None):
            return None
        return scores
