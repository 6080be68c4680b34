"""Facets of a search: how the documents it matches spread over kinds, sources, years,
collections and languages, and which articles they are (for counts the index cannot
make, such as the entities those articles mention).

Counting reads the facet columns of every match, not of the best hits only, so a count
is the count of the whole result. Nothing is scored. The search deadline is checked as it
goes; a search cut short says so (``complete`` is False) rather than passing part of the
counts off as the whole.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Final

from whoosh import query
from whoosh.searching import Searcher

from index.search_deadline import SearchDeadline, SearchTimedOut

# The facet columns a user can narrow a search by (see ``IndexSchema``).
FACET_FIELDS: Final = ("kind", "source_name", "year", "collection", "language")
_CHECK_EVERY: Final = 4096


@dataclass(frozen=True, slots=True)
class FacetCounts:
    # Per facet field: (value, documents), most documents first.
    values: dict[str, tuple[tuple[str, int], ...]] = field(default_factory=dict)
    # The distinct articles of the matching documents (an article's own, a highlight's or
    # a note's article).
    article_ids: frozenset[int] = frozenset()
    documents: int = 0
    complete: bool = True
    error: str | None = None


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
                reader = segment.reader()
                columns = {name: reader.column_reader(name) for name in self._fields
                           if reader.has_column(name)}
                article_column = (reader.column_reader("article_num")
                                  if reader.has_column("article_num") else None)
                for docnum in q.docs(segment):
                    documents += 1
                    if documents % _CHECK_EVERY == 0:
                        self._deadline.check()
                    for name, column in columns.items():
                        value = column[docnum]
                        if value:
                            counters[name][_text(value)] += 1
                    if article_column is not None:
                        article = article_column[docnum]
                        if article:
                            articles.add(int(article))
        except SearchTimedOut:
            complete = False
        return FacetCounts(
            values={name: tuple(counter.most_common(top)) for name, counter in counters.items()},
            article_ids=frozenset(articles), documents=documents, complete=complete)


def _segments(searcher: Searcher) -> Iterable[Searcher]:
    return [sub for sub, _offset in searcher.subsearchers] if searcher.subsearchers else [
        searcher]


def _text(value: object) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)
