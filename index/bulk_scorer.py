"""Every match of a query and its score, computed at once instead of matcher by matcher."""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from typing import Any

from whoosh import query, scoring

from index.doc_counter import DocCounter
from index.exact_phrase import ExactPhrase
from index.expanded_terms import ExpandedTerms
from index.posting_blocks import plain_term, term_word
from index.posting_cache import PostingCache
from index.search_deadline import SearchDeadline
from index.term_scores import TermScores
from index.zero_filter import ZeroFilter


class BulkScorer:
    """The live documents a query matches in one segment, with Whoosh's scores for them.

    Whoosh steps a tree of matchers, a few Python calls per posting at every level: 40 to
    160 ms for one or two common words at 50,000 articles, most of it spent on documents
    that never reach the top 20. Here the matches come first, as sets (``DocCounter``);
    then each part of the query adds its score to the matches where that part matched,
    as Whoosh's matchers add them up (AND: every part; OR and AND MAYBE: the parts that
    match; AND NOT: the kept side). Words add their BM25F scores a posting block at a
    time. Any other query is left to Whoosh (None).
    """

    def __init__(self, deadline: SearchDeadline) -> None:
        self._deadline = deadline

    def scored(self, q: query.Query, searcher: Any,
               weighting: Any) -> tuple[list[int], list[float]] | None:
        """(document numbers ascending, their scores), or None where Whoosh must score."""
        if (not isinstance(weighting, scoring.BM25F) or weighting.use_final
                or not _summed(q, searcher.schema)):
            return None
        cache = PostingCache(searcher.reader(), self._deadline)
        counter = DocCounter(self._deadline, cache)
        docs = counter.docs(q, searcher)
        scores = dict.fromkeys(docs, 0.0)
        terms = TermScores(searcher, weighting, self._deadline, cache)
        adding = _Adding(searcher, weighting, counter, terms, scores)
        if not adding.add(q, docs):
            return None
        ordered = sorted(scores)
        return ordered, [scores[doc] for doc in ordered]


class _Adding:
    """One segment's scores being added up, part by part."""

    def __init__(self, searcher: Any, weighting: scoring.BM25F, counter: DocCounter,
                 terms: TermScores, scores: dict[int, float]) -> None:
        self._searcher = searcher
        self._weighting = weighting
        self._counter = counter
        self._terms = terms
        self.scores = scores

    def add(self, node: query.Query, targets: AbstractSet[int]) -> bool:
        """Add ``node``'s score to each of ``targets`` where ``node`` matches (all of them,
        for a group: callers pass only its matches). False where Whoosh must score."""
        if not targets or node is query.NullQuery or isinstance(node, ZeroFilter):
            return True
        if isinstance(node, ExactPhrase):
            phrase = node.scores(self._searcher, self._weighting)
            if phrase is None:
                return False
            scores = self.scores
            for doc in targets & phrase.keys():
                scores[doc] += phrase[doc]
            return True
        if isinstance(node, query.Term | ExpandedTerms):
            words = [term_word(node.text)] if isinstance(node, query.Term) else node.words
            return self._terms.add(node.fieldname, words, node.boost, self.scores, targets)
        if type(node) is query.And:
            return all(self.add(sub, targets) for sub in node.subqueries)
        if type(node) is query.Or:
            return all(self.add(sub, self._matching(sub, targets)) for sub in node.subqueries)
        if isinstance(node, query.AndNot | query.Require):
            return self.add(node.a, targets)
        if isinstance(node, query.AndMaybe):
            return self.add(node.a, targets) and self.add(node.b, self._matching(node.b, targets))
        return False

    def _matching(self, node: query.Query, targets: AbstractSet[int]) -> AbstractSet[int]:
        """Those of ``targets`` that ``node`` matches. A word or phrase adds only where it
        is found anyway; a group's matches are counted."""
        if isinstance(node, query.Term | ExpandedTerms | ExactPhrase):
            return targets
        return targets & self._counter.docs(node, self._searcher)


def _summed(node: query.Query, schema: Any) -> bool:
    """Whether a match's score is the sum of its matching parts' scores (no boosted groups,
    no coordination bonus, no NOT inside AND, only words, phrases and filters as leaves)."""
    kind = type(node)
    if node is query.NullQuery or isinstance(node, ZeroFilter):
        return True  # a filter (the kinds of document shown) decides matches, scores 0
    if kind is query.Term:
        return plain_term(schema, node.fieldname, node.text)
    if isinstance(node, ExpandedTerms | ExactPhrase):
        return True
    if kind is query.And or kind is query.Or:
        # A group's own boost multiplies its matcher's score: not worth a special case.
        if node.boost != 1.0 or (kind is query.Or and (node.scale is not None or node.minmatch)):
            return False
        return all(not isinstance(sub, query.Not) and _summed(sub, schema)
                   for sub in node.subqueries)
    if isinstance(node, query.AndNot | query.Require):
        # The excluded or required side only removes matches (as sets); it adds no score.
        return _summed(node.a, schema)
    if isinstance(node, query.AndMaybe):
        return _summed(node.a, schema) and _summed(node.b, schema)
    return False

