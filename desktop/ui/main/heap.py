"""What the garbage collector need not look at in the window's process."""

from __future__ import annotations

import gc

_startup_frozen = False


def freeze_startup_objects() -> None:
    """Move what exists once the first window is built (modules, classes, functions, the
    window's widgets: about 80,000 objects, all living as long as the application) out of
    the garbage collector's sight. A full collection walks every object it tracks while
    holding the interpreter lock, on whichever thread allocated last: 60-110 ms for those
    on a busy two-core machine, each a stall of the window. Once per process: a later
    window (the tests make hundreds) would also freeze the garbage of the earlier ones."""
    global _startup_frozen
    if not _startup_frozen:
        _startup_frozen = True
        gc.freeze()
