"""Modules loaded in the background before the GUI thread needs them."""

from __future__ import annotations

import importlib
import logging
import threading
from typing import ClassVar

log = logging.getLogger(__name__)


class ModulePreloader:
    """Imports modules on a daemon thread, each once per process.

    Dialogs and services are imported at their first use, so that starting the window does
    not pay for them. The first use of some comes at the end of an import (its report, the
    recognition that follows it), where importing them on the GUI thread froze the window
    for 100–160 ms; an import's first stored batch starts loading them instead. Importing
    a module defines classes only: no Qt object is made off the GUI thread.
    """

    _started: ClassVar[set[str]] = set()
    _lock: ClassVar[threading.Lock] = threading.Lock()

    @classmethod
    def preload(cls, *names: str) -> None:
        with cls._lock:
            wanted = [name for name in names if name not in cls._started]
            cls._started.update(wanted)
        if wanted:
            threading.Thread(target=cls._load, args=(wanted,), name="preload-modules",
                             daemon=True).start()

    @staticmethod
    def _load(names: list[str]) -> None:
        for name in names:
            try:
                importlib.import_module(name)
            except Exception:  # the first real use will report it where it happens
                log.exception("preloading %s failed", name)
