"""Checksums of a generation's files, recorded when they are written and checked on reading.

Whoosh checks nothing: a flipped byte in a posting block that still decompresses gives
fewer documents and a count presented as exact (a new user's trial: 200 flipped 16-byte
runs in a segment, `bless` 7 results for 11, no notice; only the blocks that no longer
decompressed were caught). Each commit records the size, modification time and CRC-32
of every index file (``seals.json``, beside ``index_meta.json``); the files of a segment
never change once written, so a commit only reads the files it added.

Two checks:

- quick (every time a generation is checked or opened; a few ``stat`` calls): every
  recorded file is there with its size, and a file whose modification time moved is read
  and its checksum compared (something wrote to it);
- full (the indexer, once the project is open; ``research-notes info``): every file is
  read and its checksum compared, which also finds bytes the disk itself changed.
"""

from __future__ import annotations

import json
import os
import re
import zlib
from collections.abc import Callable
from pathlib import Path

_FILE_NAME = "seals.json"
_CHUNK = 1 << 20
_TOC = re.compile(r"^_MAIN_(\d+)\.toc$")


class SealCheckStopped(Exception):
    """A full check was asked to stop before it read every file."""


class FileSeals:
    FILE_NAME = _FILE_NAME

    @staticmethod
    def index_files(folder: Path) -> list[Path]:
        """The files Whoosh wrote for the index (segments and tables of contents)."""
        return sorted(
            path for path in folder.iterdir()
            if path.name.startswith(("MAIN_", "_MAIN_")) and path.name != "MAIN_WRITELOCK"
            and not path.is_symlink() and path.is_file())

    @classmethod
    def seal(cls, folder: Path) -> None:
        """Record the index files as they are now (after a commit: only new ones are read)."""
        try:
            known = _read(folder)[1]
        except (OSError, ValueError):
            known = {}
        sealed: dict[str, list[int]] = {}
        for path in cls.index_files(folder):
            stat = path.stat()
            old = known.get(path.name)
            if old is not None and old[:2] == [stat.st_size, stat.st_mtime_ns]:
                sealed[path.name] = old
                continue
            crc = _crc(path)
            if old is not None and crc != old[2]:
                # Whoosh never writes a file twice: a sealed file that changed is damage,
                # which this commit must not vouch for (the checks go on finding it).
                sealed[path.name] = old
            else:
                sealed[path.name] = [stat.st_size, stat.st_mtime_ns, crc]
        _write(folder, _latest_toc(folder), sealed)

    @classmethod
    def problem(cls, folder: Path, full: bool = False, writer: bool = False,
                stop: Callable[[], bool] | None = None) -> str | None:
        """Why ``folder``'s files are not as written, or None. ``full`` reads every file;
        ``stop`` ends that early with :class:`SealCheckStopped`.

        Anyone may check while the writer commits: between Whoosh's commit and the seals
        the table of contents is newer than the seals and the files merged away are gone,
        and a rebuild removes the whole folder once it has switched to another. So a
        problem counts only if the sealed table of contents is still the latest and the
        folder is still there; otherwise the next check judges. Only the ``writer``'s own
        check, with no commit running, calls unsealed files damage: files a commit that
        did not finish left behind, which nothing vouches for.
        """
        try:
            toc, sealed = _read(folder)
        except (OSError, ValueError) as error:
            return f"Its checksums cannot be read: {error}" if folder.is_dir() else None
        if not sealed:
            return "Its checksums are missing." if folder.is_dir() else None
        try:
            found = cls._first_problem(folder, toc, sealed, full, writer, stop)
        except OSError as error:
            found = f"Its files cannot be listed: {error}"
        if found and not writer and not _still(folder, toc):
            return None
        return found

    @staticmethod
    def _first_problem(folder: Path, toc: str, sealed: dict[str, list[int]], full: bool,
                       writer: bool, stop: Callable[[], bool] | None) -> str | None:
        latest = _latest_toc(folder)
        if toc != latest:
            return f"Its latest files ({latest}) were never sealed." if writer else None
        for name, (size, mtime_ns, crc) in sealed.items():
            path = folder / name
            try:
                stat = path.lstat()
            except OSError:
                return f"Its file {name} is missing."
            if stat.st_size != size:
                return f"Its file {name} has {stat.st_size:,} bytes instead of {size:,}."
            if full or stat.st_mtime_ns != mtime_ns:
                try:
                    found = _crc(path, stop)
                except OSError as error:
                    return f"Its file {name} cannot be read: {error}"
                if found != crc:
                    return f"Its file {name} has changed since it was written."
        return None

def _crc(path: Path, stop: Callable[[], bool] | None = None) -> int:
    crc = 0
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    with os.fdopen(fd, "rb") as handle:
        while chunk := handle.read(_CHUNK):
            if stop is not None and stop():
                raise SealCheckStopped
            crc = zlib.crc32(chunk, crc)
    return crc


def _still(folder: Path, toc: str) -> bool:
    """Whether ``folder`` is as it was sealed with ``toc``: no commit or switch since."""
    try:
        return folder.is_dir() and _latest_toc(folder) == toc == _read(folder)[0]
    except (OSError, ValueError):
        return False


def _latest_toc(folder: Path) -> str:
    """The table of contents Whoosh opens: the highest generation's."""
    tocs = [(int(found.group(1)), path.name) for path in folder.iterdir()
            if (found := _TOC.match(path.name))]
    return max(tocs)[1] if tocs else ""


def _read(folder: Path) -> tuple[str, dict[str, list[int]]]:
    """The sealed table of contents and files; ("", {}) when there are none. Raises
    ValueError when malformed."""
    try:
        raw = json.loads((folder / _FILE_NAME).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return "", {}
    if not isinstance(raw, dict):
        raise ValueError("malformed seals")
    files = raw.get("files")
    if not isinstance(raw.get("toc"), str) or not isinstance(files, dict) or not all(
            isinstance(name, str) and "/" not in name and isinstance(seal, list)
            and len(seal) == 3 and all(type(n) is int for n in seal)
            for name, seal in files.items()):
        raise ValueError("malformed seals")
    return raw["toc"], files


def _write(folder: Path, toc: str, sealed: dict[str, list[int]]) -> None:
    """Atomically, never through a link."""
    target = folder / _FILE_NAME
    tmp = folder / f".{_FILE_NAME}.{os.getpid()}.tmp"
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0)
    with os.fdopen(os.open(tmp, flags, 0o600), "w", encoding="utf-8") as handle:
        json.dump({"toc": toc, "files": sealed}, handle)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, target)
