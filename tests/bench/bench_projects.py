"""A 500,000-article project for the benchmarks, made by bulk SQL instead of importing.

Importing and indexing 500,000 files would take about an hour, so the database is filled
directly: the 50,000 articles of :mod:`bench_corpus`, parsed by the real plain-text
importer (so titles and bodies are normalised as an import stores them), inserted ten
times over. Every copy after the first gets a last paragraph ``(Benchmark copy N)``, so
every row is a distinct text with its own fingerprint; Reuters stories get the source
"Reuters", BBC articles "BBC News" (the sets' real publishers), and the folder each file
came from is its collection. No dates: the corpus files have none, as after a plain-text
import.

The rows go in through :class:`ProjectStore` (its transaction, so the schema, the outbox
triggers and the change-capture triggers are the real ones), 10,000 per transaction with
``executemany``. The project is kept in the bench cache and reused; its manifest records
how long building it took. Its search index is **not** built: opened in the app, the
indexer process starts building one, which the window must not wait for.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from desktop.domain.text import content_hash, sort_key
from desktop.importers.plain_text_importer import PlainTextImporter
from desktop.services.project import DB_NAME, Project
from desktop.storage.project_store import ProjectStore
from tests.bench.bench_corpus import bench_cache, corpus_files

SIZE_500K = 500_000
PROJECT_VERSION = 1
BATCH = 10_000
MANIFEST = "bench-manifest.json"

_INSERT = (
    "INSERT INTO articles (title, sort_title, source, origin_path, collection, content_hash,"
    " raw_hash, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
)


@dataclass(frozen=True, slots=True)
class SourceArticle:
    title: str
    body: str
    source: str
    origin: str
    collection: str
    raw_hash: str


def source_articles(corpus: Path) -> list[SourceArticle]:
    """The corpus files as the plain-text importer reads them."""
    importer = PlainTextImporter()
    found = []
    for path in corpus_files(corpus):
        relative = path.relative_to(corpus)
        article = importer.parse(path.read_bytes(), path)
        source = "Reuters" if relative.parts[0] == "reuters" else "BBC News"
        found.append(SourceArticle(article.title, article.body, source, relative.as_posix(),
                                   relative.parent.as_posix(), article.raw_hash))
    return found


def article_rows(sources: Sequence[SourceArticle], count: int) -> Iterator[tuple[object, ...]]:
    for number in range(count):
        copy, source = divmod(number, len(sources))
        a = sources[source]
        body = a.body if copy == 0 else f"{a.body}\n\n(Benchmark copy {copy})"
        yield (a.title, sort_key(a.title), a.source, a.origin, a.collection,
               content_hash(a.title, body), a.raw_hash, body)


def insert_rows(db: sqlite3.Connection | ProjectStore, rows: Iterator[tuple[object, ...]]) -> int:
    """Insert in transactions of ``BATCH`` rows (through the store's own transaction when
    given a store, so its capture triggers log every row as in the app)."""
    inserted = 0
    while True:
        batch = [row for _, row in zip(range(BATCH), rows, strict=False)]
        if not batch:
            return inserted
        if isinstance(db, ProjectStore):
            with db.transaction() as connection:
                connection.executemany(_INSERT, batch)
        else:
            with db:
                db.executemany(_INSERT, batch)
        inserted += len(batch)


def project_500k(sources: Sequence[SourceArticle]) -> tuple[Path, dict[str, object]]:
    """The cached 500k project (built now if missing); its folder and manifest."""
    folder = bench_cache() / f"project-500k-v{PROJECT_VERSION}"
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        if manifest.get("rows") == SIZE_500K:
            return folder, {**manifest, "cached": True}
    except (OSError, ValueError):
        pass
    shutil.rmtree(folder, ignore_errors=True)
    with Project.create(folder, "Benchmark 500k") as project:
        store = project.connect()
        try:
            started = time.perf_counter()
            rows = insert_rows(store, article_rows(sources, SIZE_500K))
            seconds = time.perf_counter() - started
            outbox_rows = store.outbox.last_seq()
        finally:
            store.close()
    manifest = {
        "rows": rows, "seconds": seconds, "outbox_rows": outbox_rows,
        "db_mb": (folder / DB_NAME).stat().st_size / 1e6,
        "built_at": time.strftime("%Y-%m-%d %H:%M"),
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    return folder, {**manifest, "cached": False}


def trigger_cost(sources: Sequence[SourceArticle], scratch: Path,
                 rows: int = 50_000) -> dict[str, float]:
    """Rows per second for the same bulk insert into three fresh projects: as the app does
    it (outbox and change-capture triggers), without the outbox trigger, and on a bare
    connection without either (the real tables and indexes only). The rows are made
    first ("making the rows": fingerprints and sort keys in Python), so the three
    inserts time SQLite alone."""
    started = time.perf_counter()
    made = list(article_rows(sources, rows))
    rates: dict[str, float] = {"making the rows": rows / (time.perf_counter() - started)}
    for name in ("store, all triggers", "store, no outbox trigger", "bare connection"):
        folder = scratch / name.replace(" ", "-").replace(",", "")
        with Project.create(folder):
            pass
        db_path = folder / DB_NAME
        if name != "store, all triggers":
            with sqlite3.connect(db_path) as db:
                db.execute("DROP TRIGGER articles_outbox_insert")
        if name == "bare connection":
            target: sqlite3.Connection | ProjectStore = sqlite3.connect(db_path)
            target.execute("PRAGMA journal_mode = WAL")
            target.execute("PRAGMA synchronous = NORMAL")
        else:
            target = ProjectStore(db_path)
        try:
            started = time.perf_counter()
            insert_rows(target, iter(made))
            rates[name] = rows / (time.perf_counter() - started)
        finally:
            target.close()
        shutil.rmtree(folder)
    return rates
