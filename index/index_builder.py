"""Builds a complete index in a temporary sibling folder and swaps it into place."""

from __future__ import annotations

import os
import shutil
import tempfile
import uuid
from collections.abc import Callable, Iterable
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.writing import IndexWriter

from index.index_document import IndexDocument
from index.index_meta import IndexMeta
from index.index_schema import IndexSchema

ProgressCallback = Callable[[int, int, str], None]
CancelCallback = Callable[[], bool]


class _Cancelled(Exception):
    """Internal: unwinds the build loop through the same cleanup as an error."""


class IndexBuilder:
    """Owns the folder names around ``target``: ``.NAME.new-*`` while building, ``.NAME.old-*``
    for the replaced index during a swap. Neither ever sits at ``target`` half-written."""

    PROGRESS_EVERY = 100
    # One segment, flushed rarely: fastest bulk mode that leaves no segments to merge later.
    WRITER_LIMIT_MB = 256

    def __init__(self, target: Path) -> None:
        self._target = target

    def remove_leftovers(self) -> None:
        """Delete build/swap folders left behind by a crash (callers serialise rebuilds)."""
        parent = self._target.parent
        if not parent.is_dir():
            return
        for prefix in (self._prefix("new"), self._prefix("old")):
            for folder in parent.glob(f"{prefix}*"):
                shutil.rmtree(folder, ignore_errors=True)

    def build(
        self,
        documents: Iterable[IndexDocument],
        total: int,
        meta: IndexMeta,
        progress: ProgressCallback | None = None,
        cancel: CancelCallback | None = None,
    ) -> Path | None:
        """Write all documents and ``meta`` to a new folder; None (and no folder) if cancelled."""
        self._target.parent.mkdir(parents=True, exist_ok=True)
        folder = Path(tempfile.mkdtemp(prefix=self._prefix("new"), dir=self._target.parent))
        try:
            built = whoosh_index.create_in(str(folder), IndexSchema.build())
            writer = built.writer(limitmb=self.WRITER_LIMIT_MB)
            try:
                done = self._add_all(writer, documents, total, progress, cancel)
                if cancel is not None and cancel():
                    raise _Cancelled
                if progress is not None:
                    progress(done, total, "Saving the search index")
            except BaseException:
                # Releases the write lock and the writer's temporary pool files.
                writer.cancel()
                raise
            # A single commit: one segment, and nothing visible until it is complete.
            writer.commit()
            built.close()
            meta.write(folder)
        except _Cancelled:
            shutil.rmtree(folder, ignore_errors=True)
            return None
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        return folder

    def swap_in(self, fresh: Path) -> None:
        """Replace ``target`` by ``fresh``: rename old away, rename new in, delete old.

        Both renames stay inside one directory, so each is atomic; a crash between them
        leaves no index at ``target`` (status MISSING, so it gets rebuilt), never half of one.
        """
        old: Path | None = None
        if self._target.exists():
            old = self._target.with_name(f"{self._prefix('old')}{uuid.uuid4().hex}")
            os.rename(self._target, old)
        os.rename(fresh, self._target)
        if old is not None:
            # Searchers on other threads may still hold the old files open; on POSIX the
            # data stays readable until they are closed.
            shutil.rmtree(old, ignore_errors=True)

    def _add_all(
        self,
        writer: IndexWriter,
        documents: Iterable[IndexDocument],
        total: int,
        progress: ProgressCallback | None,
        cancel: CancelCallback | None,
    ) -> int:
        done = 0
        for document in documents:
            if cancel is not None and cancel():
                raise _Cancelled
            writer.add_document(**IndexSchema.to_fields(document))
            done += 1
            if progress is not None and done % self.PROGRESS_EVERY == 0:
                progress(done, total, "Indexing articles")
        return done

    def _prefix(self, kind: str) -> str:
        return f".{self._target.name}.{kind}-"
