"""Title, source and date of the rows a view shows, read a page at a time by primary key.

A view asks for a few dozen visible rows, cell by cell and role by role; one query per
page of ids answers all of them (about a millisecond for 128 rows at 500,000 articles on
the GUI thread; see tests/bench/test_bench_article_list.py). Entries are keyed by article
id, so a re-sort or rows inserted above keep them valid; only changed articles are
forgotten.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterable, Mapping, Sequence
from itertools import islice
from typing import Final

from desktop.domain.article import ArticleSummary

Reader = Callable[[Sequence[int]], Mapping[int, ArticleSummary]]

PAGE_ROWS: Final = 128
# About 80 pages: scrolling back and forth over a screenful or two never reads twice, and
# the memory stays small (about 3 MB) however long the list.
MAX_ENTRIES: Final = 10_000


class SummaryPages:
    def __init__(self, read: Reader, max_entries: int = MAX_ENTRIES) -> None:
        self._read = read
        self._max = max_entries
        # None: the id was listed but the article was gone when its page was read.
        self._entries: dict[int, ArticleSummary | None] = {}
        self.pages_read = 0

    def summary(self, ids: array[int], row: int) -> ArticleSummary | None:
        article_id = ids[row]
        try:
            return self._entries[article_id]
        except KeyError:
            pass
        start = row - row % PAGE_ROWS
        missing = [i for i in ids[start:start + PAGE_ROWS] if i not in self._entries]
        found = self._read(missing)
        self.pages_read += 1
        self._make_room(len(missing))
        for i in missing:
            self._entries[i] = found.get(i)
        return self._entries[article_id]

    def forget(self, ids: Iterable[int]) -> None:
        for i in ids:
            self._entries.pop(i, None)

    def clear(self) -> None:
        self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)

    def _make_room(self, adding: int) -> None:
        # Oldest pages first (a dict keeps insertion order): a visible page read long ago
        # may go too, and is read again on its next paint, which costs a millisecond.
        excess = len(self._entries) + adding - self._max
        if excess > 0:
            for key in list(islice(self._entries, excess)):
                del self._entries[key]
