"""An estimate of the time a long task still needs, from its recent rate of progress."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable

# The rate is measured over a sliding window: the first files of an import are often
# slower or faster (cold caches, a folder of small files) than the rest.
_WINDOW_S = 20.0
# No estimate before this much time and progress: an early guess is usually wrong.
_MIN_ELAPSED_S = 2.0
_MIN_FRACTION = 0.01


class TimeLeftEstimator:
    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._samples: deque[tuple[float, int]] = deque()
        self._total = 0
        self._started = 0.0
        self._rate: float | None = None

    def reset(self) -> None:
        self._samples.clear()
        self._total = 0
        self._rate = None

    def update(self, done: int, total: int) -> float | None:
        """Record progress; return the seconds left, or None while no honest guess exists.

        A new total, or progress that goes backwards, means a new phase: start over.
        """
        now = self._clock()
        if total != self._total or (self._samples and done < self._samples[-1][1]):
            self.reset()
            self._total = total
            self._started = now
        self._samples.append((now, done))
        while len(self._samples) > 2 and now - self._samples[0][0] > _WINDOW_S:
            self._samples.popleft()
        if total <= 0 or done >= total:
            return None
        first_time, first_done = self._samples[0]
        elapsed = now - first_time
        if now - self._started < _MIN_ELAPSED_S or done / total < _MIN_FRACTION:
            return None
        if elapsed > 0 and done > first_done:
            rate = (done - first_done) / elapsed
            # Smooth the rate (not the estimate, which ages between updates), so that one
            # slow file does not make the estimate jump about.
            self._rate = rate if self._rate is None else 0.7 * self._rate + 0.3 * rate
        return (total - done) / self._rate if self._rate else None
