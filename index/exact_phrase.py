"""Phrases matched by set operations on posting blocks, then word positions per candidate."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from itertools import accumulate, compress, islice, repeat
from operator import itemgetter
from pickle import loads
from typing import Any, Final

from whoosh import formats, matching, query, scoring
from whoosh.system import _INT_SIZE

from index.posting_blocks import length_bytes, posting_values
from index.prescored_matcher import PrescoredMatcher
from index.search_deadline import SearchDeadline
from index.term_scores import bm25_factors

# Candidates verified between two looks at the clock.
_CHECK_EVERY: Final = 256


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
        where only Whoosh's own matcher applies (another scorer, no positions)."""
        if self.fieldname not in searcher.schema:
            return {}
        field = searcher.schema[self.fieldname]
        if not field.format or not field.format.supports("positions"):
            return None
        reader = searcher.reader()
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
        scores = dict.fromkeys(matched[words[0]], 0.0)
        for word, postings in matched.items():
            # A word twice in the phrase ("the the") counts twice, as in Whoosh's phrase.
            weight = self.boost * words.count(word)
            scorer = weighting.scorer(searcher, self.fieldname, word.encode("utf-8"))
            if not isinstance(scorer, scoring.BM25FScorer):
                return None
            # Each word's BM25F score, as a phrase query sums them.
            top, divisor = bm25_factors(scorer)
            top *= weight
            for doc, (tf, _) in postings.items():
                scores[doc] += top * tf / (tf + divisor[lengths[doc]])
        return scores

    def _matched(
        self, reader: Any, field: Any, words: list[str]
    ) -> dict[str, dict[int, tuple[float, Any]]]:
        """``_phrase_documents``, once per segment reader: one search asks twice (to count
        the matches, then to score them)."""
        memo = self.__dict__.setdefault("_memo", {})
        kept = memo.get(id(reader))
        if kept is None or kept[0] is not reader:
            kept = (reader, self._phrase_documents(reader, field, words))
            memo[id(reader)] = kept
        return kept[1]

    def _phrase_documents(
        self, reader: Any, field: Any, words: list[str]
    ) -> dict[str, dict[int, tuple[float, Any]]]:
        """Per word, its (weight, encoded positions) in each live document holding the
        phrase; empty when none does."""
        check = self._deadline.check
        unique = list(dict.fromkeys(words))
        # Each word's blocks are read once: a block is one pickle with its positions, so
        # keeping them costs memory only for the words of this phrase.
        blocks: dict[str, list[tuple[Any, Any, Any]]] = {}
        sets: dict[str, set[int]] = {}
        for word in unique:
            check()
            kept = blocks[word] = []
            found: set[int] = set()
            for block in posting_values(reader, self.fieldname, word):
                kept.append(block)
                found.update(block[0])
                if len(kept) % 64 == 0:
                    check()
            sets[word] = found
        candidates = set.intersection(*sets.values())
        deleted = reader.deleted_docs_set
        if deleted:
            candidates -= deleted
        if not candidates:
            return {}
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
            for ids, block_weights, block_values in blocks[word]:
                if candidates.isdisjoint(ids):
                    continue
                keep = list(map(contains, ids))
                if n == 0:
                    word_docs.extend(compress(ids, keep))
                word_weights.extend(compress(block_weights, keep))
                word_values.extend(compress(block_values, keep))
            if n == 0:
                docs = word_docs
        decode = _positions_decoder(field.format)
        gaps = {word: decode(values[word]) for word in unique}
        check()
        # The rarest word first: its few positions leave few starts for the others to
        # confirm. Word k of the phrase at position p means a start at p - k; the gaps
        # are summed from -k (accumulate's first item, -k itself, is skipped), in C.
        order = sorted(range(len(words)), key=lambda k: len(sets[words[k]]))
        steps = [(gaps[words[k]], -k) for k in order]
        (first_gaps, first_shift), rest = steps[0], steps[1:]
        hits: list[int] = []
        for i in range(len(docs)):
            if i % _CHECK_EVERY == 0:
                check()
            starts = set(islice(accumulate(first_gaps[i], initial=first_shift), 1, None))
            for word_gaps, shift in rest:
                starts.intersection_update(
                    islice(accumulate(word_gaps[i], initial=shift), 1, None))
                if not starts:
                    break
            if starts:
                hits.append(i)
        if not hits:
            return {}
        return {word: {docs[i]: (weights[word][i], values[word][i]) for i in hits}
                for word in unique}


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
        if sum(map(bytes.endswith, values, repeat(b"."))) != len(values) or any(
                not value.startswith(b"\x80\x02", _INT_SIZE) for value in values):
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
