"""The folder that holds one project's index: generations, a pointer, a damage flag.

    ROOT/
      current        names the live generation ("gen-000007"), replaced atomically
      gen-000007/    Whoosh files + index_meta.json
      gen-000008/    a rebuild in progress (not yet current)
      damaged        present when a search met a damaged file (its text says what)

A rebuild writes a new generation beside the live one, which keeps answering searches,
and then moves the pointer: readers switch at their next search. Older generations are
deleted once the pointer has moved (on POSIX, open files stay readable until closed).
The root lives in this installation's cache folder, never inside a project folder:
Whoosh keeps pickles in its files, and opening an index that came from elsewhere would
run whatever code its author put there.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path

from index.file_seals import FileSeals

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: the project lock already keeps writers apart
    fcntl = None  # type: ignore[assignment]

_POINTER = "current"
_DAMAGED = "damaged"
_WRITER = "writer.lock"
_OWNER = "owner"
_GENERATION = re.compile(r"^gen-(\d{6,})$")


class IndexHome:
    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self._writer_fd: int | None = None

    def claim_writer(self) -> bool:
        """Become the one writer of this home; False while another process is.

        A rebuild deletes every generation but the live one, so two writers in one home
        would destroy each other's work. Held until :meth:`release_writer` (or the process
        ends: the operating system drops the lock of a killed writer).
        """
        if self._writer_fd is not None or fcntl is None:
            return True
        self._make_root()
        fd = os.open(self.root / _WRITER,
                     os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            return False
        self._writer_fd = fd
        return True

    def writer_busy(self) -> bool:
        """Whether another process is writing this home now (it holds the writer's lock).
        Only a look: the answer may change right after."""
        if fcntl is None:
            return True  # no way to tell (no flock): someone may be
        if self._writer_fd is not None or not (self.root / _WRITER).exists():
            return False
        if not self.claim_writer():
            return True
        self.release_writer()
        return False

    def release_writer(self) -> None:
        fd, self._writer_fd = self._writer_fd, None
        if fd is not None:
            os.close(fd)  # closing drops the flock

    def current(self) -> Path | None:
        """The live generation's folder, or None when there is none (never built)."""
        try:
            name = (self.root / _POINTER).read_text(encoding="ascii").strip()
        except (OSError, UnicodeDecodeError):
            return None
        if not _GENERATION.match(name):
            return None
        folder = self.root / name
        return folder if folder.is_dir() and not folder.is_symlink() else None

    def new_generation(self) -> Path:
        """A fresh, empty folder for a rebuild, numbered after every existing one."""
        self._make_root()
        numbers = [int(m.group(1)) for p in self.root.iterdir() if (m := _GENERATION.match(p.name))]
        folder = self.root / f"gen-{max(numbers, default=0) + 1:06d}"
        folder.mkdir()
        return folder

    def switch_to(self, folder: Path) -> None:
        """Make ``folder`` the live generation, clear the damage flag, drop the others."""
        tmp = self.root / f".{_POINTER}.{os.getpid()}.tmp"
        _write_new_file(tmp, folder.name)
        os.replace(tmp, self.root / _POINTER)
        self.clear_damage()
        self.remove_other_generations()

    def remove_other_generations(self) -> None:
        """Delete every generation but the live one (also builds abandoned by a crash).

        Only call when no build is running in this home.
        """
        live = self.current()
        if not self.root.is_dir():
            return
        for path in self.root.iterdir():
            if _GENERATION.match(path.name) and path != live:
                _remove(path)

    def owner(self) -> str | None:
        """What the application recorded this home serves (see :meth:`set_owner`)."""
        try:
            return (self.root / _OWNER).read_text(encoding="utf-8").strip() or None
        except (OSError, UnicodeDecodeError):
            return None

    def set_owner(self, text: str) -> None:
        """Record what this home serves (the application's words: a database's path)."""
        self._make_root()
        tmp = self.root / f".{_OWNER}.{os.getpid()}.tmp"
        _write_new_file(tmp, text)
        os.replace(tmp, self.root / _OWNER)

    def mark_damaged(self, reason: str, folder: Path | None = None) -> None:
        """Mark generation ``folder`` (by default the live one) damaged. The mark names
        it, and counts only while it is the live one: a search on a generation that a
        rebuild has just replaced marked the new, healthy one, which was rebuilt again (a
        new user's trial)."""
        target = folder if folder is not None else self.current()
        if target is None:
            return
        self._make_root()
        tmp = self.root / f".{_DAMAGED}.{os.getpid()}.tmp"
        _write_new_file(tmp, f"{target.name}\n{reason[:2000]}")
        os.replace(tmp, self.root / _DAMAGED)

    def verify(self, writer: bool = False, stop: Callable[[], bool] | None = None,
               mark: bool = True) -> str | None:
        """Read every file of the live generation and compare its checksum (seconds for a
        large index); why it is damaged (and, with ``mark``, marked so), or None. See
        FileSeals.problem for ``writer`` and ``stop``."""
        folder = self.current()
        if folder is None:
            return None
        problem = FileSeals.problem(folder, full=True, writer=writer, stop=stop)
        if problem and mark:
            self.mark_damaged(problem, folder)
        return problem

    def damage(self) -> str | None:
        """Why the live generation was found damaged, or None."""
        path = self.root / _DAMAGED
        if not path.is_file():
            return None
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return "damaged"
        name, _, reason = text.partition("\n")
        if not _GENERATION.match(name):
            return text or "damaged"  # no generation named: it is the live one's
        live = self.current()
        if live is None or live.name != name:
            return None  # a generation replaced since: its damage is gone with it
        return reason or "damaged"

    def clear_damage(self) -> None:
        with contextlib.suppress(FileNotFoundError):
            (self.root / _DAMAGED).unlink()

    def size_bytes(self) -> int:
        live = self.current()
        if live is None:
            return 0
        return sum(p.stat().st_size for p in live.iterdir() if p.is_file())

    def remove(self) -> None:
        """Delete the whole home (the project is gone or its index is unwanted)."""
        _remove(self.root)

    def _make_root(self) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        if self.root.is_symlink():
            raise OSError(f"{self.root} is a symbolic link; refusing to write an index there")


def _write_new_file(path: Path, text: str) -> None:
    # O_EXCL | O_NOFOLLOW: never write through a link or into a file someone else made.
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())


def _remove(path: Path) -> None:
    if path.is_symlink():
        path.unlink()
    elif path.is_dir():
        shutil.rmtree(path, ignore_errors=True)
