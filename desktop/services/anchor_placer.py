"""Placing a highlight (or a mention) again after its article's text changed.

Kept out of ``domain`` (standard library only) because approximate matching uses rapidfuzz.

A highlight keeps both W3C selectors: where it was (code points, end exclusive) and what
it said (the exact text with some context either side). When the body changes, in order:

1. the exact text is still at the old position, with its context: it stays;
2. the exact text occurs elsewhere: each occurrence is scored by how much of the old
   context surrounds it and how near it is to where the passage would have moved; the best
   is taken only when it clearly wins;
3. otherwise the best approximate match near the expected place (rapidfuzz alignment) is
   taken when it is very close to the old text.

Anything less certain is never moved silently: the result says "needs review" and carries
the best candidate for the user to accept, re-select or detach. (QualCoder's shifted codes
after edits and Hypothesis' silent look-alike anchors are the two failures avoided here.)
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz

from desktop.domain.highlight import AnchorStatus
from desktop.domain.text_quote import TextQuote

# An occurrence whose context agrees this much (0..1) is the same passage.
CONTEXT_AGREES = 0.5
# ... and it must beat the runner-up by this much, or the choice is the user's.
CLEAR_LEAD = 0.2
# An approximate match at least this similar (0..100) is the same passage, lightly edited.
FUZZY_ACCEPT = 90.0
# Below this, no candidate is worth showing.
FUZZY_SUGGEST = 60.0
# Approximate matching costs quote length times window length: bounded for long passages.
_FUZZY_MAX_QUOTE = 4000
_MAX_OCCURRENCES = 2000
# One side of the context, unchanged, vouches for a unique occurrence when it is this long.
_SIDE_MIN = 12


@dataclass(frozen=True, slots=True)
class Placement:
    status: AnchorStatus
    # The chosen span, or for NEEDS_REVIEW the best candidate (-1, -1 when there is none).
    start: int
    end: int
    confidence: float  # 0..1
    method: str  # "position", "quote", "fuzzy" or "none"

    @property
    def has_candidate(self) -> bool:
        return self.start >= 0


class AnchorPlacer:
    """Stateless; a class so that callers can swap in a stricter or looser one."""

    @staticmethod
    def place(body: str, start: int, end: int, quote: TextQuote, old_length: int) -> Placement:
        """Where the passage ``quote`` (once at ``[start, end)`` of a body ``old_length``
        long) is in ``body`` now."""
        return _place(body, start, end, quote, old_length)


def _place(body: str, start: int, end: int, quote: TextQuote, old_length: int) -> Placement:
    exact = quote.exact
    if not exact:
        return _lost()
    if body[start:end] == exact and _context(body, start, end, quote) >= CONTEXT_AGREES:
        return Placement(AnchorStatus.ANCHORED, start, end, 1.0, "position")
    # Where the passage would be if the text around it grew or shrank evenly.
    expected = round(start * len(body) / old_length) if old_length else start
    found = _by_quote(body, quote, expected)
    if found is not None:
        return found
    return _by_fuzzy(body, quote, expected)


def _by_quote(body: str, quote: TextQuote, expected: int) -> Placement | None:
    exact = quote.exact
    occurrences = []
    at = body.find(exact)
    while at >= 0 and len(occurrences) < _MAX_OCCURRENCES:
        occurrences.append(at)
        at = body.find(exact, at + 1)
    if not occurrences:
        return None
    span = max(1, len(body))
    scored = sorted(
        ((_context(body, at, at + len(exact), quote) - 0.1 * abs(at - expected) / span, at)
         for at in occurrences),
        reverse=True,
    )
    best_score, best = scored[0]
    runner_up = scored[1][0] if len(scored) > 1 else -1.0
    end = best + len(exact)
    if best_score >= CONTEXT_AGREES and best_score - runner_up >= CLEAR_LEAD:
        return Placement(AnchorStatus.ANCHORED, best, end, min(1.0, best_score), "quote")
    if len(occurrences) == 1 and not quote.prefix and not quote.suffix:
        # The passage was the whole text around it (no context to compare): unique is enough.
        return Placement(AnchorStatus.ANCHORED, best, end, 0.9, "quote")
    if len(occurrences) == 1 and _one_side_intact(body, best, end, quote):
        # The only occurrence, with the text on one side unchanged: a sentence was rewritten
        # next to the passage ("UPDATE: late on Monday ..."), the passage itself stayed.
        return Placement(AnchorStatus.ANCHORED, best, end, 0.8, "quote")
    return Placement(AnchorStatus.NEEDS_REVIEW, best, end, max(0.0, best_score), "quote")


def _by_fuzzy(body: str, quote: TextQuote, expected: int) -> Placement:
    exact = quote.exact
    if len(exact) > _FUZZY_MAX_QUOTE or len(exact) < 4:
        return _lost()
    reach = 4 * len(exact) + 2000
    low, high = max(0, expected - reach), min(len(body), expected + len(exact) + reach)
    window = body[low:high]
    if len(window) < len(exact) // 2:
        return _lost()
    found = fuzz.partial_ratio_alignment(exact, window, score_cutoff=FUZZY_SUGGEST)
    if found is None:
        return _lost()
    start, end = _snap(body, low + found.dest_start, low + found.dest_end)
    # The alignment has the quote's length; snapped to whole words, re-score what it holds.
    score = fuzz.ratio(exact, body[start:end])
    # Similar text with its context in place is the same passage; without, a look-alike.
    context = _context(body, start, end, quote)
    if score >= FUZZY_ACCEPT and context >= CONTEXT_AGREES:
        return Placement(AnchorStatus.ANCHORED, start, end, score / 100, "fuzzy")
    return Placement(AnchorStatus.NEEDS_REVIEW, start, end, score / 100 * 0.9, "fuzzy")


def _snap(body: str, start: int, end: int, reach: int = 3) -> tuple[int, int]:
    """Widen ``[start, end)`` to whole words (an edit inside the passage shifts the
    alignment by a few characters: "rown  fox" should be "brown  fox")."""
    for _ in range(reach):
        if start > 0 and body[start - 1].isalnum() and body[start].isalnum():
            start -= 1
    for _ in range(reach):
        if end < len(body) and body[end].isalnum() and body[end - 1].isalnum():
            end += 1
    return start, end


def _context(body: str, start: int, end: int, quote: TextQuote) -> float:
    """How much of the old prefix and suffix surround ``[start, end)`` (0..1)."""
    wanted = len(quote.prefix) + len(quote.suffix)
    if not wanted:
        return 1.0
    before = body[max(0, start - len(quote.prefix)):start]
    after = body[end:end + len(quote.suffix)]
    same = _common_suffix(before, quote.prefix) + _common_prefix(after, quote.suffix)
    return same / wanted


def _one_side_intact(body: str, start: int, end: int, quote: TextQuote) -> bool:
    """The whole old prefix, or the whole old suffix, still borders ``[start, end)`` (a
    side shorter than ``_SIDE_MIN`` characters, at the edge of the text, says too little)."""
    prefix, suffix = quote.prefix, quote.suffix
    before = body[max(0, start - len(prefix)):start]
    after = body[end:end + len(suffix)]
    return ((len(prefix) >= _SIDE_MIN and before == prefix)
            or (len(suffix) >= _SIDE_MIN and after == suffix))


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _common_suffix(a: str, b: str) -> int:
    return _common_prefix(a[::-1], b[::-1])


def _lost() -> Placement:
    return Placement(AnchorStatus.NEEDS_REVIEW, -1, -1, 0.0, "none")
