"""Facets of a search: how the documents it matches spread over kinds, sources, years,
collections and languages, and which articles they are (for counts the index cannot
make, such as the entities those articles mention).

Counting reads the facet columns of every match, not of the best hits only, so a count
is the count of the whole result. Nothing is scored. The search deadline is checked as it
goes; a search cut short says so (``complete`` is False) rather than passing part of the
counts off as the whole.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any
from weakref import WeakKeyDictionary

from whoosh import query
from whoosh.searching import Searcher

from index.doc_counter import DocCounter
from index.facet_counts import FACET_FIELDS, FacetCounts
from index.search_deadline import SearchDeadline, SearchTimedOut


class FacetCounter:
    def __init__(self, deadline: SearchDeadline, fields: Sequence[str] = FACET_FIELDS) -> None:
        self._deadline = deadline
        self._fields = tuple(fields)

    def count(self, searcher: Searcher, q: query.Query, top: int) -> FacetCounts:
        """Counts over every document ``q`` matches (the ``top`` values of each field).
        Raises ``SearchCancelled`` when the caller's cancel says stop."""
        counters = {name: Counter[str]() for name in self._fields}
        articles: set[int] = set()
        documents = 0
        complete = True
        try:
            for segment in _segments(searcher):
                docs = self._docs(q, segment)
                documents += len(docs)
                self._deadline.check()
                for name in self._fields:
                    values = _column(segment, name)
                    if values is not None:
                        counters[name].update(values[d] for d in docs)
                        counters[name].pop(None, None)  # type: ignore[call-overload]
                numbers = _column(segment, "article_num")
                if numbers is not None:
                    articles.update(numbers[d] for d in docs)
                self._deadline.check()
        except SearchTimedOut:
            complete = False
        articles.discard(None)  # type: ignore[arg-type]
        return FacetCounts(
            values={name: tuple(counter.most_common(top)) for name, counter in counters.items()},
            article_ids=frozenset(articles), documents=documents, complete=complete)

    def _docs(self, q: query.Query, segment: Searcher) -> set[int]:
        # The same sets of document numbers the exact total is counted with.
        return DocCounter(self._deadline).docs(q, segment)


# Each segment's facet columns, read whole once (a column read per match costs several
# microseconds of Python; a list index costs nothing). Segments never change, so the
# lists live as long as their reader.
_COLUMNS: WeakKeyDictionary[object, dict[str, list[Any] | None]] = WeakKeyDictionary()
_COLUMNS_LOCK = threading.Lock()


def _column(segment: Searcher, name: str) -> list[Any] | None:
    reader = segment.reader()
    with _COLUMNS_LOCK:
        cached = _COLUMNS.setdefault(reader, {})
        if name in cached:
            return cached[name]
    values: list[Any] | None = None
    if reader.has_column(name):
        seen: dict[Any, Any] = {}
        values = []
        for value in reader.column_reader(name):
            if isinstance(value, bytes):
                value = value.decode("utf-8", "replace")
            # One object per distinct value (a source repeated 50,000 times is one string);
            # an empty value (no source; 0, which no article id is) counts as none.
            values.append(seen.setdefault(value, value) if value else None)
    with _COLUMNS_LOCK:
        cached[name] = values
    return values


def _segments(searcher: Searcher) -> Iterable[Searcher]:
    return [sub for sub, _offset in searcher.subsearchers] if searcher.subsearchers else [
        searcher]


