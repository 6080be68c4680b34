"""Numbers and durations as the user's locale writes them ("13,785" or "13.785")."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDir, QLocale


def format_count(count: int) -> str:
    """``count`` with the locale's digit grouping, whatever the locale's default options
    (the C locale omits group separators unless told otherwise)."""
    locale = QLocale()
    locale.setNumberOptions(QLocale.NumberOption.DefaultNumberOptions)
    return locale.toString(int(count))


def format_percent(done: int, total: int) -> str:
    percent = 0 if total <= 0 else int(100 * min(done, total) / total)
    return _tr("%1 %").replace("%1", QLocale().toString(percent))


def format_time_left(seconds: float) -> str:
    """A rounded, honest estimate: precise seconds would flicker and promise too much."""
    if seconds < 10:
        return _tr("a few seconds left")
    if seconds < 55:
        return _tr("about %1 s left").replace("%1", str(round(seconds / 5.0) * 5))
    minutes = round(seconds / 60.0)
    if minutes < 60:
        return (_tr("about a minute left") if minutes <= 1 else
                _tr("about %1 min left").replace("%1", str(minutes)))
    hours, minutes = divmod(minutes, 60)
    return _tr("about %1 h %2 min left").replace("%1", str(hours)).replace("%2", str(minutes))


def _tr(text: str) -> str:
    return QCoreApplication.translate("Formatting", text)


def format_path(path: str | Path) -> str:
    """A path as a person reads it: native separators, the home folder as "~" where that
    is the convention (not on Windows)."""
    text = str(path)
    if os.name != "nt":
        home = str(Path.home())
        if text == home or text.startswith(home.rstrip("/") + "/"):
            text = "~" + text[len(home.rstrip("/")):]
    return QDir.toNativeSeparators(text)
