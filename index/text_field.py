"""A Whoosh TEXT field that turns a text into postings without Whoosh's per-token objects.

Indexing is the indexer process's main cost, and most of it was analysis: every title and
body is analysed twice (the stemmed field and its unstemmed twin), each time through a
tokenizer and filters that build and mutate a ``Token`` object per word. This field gives
Whoosh exactly the postings its analyzer would (same terms, frequencies, weights and
encoded positions; a test compares them), from one regular-expression pass per text shared
by the two fields of a pair, and cached stems. Queries still go through the analyzer.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from whoosh import fields, formats
from whoosh.system import pack_uint

from index.text_analysis import TextAnalysis


class TextField(fields.TEXT):
    """``stemmed``: the stemmed analyzer (title, body); otherwise the exact one."""

    def __init__(self, *, stemmed: bool, phrase: bool = True, field_boost: float = 1.0,
                 multitoken_query: str = "default") -> None:
        analyzer = TextAnalysis.stemmed_analyzer() if stemmed else TextAnalysis.exact_analyzer()
        super().__init__(analyzer=analyzer, phrase=phrase, field_boost=field_boost,
                         multitoken_query=multitoken_query)
        self.stemmed = stemmed

    def index(self, value: Any, **kwargs: Any) -> Iterator[tuple[bytes, int, float, bytes]]:
        if not isinstance(value, str) or kwargs:
            yield from super().index(value, **kwargs)
            return
        words = TextAnalysis.words(value)
        if self.stemmed:
            stem = TextAnalysis.stem
            words = [stem(word) for word in words]
        boost = self.format.field_boost
        if isinstance(self.format, formats.Positions):
            positions: dict[str, list[int]] = {}
            for pos, word in enumerate(words):
                found = positions.get(word)
                if found is None:
                    positions[word] = [pos]
                else:
                    found.append(pos)
            encode = self.format.encode
            for word, poslist in positions.items():
                count = len(poslist)
                yield word.encode("utf-8"), count, float(count) * boost, encode(poslist)
        elif isinstance(self.format, formats.Frequency):
            counts: dict[str, int] = {}
            for word in words:
                counts[word] = counts.get(word, 0) + 1
            for word, count in counts.items():
                yield word.encode("utf-8"), count, float(count) * boost, pack_uint(count)
        else:  # not a format this schema uses: Whoosh's own way
            yield from super().index(value, **kwargs)
