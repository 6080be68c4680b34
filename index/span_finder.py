"""Finds where matched index terms occur in a stored text."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from typing import Any

Span = tuple[int, int]


class SpanFinder:
    """Re-tokenises text with the field's own analyzer and marks tokens that are matched terms.

    Using the analyzer (not a regex over the query words) is what makes stems, fuzzy and
    prefix matches line up with what the index actually matched. Token offsets come from the
    tokenizer's match positions on the original string, so they are code points even when
    lowercasing changes a token's length (e.g. "İ").
    """

    @staticmethod
    def find(
        analyzer: Callable[..., Iterable[Any]], text: str, terms: Collection[str]
    ) -> tuple[Span, ...]:
        """Sorted, non-overlapping ``[start, end)`` spans; touching spans are merged."""
        if not text or not terms:
            return ()
        spans: list[Span] = []
        # The analyzer yields one reused Token object: read its fields before the next step.
        for token in analyzer(text, chars=True, positions=True, mode="index"):
            if token.text in terms:
                start, end = token.startchar, token.endchar
                # CJK characters are separate tokens; "東京" should be marked as one run.
                if spans and spans[-1][1] == start:
                    spans[-1] = (spans[-1][0], end)
                else:
                    spans.append((start, end))
        return tuple(spans)
