"""The files of an import read and parsed into articles, in a helper process when many.

An import runs on a worker thread of the window's process; reading, decoding, parsing and
fingerprinting its files were two thirds of that thread's work (measured on the BBC set:
3.2 of 4.7 s). A thread holds the interpreter lock while it runs Python, and the GUI
thread needs that lock back for every cell it paints: during an import of 6,675 files
the window stopped for up to 190 ms at a time, waiting. With many files, a helper process
parses them and the import thread only stores what it hands back.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, TimeoutError
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from typing import ClassVar

from desktop.domain.article import Article
from desktop.domain.text import content_hash
from desktop.importers.file_paths import display_path
from desktop.importers.file_walker import FoundFile
from desktop.importers.import_error import ImportFailure
from desktop.importers.importer_registry import ImporterRegistry, RecordFailure
from desktop.services.background_priority import BackgroundPriority
from desktop.services.import_report import FileProblem

_log = logging.getLogger(__name__)
# How often waiting for the helper looks at the cancel flag.
_POLL_S = 0.1


Item = tuple[Article, str] | FileProblem


@dataclass
class FileRead:
    """One file's articles (each with where it came from: the file, or a record of it) and
    problems, in the order met; ``complete`` once the file was read to its end."""

    items: Iterable[Item] = ()
    complete: bool = False


def read_file(registry: ImporterRegistry, entry: FoundFile) -> FileRead:
    """One file, read as its items are taken (a batch file of a million records streams);
    never raises for a bad file."""
    found = FileRead()
    found.items = _items(registry, entry, found)
    return found


def _items(registry: ImporterRegistry, entry: FoundFile, found: FileRead) -> Iterator[Item]:
    path = display_path(entry.path)
    importer = registry.for_path(entry.path)
    if importer is None:
        supported = ", ".join(registry.supported_suffixes())
        yield FileProblem(path, f"not a supported file type ({supported})")
        return
    try:
        with entry.path.open("rb") as source:
            for number, item in enumerate(importer.iter_articles(source, entry.path), 1):
                where = path if number == 1 else f"{path} (record {number})"
                if isinstance(item, RecordFailure):
                    yield FileProblem(f"{path} ({item.detail})", item.reason)
                    continue
                yield (replace(item, collection=item.collection or entry.collection,
                               content_hash=content_hash(item.title, item.body)),
                       where)
    except OSError as error:
        yield FileProblem(path, f"cannot read: {error.strerror or error}")
        return
    except ImportFailure as error:
        yield FileProblem(path, str(error))
        return
    except Exception as error:  # an importer bug must not end the whole import
        yield FileProblem(path, f"unexpected error: {error!r}")
        return
    found.complete = True


_helper_registry: list[ImporterRegistry] = []


def _start_helper(niceness: int) -> None:
    """In the helper process, first: lower its priority, and leave when its parent is gone.
    A pool's worker waits for work forever: an import killed mid-way (a crash, a killed
    command line) left it idle for good (found among a test run's leftover processes)."""
    BackgroundPriority.lower(niceness)
    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(target=_leave_with, args=(parent,), daemon=True).start()


def _leave_with(parent: multiprocessing.process.BaseProcess) -> None:
    parent.join()  # returns once the parent process has ended, however it ended
    os._exit(0)


def _read_files(entries: list[FoundFile]) -> list[FileRead]:
    """In the helper process: read a chunk of files with the standard importers."""
    if not _helper_registry:
        _helper_registry.append(ImporterRegistry())
    results = []
    for entry in entries:
        found = read_file(_helper_registry[0], entry)
        found.items = list(found.items)
        results.append(found)
    return results


class FileReader:
    """Yields each file with what was read from it, in the order given.

    From ``PROCESS_MIN_FILES`` files on (below, starting a process costs more than it
    saves) and with the standard importers (a registry given by a caller may hold
    importers a fresh process cannot rebuild), a helper process reads them ``CHUNK`` at a
    time, a few chunks ahead of the caller; a file over ``LARGE_FILE_BYTES`` is read here,
    as it is taken. If the helper dies or cannot start, the rest is read here. A cancel is
    answered within ``_POLL_S``, and stops the helper.
    """

    PROCESS_MIN_FILES: ClassVar[int] = 200
    CHUNK: ClassVar[int] = 16
    AHEAD: ClassVar[int] = 4
    LARGE_FILE_BYTES: ClassVar[int] = 1 << 20

    def __init__(self, registry: ImporterRegistry, *, standard: bool) -> None:
        self.registry = registry
        self.standard = standard

    def read(self, files: list[FoundFile],
             cancel: Callable[[], bool]) -> Generator[tuple[FoundFile, FileRead], None, None]:
        if not self.standard or len(files) < self.PROCESS_MIN_FILES:
            for entry in files:
                yield entry, read_file(self.registry, entry)
            return
        yield from self._read_in_helper(files, cancel)

    def _read_in_helper(self, files: list[FoundFile],
                        cancel: Callable[[], bool]) -> Iterator[tuple[FoundFile, FileRead]]:
        pool: ProcessPoolExecutor | None = None
        units = iter(self._units(files))
        pending: deque[tuple[list[FoundFile], Future[list[FileRead]] | None]] = deque()

        def ask() -> None:
            unit = next(units, None)
            if unit is not None:
                chunk, here = unit
                assert pool is not None
                pending.append((chunk, None if here else pool.submit(_read_files, chunk)))

        done = 0
        finished = False
        try:
            pool = ProcessPoolExecutor(
                1, mp_context=multiprocessing.get_context("spawn"),
                initializer=_start_helper,
                initargs=(BackgroundPriority.niceness,))
            for _ in range(self.AHEAD):
                ask()
            while pending:
                chunk, future = pending.popleft()
                if future is None:
                    results = [read_file(self.registry, entry) for entry in chunk]
                else:
                    while True:  # waiting, yet answering a cancel at once
                        if cancel():
                            return
                        try:
                            results = future.result(timeout=_POLL_S)
                            break
                        except TimeoutError:
                            continue
                ask()
                for entry, result in zip(chunk, results, strict=True):
                    if cancel():
                        return
                    done += 1
                    yield entry, result
            finished = True
        except (BrokenProcessPool, OSError):
            # The helper died, or could not be started (no memory, too many processes).
            _log.warning("The import's reading process failed; reading the rest here",
                         exc_info=True)
            for entry in files[done:]:
                if cancel():
                    return
                yield entry, read_file(self.registry, entry)
            finished = True
        finally:
            if pool is not None:
                if not finished:
                    # Cancelled (or the caller stopped): the helper is stopped, not waited
                    # for (it may be parsing the next two chunks).
                    for process in list(getattr(pool, "_processes", {}).values()):
                        process.terminate()
                pool.shutdown(wait=finished, cancel_futures=True)

    def _units(self, files: list[FoundFile]) -> Iterator[tuple[list[FoundFile], bool]]:
        """Chunks of small files for the helper; each large one alone, to be read here (a
        batch file streams its records instead of crossing over whole)."""
        chunk: list[FoundFile] = []
        for entry in files:
            try:
                large = entry.path.stat().st_size > self.LARGE_FILE_BYTES
            except OSError:
                large = True  # read here, where the reason is reported
            if large:
                if chunk:
                    yield chunk, False
                    chunk = []
                yield [entry], True
                continue
            chunk.append(entry)
            if len(chunk) >= self.CHUNK:
                yield chunk, False
                chunk = []
        if chunk:
            yield chunk, False
