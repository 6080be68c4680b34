"""Long-lived Whoosh searchers, one per thread."""

from __future__ import annotations

import threading

from whoosh.index import Index
from whoosh.searching import Searcher


class SearcherPool:
    """Keeps one searcher per thread and replaces it when the index has a newer commit.

    A searcher caches term info and sort columns, so reusing it is much faster than opening
    one per query; but Whoosh searchers are not thread-safe, hence one per thread. The pool
    itself is not locked: ``SearchIndex`` calls it while holding its state lock.

    Searchers are released only by :meth:`close_all` (closing the index), never because a
    thread looks finished: threads started by Qt are unknown to ``threading.enumerate()``,
    so a live one would lose its searcher mid-search. Callers keep their worker threads
    for the index's life (the application's pools never expire them), so the pool stays
    as small as the number of searching threads.

    ``epoch`` counts how often the owner reopened its ``Index`` (after a rebuild swapped the
    folder). A searcher from an older epoch is replaced even if ``up_to_date()`` says yes:
    its Index object would compare against the new folder's table of contents.
    """

    def __init__(self) -> None:
        self._entries: dict[int, tuple[int, Searcher]] = {}

    def acquire(self, index: Index, epoch: int) -> Searcher:
        """This thread's searcher for ``index``, up to date with the latest commit."""
        key = threading.get_ident()
        entry = self._entries.get(key)
        if entry is not None:
            entry_epoch, searcher = entry
            if entry_epoch == epoch and searcher.up_to_date():
                return searcher
            # Not searcher.refresh(): in whoosh3 3.54.0 it hands the new reader the old
            # segments as well (Index._reader extends the TOC's segment list with the reused
            # reader's), so after a merge every document is found twice, and reused segment
            # readers keep their old deletion sets, so deleted or updated documents stay
            # visible. A new searcher per commit costs little and is always right.
            searcher.close()
        searcher = index.searcher()
        self._entries[key] = (epoch, searcher)
        return searcher

    def close_all(self) -> None:
        """Close every searcher (call when no search is running, e.g. at shutdown)."""
        entries, self._entries = self._entries, {}
        for _, searcher in entries.values():
            searcher.close()

    def __len__(self) -> int:
        return len(self._entries)
