"""Expands prefix, wildcard, fuzzy and range terms into a capped list of index words."""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Final

from whoosh import query
from whoosh.reading import IndexReader
from whoosh.searching import Searcher

from index.expanded_terms import ExpandedTerms
from index.search_deadline import SearchDeadline

# Words kept per expanded term and field. At 50k articles "pr*" alone has thousands of
# words; every one costs a posting-list read, and most are rare enough not to matter.
MAX_EXPANSIONS: Final = 500
# And the postings they may bring (the sum of their document frequencies): every posting
# is scored in Python, so this, not the word count, bounds the time a prefix takes as the
# collection grows. The most common word is always kept, whatever its frequency.
MAX_EXPANDED_POSTINGS: Final = 20_000
# How often (in words looked at) the deadline is checked while walking the term list.
_CHECK_EVERY: Final = 256


@dataclass(frozen=True, slots=True)
class Expansion:
    """The query with every multi-word term replaced, and what the user must be told."""

    query: query.Query
    # One sentence per term whose expansion was cut to the most common words.
    notices: tuple[str, ...]

    @property
    def capped(self) -> bool:
        """Some words matching the query were left out, so counts are lower bounds."""
        return bool(self.notices)


class TermExpander:
    """Replaces each ``MultiTerm`` leaf by an ``ExpandedTerms`` of at most ``cap`` words
    bringing at most ``postings`` postings.

    Walking the term list checks the deadline every few hundred words, and when more
    words match than the caps allow, the most common ones (by document frequency) are
    kept: they are the ones a reader most likely meant, and the result says so.
    """

    def __init__(
        self, cap: int = MAX_EXPANSIONS, postings: int = MAX_EXPANDED_POSTINGS
    ) -> None:
        self._cap = cap
        self._postings = postings

    def expand(
        self, parsed: query.Query, searcher: Searcher, deadline: SearchDeadline
    ) -> Expansion:
        reader = searcher.reader()
        notices: dict[str, None] = {}  # ordered set: one sentence per typed term

        def replace(node: query.Query) -> query.Query:
            if isinstance(node, ExpandedTerms) or not isinstance(node, query.MultiTerm):
                return node
            fieldname = node.field()
            if fieldname is None or fieldname not in reader.schema:
                return query.NullQuery
            found = self._candidates(node, reader, deadline)
            # The word as typed comes first: "form~" must not lose "form" to a more common
            # neighbour ("from") when the caps bite.
            typed = node.text if isinstance(node, query.FuzzyTerm) else None
            ranked = sorted(found.items(), key=lambda item: (item[0] != typed, -item[1], item[0]))
            words = self._most_common(ranked)
            if len(words) < len(ranked):
                notices[self._notice(node, len(words))] = None
            if not words:
                # A term no index word matches behaves like a term that is not there.
                return query.NullQuery
            return ExpandedTerms(
                fieldname,
                [word for word, _ in words],
                _typed(node),
                deadline,
                boost=node.boost,
                frequency=sum(freq for _, freq in words),
            )

        return Expansion(parsed.accept(replace), tuple(notices))

    def _most_common(self, ranked: list[tuple[str, int]]) -> list[tuple[str, int]]:
        kept: list[tuple[str, int]] = []
        postings = 0
        for word, freq in ranked[: self._cap]:
            if kept and postings + freq > self._postings:
                break
            kept.append((word, freq))
            postings += freq
        return kept

    def _candidates(
        self, node: query.MultiTerm, reader: IndexReader, deadline: SearchDeadline
    ) -> dict[str, int]:
        """Every index word the node matches, with its document frequency."""
        fieldname = node.field()
        assert fieldname is not None
        found: dict[str, int] = {}
        if isinstance(node, query.FuzzyTerm):
            pairs: Iterable[tuple[str, int]] = self._fuzzy(node, reader)
        elif isinstance(node, query.Prefix):
            pairs = _prefixed(reader, fieldname, node.text, deadline)
        elif isinstance(node, query.Wildcard):
            pattern = re.compile(fnmatch.translate(node.text))
            literal = re.split(r"[*?\[]", node.text, maxsplit=1)[0]
            pairs = (
                (word, freq)
                for word, freq in _prefixed(reader, fieldname, literal, deadline)
                if pattern.match(word)
            )
        else:
            # Ranges, regular expressions: Whoosh's own walk, with our clock and cap.
            pairs = (
                (btext.decode("utf-8"), reader.doc_frequency(fieldname, btext))
                for btext in node._btexts(reader)
            )
        for count, (word, freq) in enumerate(pairs):
            if count % _CHECK_EVERY == 0:
                deadline.check()
            found[word] = freq
        return found

    @staticmethod
    def _fuzzy(node: query.FuzzyTerm, reader: IndexReader) -> Iterator[tuple[str, int]]:
        fieldname = node.field()
        assert fieldname is not None
        seen: set[str] = set()
        # Per segment: a segment walks its term list with a Levenshtein automaton, while a
        # multi-segment reader would fall back to comparing every word with the prefix.
        for leaf, _offset in reader.leaf_readers():
            for word in leaf.terms_within(fieldname, node.text, node.maxdist, node.prefixlength):
                if word not in seen:
                    seen.add(word)
                    yield word, reader.doc_frequency(fieldname, word)

    @staticmethod
    def _notice(node: query.MultiTerm, kept: int) -> str:
        typed = _typed(node)
        if isinstance(node, query.Prefix):
            what = f"starting with “{node.text}”"
        elif isinstance(node, query.FuzzyTerm):
            what = f"similar to “{node.text}”"
        else:
            what = f"matching “{typed}”"
        if kept == 1:
            return f"Only the most common word {what} was searched."
        return f"Only the {kept:,} most common words {what} were searched."


def _prefixed(reader: IndexReader, fieldname: str, prefix: str,
              deadline: SearchDeadline) -> Iterator[tuple[str, int]]:
    """Every word of ``fieldname`` starting with ``prefix``, with its document frequency.
    Summed segment by segment: each walks its own sorted term list, while the combined
    reader looks every word up in every segment (a third of "co*" at 50,000 articles)."""
    totals: dict[bytes, int] = {}
    for leaf, _offset in reader.leaf_readers():
        for count, (btext, info) in enumerate(leaf.iter_prefix(fieldname, prefix)):
            if count % _CHECK_EVERY == 0:
                deadline.check()
            totals[btext] = totals.get(btext, 0) + info.doc_frequency()
    for btext, freq in totals.items():
        yield btext.decode("utf-8"), freq


def _typed(node: query.MultiTerm) -> str:
    if isinstance(node, query.Prefix):
        return f"{node.text}*"
    if isinstance(node, query.FuzzyTerm):
        return f"{node.text}~"
    return str(getattr(node, "text", node))
