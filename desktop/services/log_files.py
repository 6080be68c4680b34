"""Where log records go: a file per program with the tracebacks, one line on the terminal."""

from __future__ import annotations

import logging
import logging.handlers
import os
import sys
from pathlib import Path
from typing import Any, ClassVar, Final

import platformdirs

APP_DIR: Final = "research-notes"
_FILE_FORMAT: Final = "%(asctime)s %(process)d %(levelname)s %(name)s: %(message)s"


class LogFiles:
    """Logging for the window, the command line and their helper processes.

    An unexpected failure is logged with its traceback, never swallowed; but a traceback
    printed on the terminal of someone searching a damaged index (found by a new user's
    trial: 67 lines before the answer) tells them nothing. The traceback goes to this
    program's log file in the user's log folder; the terminal gets the message, the error
    in one line and where the details are.
    """

    _installed: ClassVar[list[logging.Handler]] = []

    @classmethod
    def configure(cls, program: str) -> Path | None:
        """Send warnings and errors to the terminal and to ``<program>.log``; the log file,
        or None when it cannot be made (then the terminal gets the tracebacks)."""
        cls.remove()
        root = logging.getLogger()
        path: Path | None = Path(platformdirs.user_log_dir(APP_DIR)) / f"{program}.log"
        handlers: list[logging.Handler] = []
        try:
            handlers.append(_NoFollowFileHandler.made(path))
        except OSError:
            path = None
        terminal = logging.StreamHandler(sys.stderr)
        terminal.setFormatter(_OneLine(program, path))
        handlers.append(terminal)
        for handler in handlers:
            handler.setLevel(logging.WARNING)
            root.addHandler(handler)
        if root.level == logging.NOTSET or root.level > logging.WARNING:
            root.setLevel(logging.WARNING)
        cls._installed = handlers
        return path

    @classmethod
    def remove(cls) -> None:
        """Take back what ``configure`` installed (configured again, or a test is over)."""
        root = logging.getLogger()
        for handler in cls._installed:
            root.removeHandler(handler)
            handler.close()
        cls._installed = []


class _OneLine(logging.Formatter):
    """``LEVEL program name: message: Error: reason (details in FILE)``."""

    def __init__(self, program: str, where: Path | None) -> None:
        super().__init__()
        self._program = program
        self._where = where

    def format(self, record: logging.LogRecord) -> str:
        text = f"{record.levelname} {self._program} {record.name}: {record.getMessage()}"
        error = record.exc_info[1] if record.exc_info else None
        if error is None:
            return text
        if self._where is None:  # nowhere else to keep it
            return text + "\n" + self.formatException(record.exc_info)  # type: ignore[arg-type]
        return f"{text}: {type(error).__name__}: {error} (details in {self._where})"


class _NoFollowFileHandler(logging.handlers.RotatingFileHandler):
    """Never writes through a symbolic link put where the log file goes."""

    @classmethod
    def made(cls, path: Path) -> _NoFollowFileHandler:
        """The handler of ``path`` (its folder made), kept to 1 MB and two older files."""
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = cls(path, maxBytes=1_000_000, backupCount=2, encoding="utf-8", delay=True)
        handler.setFormatter(logging.Formatter(_FILE_FORMAT))
        return handler

    def _open(self) -> Any:
        return open(self.baseFilename, self.mode, encoding=self.encoding,
                    opener=_no_follow)

    def handleError(self, record: logging.LogRecord) -> None:
        # The file cannot be written (a link in its place, a full disk): the terminal
        # handler has shown the record; a second traceback about logging would not help.
        pass


def _no_follow(path: str, flags: int) -> int:
    return os.open(path, flags | os.O_NOFOLLOW, 0o600)
