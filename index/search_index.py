"""The search side of an index home: what the application searches through, from any thread.

Readers never write Whoosh files; the one writer is :class:`index.IndexUpdater` (in the
application's indexer process). A reader follows the home's pointer: after a rebuild
switched generations, the next search opens the new one while searches already running
finish on the old files. A search that fails because a file is damaged marks the home
damaged, so the application rebuilds it.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Collection
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.index import Index
from whoosh.searching import Searcher

from index.facet_counter import FacetCounter, FacetCounts
from index.file_seals import FileSeals
from index.index_check import VERSION, IndexCheck, check_folder, compatible
from index.index_document import TextSource
from index.index_home import IndexHome
from index.index_meta import IndexMeta
from index.index_schema import IndexSchema
from index.index_status import IndexStatus
from index.index_updater import IndexNotReadyError
from index.query_builder import QueryBuilder, QuerySyntaxError
from index.search_deadline import SearchCancelled, SearchDeadline, SearchTimedOut
from index.search_results import SearchResults
from index.search_runner import CANCELLED, SearchRunner
from index.searcher_pool import SearcherPool
from index.term_expander import TermExpander

_log = logging.getLogger(__name__)


class SearchIndex:
    """Searches the live generation of an index home.

    ``_state_lock`` guards the open ``Index``, its folder and the per-thread searchers; it
    is held only briefly, so a search on one thread never waits for another's.
    """

    VERSION = VERSION
    # Spans and snippets look no further into a body: a TextSource may cut bodies here.
    MARKED_CHARS = SearchRunner.MARKED_CHARS

    def __init__(self, root: Path) -> None:
        self.home = IndexHome(root)
        self._parser = QueryBuilder(IndexSchema.build())
        self._runner = SearchRunner()
        self._expander = TermExpander()
        self._pool = SearcherPool()
        self._index: Index | None = None
        self._folder: Path | None = None
        self._epoch = 0
        self._state_lock = threading.RLock()

    @property
    def root(self) -> Path:
        return self.home.root

    def check(self) -> IndexCheck:
        """The live generation's status and recorded state; never raises."""
        return check_folder(self.home.current(), self.home.damage())

    def recorded_state(self) -> dict[str, object]:
        """What the live generation records it reflects (``state``), from its meta file
        alone: no Whoosh files opened, so cheap enough for every search. Empty when there
        is none or it cannot be read."""
        folder = self.home.current()
        if folder is None:
            return {}
        try:
            return dict(IndexMeta.read(folder).state)
        except (OSError, ValueError):
            return {}

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
        folder: Path | None = None
        try:
            searcher, folder = self._acquire()
            # Outside the lock: a rebuild can switch meanwhile; this searcher keeps its files.
            return self._runner.run(
                searcher, parsed, query, max(1, limit), texts=texts, kinds=kinds,
                snippets=snippets, deadline=deadline,
            )
        except IndexNotReadyError as exc:
            return SearchResults(query=query, total=0, hits=(), error=str(exc))
        except Exception as exc:
            # Valid queries only fail here when the files are damaged (or Whoosh has a bug):
            # either way the index is rebuilt, and the user told so. Logged, not swallowed.
            _log.exception("search for %r failed", query)
            if folder is not None:  # the generation searched: not one opened since
                self.home.mark_damaged(f"A search failed: {exc!r}", folder)
            with self._state_lock:
                self._index, self._folder = None, None
            return SearchResults(
                query=query, total=0, hits=(),
                error="The search index is damaged; it is being rebuilt. Try again shortly.",
            )

    def facets(
        self,
        query: str,
        top: int = 10,
        *,
        time_limit: float = 5.0,
        cancel: Callable[[], bool] | None = None,
    ) -> FacetCounts:
        """How every match of ``query`` spreads over the facet fields, and its articles.

        Counted like ``search``'s total (the same parsing and capped expansion), so the
        counts add up to what the results say. Problems come back as ``error``.
        """
        deadline = SearchDeadline(time_limit, cancel)
        try:
            parsed = self._parser.parse(query)
        except QuerySyntaxError as exc:
            return FacetCounts(error=str(exc))
        folder: Path | None = None
        try:
            searcher, folder = self._acquire()
            expansion = self._expander.expand(parsed, searcher, deadline)
            return FacetCounter(deadline).count(searcher, expansion.query, top)
        except SearchTimedOut:
            return FacetCounts(complete=False)
        except SearchCancelled:
            return FacetCounts(complete=False, error=CANCELLED)
        except IndexNotReadyError as exc:
            return FacetCounts(error=str(exc))
        except Exception as exc:
            _log.exception("facets of %r failed", query)
            if folder is not None:
                self.home.mark_damaged(f"Counting facets failed: {exc!r}", folder)
            with self._state_lock:
                self._index, self._folder = None, None
            return FacetCounts(error="The search index is damaged; it is being rebuilt.")

    def document_count(self) -> int:
        """Documents in the live generation; 0 when there is no usable index. Never raises."""
        try:
            return self._searcher().doc_count()
        except Exception:  # damaged files fail in many ways; info must never traceback
            return 0

    def verify(self, mark: bool = True) -> str | None:
        """Read every file of the live generation and compare its checksum (seconds for a
        large index); why it is damaged (and, with ``mark``, marked so), or None."""
        return self.home.verify(mark=mark)

    def info(self) -> dict[str, object]:
        """Facts for an "about the index" view; never raises."""
        check = self.check()
        return {
            "version": VERSION,
            "analyzer": IndexSchema.analyzer_settings(),
            "status": check.status.value,
            "documents": check.documents,
            "problem": check.reason,
            "path": str(self.root),
            "size_bytes": _safe_size(self.home),
        }

    def close(self) -> None:
        """Close every searcher and the index; a later search reopens lazily."""
        with self._state_lock:
            self._pool.close_all()
            self._index, self._folder = None, None

    def _searcher(self) -> Searcher:
        return self._acquire()[0]

    def _acquire(self) -> tuple[Searcher, Path]:
        """A searcher of the live generation, and that generation's folder."""
        if self.home.damage():
            # Found damaged since it was opened (the indexer's check of every file): no
            # answers from it while it is rebuilt, rather than counts called exact that
            # are not (84 for 173 for ten seconds, in a new user's trial).
            raise IndexNotReadyError("The search index is damaged; it is being rebuilt.")
        with self._state_lock:
            folder = self.home.current()
            if folder != self._folder or self._index is None:
                # Searchers of the old generation are replaced by their own threads at
                # their next search (the pool compares epochs); closing them here could
                # pull the files from under a search running on another thread.
                self._index, self._folder = None, None
                self._open(folder)
            assert self._index is not None and self._folder is not None
            return self._pool.acquire(self._index, self._epoch), self._folder

    def _open(self, folder: Path | None) -> None:
        # The damage mark is looked at by _acquire, which alone calls this.
        if folder is None:
            raise IndexNotReadyError("The search index has not been built yet.")
        try:
            meta = IndexMeta.read(folder)
        except (OSError, ValueError) as exc:
            raise IndexNotReadyError("The search index is damaged and must be rebuilt.") from exc
        # Never unpickle an index written by other code (shared/notes/whoosh.md).
        if not compatible(meta):
            raise IndexNotReadyError("The search index is from another version; rebuild it.")
        problem = FileSeals.problem(folder)
        if problem:
            self.home.mark_damaged(problem, folder)
            raise IndexNotReadyError("The search index is damaged; it is being rebuilt.")
        try:
            self._index = whoosh_index.open_dir(str(folder))
        except Exception as exc:  # corruption has no single exception type
            self.home.mark_damaged(f"The index cannot be opened: {exc!r}", folder)
            raise IndexNotReadyError("The search index is damaged and must be rebuilt.") from exc
        self._folder = folder
        self._epoch += 1


def _safe_size(home: IndexHome) -> int:
    try:
        return home.size_bytes()
    except OSError:
        return 0


__all__ = ["IndexCheck", "IndexNotReadyError", "IndexStatus", "SearchIndex"]
