"""A matcher over documents whose scores were computed beforehand, in blocks with a known
best score each, so that Whoosh's top-N collector can skip what cannot reach the top."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator, Sequence
from typing import Final

from whoosh import matching

# Documents per block: as Whoosh's own posting blocks.
BLOCK: Final = 128


class PrescoredMatcher(matching.Matcher):
    """Documents ``ids`` (ascending) with their final ``scores``.

    An expanded prefix or fuzzy term is a union of up to hundreds of words: stepping a tree
    of union matchers costs microseconds of Python per posting at every level. Summed once
    per document in tight loops instead, the union is one sorted list, and the block
    maxima give the collector what it needs to skip (``skip_to_quality``) and to drop the
    whole term once its best document can no longer make the top N (``replace``).
    """

    def __init__(self, ids: Sequence[int], scores: Sequence[float], position: int = 0) -> None:
        self._ids = ids
        self._scores = scores
        self._i = position
        blocks = [max(scores[start:start + BLOCK]) for start in range(0, len(scores), BLOCK)]
        self._block_best = blocks
        # The best score from each block to the end, for max_quality() in constant time.
        best_after = blocks[:]
        for block in range(len(best_after) - 2, -1, -1):
            best_after[block] = max(best_after[block], best_after[block + 1])
        self._best_after = best_after

    def __repr__(self) -> str:
        return f"PrescoredMatcher({len(self._ids)} documents)"

    def is_active(self) -> bool:
        return self._i < len(self._ids)

    def reset(self) -> None:
        self._i = 0

    def copy(self) -> PrescoredMatcher:
        return PrescoredMatcher(self._ids, self._scores, self._i)

    def id(self) -> int:
        return self._ids[self._i]

    def all_ids(self) -> Iterator[int]:
        return iter(self._ids[self._i:])

    def next(self) -> bool:
        self._i += 1
        # True when a new block begins: the collector then looks at its quality again.
        return self._i % BLOCK == 0

    def skip_to(self, target: int) -> None:
        if not self.is_active():
            raise matching.ReadTooFar
        if target > self._ids[self._i]:
            self._i = bisect_left(self._ids, target, self._i)

    def weight(self) -> float:
        return self._scores[self._i]

    def score(self) -> float:
        return self._scores[self._i]

    def supports_block_quality(self) -> bool:
        return True

    def block_quality(self) -> float:
        # Whoosh's union and intersection ask again after a skip that may have run this
        # matcher out: its position is then past its last block.
        return self._block_best[self._i // BLOCK] if self.is_active() else 0.0

    def max_quality(self) -> float:
        return self._best_after[self._i // BLOCK] if self.is_active() else 0.0

    def skip_to_quality(self, minquality: float) -> int:
        skipped = 0
        while self.is_active() and self._block_best[self._i // BLOCK] <= minquality:
            self._i = (self._i // BLOCK + 1) * BLOCK
            skipped += 1
        return skipped

    def replace(self, minquality: float = 0) -> matching.Matcher:
        if not self.is_active() or (minquality and self.max_quality() < minquality):
            return matching.NullMatcher()
        return self

    def supports(self, astype: str) -> bool:
        return False
