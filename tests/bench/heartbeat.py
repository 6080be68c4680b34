"""How long the GUI thread stays away from its event loop: a 10 ms heartbeat.

A precise ``QTimer`` on the GUI thread ticks every 10 ms; the time between two ticks is
what a user waits for a repaint or a key press at worst. Every interval is kept, so the
longest and the 99th percentile can be printed, with how many passed 50, 100 and 250 ms.

To say *why* the thread was away, a watchdog thread looks at the GUI thread's Python stack
(``sys._current_frames``) whenever no tick has come for ``sample_after_ms``: each long
interval gets the innermost project or library frame it was seen in. A stall that shows
only the event loop is Qt's own C++ work (layout, painting a long list) or waiting for
the interpreter lock while another thread holds it.

Each stall also gets the CPU time spent during it by the GUI thread and by the whole
process (``time.thread_time`` and ``time.process_time`` read at every tick): a GUI thread
that used the stall's whole length was busy itself (Qt's C++ work if no Python frame was
seen); one that used little while the process used much waited for the interpreter lock
(the other threads' frames say who held it); one that used little while the process used
little was not scheduled at all (other processes had the cores).
"""

from __future__ import annotations

import statistics
import sys
import threading
import time
import traceback
from collections import Counter
from dataclasses import dataclass, field
from types import FrameType

from PySide6.QtCore import QObject, Qt, QTimer

INTERVAL_MS = 10
# The test harness (pytest-qt waiting in an event loop) is left out: a stall seen only
# there happened in the event loop itself.
_OURS = ("/desktop/", "/index/", "/whoosh/")
_EVENT_LOOP = "the Qt event loop (C++ work, or waiting for the interpreter lock)"


@dataclass
class Stall:
    start_s: float  # since the heartbeat started
    ms: float
    phase: str
    seen_in: Counter[str] = field(default_factory=Counter)
    # What the other threads of the process were running meanwhile (one of them held the
    # interpreter lock when the GUI thread waited for it).
    others: Counter[str] = field(default_factory=Counter)
    gui_cpu_ms: float = 0.0  # CPU time of the GUI thread during the stall
    process_cpu_ms: float = 0.0  # of every thread of the process, the GUI thread included

    def why(self) -> str:
        """Busy, waiting for the interpreter lock, or not scheduled (see the module doc)."""
        if self.gui_cpu_ms >= 0.6 * self.ms:
            return "GUI thread busy"
        if self.process_cpu_ms - self.gui_cpu_ms >= 0.5 * self.ms:
            return "other threads ran (interpreter lock)"
        return "not scheduled (other processes)"

    def cpu(self) -> str:
        return (f"GUI thread CPU {self.gui_cpu_ms:,.0f} ms, process CPU "
                f"{self.process_cpu_ms:,.0f} ms: {self.why()}")

    def where(self) -> str:
        if not self.seen_in:
            return _EVENT_LOOP
        return self.seen_in.most_common(1)[0][0]

    def meanwhile(self) -> str:
        return "; ".join(f"{where} ({n})" for where, n in self.others.most_common(2))


@dataclass
class HeartbeatStats:
    intervals_ms: list[float]
    stalls: list[Stall]
    seconds: float

    @property
    def longest_ms(self) -> float:
        return max(self.intervals_ms, default=0.0)

    @property
    def p99_ms(self) -> float:
        if len(self.intervals_ms) < 2:
            return self.longest_ms
        return statistics.quantiles(self.intervals_ms, n=100)[98]

    def over(self, ms: float) -> int:
        return sum(1 for i in self.intervals_ms if i > ms)

    def summary(self) -> str:
        return (f"longest {self.longest_ms:,.0f} ms, p99 {self.p99_ms:,.0f} ms, "
                f"{len(self.intervals_ms):,} ticks in {self.seconds:,.1f} s; over 50 ms "
                f"{self.over(50)}, over 100 ms {self.over(100)}, over 250 ms {self.over(250)}")

    def worst(self, count: int = 8) -> list[Stall]:
        return sorted(self.stalls, key=lambda s: s.ms, reverse=True)[:count]

    def causes(self) -> list[tuple[str, int, float]]:
        """(where, stalls, total ms) for the stalls, worst total first."""
        totals: dict[str, tuple[int, float]] = {}
        for stall in self.stalls:
            n, ms = totals.get(stall.where(), (0, 0.0))
            totals[stall.where()] = (n + 1, ms + stall.ms)
        return sorted(((w, n, ms) for w, (n, ms) in totals.items()), key=lambda t: -t[2])

    def reasons(self) -> list[tuple[str, int, float]]:
        """(why, stalls, total ms): busy, waiting for the lock or not scheduled."""
        totals: dict[str, tuple[int, float]] = {}
        for stall in self.stalls:
            n, ms = totals.get(stall.why(), (0, 0.0))
            totals[stall.why()] = (n + 1, ms + stall.ms)
        return sorted(((w, n, ms) for w, (n, ms) in totals.items()), key=lambda t: -t[2])


class Heartbeat(QObject):
    """Start it on the GUI thread; :meth:`stop` returns what it saw."""

    def __init__(self, sample_after_ms: float = 50.0, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(INTERVAL_MS)
        self._timer.timeout.connect(self._tick)
        self._sample_after = sample_after_ms / 1000
        self._intervals: list[float] = []
        self._stalls: list[Stall] = []
        self._seen: Counter[str] = Counter()
        self._others: Counter[str] = Counter()
        self._phase = "start"
        self._lock = threading.Lock()
        self._running = False
        self._started = self._last = 0.0
        self._last_thread_cpu = self._last_process_cpu = 0.0
        self._gui_thread = threading.get_ident()
        self._watchdog: threading.Thread | None = None

    def start(self) -> None:
        self._started = self._last = time.perf_counter()
        self._last_thread_cpu, self._last_process_cpu = time.thread_time(), time.process_time()
        self._running = True
        self._watchdog = threading.Thread(target=self._watch, name="heartbeat-watchdog",
                                          daemon=True)
        self._watchdog.start()
        self._timer.start()

    def mark(self, phase: str) -> None:
        """Name what happens from now on (long stalls are listed with their phase)."""
        self._phase = phase

    def stop(self) -> HeartbeatStats:
        self._timer.stop()
        self._running = False
        if self._watchdog is not None:
            self._watchdog.join()
        return HeartbeatStats(list(self._intervals), list(self._stalls),
                              time.perf_counter() - self._started)

    def _tick(self) -> None:
        now = time.perf_counter()
        thread_cpu, process_cpu = time.thread_time(), time.process_time()
        interval = now - self._last
        self._intervals.append(interval * 1000)
        with self._lock:
            if interval > self._sample_after:
                self._stalls.append(Stall(
                    self._last - self._started, interval * 1000, self._phase, self._seen,
                    self._others, (thread_cpu - self._last_thread_cpu) * 1000,
                    (process_cpu - self._last_process_cpu) * 1000))
            self._seen = Counter()
            self._others = Counter()
            self._last = now
            self._last_thread_cpu, self._last_process_cpu = thread_cpu, process_cpu

    def _watch(self) -> None:
        """Sample the GUI thread's stack while it is late (a few times per long stall)."""
        while self._running:
            time.sleep(0.01)
            if time.perf_counter() - self._last < self._sample_after:
                continue
            frames = sys._current_frames()
            where = _innermost_of_ours(frames.get(self._gui_thread))
            me = threading.get_ident()
            others = [_innermost_of_ours(frame, depth=2) for ident, frame in frames.items()
                      if ident not in (self._gui_thread, me)]
            with self._lock:
                if where is not None:
                    self._seen[where] += 1
                self._others.update(other for other in others if other is not None)


def _innermost_of_ours(frame: FrameType | None, depth: int = 3) -> str | None:
    """The innermost project or library frame, with up to ``depth - 1`` of its callers
    (``inner < caller < ...``): the innermost alone often names only where the thread
    waited (a cell's data, a query), the callers say what asked for it."""
    if frame is None:
        return None
    found: list[str] = []
    for summary in reversed(traceback.extract_stack(frame)):
        name = summary.filename.replace("\\", "/")
        if any(part in name for part in _OURS):
            short = name.split("/site-packages/")[-1]
            for root in ("/desktop/", "/index/"):
                if root in short:
                    short = root.strip("/") + "/" + short.split(root, 1)[1]
                    break
            found.append(f"{short.rsplit('/', 1)[-1]}:{summary.lineno} {summary.name}"
                         if found else f"{short}:{summary.lineno} {summary.name}")
            if len(found) == depth:
                break
    return " < ".join(found) if found else None
