"""Finds where a query's terms and phrases occur in a text, in code points."""

from __future__ import annotations

from collections.abc import Sequence

from index.span_plan import FieldMarks, Phrase
from index.text_analysis import TextAnalysis, Token

Span = tuple[int, int]


class SpanFinder:
    """Re-tokenises text exactly as the index did and marks the tokens the query matched.

    Tokenising like the analyzers (not a regex over the query words) is what makes stems,
    fuzzy and prefix matches line up with what the index actually matched. Offsets come
    from the tokenizer's match positions on the original string, so they are code points
    even when lowercasing changes a token's length (e.g. "İ").
    """

    @staticmethod
    def find(text: str, marks: FieldMarks, limit: int | None = None) -> tuple[Span, ...]:
        """Sorted, non-overlapping ``[start, end)`` spans within ``text[:limit]``.

        ``limit`` bounds the work on very long texts (a 100 MB article once made every
        search that found it take 28 s). Touching spans are merged, so a phrase or a run of
        CJK characters reads as one marked stretch.
        """
        if not text or not marks:
            return ()
        tokens = list(TextAnalysis.tokens(text, limit))
        stem = TextAnalysis.stem
        spans: list[Span] = []
        if marks.stems or marks.exact:
            for word, start, end in tokens:
                if word in marks.exact or (marks.stems and stem(word) in marks.stems):
                    spans.append((start, end))
        if marks.phrases:
            stems = [stem(word) for word, _, _ in tokens]
            for phrase in marks.phrases:
                spans.extend(_phrase_spans(tokens, stems, phrase))
        return _merged(spans)


def _phrase_spans(tokens: Sequence[Token], stems: Sequence[str], phrase: Phrase) -> list[Span]:
    words, slop = phrase
    spans: list[Span] = []
    last = len(stems) - len(words)
    for first in range(last + 1):
        if stems[first] != words[0]:
            continue
        if slop <= 1:
            if all(stems[first + n] == word for n, word in enumerate(words)):
                # One span from the first word to the last: the phrase reads as a unit.
                spans.append((tokens[first][1], tokens[first + len(words) - 1][2]))
            continue
        # Words in order, each within ``slop`` positions of the previous one.
        found = [first]
        for word in words[1:]:
            window = range(found[-1] + 1, min(len(stems), found[-1] + slop + 1))
            nxt = next((k for k in window if stems[k] == word), None)
            if nxt is None:
                break
            found.append(nxt)
        else:
            spans.extend((tokens[k][1], tokens[k][2]) for k in found)
    return spans


def _merged(spans: list[Span]) -> tuple[Span, ...]:
    merged: list[Span] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return tuple(merged)
