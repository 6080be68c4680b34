"""Search latency per query kind on the BBC News corpus. Run with ``make bench``.

Each kind's p50/p95 is printed as a ratio against bare Whoosh on the same index in the same
run: Whoosh's own parser over the stemmed title and body, top 20, and the same with its
highlighter on the 20 hits (fed the same texts). Ours adds what the bare one lacks: exact
totals (every match scored and counted), capped expansion on the unstemmed fields, phrase-
only marking and 20 snippets with code-point spans.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import statistics
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from whoosh import index as whoosh_index
from whoosh.highlight import WholeFragmenter
from whoosh.qparser import FuzzyTermPlugin, MultifieldParser

from index import IndexStatus, SearchIndex
from index.index_schema import IndexSchema
from tests.bbc_raw import BBC, read_bbc
from tests.bench.bench_corpus import bench_cache
from tests.unit.index_support import IndexUnderTest, MemoryTexts, article

KINDS: dict[str, list[str]] = {
    "term": ["economy", "election", "Blair", "football", "music", "broadband", "Chelsea",
             "tax", "court", "Microsoft"],
    "AND": ["blair brown", "mobile phone", "oil price", "film award", "budget deficit",
            "world cup", "prime minister", "stock market", "chief executive", "music album"],
    "phrase": ['"interest rates"', '"prime minister"', '"world cup"', '"mobile phone"',
               '"general election"', '"chief executive"', '"The Who"', '"oil prices"',
               '"film festival"', '"human rights"'],
    "field": ["title:win", "title:election", "title:music", 'title:"world cup"',
              "title:blair", "title:film", "title:oil", "title:china", "title:games",
              "title:economy"],
    "prefix": ["minist*", "elect*", "footb*", "techn*", "govern*", "champ*", "econ*",
               "broadb*", "pr*", "co*"],
    "fuzzy": ["technolgy~", "elecion~", "goverment~", "economy~", "footbal~", "minster~",
              "chelsae~", "musci~", "brodband~", "parliment~"],
}
ROUNDS = 3
# A baseline run slower than this is not repeated: bare Whoosh highlighting a prefix that
# matches thousands of words can take minutes at 50k articles.
SLOW_MS = 2_000.0
# RESEARCH_NOTES_BENCH_COPIES=24 repeats the corpus (distinct ids) to about 50,000 articles.
COPIES = int(os.environ.get("RESEARCH_NOTES_BENCH_COPIES", "1"))


def _percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[round(0.95 * (len(ordered) - 1))]


def _timed(run: Callable[[], object]) -> float:
    started = time.perf_counter()
    run()
    return (time.perf_counter() - started) * 1000


def _rounds(run: Callable[[], object]) -> list[float]:
    first = _timed(run)
    if first > SLOW_MS:
        return [first] * ROUNDS
    return [first] + [_timed(run) for _ in range(ROUNDS - 1)]


def _cache_folder() -> Path:
    """Where the index of this many copies is kept between runs, keyed by what it holds:
    the index version and analysis settings (a changed schema never reuses an old one)."""
    settings = json.dumps(IndexSchema.analyzer_settings(), sort_keys=True)
    digest = hashlib.sha256(settings.encode("utf-8")).hexdigest()[:12]
    return bench_cache() / f"search-index-v{SearchIndex.VERSION}-{digest}-x{COPIES}"


@pytest.fixture(scope="module")
def bbc(tmp_path_factory: pytest.TempPathFactory) -> Iterator[IndexUnderTest]:
    if not BBC.is_dir():
        pytest.skip(f"the BBC News corpus is not present at {BBC}")
    raw = read_bbc()
    docs = [
        article(copy * 10_000 + a.number, a.title, a.body, collection=a.collection)
        for copy in range(COPIES)
        for a in raw
    ]
    # One copy builds in seconds, in a temporary folder; more are built once and kept in
    # the benchmark cache (about 4 minutes at 24 copies), so changes can be tried quickly.
    folder = _cache_folder() if COPIES > 1 else tmp_path_factory.mktemp("bench") / "ix"
    cached = SearchIndex(folder)
    if cached.check().status is IndexStatus.OK and cached.document_count() == len(docs):
        cached.close()
        built = IndexUnderTest(folder)
        built.texts = MemoryTexts(docs)
        print(f"\nreused the index of {len(docs)} articles in {folder}")
    else:
        cached.close()
        partial = folder.with_name(folder.name + ".partial")
        shutil.rmtree(partial, ignore_errors=True)
        started = time.perf_counter()
        IndexUnderTest(partial, docs).close()
        print(f"\nindexed {len(docs)} articles in {time.perf_counter() - started:.0f} s")
        shutil.rmtree(folder, ignore_errors=True)
        partial.rename(folder)
        built = IndexUnderTest(folder)
        built.texts = MemoryTexts(docs)
    yield built
    built.close()


def test_bench_search_by_kind(bbc: IndexUnderTest, tmp_path: Path) -> None:
    folder = bbc.index.home.current()
    assert folder is not None
    # The baseline opens the same index files with Whoosh alone (built here, so trusted).
    ix = whoosh_index.open_dir(str(folder))
    size = sum(f.stat().st_size for f in folder.iterdir())
    print(f"\nBBC index (schema v{bbc.index.VERSION}, {ix.doc_count()} articles): "
          f"{size / 1e6:.1f} MB on disk")
    parser = MultifieldParser(["title", "body"], ix.schema)
    parser.add_plugin(FuzzyTermPlugin())
    texts = bbc.texts.documents

    def bare(query: str, highlight: bool) -> None:
        results = searcher.search(parser.parse(query), limit=20, terms=highlight)
        if highlight:
            results.fragmenter = WholeFragmenter()
            for hit in results:
                hit.highlights("body", text=texts[hit["key"]].body)

    print(f"  {'kind':<7} {'ours p50/p95 ms':>17} {'bare p50/p95':>14} {'+highlights':>13}"
          f"   ratio p50/p95 vs bare, vs bare+highlights")
    with ix.searcher() as searcher:
        for kind, queries in KINDS.items():
            ours: list[float] = []
            plain: list[float] = []
            lit: list[float] = []
            cut: list[str] = []
            for query in queries:  # warm caches (the highlighter's aside: it can be slow)
                found = bbc.search(query)
                assert found.error is None, (query, found.error)
                if found.timed_out or not found.total_exact:
                    cut.append(query)
                bare(query, False)
            for query in queries:
                ours.extend(_rounds(lambda q=query: bbc.search(q, 20)))
                plain.extend(_rounds(lambda q=query: bare(q, False)))
                lit.extend(_rounds(lambda q=query: bare(q, True)))
            o50, o95 = _percentiles(ours)
            p50, p95 = _percentiles(plain)
            h50, h95 = _percentiles(lit)
            print(f"  {kind:<7} {o50:7.1f} /{o95:7.1f}  {p50:6.1f} /{p95:6.1f} "
                  f"{h50:6.1f} /{h95:6.1f}   {o50 / p50:5.1f}x /{o95 / p95:5.1f}x, "
                  f"{o50 / h50:4.1f}x /{o95 / h95:4.1f}x")
            if cut:
                print(f"          cut short by a limit (said so, total not exact): {cut}")
