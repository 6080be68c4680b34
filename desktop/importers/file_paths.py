"""Paths as people and databases can read them."""

from __future__ import annotations

import os
from pathlib import Path


def display_path(path: Path | str) -> str:
    """``path`` as valid Unicode text.

    A file name that is not valid UTF-8 (a legacy Latin-1 name on Linux) reaches Python
    with surrogate escapes, which SQLite, JSON and Qt cannot encode; its bad bytes are
    shown as ``\\xNN`` instead, so the file is imported (or reported) like any other.
    """
    return os.fsencode(path).decode("utf-8", "backslashreplace")
