"""ProgressThrottle: a report per file becomes a few per second, and no phase is lost."""

from __future__ import annotations

from desktop.services.cancel_token import ProgressThrottle


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_reports_within_the_interval_are_dropped_but_starts_ends_and_busy_steps_pass() -> None:
    clock = Clock()
    seen: list[tuple[int, int, str]] = []
    progress = ProgressThrottle(lambda d, t, label: seen.append((d, t, label)), 0.1, clock)
    progress(0, 0, "Finding files")  # uncounted: always shown
    progress(0, 1000, "Reading a")  # a count starts: always shown
    for done in range(1, 50):  # a burst of per-file reports within 0.1 s
        clock.now += 0.001
        progress(done, 1000, f"Reading {done}")
    clock.now += 0.1
    progress(50, 1000, "Reading 50")  # the interval has passed
    progress(51, 1000, "Reading 51")
    progress(1000, 1000, "Stored")  # a count ends: always shown
    assert seen == [(0, 0, "Finding files"), (0, 1000, "Reading a"),
                    (50, 1000, "Reading 50"), (1000, 1000, "Stored")]


def test_the_first_report_always_passes() -> None:
    seen: list[int] = []
    progress = ProgressThrottle(lambda d, t, label: seen.append(d), 0.1, Clock())
    progress(7, 1000, "Reading")
    assert seen == [7]
