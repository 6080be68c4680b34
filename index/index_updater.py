"""The one writer of an index home: incremental updates and rebuilds beside the live index.

Used by the application's indexer (a separate process in the GUI), never by readers.
Updates accumulate in an open Whoosh writer and become visible at :meth:`commit`, which
also records the application's ``state`` (for instance the last change applied): a crash
before the commit loses the pending documents and the state that would have claimed them
together, so the application simply applies them again.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.index import Index, LockError
from whoosh.writing import IndexWriter

from index.bulk_segment_writer import BulkSegmentWriter
from index.file_seals import FileSeals
from index.index_check import IndexCheck, check_folder, expected_meta
from index.index_document import IndexDocument
from index.index_home import IndexHome
from index.index_schema import IndexSchema
from index.index_status import IndexStatus
from index.parallel_writer import ParallelWriter

ProgressCallback = Callable[[int, int, str], None]
CancelCallback = Callable[[], bool]


class IndexNotReadyError(RuntimeError):
    """There is no usable live index to update: rebuild first."""


class IndexBusyError(RuntimeError):
    """Another writer holds the index's lock (never two in one installation, but a process
    killed mid-write may hold it briefly)."""


class IndexUpdater:
    PROGRESS_EVERY = 100
    # One segment, flushed rarely: the fastest bulk mode that leaves little to merge later.
    WRITER_LIMIT_MB = 256
    # A writer of a process that is going away (killed mid-update) may hold the lock a
    # moment longer; wait for it rather than fail.
    LOCK_WAIT_S = 15.0

    # Changes held back before they reach the writer: a key changed again while held is
    # simply replaced (an article stored, then its entity mentions, rows apart). Once in the
    # writer, a change again means a commit and indexing it twice: the recognition after
    # an import stores an article's mentions up to thousands of articles later, so the
    # stage holds that many, written once past either bound: 25 million characters are
    # 25-100 MB in memory (one to four bytes a character, as Python stores the widest).
    STAGED_DOCS = 10_000
    STAGED_CHARS = 25_000_000
    # From this many documents at once (an import's batches, a rebuild) the writer hands
    # them to helper processes, one per core (see ParallelWriter); below it, one process.
    PARALLEL_MIN_DOCS = 1000
    PROCS = min(2, os.cpu_count() or 1)

    def __init__(self, root: Path) -> None:
        self.home = IndexHome(root)
        self._index: Index | None = None
        self._writer: IndexWriter | None = None
        # key -> the document to add, or None to delete; not yet in the writer.
        self._staged: dict[str, IndexDocument | None] = {}
        self._staged_chars = 0
        # Keys handed to the writer since the last commit. Whoosh cannot replace or delete
        # a document it has not committed yet (update_document would add a second one), so
        # such a key changing again means committing first.
        self._written: set[str] = set()

    def check(self) -> IndexCheck:
        return check_folder(self.home.current(), self.home.damage())

    @property
    def pending(self) -> int:
        """Documents added or deleted since the last commit."""
        return len(self._staged) + len(self._written)

    def apply(self, upserts: Sequence[IndexDocument], deletes: Sequence[str],
              state: Mapping[str, object] | None = None) -> None:
        """Add or replace ``upserts`` (by key) and remove ``deletes`` (keys); not yet visible.

        ``state`` is what the index reflects before these changes: if one of them touches
        a document written since the last commit, what came before is committed with it
        (without ``state`` that is an error).
        """
        if self._writer is None and not self._staged:
            check = self.check()  # fails now if there is no index to update
            if check.status is not IndexStatus.OK:
                raise IndexNotReadyError(check.reason or check.status.value)
        changes: dict[str, IndexDocument | None] = dict.fromkeys(deletes)
        changes.update((document.key, document) for document in upserts)
        if not self._written.isdisjoint(changes):
            if state is None:
                raise ValueError("a document written since the last commit changed again")
            self.commit(state)
        staged = self._staged
        for key, document in changes.items():
            self._staged_chars += _chars(document) - _chars(staged.get(key))
            staged[key] = document
        if len(staged) >= self.STAGED_DOCS or self._staged_chars >= self.STAGED_CHARS:
            # This call's keys stay held: the rows of one change (an article's mentions)
            # are consecutive, and the next call may bring the rest of them. Unless they
            # are much of the bound themselves (a catch-up's round of long articles).
            small = sum(map(_chars, changes.values())) < self.STAGED_CHARS // 10
            self._write_staged(keep=changes if small else ())

    def commit(self, state: Mapping[str, object]) -> None:
        """Make pending changes visible and record ``state`` with them."""
        folder = self.home.current()
        if folder is None:
            raise IndexNotReadyError("The search index has not been built yet.")
        self._write_staged()
        if self._writer is not None:
            writer, self._writer = self._writer, None
            writer.commit()
        self._written.clear()
        FileSeals.seal(folder)
        expected_meta(state).write(folder)

    def tidy(self) -> None:
        """Remove the generations other than the live one (builds that a killed process
        abandoned), if the index can be claimed now (never waits: another process may be
        writing it, and will tidy it itself)."""
        if self.home.claim_writer():
            self.home.remove_other_generations()

    def verify(self, stop: Callable[[], bool] | None = None) -> str | None:
        """Read every file of the live generation and compare its checksum; why it is
        damaged (and marked so), or None. Raises SealCheckStopped when ``stop`` says so."""
        return self.home.verify(writer=True, stop=stop)

    def discard(self) -> None:
        """Drop pending changes (quitting mid-import: they are applied again next time)."""
        self._staged.clear()
        self._staged_chars = 0
        self._written.clear()
        if self._writer is not None:
            writer, self._writer = self._writer, None
            writer.cancel()

    def _write_staged(self, keep: Collection[str] = ()) -> None:
        staged = self._staged
        self._staged = {key: staged.pop(key) for key in keep if key in staged}
        self._staged_chars = sum(map(_chars, self._staged.values()))
        if not staged:
            return
        writer = self._open_writer(len(staged))
        for key, document in staged.items():
            if document is None:
                writer.delete_by_term("key", key)
            else:
                # Replaces the committed version, if any (never one written since).
                writer.update_document(**IndexSchema.to_fields(document))
        self._written.update(staged)

    def rebuild(
        self,
        documents: Iterable[IndexDocument],
        total: int,
        state: Mapping[str, object],
        progress: ProgressCallback | None = None,
        cancel: CancelCallback | None = None,
    ) -> bool:
        """Build a new generation from ``documents`` beside the live one and switch to it.

        False (and nothing changed) when cancelled. The live index answers searches all along.
        """
        self.discard()
        self.close()
        self._claim()
        self.home.remove_other_generations()
        folder = self.home.new_generation()
        try:
            built = whoosh_index.create_in(str(folder), IndexSchema.build())
            writer = self._new_writer(built, total)
            try:
                done = 0
                for document in documents:
                    if cancel is not None and cancel():
                        writer.cancel()
                        built.close()
                        shutil.rmtree(folder, ignore_errors=True)
                        return False
                    writer.add_document(**IndexSchema.to_fields(document))
                    done += 1
                    if progress is not None and done % self.PROGRESS_EVERY == 0:
                        progress(done, total, "Indexing")
                if progress is not None:
                    progress(done, total, "Saving the search index")
            except BaseException:
                writer.cancel()
                raise
            # A single commit: one segment, and nothing visible until it is complete.
            writer.commit()
            built.close()
            FileSeals.seal(folder)
            expected_meta(state).write(folder)
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        self.home.switch_to(folder)
        return True

    def close(self) -> None:
        self.discard()
        if self._index is not None:
            self._index.close()
            self._index = None
        # Another process may write this home now.
        self.home.release_writer()

    def _claim(self) -> None:
        deadline = time.monotonic() + self.LOCK_WAIT_S
        while not self.home.claim_writer():
            if time.monotonic() > deadline:
                raise IndexBusyError(
                    "Another Research Notes process is writing this search index "
                    "(a copy of this project open elsewhere?); try again later.")
            time.sleep(0.2)

    def _new_writer(self, index: Index, documents: int, **options: object) -> IndexWriter:
        if self.PROCS > 1 and documents >= self.PARALLEL_MIN_DOCS:
            # Each helper has a pool of its own: the same memory in all.
            return ParallelWriter(index, self.PROCS, limitmb=self.WRITER_LIMIT_MB // self.PROCS,
                                  **options)
        return BulkSegmentWriter(index, limitmb=self.WRITER_LIMIT_MB, **options)

    def _open_writer(self, documents: int = 0) -> IndexWriter:
        if self._writer is not None:
            return self._writer
        # Claimed first: while waiting for the lock, another process's rebuild may have
        # switched the live generation (and removed the one we would have read).
        self._claim()
        check = self.check()
        if check.status is not IndexStatus.OK:
            raise IndexNotReadyError(check.reason or check.status.value)
        folder = self.home.current()
        assert folder is not None
        # Ours alone now: a generation that is not the live one is a build abandoned by a
        # killed process (a rebuild stopped on quit), 20 MB or more nobody would remove.
        self.home.remove_other_generations()
        if self._index is not None and Path(self._index.storage.folder) != folder:
            self._index.close()
            self._index = None
        if self._index is None:
            self._index = whoosh_index.open_dir(str(folder))
        try:
            self._writer = self._new_writer(self._index, documents,
                                            timeout=self.LOCK_WAIT_S, delay=0.2)
        except LockError:
            raise IndexBusyError(
                "Another program is writing this search index; try again later.") from None
        return self._writer


def _chars(document: IndexDocument | None) -> int:
    """What a staged change holds in memory, roughly, in characters."""
    return 0 if document is None else len(document.body) + len(document.title) + 200
