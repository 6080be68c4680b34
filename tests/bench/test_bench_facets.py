"""Facet counting on the BBC News corpus (``RESEARCH_NOTES_BENCH_COPIES=24`` repeats it to
about 50,000 articles). Run with ``make bench``.

Counting reads the facet columns of every match, so its cost grows with the number of
matches, not with the number shown. Printed per query: the search (best 20, exact total,
snippets) and the facet count of the same query, medians in ms, and the ratio between
them measured in the same run.
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable

import pytest

from tests.bbc_raw import BBC, read_bbc
from tests.unit.index_support import IndexUnderTest, article

QUERIES = ("said", "economy", "blair brown", '"prime minister"', "title:election", "film~")
ROUNDS = 5
COPIES = int(os.environ.get("RESEARCH_NOTES_BENCH_COPIES", "1"))
SOURCES = ("BBC News", "BBC Sport", "BBC Online")


def _median_ms(run: Callable[[], object]) -> float:
    times = []
    for _ in range(ROUNDS):
        started = time.perf_counter()
        run()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


@pytest.fixture(scope="module")
def bbc(tmp_path_factory: pytest.TempPathFactory) -> IndexUnderTest:
    if not BBC.is_dir():
        pytest.skip(f"the BBC News corpus is not present at {BBC}")
    raw = read_bbc()
    docs = [article(copy * 10_000 + a.number, a.title, a.body, collection=a.collection,
                    source=SOURCES[a.number % 3], published=f"{2004 + a.number % 3}-01-01")
            for copy in range(COPIES) for a in raw]
    return IndexUnderTest(tmp_path_factory.mktemp("facets") / "ix", docs)


def test_bench_facets_against_the_search_of_the_same_query(bbc: IndexUnderTest) -> None:
    index = bbc.index
    print(f"\nfacets at {index.document_count():,} documents, median of {ROUNDS} (ms):")
    print(f"  {'query':<20} {'matches':>8} {'search':>8} {'facets':>8} {'ratio':>6}")
    for query in QUERIES:
        results = index.search(query, texts=bbc.texts)
        facets = index.facets(query)
        assert facets.complete and facets.documents == results.total  # every match counted
        search_ms = _median_ms(lambda q=query: index.search(q, texts=bbc.texts))
        facets_ms = _median_ms(lambda q=query: index.facets(q))
        print(f"  {query:<20} {results.total:>8,} {search_ms:>8.0f} {facets_ms:>8.0f} "
              f"{facets_ms / search_ms:>5.2f}x")
