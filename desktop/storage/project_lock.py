"""A lock file that keeps a second instance away from an open project.

The file names its holder (host, pid, start time) for the refusal message. On POSIX an
``flock`` on the open file decides who holds it: the kernel drops it when the process dies,
so a lock left by a crash is recognised as stale without guessing from pids (which get
reused). Where ``flock`` is missing, a pid check on the same host stands in.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

from desktop.storage.storage_errors import ProjectLockedError

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]


class ProjectLock:
    """Exclusive ownership of a project folder for the life of one open project."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._file: IO[str] | None = None
        self.took_over_stale = False

    @property
    def held(self) -> bool:
        return self._file is not None

    def acquire(self) -> None:
        if self._file is not None:
            return
        # The holder may release (and delete the file) between our open and our flock; then
        # we would lock a deleted file. Retry until the file we locked is the one on disk.
        for _attempt in range(5):
            handle = self._try_acquire()
            if _same_file(handle, self.path):
                self._file = handle
                return
            handle.close()
        raise ProjectLockedError(f"Could not lock {self.path}: it keeps changing.")

    def _try_acquire(self) -> IO[str]:
        handle = open(self.path, "a+", encoding="utf-8")  # noqa: SIM115 - held until release()
        try:
            previous = _read_holder(handle)
            if fcntl is not None:
                try:
                    fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                except OSError:
                    raise ProjectLockedError(_held_message(self.path, previous)) from None
            elif previous and _holder_alive(previous):
                raise ProjectLockedError(_held_message(self.path, previous))
            self.took_over_stale = bool(previous)
            handle.seek(0)
            handle.truncate()
            json.dump(_this_holder(), handle)
            handle.flush()
        except BaseException:
            handle.close()
            raise
        return handle

    def release(self) -> None:
        if self._file is None:
            return
        handle, self._file = self._file, None
        # Remove the file first, while still holding the flock, so that nobody sees an
        # empty-but-present lock and takes it for a crashed holder.
        with contextlib.suppress(OSError):
            self.path.unlink()
        handle.close()


def _same_file(handle: IO[str], path: Path) -> bool:
    try:
        return os.fstat(handle.fileno()).st_ino == path.stat().st_ino
    except OSError:
        return False


def _this_holder() -> dict[str, object]:
    return {
        "host": socket.gethostname(),
        "pid": os.getpid(),
        "since": datetime.now(UTC).isoformat(timespec="seconds"),
    }


def _read_holder(handle: IO[str]) -> dict[str, object] | None:
    handle.seek(0)
    text = handle.read()
    if not text.strip():
        return None
    try:
        holder = json.loads(text)
    except ValueError:
        return {}
    return holder if isinstance(holder, dict) else {}


def _holder_alive(holder: dict[str, object]) -> bool:
    if holder.get("host") != socket.gethostname():
        return True  # cannot tell for another machine: assume it is still working
    pid = holder.get("pid")
    if not isinstance(pid, int):
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _held_message(path: Path, holder: dict[str, object] | None) -> str:
    holder = holder or {}
    who = f"process {holder.get('pid', '?')} on {holder.get('host', 'an unknown host')}"
    since = f" since {holder['since']}" if holder.get("since") else ""
    return (
        f"The project in {path.parent} is open in another instance of Research Notes "
        f"({who}{since}). Close it there first."
    )
