"""Benchmarks on the BBC News corpus (2,225 real articles). Run with ``make bench``.

Timings are printed, never asserted, each as a ratio against a baseline measured in the
same run on the same machine: bare Whoosh with a plain stemming schema, fed the same texts,
without the application around it (reading files, decoding, normalising, duplicate
detection, SQLite, spans and snippets).

An import no longer indexes by itself: the index follows the database (in the app through
the indexer process). A small import is indexed afterwards in the same process, as the
command line does it, with ``IndexService.ensure_current``; that is part of the timing.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

import pytest
from whoosh import fields, index
from whoosh.analysis import StemmingAnalyzer
from whoosh.qparser import MultifieldParser

from desktop.services.import_service import ImportService
from desktop.services.index_service import IndexService
from desktop.services.project import Project
from desktop.services.search_service import SearchService
from tests.support import shared_path

QUERIES = [
    "economy", "election", "Blair", "football", "music", "mobile phone", "oil price",
    "Chelsea", "film award", "broadband", "tax", "\"interest rates\"", "games", "court",
    "Microsoft", "champion", "budget deficit", "album", "security", "growth",
    "minist*", "technolgy~", "title:win", "Iraq", "euro", "virus", "China", "strike",
    "actor", "pension",
]


def _percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[int(0.95 * (len(ordered) - 1))]


@pytest.fixture(scope="module")
def bbc() -> Path:
    return shared_path("corpora", "bbc-news", "bbc")


def _baseline_index(bbc: Path, target: Path) -> tuple[float, index.Index]:
    schema = fields.Schema(
        id=fields.ID(stored=True, unique=True),
        title=fields.TEXT(stored=True, analyzer=StemmingAnalyzer()),
        body=fields.TEXT(analyzer=StemmingAnalyzer()),  # not stored, as in the app
    )
    target.mkdir()
    started = time.perf_counter()
    ix = index.create_in(str(target), schema)
    writer = ix.writer(limitmb=256)
    for number, file in enumerate(sorted(bbc.rglob("*/*.txt"))):
        text = file.read_bytes().decode("utf-8", errors="replace")
        title, _, body = text.partition("\n")
        writer.add_document(id=str(number), title=title, body=body)
    writer.commit()
    return time.perf_counter() - started, ix


def test_bench_import_and_search(bbc: Path, tmp_path: Path) -> None:
    base_seconds, base_ix = _baseline_index(bbc, tmp_path / "baseline")
    with Project.create(tmp_path / "project") as project:
        started = time.perf_counter()
        report = ImportService(project).import_paths([bbc])
        assert IndexService(project).ensure_current()
        app_seconds = time.perf_counter() - started
        print(f"\nBBC import: {report.files_read} files read, {report.imported} imported, "
              f"{len(report.duplicates)} duplicates, {len(report.failed)} failed")
        print(f"  application import and index {app_seconds:.2f} s "
              f"({report.imported / app_seconds:.0f} articles/s); bare Whoosh "
              f"{base_seconds:.2f} s; ratio {app_seconds / base_seconds:.2f}x")

        service = SearchService(project)
        parser = MultifieldParser(["title", "body"], base_ix.schema)
        app_ms: list[float] = []
        base_ms: list[float] = []
        with base_ix.searcher() as searcher:
            for _round in range(3):
                for query in QUERIES:
                    started = time.perf_counter()
                    assert not service.search(query, 20).error, query
                    app_ms.append((time.perf_counter() - started) * 1000)
                    started = time.perf_counter()
                    searcher.search(parser.parse(query), limit=20)
                    base_ms.append((time.perf_counter() - started) * 1000)
        app_p50, app_p95 = _percentiles(app_ms)
        base_p50, base_p95 = _percentiles(base_ms)
        print(f"  search top 20 with snippets and spans: p50 {app_p50:.1f} ms, p95 {app_p95:.1f}"
              f" ms; bare Whoosh without snippets: p50 {base_p50:.1f} ms, p95 {base_p95:.1f} ms;"
              f" ratio p50 {app_p50 / base_p50:.1f}x, p95 {app_p95 / base_p95:.1f}x")
    base_ix.close()
