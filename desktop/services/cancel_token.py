"""Cooperative cancellation and progress reporting for long services."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

Progress = Callable[[int, int, str], None]


def no_progress(done: int, total: int, label: str) -> None:
    """The progress callback for callers that do not show progress."""


class ProgressThrottle:
    """Passes on at most one report per ``interval`` seconds, plus every report that
    starts or ends a count (``done == 0``, ``done >= total``) or has no count (``total <=
    0``): those change what a progress display shows (a phase begins, a busy step follows).

    An import reports every file. In the GUI each report is a signal handled on the GUI
    thread (labels, bar, estimate), and every Qt call there lets the import worker take
    the interpreter lock for up to its switch interval (5 ms) before the GUI thread gets
    it back: at 50,000 files the reports kept the window busy and slowed the import.
    """

    def __init__(self, progress: Progress, interval: float = 0.1,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._progress = progress
        self._interval = interval
        self._clock = clock
        self._last: float | None = None

    def __call__(self, done: int, total: int, label: str) -> None:
        now = self._clock()
        due = self._last is None or now - self._last >= self._interval
        if due or done == 0 or total <= 0 or done >= total:
            self._last = now
            self._progress(done, total, label)


class CancelToken:
    """Set from any thread (a Cancel button); polled by the worker between steps."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    def __call__(self) -> bool:
        return self._event.is_set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()
