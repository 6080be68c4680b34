"""A lock file that keeps a second instance away from an open project.

The file names its holder (host, pid, start time) for the refusal message. On POSIX an
``flock`` on the open file decides who holds it: the kernel drops it when the process dies,
so a lock left by a crash is recognised as stale without guessing from pids (which get
reused). Where ``flock`` is missing, a pid check on the same host stands in.

A project folder may come from anyone, so ``project.lock`` is untrusted: it is opened
without following symbolic links, it is written only while we hold its ``flock`` and only
if it is a regular file with no other name (a hard link), and a damaged record is taken
for a stale lock. A lock path that is a link, a hard link or a special file is not ours:
its *name* is removed (its target is never touched) and our own file is created instead.

Why not ``filelock`` or ``portalocker``: ``filelock``'s Unix lock opens the file with
``O_TRUNC`` before it locks it, so every refused second instance would erase the record
that names the holder; it also removes the file on release from a path it may no longer
own. ``portalocker`` opens with Python's ``open()`` (which follows links), and its Windows
lock is mandatory over the whole file, so the record could not be read for the message.
What we need from them is one ``flock`` call, which the standard library has.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import stat
from collections.abc import Iterator
from pathlib import Path

from desktop.storage.lock_holder import (
    MAX_RECORD_BYTES,
    LockHolder,
    LockRecord,
    holder_alive,
    parse_record,
)
from desktop.storage.storage_errors import ProjectLockedError

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

_log = logging.getLogger(__name__)

# O_NONBLOCK: a FIFO planted at the lock path must not hang the open. O_CLOEXEC: child
# processes (the indexer, a browser) must not inherit, and so keep, the project's lock.
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_OPEN_FLAGS = (
    os.O_RDWR | os.O_CREAT | _NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
)
_ATTEMPTS = 5


class ProjectLock:
    """Exclusive ownership of a project folder for the life of one open project."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None
        self.took_over_stale = False

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> None:
        if self._fd is not None:
            return
        self.took_over_stale = False
        # Between our open and our flock the holder may release (and delete the file), or a
        # foreign file may have to be replaced: retry until the file we locked is the one
        # on disk, as a regular file of ours.
        for _attempt in range(_ATTEMPTS):
            fd = self._open()
            if fd is None:
                continue
            try:
                if self._lock_and_claim(fd):
                    self._fd = fd
                    return
            except BaseException:
                os.close(fd)
                raise
            os.close(fd)
        raise ProjectLockedError(f"Could not lock {self.path}: it keeps changing.")

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        # Remove the file first, while still holding the flock, so that nobody sees an
        # empty-but-present lock and takes it for a crashed holder. Remove it only if the
        # name still leads to our file.
        with contextlib.suppress(OSError):
            if _same_file(fd, self.path):
                self.path.unlink()
        os.close(fd)

    def _open(self) -> int | None:
        """Our lock file, opened read-write; None when a foreign file had to go first."""
        if not _NOFOLLOW and self.path.is_symlink():  # pragma: no cover - Windows
            self._remove_foreign()
            return None
        try:
            fd = os.open(self.path, _OPEN_FLAGS, 0o644)
        except OSError as error:
            # ELOOP (EMLINK on FreeBSD) is O_NOFOLLOW refusing a link, dangling or not.
            if error.errno not in (errno.ELOOP, errno.EMLINK):
                raise  # a folder, no permission, a read-only disk: the caller reports it
            if self.path.is_symlink():
                self._remove_foreign()
            return None  # or another instance has just replaced the link: look again
        info = os.fstat(fd)
        if _foreign_reason(info) is None:
            return fd
        os.close(fd)
        if info.st_nlink > 0:  # zero: the holder released it meanwhile; just try again
            self._remove_foreign()
        return None

    def _lock_and_claim(self, fd: int) -> bool:
        """Lock ``fd`` and write our record; False if the file on disk is no longer ``fd``."""
        if fcntl is not None:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError as error:
                if error.errno not in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                    raise
                raise ProjectLockedError(_held_message(self.path, _read_record(fd))) from None
            if not _same_file(fd, self.path):
                return False
            previous = _read_record(fd)
        else:  # pragma: no cover - Windows: no kernel lock, guess from the pid
            previous = _read_record(fd)
            if previous.holder is not None and holder_alive(previous.holder):
                raise ProjectLockedError(_held_message(self.path, previous))
        self._note_takeover(previous)
        # Only now, holding the lock on a regular file that has no other name, is it ours
        # to rewrite.
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, LockHolder.this_process().to_bytes())
        return True

    def _note_takeover(self, previous: LockRecord) -> None:
        self.took_over_stale = self.took_over_stale or not previous.empty
        if previous.damage is not None:
            _log.warning("The lock file %s was damaged (%s); it is taken for a stale lock "
                         "and replaced.", self.path, previous.damage)
        elif previous.holder is not None:
            _log.info("Took over the stale lock %s left by %s.", self.path,
                      previous.holder.describe())

    def _remove_foreign(self) -> None:
        """Remove the name of a lock path that is not a lock file of ours, never its target.

        Two instances doing this at once could each remove the file the other has just
        created and both go on as holders; a lock on the folder itself, held only for the
        look-and-remove, makes the decision one instance's at a time.
        """
        with _folder_locked(self.path.parent):
            try:
                info = os.lstat(self.path)
            except FileNotFoundError:
                return
            if stat.S_ISDIR(info.st_mode):
                return  # a folder is the user's: the next open refuses it with EISDIR
            current = "it is a symbolic link" if stat.S_ISLNK(info.st_mode) else (
                _foreign_reason(info))
            if current is None:
                return  # meanwhile someone made a proper lock file: use it
            _log.warning("The lock file %s is not a lock file of Research Notes (%s); its "
                         "name is removed and a new lock file created.", self.path, current)
            self.path.unlink()
        self.took_over_stale = True


def _foreign_reason(info: os.stat_result) -> str | None:
    """Why a file at the lock path is not one we may rewrite, or None if it is."""
    if not stat.S_ISREG(info.st_mode):
        return "it is not a regular file"
    if info.st_nlink > 1:
        return "it is a hard link to another file"
    return None


@contextlib.contextmanager
def _folder_locked(folder: Path) -> Iterator[None]:
    if fcntl is None:  # pragma: no cover - Windows
        yield
        return
    fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | os.O_CLOEXEC)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)  # held for microseconds by whoever has it
        yield
    finally:
        os.close(fd)


def _same_file(fd: int, path: Path) -> bool:
    try:
        ours, there = os.fstat(fd), os.lstat(path)
    except OSError:
        return False
    return ours.st_nlink > 0 and (ours.st_dev, ours.st_ino) == (there.st_dev, there.st_ino)


def _read_record(fd: int) -> LockRecord:
    try:
        size = os.fstat(fd).st_size
        os.lseek(fd, 0, os.SEEK_SET)
        data = os.read(fd, MAX_RECORD_BYTES)
    except OSError as error:
        return LockRecord(damage=f"it cannot be read: {error.strerror or error}")
    return parse_record(data, size)


def _held_message(path: Path, record: LockRecord) -> str:
    who = record.holder.describe() if record.holder else "a process on an unknown host"
    return (
        f"The project in {path.parent} is open in another instance of Research Notes "
        f"({who}). Close it there first."
    )
