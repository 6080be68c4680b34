"""A Whoosh TEXT field that turns a text into postings without Whoosh's per-token objects.

Indexing is the indexer process's main cost, and most of it was analysis: every title and
body is analysed for the stemmed field and its unstemmed twin (and its article pairs, see
PairField), each time through a tokenizer and filters that build and mutate a ``Token``
object per word. This field gives Whoosh exactly the postings its analyzer would (same
terms, frequencies, weights and encoded positions; a test compares them), from one
regular-expression pass per text shared by a field and its twin, and cached stems.
Queries still go through the analyzer.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from functools import cache
from typing import Any, Final

from whoosh import fields, formats
from whoosh.system import pack_uint

from index.text_analysis import TextAnalysis

_SMALL: Final = 256
# A word seen once in a text is most postings: its encoded position (Whoosh's Positions
# format: a count, then the pickled list of gaps) is looked up rather than pickled.
_SMALL_POSITIONS: Final = 4096
_SINGLE: Final = [formats.Positions().encode([pos]) for pos in range(_SMALL_POSITIONS)]


class TextField(fields.TEXT):
    """``stemmed``: the stemmed analyzer (title, body); otherwise the exact one."""

    def __init__(self, *, stemmed: bool, phrase: bool = True, field_boost: float = 1.0,
                 multitoken_query: str = "default") -> None:
        analyzer = TextAnalysis.stemmed_analyzer() if stemmed else TextAnalysis.exact_analyzer()
        super().__init__(analyzer=analyzer, phrase=phrase, field_boost=field_boost,
                         multitoken_query=multitoken_query)
        self.stemmed = stemmed

    def index(self, value: Any, **kwargs: Any) -> Iterator[tuple[bytes, int, float, bytes]]:
        if not isinstance(value, str) or kwargs or not self.fast():
            yield from super().index(value, **kwargs)
            return
        terms, counts, weights, values = self.postings(value)
        yield from zip(terms, counts, weights, values, strict=True)

    def fast(self) -> bool:
        """Whether ``postings`` serves this field (its format is one this schema uses)."""
        return type(self.format) in (formats.Positions, formats.Frequency)

    def postings(self, value: str) -> tuple[list[bytes], list[int], list[float], list[bytes]]:
        """The terms of ``value`` with their frequencies, weights and encoded values, as
        ``index`` yields them (lists, for a writer that adds a document's postings at once)."""
        words = TextAnalysis.stems(value) if self.stemmed else TextAnalysis.words(value)
        boost = float(self.format.field_boost)
        weight_of = _weight_table(boost)
        if type(self.format) is formats.Frequency:
            counts = Counter(words)
            return ([word.encode("utf-8") for word in counts], list(counts.values()),
                    [weight_of[n] if n < _SMALL else n * boost for n in counts.values()],
                    [pack_uint(n) for n in counts.values()])
        positions: dict[str, list[int]] = {}
        for pos, word in enumerate(words):
            found = positions.get(word)
            if found is None:
                positions[word] = [pos]
            else:
                found.append(pos)
        encode = self.format.encode
        single = _SINGLE
        values = []
        for poslist in positions.values():
            if len(poslist) == 1 and poslist[0] < _SMALL_POSITIONS:
                encoded = single[poslist[0]]
            else:
                encoded = encode(poslist)
            values.append(encoded)
        counts_list = [len(poslist) for poslist in positions.values()]
        return ([word.encode("utf-8") for word in positions], counts_list,
                [weight_of[n] if n < _SMALL else n * boost for n in counts_list], values)


@cache
def _weight_table(boost: float) -> list[float]:
    # One float object per small frequency, shared by all postings (a pool holds millions
    # of them). Not kept on the field: Whoosh pickles fields into the index.
    return [float(n) * boost for n in range(_SMALL)]
