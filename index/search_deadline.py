"""The budget of one search: a time limit and the caller's cancel check, in one place."""

from __future__ import annotations

import time
from collections.abc import Callable


class SearchStopped(Exception):
    """Raised inside a search to unwind it; never leaves the index package."""


class SearchTimedOut(SearchStopped):
    """The time limit ran out."""


class SearchCancelled(SearchStopped):
    """The caller's ``cancel()`` said stop (for example: the user typed on)."""


class SearchDeadline:
    """Checked while expanding terms, while building matchers and while collecting.

    A time limit that only covered collecting let a 2,000-word phrase run 9 s with
    ``timed_out`` false: the work happened before the first match was collected.
    """

    def __init__(self, time_limit: float, cancel: Callable[[], bool] | None = None) -> None:
        self.time_limit = time_limit
        self._end = time.monotonic() + max(0.0, time_limit)
        self._cancel = cancel

    def check(self) -> None:
        """Raise SearchCancelled or SearchTimedOut when the search must stop."""
        if self._cancel is not None and self._cancel():
            raise SearchCancelled
        if time.monotonic() >= self._end:
            raise SearchTimedOut

    def cancelled(self) -> bool:
        """Whether the caller asked to stop (the time limit aside)."""
        return self._cancel is not None and bool(self._cancel())
