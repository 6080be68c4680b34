"""How long the GUI thread stays away from its event loop: a 10 ms heartbeat.

A precise ``QTimer`` on the GUI thread ticks every 10 ms; the time between two ticks is
what a user waits for a repaint or a key press at worst. Every interval is kept, so the
longest and the 99th percentile can be printed, with how many passed 50, 100 and 250 ms.

To say *why* the thread was away, a watchdog thread looks at the GUI thread's Python stack
(``sys._current_frames``) whenever no tick has come for ``sample_after_ms``: each long
interval gets the innermost project or library frame it was seen in. A stall that shows
only the event loop is Qt's own C++ work (layout, painting a long list) or waiting for
the interpreter lock while another thread holds it.

Each stall also says how the GUI thread spent it, from the CPU time of the thread and of
the whole process (``time.thread_time``, ``time.process_time``) and, on Linux, the thread's
scheduler statistics (``/proc/thread-self/schedstat``: time on a core, time runnable but
waiting for one), read at every tick:

- busy: the GUI thread ran most of the time (Qt's C++ work if no Python frame was seen);
- not scheduled: it was runnable but the cores ran other processes;
- interpreter lock: it slept while other threads of the process ran (their frames say
  which);
- blocked: it slept and so did the process (a lock held by a thread that was itself not
  scheduled, or disk I/O).

Python's cyclic garbage collector holds the interpreter lock for a whole collection, in
whichever thread allocated last, and a full one walks every object of the process: the
collections during a stall (``gc.callbacks``) are listed with it.
"""

from __future__ import annotations

import gc
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
    # Time the GUI thread was runnable but waited for a core (None: not known here).
    runnable_ms: float | None = None
    # Garbage collections that ended during the stall: (generation, ms), on any thread.
    collections: list[tuple[int, float]] = field(default_factory=list)

    def why(self) -> str:
        """Busy, not scheduled, interpreter lock or blocked (see the module doc)."""
        if self.gui_cpu_ms >= 0.6 * self.ms:
            return "GUI thread busy"
        if self.runnable_ms is not None and self.runnable_ms >= 0.4 * self.ms:
            return "GUI thread not scheduled (cores busy)"
        if self.process_cpu_ms - self.gui_cpu_ms >= 0.3 * self.ms:
            return "other threads ran (interpreter lock)"
        if self.runnable_ms is None:
            return "not scheduled or blocked"
        return "blocked (GUI thread and process asleep)"

    def cpu(self) -> str:
        waited = "" if self.runnable_ms is None else \
            f", runnable but waiting for a core {self.runnable_ms:,.0f} ms"
        collected = sum(ms for _, ms in self.collections)
        gc_text = "" if collected < 5 else \
            f"; garbage collection {collected:,.0f} ms (generation " \
            f"{max(g for g, _ in self.collections)})"
        return (f"GUI thread CPU {self.gui_cpu_ms:,.0f} ms{waited}, process CPU "
                f"{self.process_cpu_ms:,.0f} ms: {self.why()}{gc_text}")

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
        self._last_waited: float | None = None
        self._collections: list[tuple[int, float]] = []
        self._gc_started: dict[int, float] = {}
        self._gui_thread = threading.get_ident()
        self._watchdog: threading.Thread | None = None

    def start(self) -> None:
        self._started = self._last = time.perf_counter()
        self._last_thread_cpu, self._last_process_cpu = time.thread_time(), time.process_time()
        self._last_waited = _runqueue_wait_s()
        gc.callbacks.append(self._collected)
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
        if self._collected in gc.callbacks:
            gc.callbacks.remove(self._collected)
        self._running = False
        if self._watchdog is not None:
            self._watchdog.join()
        return HeartbeatStats(list(self._intervals), list(self._stalls),
                              time.perf_counter() - self._started)

    def _tick(self) -> None:
        now = time.perf_counter()
        thread_cpu, process_cpu = time.thread_time(), time.process_time()
        waited = _runqueue_wait_s()
        interval = now - self._last
        self._intervals.append(interval * 1000)
        with self._lock:
            if interval > self._sample_after:
                self._stalls.append(Stall(
                    self._last - self._started, interval * 1000, self._phase, self._seen,
                    self._others, (thread_cpu - self._last_thread_cpu) * 1000,
                    (process_cpu - self._last_process_cpu) * 1000,
                    None if waited is None or self._last_waited is None
                    else (waited - self._last_waited) * 1000, self._collections))
            self._seen = Counter()
            self._others = Counter()
            self._collections = []
            self._last = now
            self._last_thread_cpu, self._last_process_cpu = thread_cpu, process_cpu
            self._last_waited = waited

    def _collected(self, phase: str, info: dict[str, int]) -> None:
        """``gc.callbacks``: runs on the thread that collects, with the lock held."""
        ident = threading.get_ident()
        if phase == "start":
            self._gc_started[ident] = time.perf_counter()
            return
        began = self._gc_started.pop(ident, None)
        if began is not None:
            # No lock: a collection may start inside a block that holds it, on this thread
            # (appending is atomic under the interpreter lock).
            self._collections.append((info["generation"], (time.perf_counter() - began) * 1000))

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


def _runqueue_wait_s() -> float | None:
    """Seconds the calling thread has spent runnable but waiting for a core (Linux)."""
    try:
        with open("/proc/thread-self/schedstat", encoding="ascii") as stats:
            return int(stats.read().split()[1]) / 1e9
    except (OSError, ValueError, IndexError):
        return None


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
