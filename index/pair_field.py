"""A field holding a text's article pairs (see ``ArticlePairs``), never typed into."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from whoosh import fields, formats
from whoosh.analysis import IDTokenizer

from index.article_pairs import ArticlePairs
from index.text_analysis import TextAnalysis


class PairField(fields.FieldType):
    """Each pair once per document, without frequency or positions: a phrase holding the
    pair is still confirmed from its words' positions, in the documents found here only.
    Not scorable (no length column) and not stored."""

    def __init__(self) -> None:
        # The analyzer is Whoosh's for a typed value, which a pair term is whole; the
        # postings of a text come from ``index``.
        super().__init__(formats.Existence(), IDTokenizer())

    def index(self, value: Any, **kwargs: Any) -> Iterator[tuple[bytes, int, float, bytes]]:
        if not isinstance(value, str):
            raise ValueError(f"{value!r} is not a text")
        # The text was just stemmed for its stemmed field (kept: see ``stems``).
        for pair in ArticlePairs.of_stems(TextAnalysis.stems(value)):
            yield pair.encode("utf-8"), 1, 1.0, b""
