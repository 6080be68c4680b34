"""The search engine facade: the only entry point the application uses."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Collection, Iterable, Sequence
from pathlib import Path
from typing import ClassVar

from whoosh import index as whoosh_index
from whoosh.index import Index
from whoosh.writing import IndexWriter

from index.index_builder import CancelCallback, IndexBuilder, ProgressCallback
from index.index_document import IndexDocument, TextSource
from index.index_meta import IndexMeta
from index.index_schema import IndexSchema
from index.index_status import IndexStatus
from index.query_builder import QueryBuilder, QuerySyntaxError
from index.search_deadline import SearchDeadline
from index.search_results import SearchResults
from index.search_runner import SearchRunner
from index.searcher_pool import SearcherPool

_log = logging.getLogger(__name__)


class IndexNotReadyError(RuntimeError):
    """The folder holds no usable index (missing, other version, corrupt): rebuild first."""


class SearchIndex:
    """A Whoosh index in one folder, rebuilt atomically and searched from any thread.

    Locks, always taken in this order:
    - ``_rebuild_lock``: one rebuild at a time (they share the temporary folder names).
    - ``_write_lock``: one writer at a time (Whoosh allows one), and no write during a swap.
    - ``_state_lock``: the open ``Index``, its epoch and the per-thread searchers. Held only
      briefly, so a search on another thread keeps running on its old searcher while a
      rebuild swaps the folder; it moves to the new index at its next search.
    """

    VERSION: ClassVar[int] = 2  # bump when the schema or analyzers change
    # Spans and snippets look no further into a body: a TextSource may cut bodies here.
    MARKED_CHARS: ClassVar[int] = SearchRunner.MARKED_CHARS

    def __init__(self, path: Path) -> None:
        self._path = Path(path)
        self._builder = IndexBuilder(self._path)
        self._parser = QueryBuilder(IndexSchema.build())
        self._runner = SearchRunner()
        self._pool = SearcherPool()
        self._index: Index | None = None
        self._epoch = 0
        self._rebuild_lock = threading.Lock()
        self._write_lock = threading.RLock()
        self._state_lock = threading.RLock()

    @property
    def path(self) -> Path:
        """The index folder."""
        return self._path

    def status(self, generation: int, doc_count: int) -> IndexStatus:
        """Compare the folder on disk with the application's data generation and count."""
        # The write lock makes meta and document count one consistent snapshot (add() commits
        # first and records the generation after).
        with self._write_lock:
            if not IndexMeta.path_in(self._path).is_file():
                return IndexStatus.MISSING
            try:
                meta = IndexMeta.read(self._path)
            except (OSError, ValueError):
                return IndexStatus.CORRUPT
            if not self._compatible(meta):
                return IndexStatus.OTHER_VERSION
            try:
                count = self._count_on_disk()
            except Exception:  # damaged files fail in many ways (pickle, struct, OSError, ...)
                return IndexStatus.CORRUPT
            if meta.generation != generation or count != doc_count:
                return IndexStatus.STALE
            return IndexStatus.OK

    def rebuild(
        self,
        documents: Iterable[IndexDocument],
        total: int,
        generation: int,
        progress: ProgressCallback | None = None,
        cancel: CancelCallback | None = None,
    ) -> bool:
        """Build a fresh index beside the current one and swap it in; False if cancelled."""
        with self._rebuild_lock:
            self._builder.remove_leftovers()
            fresh = self._builder.build(documents, total, self._meta(generation), progress, cancel)
            if fresh is None:
                return False
            with self._write_lock, self._state_lock:
                # Our own Index object must not be reused: its storage path would now read
                # the new folder's table of contents with the old segments' readers.
                if self._index is not None:
                    self._index.close()
                    self._index = None
                self._builder.swap_in(fresh)
                self._epoch += 1
                self._open_locked()
            return True

    def add(self, documents: Sequence[IndexDocument], generation: int) -> None:
        """Add or replace (by id) documents in one commit and record ``generation``."""

        def apply(writer: IndexWriter) -> None:
            for document in documents:
                writer.update_document(**IndexSchema.to_fields(document))

        self._commit(apply, generation)

    def delete(self, ids: Sequence[int], generation: int) -> None:
        """Remove documents by id in one commit and record ``generation``."""

        def apply(writer: IndexWriter) -> None:
            for doc_id in ids:
                # Schema v2 indexes documents by key; ids here are article ids.
                writer.delete_by_term("key", IndexDocument.key_for("article", doc_id))

        self._commit(apply, generation)

    def _commit(self, apply: Callable[[IndexWriter], None], generation: int) -> None:
        with self._write_lock:
            writer = self._ready_index().writer()
            try:
                apply(writer)
            except BaseException:
                writer.cancel()
                raise
            writer.commit()
            # After the commit: a crash in between leaves an old generation, so STALE, rebuild.
            self._meta(generation).write(self._path)

    def search(
        self,
        query: str,
        limit: int = 20,
        *,
        texts: TextSource,
        kinds: Collection[str] | None = None,
        snippets: bool = True,
        time_limit: float = 5.0,
        cancel: Callable[[], bool] | None = None,
    ) -> SearchResults:
        """Best ``limit`` hits with an exact total; problems come back as ``error``.

        ``texts`` supplies titles and bodies by key (the index stores none); ``kinds``
        limits the search to those document kinds. ``time_limit`` and ``cancel`` are
        checked while expanding terms, building matchers and collecting.
        """
        deadline = SearchDeadline(time_limit, cancel)
        try:
            parsed = self._parser.parse(query)
        except QuerySyntaxError as exc:
            return SearchResults(query=query, total=0, hits=(), error=str(exc))
        with self._state_lock:
            try:
                searcher = self._pool.acquire(self._ready_index(), self._epoch)
            except IndexNotReadyError as exc:
                return SearchResults(query=query, total=0, hits=(), error=str(exc))
        # Outside the lock: a rebuild can swap meanwhile; this searcher keeps its open files.
        try:
            return self._runner.run(
                searcher,
                parsed,
                query,
                max(1, limit),
                texts=texts,
                kinds=kinds,
                snippets=snippets,
                deadline=deadline,
            )
        except Exception as exc:
            # The search box must never crash the caller: Whoosh has failed on odd but valid
            # syntax before (fuzzy prefix longer than the word). Logged, not swallowed.
            _log.exception("search for %r failed", query)
            return SearchResults(
                query=query, total=0, hits=(), error=f"The search could not be run: {exc}"
            )

    def document_count(self) -> int:
        """Documents in the index as of the last commit; 0 when there is no usable index."""
        with self._state_lock:
            try:
                searcher = self._pool.acquire(self._ready_index(), self._epoch)
            except IndexNotReadyError:
                return 0
            return searcher.doc_count()

    def info(self) -> dict[str, object]:
        """Facts for an "about the index" view."""
        try:
            generation: int | None = IndexMeta.read(self._path).generation
        except (OSError, ValueError):
            generation = None
        return {
            "version": self.VERSION,
            "analyzer": IndexSchema.analyzer_settings(),
            "documents": self.document_count(),
            "generation": generation,
            "path": str(self._path),
        }

    def close(self) -> None:
        """Close every searcher and the index; a later call reopens lazily."""
        with self._write_lock, self._state_lock:
            self._pool.close_all()
            if self._index is not None:
                self._index.close()
                self._index = None

    def _ready_index(self) -> Index:
        with self._state_lock:
            if self._index is None:
                self._open_locked()
            assert self._index is not None
            return self._index

    def _open_locked(self) -> None:
        try:
            meta = IndexMeta.read(self._path)
        except FileNotFoundError as exc:
            raise IndexNotReadyError("The search index has not been built yet.") from exc
        except (OSError, ValueError) as exc:
            raise IndexNotReadyError("The search index is damaged and must be rebuilt.") from exc
        # Never unpickle an index written by other code (shared/notes/whoosh.md).
        if not self._compatible(meta):
            raise IndexNotReadyError("The search index is from another version; rebuild it.")
        try:
            self._index = whoosh_index.open_dir(str(self._path))
        except Exception as exc:  # see status(): corruption has no single exception type
            raise IndexNotReadyError("The search index is damaged and must be rebuilt.") from exc

    def _count_on_disk(self) -> int:
        # A fresh Index and reader, not the cached searcher: status must reflect the files
        # (deleted segment files only show when a reader opens them).
        fresh = whoosh_index.open_dir(str(self._path))
        try:
            with fresh.reader() as reader:
                return reader.doc_count()
        finally:
            fresh.close()

    def _compatible(self, meta: IndexMeta) -> bool:
        return meta.version == self.VERSION and meta.analyzer == IndexSchema.analyzer_settings()

    def _meta(self, generation: int) -> IndexMeta:
        return IndexMeta(self.VERSION, IndexSchema.analyzer_settings(), generation)
