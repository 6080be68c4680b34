"""Finds where a query's terms and phrases occur in a text, in code points."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from index.span_plan import FieldMarks, Phrase
from index.text_analysis import TextAnalysis, Token, fold_text

Span = tuple[int, int]

# Beyond this many candidate beginnings, scan for their first few letters only.
_MAX_ALTERNATIVES = 32
_SHARED_START = 3


class SpanFinder:
    """Re-tokenises text exactly as the index did and marks the tokens the query matched.

    Tokenising like the analyzers (not a regex over the query words) is what makes stems,
    fuzzy and prefix matches line up with what the index actually matched. Offsets come
    from the tokenizer's match positions on the original string, so they are code points
    even when lowercasing changes a token's length (e.g. "İ").

    Tokenising a whole body costs about a millisecond per 2,000 characters, most of a
    search's time; so the lowercased text is first scanned (at C speed) for the few places
    where a marked word can begin, and only those are tokenised. A Porter stem keeps the
    start of its word (only suffixes change), so every word with a marked stem begins with
    the stem less its last two letters.
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
        end = len(text) if limit is None else min(limit, len(text))
        lowered = (text if end == len(text) else text[:end]).lower()
        if len(lowered) != end:
            # Lowercasing changed lengths ("İ"): offsets in the lowered text would drift.
            return SpanFinder.find_by_tokens(text, marks, limit)
        # Accents folded as the index folds them (one character for one: same offsets).
        folded = fold_text(lowered)
        if folded is None:
            return SpanFinder.find_by_tokens(text, marks, limit)
        lowered = folded
        spans: list[Span] = []
        tokens = _Tokens(text, end)
        stem = TextAnalysis.stem
        for match in _candidates(marks).finditer(lowered):
            token = tokens.at(match.start())
            if token is None:
                continue
            word, start, end = token
            if word in marks.exact or (marks.stems and stem(word) in marks.stems):
                spans.append((start, end))
            for phrase in marks.phrases:
                spans.extend(_phrase_at(tokens, token, phrase))
        return _merged(spans)

    @staticmethod
    def find_by_tokens(
        text: str, marks: FieldMarks, limit: int | None = None
    ) -> tuple[Span, ...]:
        """The same spans, by tokenising all of ``text[:limit]`` (the reference method)."""
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
            for first in range(len(tokens)):
                for phrase in marks.phrases:
                    spans.extend(_phrase_in_list(tokens, stems, first, phrase))
        return _merged(spans)


class _Tokens:
    """Tokens of ``text[:limit]`` read on demand: the one starting at a place, the next."""

    def __init__(self, text: str, limit: int) -> None:
        self._text = text
        self._limit = limit

    def at(self, pos: int) -> Token | None:
        """The token starting at ``pos``, or None if no token starts there."""
        if not TextAnalysis.starts_token(self._text, pos):
            return None
        return TextAnalysis.token_at(self._text, pos, self._limit)

    def following(self, token: Token, count: int) -> Iterator[Token]:
        """Up to ``count`` tokens after ``token``, in order."""
        current: Token | None = token
        for _ in range(count):
            current = TextAnalysis.next_token(self._text, current[2], self._limit)
            if current is None:
                return
            yield current


def _phrase_at(tokens: _Tokens, first: Token, phrase: Phrase) -> list[Span]:
    words, slop = phrase
    stem = TextAnalysis.stem
    if stem(first[0]) != words[0]:
        return []
    if slop <= 1:
        rest = list(tokens.following(first, len(words) - 1))
        if len(rest) == len(words) - 1 and all(
            stem(token[0]) == word for token, word in zip(rest, words[1:], strict=True)
        ):
            # One span from the first word to the last: the phrase reads as a unit.
            return [(first[1], (rest[-1] if rest else first)[2])]
        return []
    # Words in order, each within ``slop`` positions of the previous one.
    found = [first]
    for word in words[1:]:
        nxt = next((t for t in tokens.following(found[-1], slop) if stem(t[0]) == word), None)
        if nxt is None:
            return []
        found.append(nxt)
    return [(token[1], token[2]) for token in found]


def _phrase_in_list(
    tokens: list[Token], stems: list[str], first: int, phrase: Phrase
) -> list[Span]:
    words, slop = phrase
    if stems[first] != words[0]:
        return []
    if slop <= 1:
        if stems[first : first + len(words)] == list(words):
            return [(tokens[first][1], tokens[first + len(words) - 1][2])]
        return []
    found = [first]
    for word in words[1:]:
        window = range(found[-1] + 1, min(len(stems), found[-1] + slop + 1))
        nxt = next((k for k in window if stems[k] == word), None)
        if nxt is None:
            return []
        found.append(nxt)
    return [(tokens[k][1], tokens[k][2]) for k in found]


@lru_cache(maxsize=128)
def _candidates(marks: FieldMarks) -> re.Pattern[str]:
    """Where a marked word may begin in lowercased text (a superset; tokens then decide)."""
    starts = set(marks.exact)
    stems = set(marks.stems) | {words[0] for words, _ in marks.phrases}
    starts.update(s[: max(1, len(s) - 2)] for s in stems)
    if len(starts) > _MAX_ALTERNATIVES:
        # Hundreds of expanded words ("pr*"): Python's regex engine tries alternatives one
        # by one, so a few shared beginnings scan faster than every word.
        starts = {start[:_SHARED_START] for start in starts}
    ordered = sorted(starts, key=len, reverse=True)
    return re.compile("|".join(re.escape(start) for start in ordered))


def _merged(spans: list[Span]) -> tuple[Span, ...]:
    merged: list[Span] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return tuple(merged)
