"""The scheduling priority of the application's background processes (the indexer and its
helpers, entity recognition).

On a machine whose cores are all busy (an import: the indexer, its helpers and the writer
thread; or other programs) the window's process waits its turn like any other: measured
on two cores, the GUI thread went unscheduled for 100-350 ms at a time while the indexer
rebuilt (its process used almost no CPU during those stalls). A background process with a
higher nice value still gets every core nobody else wants, but yields at once when the
window needs one, as desktop indexers do (baloo, tracker). The window's process sets the
value at start; the command line leaves it at 0 (its user is waiting for the work itself).

Only whole processes are made nicer, never threads of the window's process: a nicer thread
descheduled while holding the interpreter lock would make the GUI thread wait for it.
"""

from __future__ import annotations

import contextlib
import os


class BackgroundPriority:
    """The nice value given to the background processes started from now on."""

    niceness = 0

    @classmethod
    def set(cls, niceness: int) -> None:
        cls.niceness = max(0, niceness)

    @staticmethod
    def lower(niceness: int) -> None:
        """Called first thing in a background process: raise its nice value by
        ``niceness`` (inherited by the processes it starts). Where that is not possible
        (Windows, a sandbox that refuses it) the process runs at its normal priority."""
        if niceness > 0 and hasattr(os, "nice"):
            with contextlib.suppress(OSError):
                os.nice(niceness)
