"""Counts the documents a query matches in one segment, as sets of document numbers."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Final

from whoosh import query
from whoosh.searching import Searcher

from index.exact_phrase import ExactPhrase
from index.expanded_terms import ExpandedTerms
from index.posting_blocks import Block, plain_term, posting_blocks, term_word
from index.posting_cache import PostingCache
from index.search_deadline import SearchDeadline

# Posting blocks read between two looks at the clock (a block holds up to 128 postings).
_CHECK_EVERY_BLOCKS: Final = 64


class DocCounter:
    """The exact number of live documents a query matches, without scoring any of them.

    Stepping a matcher through every match costs a few microseconds of Python per
    document ("the" matches all 50,000); here terms become sets of document numbers read a
    posting block at a time, and AND, OR and NOT become set operations done in C. What
    sets cannot express (phrases: word positions decide) is counted by walking that part's
    own unscored matcher, so the count is always the matcher's count.
    """

    def __init__(self, deadline: SearchDeadline, cache: PostingCache | None = None) -> None:
        self._deadline = deadline
        self._blocks = 0
        # Shared with the scoring that follows (BulkScorer): each word is read once.
        self._cache = cache

    def count(self, q: query.Query, searcher: Searcher) -> int:
        """Live documents of ``searcher``'s segment that ``q`` matches."""
        return len(self.docs(q, searcher))

    def docs(self, q: query.Query, searcher: Searcher) -> set[int]:
        """The live documents of ``searcher``'s segment that ``q`` matches (facets read
        their columns)."""
        reader = searcher.reader()
        docs = self._docs(q, searcher)
        deleted = getattr(reader, "deleted_docs_set", None)
        if deleted:
            docs -= set(deleted)
        return docs

    def _docs(self, q: query.Query, searcher: Searcher) -> set[int]:
        """The documents ``q`` matches, deleted ones possibly included (removed once, at
        the end: set algebra gives the same answer either way)."""
        self._deadline.check()
        if isinstance(q, query.Term):
            if not plain_term(searcher.schema, q.fieldname, q.text):
                return self._walked(q, searcher)  # a number or date: encoded otherwise
            return self._term(searcher, q.fieldname, q.text)
        if isinstance(q, ExpandedTerms):
            found: set[int] = set()
            for word in q.words:
                found |= self._term(searcher, q.fieldname, word)
            return found
        if q is query.NullQuery:
            return set()
        if isinstance(q, ExactPhrase):
            # Its matches are computed as a whole (and kept for scoring): taken as a set,
            # not stepped through a matcher one document at a time.
            matched = q.scores(searcher, None)
            if matched is not None:
                return set(matched)
        if type(q) is query.Or and not q.minmatch:
            found = set()
            for sub in q.subqueries:
                found |= self._docs(sub, searcher)
            return found
        if type(q) is query.And:
            wanted = [sub for sub in q.subqueries if not isinstance(sub, query.Not)]
            unwanted = [sub.query for sub in q.subqueries if isinstance(sub, query.Not)]
            if wanted:
                sets = sorted((self._docs(sub, searcher) for sub in wanted), key=len)
                found = sets[0].intersection(*sets[1:])
                for sub in unwanted:
                    if not found:
                        break
                    found -= self._docs(sub, searcher)
                return found
        if isinstance(q, query.AndNot):
            found = self._docs(q.a, searcher)
            return found - self._docs(q.b, searcher) if found else found
        if isinstance(q, query.Require):
            found = self._docs(q.a, searcher)
            return found & self._docs(q.b, searcher) if found else found
        if isinstance(q, query.AndMaybe):
            return self._docs(q.a, searcher)
        if isinstance(q, query.ConstantScoreQuery):
            return self._docs(q.child, searcher)
        return self._walked(q, searcher)

    def _walked(self, q: query.Query, searcher: Searcher) -> set[int]:
        """Every match of ``q``'s own unscored matcher (deleted documents already left out)."""
        found: set[int] = set()
        check = self._deadline.check
        for counted, docnum in enumerate(q.docs(searcher), 1):
            found.add(docnum)
            if counted % 1024 == 0:
                check()
        return found

    def _term(self, searcher: Searcher, fieldname: str, text: Any) -> set[int]:
        # Words of text fields only (see plain_term).
        word = term_word(text)
        found: set[int] = set()
        reader = searcher.reader()
        if self._cache is not None and self._cache.reader is reader:
            blocks: Iterable[Block] = self._cache.blocks(fieldname, word)
        else:
            blocks = posting_blocks(reader, fieldname, word, False)
        for ids, _ in blocks:
            found.update(ids)
            self._blocks += 1
            if self._blocks % _CHECK_EVERY_BLOCKS == 0:
                self._deadline.check()
        return found

