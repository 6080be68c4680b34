"""Python's cycle collector held off while searches run."""

from __future__ import annotations

import gc
import threading
from types import TracebackType
from typing import ClassVar


class GcPause:
    """``with GcPause():`` no cyclic garbage collection until the last such block ends.

    A search allocates tens of thousands of short-lived containers (a phrase's blocks,
    position lists and sets): enough to set off the collector several times per search,
    and each pass walks every young object still alive, which a search's are. At 50,000
    articles that was a third of a phrase search's time, more when a full collection fell
    into it. Reference counting still frees everything a search drops; cycles wait for
    the collector's next run after the search (it is bounded by its deadline).

    The collector's switch is one per process: nested and concurrent pauses are counted,
    and the last one to end turns it back on, only if it was on when the first began.
    """

    _lock: ClassVar[threading.Lock] = threading.Lock()
    _active: ClassVar[int] = 0
    _was_enabled: ClassVar[bool] = False

    def __enter__(self) -> GcPause:
        with GcPause._lock:
            if GcPause._active == 0:
                GcPause._was_enabled = gc.isenabled()
                gc.disable()
            GcPause._active += 1
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        with GcPause._lock:
            GcPause._active -= 1
            if GcPause._active == 0 and GcPause._was_enabled:
                gc.enable()
