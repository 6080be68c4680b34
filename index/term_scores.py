"""BM25F scores of a field's words for every document at once, from posting blocks."""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from functools import lru_cache
from typing import Any

from whoosh import scoring
from whoosh.util.numeric import byte_to_length

from index.posting_blocks import length_bytes, plain_term
from index.posting_cache import PostingCache
from index.search_deadline import SearchDeadline


class TermScores:
    """Adds ``boost`` times each word's BM25F score to ``scores``, as Whoosh's union of
    ``Term`` matchers scores them, without a Python call per posting per matcher level.

    BM25F divides by a function of the document's field length, which Whoosh stores as one
    byte per document: the field's whole length column is read in one slice, and the 256
    possible divisors are computed once per field (``bm25_factors``).
    """

    def __init__(self, searcher: Any, weighting: scoring.BM25F, deadline: SearchDeadline,
                 cache: PostingCache | None = None) -> None:
        self._searcher = searcher
        self._reader = searcher.reader()
        self._cache = cache or PostingCache(self._reader, deadline)
        self._weighting = weighting
        self._deadline = deadline
        self._lengths: dict[str, bytes | None] = {}

    def add(self, fieldname: str, words: Iterable[str], boost: float,
            scores: dict[int, float], targets: AbstractSet[int] | None) -> bool:
        """Add the words' scores in ``fieldname`` to those of ``targets`` (documents already
        in ``scores``, known to match) that have them; with ``targets`` None, to every live
        document with one of the words. False, with ``scores`` perhaps part-filled, where
        this shortcut does not apply (another scorer, a field without lengths): Whoosh's
        matchers must score."""
        reader = self._reader
        if fieldname not in reader.schema:
            return True  # as Whoosh's Term: no such field, no match
        deleted = None if targets is not None else reader.deleted_docs_set
        for word in words:
            self._deadline.check()
            if not plain_term(reader.schema, fieldname, word):
                return False
            btext = word.encode("utf-8")
            if not self._cache.blocks(fieldname, word):
                continue  # not in this segment (the cache asked the reader once)
            scorer = self._weighting.scorer(self._searcher, fieldname, btext)
            if type(scorer) is scoring.WeightScorer:
                # A field that keeps no lengths scores the word by its frequency.
                self._add_word(fieldname, word, boost, None, b"", scores, targets, deleted)
                continue
            if isinstance(scorer, scoring.BM25FScorer):
                found = self._length_bytes(fieldname)
                if found is None:
                    return False
                top, divisor = bm25_factors(scorer)
                top *= boost
                lengths = found
            else:
                return False
            self._add_word(fieldname, word, top, divisor, lengths, scores, targets, deleted)
        return True

    def _add_word(self, fieldname: str, word: str, top: float, divisor: list[float] | None,
                  lengths: bytes, scores: dict[int, float], targets: AbstractSet[int] | None,
                  deleted: AbstractSet[int] | None) -> None:
        """score = top·tf / (tf + divisor[length byte]); without divisors, top·tf."""
        get = scores.get
        check = self._deadline.check
        for number, (ids, weights) in enumerate(self._cache.blocks(fieldname, word), 1):
            if number % 64 == 0:
                check()
            if targets is not None and targets.isdisjoint(ids):
                continue
            for doc, tf in zip(ids, weights, strict=True):
                if targets is not None:
                    if doc not in targets:
                        continue
                elif deleted and doc in deleted:
                    continue
                score = top * tf if divisor is None else top * tf / (tf + divisor[lengths[doc]])
                scores[doc] = get(doc, 0.0) + score

    def _length_bytes(self, fieldname: str) -> bytes | None:
        if fieldname not in self._lengths:
            self._lengths[fieldname] = length_bytes(self._reader, fieldname)
        return self._lengths[fieldname]


def bm25_factors(scorer: scoring.BM25FScorer) -> tuple[float, list[float]]:
    """``bm25()`` of whoosh.scoring, unrolled for a word: its score in a document is
    ``top·tf / (tf + divisors[the document's length byte])`` with (top, divisors) this."""
    idf, avgfl, b, k1 = scorer.idf, scorer.avgfl, scorer.B, scorer.K1
    return idf * (k1 + 1), _bm25_divisors(b, k1, avgfl)


@lru_cache(maxsize=64)
def _bm25_divisors(b: float, k1: float, avgfl: float) -> list[float]:
    """BM25's divisor less the term frequency, ``k1·(1-b+b·length/avgfl)``, for each
    length byte: the same for every word of a field (callers only read the list)."""
    return [k1 * (1 - b) + k1 * b * byte_to_length(n) / avgfl for n in range(256)]
