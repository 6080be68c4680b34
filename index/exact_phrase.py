"""Phrases matched by set operations on posting blocks, then word positions per candidate."""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import partial
from itertools import accumulate, compress, islice, repeat
from operator import add, itemgetter, mul, truediv
from pickle import loads
from typing import Any, Final

from whoosh import formats, matching, query, scoring
from whoosh.system import _INT_SIZE

from index.article_pairs import ArticlePairs
from index.index_schema import PAIR_FIELDS
from index.posting_blocks import length_bytes, posting_blocks, posting_values
from index.prescored_matcher import PrescoredMatcher
from index.search_deadline import SearchDeadline
from index.term_scores import bm25_factors

# Candidate documents compared between two looks at the clock.
_CHECK_EVERY: Final = 4096


class ExactPhrase(query.Phrase):
    """Whoosh's ``Phrase`` (words side by side, in order), matched faster, same answers.

    Whoosh steps an intersection of the words' matchers and builds span objects at every
    document that has all the words: seconds at 50,000 articles for "The Who", whose words
    are in most of them. Here the documents with every word come from set intersections
    of the posting blocks, and only those documents' positions are decoded and compared.
    Each match is scored as Whoosh scores a phrase: the sum of its words' BM25F scores.
    Phrases with slop (words near each other) keep Whoosh's matcher.
    """

    def __init__(self, fieldname: str, words: Sequence[str], deadline: SearchDeadline,
                 slop: int = 1, boost: float = 1.0, char_ranges: Any = None) -> None:
        super().__init__(fieldname, list(words), slop=slop, boost=boost,
                         char_ranges=char_ranges)
        self._deadline = deadline
        # Answers per segment reader, made once per search however often it asks (to
        # count the matches, then to score them), shared with shallow copies (which may
        # change the boost): keyed by what they depend on.
        self._memo: dict[tuple[Any, ...], tuple[Any, Any]] = {}

    def __deepcopy__(self, memo: dict[int, Any]) -> ExactPhrase:
        """A copy with its own, empty answers (never a copy of the readers they hold) and
        the same deadline (one search's)."""
        clone = copy.copy(self)
        clone.__dict__ = {name: copy.deepcopy(value, memo)
                          for name, value in self.__dict__.items()
                          if name not in ("_memo", "_deadline")}
        clone._memo = {}
        clone._deadline = self._deadline
        return clone

    @classmethod
    def replacing(cls, deadline: SearchDeadline) -> Any:
        """For ``Query.accept``: every plain side-by-side ``Phrase`` becomes this one."""

        def replace(node: query.Query) -> query.Query:
            if type(node) is query.Phrase and node.slop <= 1 and len(node.words) > 1:
                phrase = cls(node.fieldname, node.words, deadline, node.slop, node.boost,
                             node.char_ranges)
                phrase.startchar = getattr(node, "startchar", None)
                phrase.endchar = getattr(node, "endchar", None)
                return phrase
            return node

        return replace

    def matcher(self, searcher: Any, context: Any = None) -> matching.Matcher:
        weighting = searcher.weighting if context is None else context.weighting
        scores = self.scores(searcher, weighting)
        if scores is None:
            return super().matcher(searcher, context)
        if not scores:
            return matching.NullMatcher()
        ordered = sorted(scores)
        return PrescoredMatcher(ordered, [scores[doc] for doc in ordered])

    def scores(self, searcher: Any, weighting: Any) -> dict[int, float] | None:
        """Each live document with the phrase and its score (1.0 when unscored), or None
        where only Whoosh's own matcher applies (another scorer, no positions).

        Kept per segment reader and weighting: one search asks several times (to count
        the matches, then to score them).
        """
        reader = searcher.reader()
        key = ("scores", id(reader), self.fieldname, tuple(self.words), self.boost,
               id(weighting))
        kept = self._memo.get(key)
        if kept is None or kept[0] is not reader:
            # The weighting is kept alive with the answer, so its id is not reused.
            kept = (reader, (weighting, self._scores(searcher, reader, weighting)))
            self._memo[key] = kept
        found: dict[int, float] | None = kept[1][1]
        return found

    def _scores(self, searcher: Any, reader: Any, weighting: Any) -> dict[int, float] | None:
        if self.fieldname not in searcher.schema:
            return {}
        field = searcher.schema[self.fieldname]
        if not field.format or not field.format.supports("positions"):
            return None
        words = [str(word) for word in self.words]
        if any((self.fieldname, word.encode("utf-8")) not in reader for word in words):
            return {}
        lengths = length_bytes(reader, self.fieldname)
        if weighting is not None and (not isinstance(weighting, scoring.BM25F)
                                      or lengths is None or not field.scorable):
            return None
        matched = self._matched(reader, field, words)
        if not matched:
            return {}
        if weighting is None:
            return dict.fromkeys(matched[words[0]], 1.0)
        assert lengths is not None
        docs = list(matched[words[0]])
        # Each word's length divisors, one per document, the same for every word.
        divisors: list[float] | None = None
        total: Iterator[float] | None = None
        for word, postings in matched.items():
            # A word twice in the phrase ("the the") counts twice, as in Whoosh's phrase.
            weight = self.boost * words.count(word)
            scorer = weighting.scorer(searcher, self.fieldname, word.encode("utf-8"))
            if not isinstance(scorer, scoring.BM25FScorer):
                return None
            # Each word's BM25F score, top·tf / (tf + divisor), as a phrase query sums
            # them; the arithmetic is mapped over the documents, in C.
            top, table = bm25_factors(scorer)
            if divisors is None:
                divisors = list(map(table.__getitem__, map(lengths.__getitem__, docs)))
            tfs = list(map(postings.__getitem__, docs))
            part = map(truediv, map(mul, repeat(top * weight), tfs), map(add, tfs, divisors))
            total = part if total is None else map(add, total, part)
        assert total is not None
        return dict(zip(docs, total, strict=True))

    def _matched(self, reader: Any, field: Any, words: list[str]) -> dict[str, dict[int, float]]:
        """``_phrase_documents``, once per segment reader, whatever the weighting."""
        key = ("documents", id(reader), self.fieldname, tuple(words))
        kept = self._memo.get(key)
        if kept is None or kept[0] is not reader:
            kept = (reader, self._phrase_documents(reader, field, words))
            self._memo[key] = kept
        found: dict[str, dict[int, float]] = kept[1]
        return found

    def _phrase_documents(
        self, reader: Any, field: Any, words: list[str]
    ) -> dict[str, dict[int, float]]:
        """Per word, its weight in each live document holding the phrase; empty when none
        does."""
        check = self._deadline.check
        unique = list(dict.fromkeys(words))
        deleted = reader.deleted_docs_set
        # Candidates narrowed from the rarest word on: the documents with every article
        # pair of the phrase ("the who": see ArticlePairs), then with each word. Once
        # there are candidates, only the blocks holding one are read.
        candidates: set[int] | None = None
        pairs = PAIR_FIELDS.get(self.fieldname, "")
        paired = ArticlePairs.of_stems(words) if pairs in reader.schema else []
        # A phrase of two words that are a pair is matched where the pair is: the pair's
        # two words side by side is what it means. Their blocks are read for the words'
        # weights; their positions are not decoded.
        whole = len(words) == 2 and bool(paired)
        for pair in paired:
            check()
            found: set[int] = set()
            for ids, _ in posting_blocks(reader, pairs, pair, weights=False):
                found.update(ids)
            candidates = _narrowed(candidates, found, deleted)
            if not candidates:
                return {}
        rarity = {word: reader.doc_frequency(self.fieldname, word) for word in unique}
        unique.sort(key=rarity.__getitem__)
        # Each word's blocks are read once: a block is one pickle with its positions, so
        # keeping them costs memory only for the words of this phrase.
        blocks: dict[str, list[tuple[Any, Any, Any]]] = {}
        for word in unique:
            check()
            wanted = None if candidates is None else sorted(candidates)
            kept = blocks[word] = []
            found = set()
            for block in posting_values(reader, self.fieldname, word, wanted):
                kept.append(block)
                found.update(block[0])
                if len(kept) % 64 == 0:
                    check()
            candidates = _narrowed(candidates, found, deleted)
            if not candidates:
                return {}
        assert candidates is not None
        # Each word's postings in the candidates, in document order: the same documents
        # for every word, so index i is one document throughout. Picked out with
        # compress/map, in C (a word in every document has a posting in every block).
        docs: list[int] = []
        weights: dict[str, list[float]] = {}
        values: dict[str, list[Any]] = {}
        contains = candidates.__contains__
        for n, word in enumerate(unique):
            check()
            word_docs: list[int] = []
            word_weights = weights[word] = []
            word_values = values[word] = []
            for ids, block_weights, block_values in blocks.pop(word):
                if candidates.isdisjoint(ids):
                    continue
                keep = list(map(contains, ids))
                if n == 0:
                    word_docs.extend(compress(ids, keep))
                word_weights.extend(compress(block_weights, keep))
                if not whole:
                    word_values.extend(compress(block_values, keep))
            if n == 0:
                docs = word_docs
        if whole:
            return {word: dict(zip(docs, weights[word], strict=True)) for word in unique}
        decode = _positions_decoder(field.format)
        # Decoded a slice at a time: one ``loads`` of a very common word's positions holds
        # the interpreter lock (and the window's thread) for tens of milliseconds.
        gaps: dict[str, list[Sequence[int]]] = {}
        for word in unique:
            word_values = values.pop(word)
            decoded = gaps[word] = []
            for start in range(0, len(word_values), _CHECK_EVERY):
                decoded += decode(word_values[start:start + _CHECK_EVERY])
                check()
        # The rarest word first: its few positions leave few starts for the others to
        # confirm. Word k of the phrase at position p means a start at p - k: the gaps
        # are summed from -k (accumulate's first item, -k itself, is skipped). Each
        # document's starts are one set, narrowed word by word; a document left with none
        # is dropped before the next word. Each step is a chain of maps run in C, without
        # a Python step per document, a slice of documents between two looks at the clock.
        order = sorted(range(len(words)), key=lambda k: rarity[words[k]])
        alive = list(range(len(docs)))  # indexes into docs (and each word's lists)
        starts = _collected(map(set, _shifted(gaps[words[order[0]]], -order[0])), check)
        for k in order[1:]:
            if not alive:
                return {}
            word_gaps = map(gaps[words[k]].__getitem__, alive)
            starts = _collected(map(set.intersection, starts, _shifted(word_gaps, -k)), check)
            keep = list(map(bool, starts))
            alive = list(compress(alive, keep))
            starts = list(compress(starts, keep))
        if len(order) == 1:
            alive = list(compress(alive, map(bool, starts)))
        if not alive:
            return {}
        hits = list(map(docs.__getitem__, alive))
        return {word: dict(zip(hits, map(weights[word].__getitem__, alive), strict=True))
                for word in unique}


def _narrowed(candidates: set[int] | None, found: set[int], deleted: Any) -> set[int]:
    """The live documents among ``candidates`` (all, when None yet) that are in ``found``."""
    kept = found if candidates is None else candidates & found
    return kept - deleted if deleted else kept


def _collected(items: Iterator[set[int]], check: Callable[[], None]) -> list[set[int]]:
    """``list(items)``, a slice of ``_CHECK_EVERY`` at a time, looking at the clock after
    each: a phrase of common words at hundreds of thousands of articles has as many
    documents to compare."""
    found: list[set[int]] = []
    while part := list(islice(items, _CHECK_EVERY)):
        found += part
        check()
    return found


def _shifted(gaps: Iterable[Sequence[int]], shift: int) -> Iterator[Iterator[int]]:
    """Each document's positions (summed from its gaps) plus ``shift``, lazily, in C."""
    sums = map(partial(accumulate, initial=shift), gaps)
    return map(islice, sums, repeat(1), repeat(None))


def _positions_decoder(format_: Any) -> Callable[[list[Any]], list[Sequence[int]]]:
    """Encoded values to each one's list of gaps between positions.

    Whoosh's Positions format stores a count and a pickled list of gaps. Unpickled one by
    one, with Whoosh's loop summing them, they were most of a phrase of common words; here
    the pickles of many values are joined into one pickled list of lists (each value is a
    complete pickle, protocol 2, whose only memo use is a put of its own list), read by one
    ``loads``. These are the bytes Whoosh itself unpickles, from this installation's own
    index (an index from anywhere else is never opened: see IndexHome).
    """
    if type(format_) is not formats.Positions:
        positions = format_.decoder("positions")
        return lambda values: [_gaps(positions(value)) for value in values]

    head = _INT_SIZE + 2  # the count, then pickle's PROTO opcode and version

    def decode(values: list[bytes]) -> list[Sequence[int]]:
        if not values:
            return []
        if not all(map(bytes.endswith, values, repeat(b"."))) or not all(
                map(bytes.startswith, values, repeat(b"\x80\x02"), repeat(_INT_SIZE))):
            return [loads(value[_INT_SIZE:] if value.endswith(b".")
                          else value[_INT_SIZE:] + b".") for value in values]
        body = b"".join(map(itemgetter(slice(head, -1)), values))
        found: list[Sequence[int]] = loads(b"\x80\x02(" + body + b"l.")
        return found

    return decode


def _gaps(positions: Iterable[int]) -> list[int]:
    gaps, last = [], 0
    for position in positions:
        gaps.append(position - last)
        last = position
    return gaps
