"""Cuts the best one or two fragments of a body around its matched spans."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from index.snippet import Snippet

Span = tuple[int, int]

ELLIPSIS = "…"
_WHITESPACE = re.compile(r"\s+")
# Never start or end a cut inside a grapheme: skin tones, joiners and variation selectors
# belong to the emoji before them, combining marks to the letter before them.
_JOINERS = frozenset("\u200d\ufe0e\ufe0f")


@dataclass(slots=True)
class _Cluster:
    start: int
    end: int
    spans: list[Span]
    terms: set[str]


class SnippetMaker:
    """Builds a ``Snippet`` of about ``max_chars`` characters from a body and its spans."""

    def __init__(self, max_chars: int = 240, opening_chars: int = 200) -> None:
        self._max_chars = max_chars
        self._opening_chars = opening_chars
        # Two fragments share the budget; spans further apart than this start a new cluster.
        self._fragment_chars = max_chars // 2
        self._reach = self._fragment_chars * 2 // 3

    def make(self, body: str, spans: Sequence[Span]) -> Snippet:
        """Snippet around the spans, or the body's opening when no body term matched."""
        if not body.strip():
            return Snippet("", ())
        if not spans:
            return self._opening(body)
        windows = self._choose_windows(body, sorted(spans))
        return self._assemble(body, windows, spans)

    def _opening(self, body: str) -> Snippet:
        end = self._snap_end(body, min(len(body), self._opening_chars), 0)
        start = 0
        while start < end and body[start].isspace():
            start += 1
        if start >= end:
            return Snippet("", ())
        return self._assemble(body, [(start, end)], ())

    def _choose_windows(self, body: str, spans: list[Span]) -> list[Span]:
        clusters: list[_Cluster] = []
        for start, end in spans:
            term = body[start:end].casefold()
            if clusters and end - clusters[-1].start <= self._reach:
                cluster = clusters[-1]
                cluster.end = end
                cluster.spans.append((start, end))
                cluster.terms.add(term)
            else:
                clusters.append(_Cluster(start, end, [(start, end)], {term}))
        # Prefer the passage with the most different query words, then the most matches.
        best = max(clusters, key=lambda c: (len(c.terms), len(c.spans), -c.start))
        others = [c for c in clusters if c is not best]
        second = max(
            others,
            key=lambda c: (len(c.terms - best.terms), len(c.terms), len(c.spans), -c.start),
            default=None,
        )
        # A second fragment only earns its place by showing a word the first one lacks;
        # otherwise one longer fragment reads better.
        if second is None or not (second.terms - best.terms):
            return [self._window(body, best.start, best.end, self._max_chars)]
        first_window = self._window(body, best.start, best.end, self._fragment_chars)
        second_window = self._window(body, second.start, second.end, self._fragment_chars)
        windows = sorted([first_window, second_window])
        if windows[1][0] - windows[0][1] <= 10:
            # Overlapping or nearly touching: one fragment without an ellipsis in between.
            return [(windows[0][0], max(windows[0][1], windows[1][1]))]
        return windows

    def _window(self, body: str, first: int, last: int, budget: int) -> Span:
        length = len(body)
        extra = max(0, budget - (last - first))
        # Some context before the match, more after it (text is read forward).
        start = max(0, first - extra // 3)
        end = min(length, start + max(budget, last - start))
        start = max(0, min(start, end - budget))
        return self._snap_start(body, start, first), self._snap_end(body, end, last)

    @staticmethod
    def _snap_start(body: str, start: int, limit: int) -> int:
        if start > 0 and not body[start - 1].isspace():
            gap = _WHITESPACE.search(body, start, limit)
            # No space before the match (CJK, or one huge token): cut mid-run instead.
            if gap is not None:
                start = gap.end()
        while start < limit and (body[start].isspace() or _continues_grapheme(body[start])):
            start += 1
        return start

    @staticmethod
    def _snap_end(body: str, end: int, limit: int) -> int:
        length = len(body)
        if end < length and not body[end].isspace():
            cut = max((m.start() for m in _WHITESPACE.finditer(body, limit, end)), default=None)
            if cut is not None:
                end = cut
        while end < length and _continues_grapheme(body[end]):
            end += 1
        while end > limit and body[end - 1].isspace():
            end -= 1
        return end

    @staticmethod
    def _assemble(body: str, windows: Sequence[Span], spans: Sequence[Span]) -> Snippet:
        parts: list[str] = []
        out_spans: list[Span] = []
        length = 0
        for index, (first, last) in enumerate(windows):
            lead = ""
            if index:
                lead = f" {ELLIPSIS} "
            elif first > 0:
                lead = f"{ELLIPSIS} "
            parts.append(lead)
            length += len(lead)
            text, shift = _collapse_whitespace(body[first:last])
            # Only spans wholly inside the fragment; a span cut in half would mislead.
            for start, end in spans:
                if first <= start and end <= last:
                    out_spans.append((length + shift(start - first), length + shift(end - first)))
            parts.append(text)
            length += len(text)
        if windows[-1][1] < len(body):
            parts.append(f" {ELLIPSIS}")
        return Snippet("".join(parts), tuple(sorted(out_spans)))


def _continues_grapheme(char: str) -> bool:
    return (
        unicodedata.combining(char) != 0
        or char in _JOINERS
        or "\U0001f3fb" <= char <= "\U0001f3ff"  # emoji skin-tone modifiers
    )


def _collapse_whitespace(fragment: str) -> tuple[str, Callable[[int], int]]:
    """Fold newlines and runs of spaces into one space; return the text and an offset map.

    Paragraph breaks ("\\n\\n") would make a one-line result row look empty.
    """
    pieces: list[str] = []
    run_ends: list[int] = []
    removed_after: list[int] = []
    removed = 0
    pos = 0
    for match in _WHITESPACE.finditer(fragment):
        if match.group() == " ":
            continue
        pieces.append(fragment[pos : match.start()])
        pieces.append(" ")
        removed += len(match.group()) - 1
        run_ends.append(match.end())
        removed_after.append(removed)
        pos = match.end()
    pieces.append(fragment[pos:])

    def shift(offset: int) -> int:
        # Spans never start or end inside a whitespace run, so only whole runs before count.
        runs = bisect_right(run_ends, offset)
        return offset - (removed_after[runs - 1] if runs else 0)

    return "".join(pieces), shift
