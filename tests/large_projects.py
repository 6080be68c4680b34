"""Projects with hundreds of thousands of articles, built fast for list tests and benchmarks.

Going through the import service would take many minutes (parsing, duplicate checks,
change capture, the journal); lists only need rows in ``articles``. So rows go straight
into SQLite on a plain connection, with what the store would compute (``sort_title``)
computed once per distinct text. The table's indexes are dropped while the rows go in and
made again afterwards (one sort per index instead of 500,000 scattered inserts), and its
outbox triggers are set aside: no test here wants an indexer to pick up half a million
documents. Measured at 500,000 rows on the 2-core test machine: 36 s row by row with
indexes and triggers, 13 s this way.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple

from desktop.domain.text import sort_key
from desktop.services.project import DB_NAME, Project

# Outlets to spread articles over (one in eight has none, as with unsourced files); the case
# differs on purpose (sorting by source ignores it).
SOURCES = ("BBC", "reuters", "The Guardian", "AP", "", "le Monde", "ABC News", "Al Jazeera")
# Title words with what sorting must get right: leading quotes and punctuation, mixed case,
# letters outside ASCII, other scripts.
WORDS = ("apple", "Banana", "'cherry", "\"Date\"", "éclair", "fig", "Grape", "(kiwi)",
         "lemon", "Mango", "東京", "Zebra")

_INSERT = (
    "INSERT INTO articles (id, uuid, title, sort_title, source, published, content_hash,"
    " origin_path, body) VALUES (?,?,?,?,?,?,?,?,?)"
)


class Text(NamedTuple):
    title: str
    sort_title: str
    body: str = ""


def text(title: str, body: str = "") -> Text:
    return Text(title, sort_key(title), body)


def published_sql(id_sql: str) -> str:
    """The date an article gets from its id (one in eleven undated), as SQL."""
    return (f"CASE WHEN {id_sql} % 11 = 0 THEN NULL ELSE printf('%04d-%02d-%02d',"
            f" 2000 + {id_sql} % 25, 1 + {id_sql} % 12, 1 + {id_sql} % 28) END")


def published(article_id: int) -> str | None:
    """:func:`published_sql` in Python."""
    if article_id % 11 == 0:
        return None
    return f"{2000 + article_id % 25:04d}-{1 + article_id % 12:02d}-{1 + article_id % 28:02d}"


def synthetic_title(article_id: int) -> str:
    """The title :func:`synthetic_project` gives article ``article_id``."""
    return f"{WORDS[(article_id - 1) % len(WORDS)]} {article_id - 1:07d}"


def synthetic_source(article_id: int) -> str:
    return SOURCES[(article_id - 1) % len(SOURCES)]


def synthetic_project(folder: Path, count: int) -> Path:
    """A new project with ``count`` short articles (no bodies), generated inside SQLite.

    Article ``i`` is titled :func:`synthetic_title` (``i``), from :func:`synthetic_source`,
    dated :func:`published` (``i``). A number after a space does not change how the word
    before it folds, so ``sort_key`` is computed once per word.
    """
    Project.create(folder).close()
    with _bulk_insert(folder) as db:
        db.execute("CREATE TEMP TABLE words (k INTEGER PRIMARY KEY, word TEXT, sort_key TEXT)")
        db.executemany("INSERT INTO words VALUES (?, ?, ?)",
                       [(k, word, sort_key(word)) for k, word in enumerate(WORDS)])
        db.execute("CREATE TEMP TABLE sources (k INTEGER PRIMARY KEY, name TEXT)")
        db.executemany("INSERT INTO sources VALUES (?, ?)", list(enumerate(SOURCES)))
        db.execute(
            "WITH RECURSIVE n(i) AS (SELECT 1 WHERE ?1 > 0 UNION ALL"
            " SELECT i + 1 FROM n WHERE i < ?1)"
            " INSERT INTO articles (id, uuid, title, sort_title, source, published,"
            " content_hash, origin_path, body)"
            " SELECT i, printf('00000000-0000-4000-8000-%012x', i),"
            " w.word || printf(' %07d', i - 1), w.sort_key || printf(' %07d', i - 1), s.name,"
            f" {published_sql('i')}, printf('%064x', i), 'synthetic', ''"
            " FROM n JOIN words AS w ON w.k = (i - 1) % ?2 JOIN sources AS s ON s.k = (i - 1) % ?3",
            (count, len(WORDS), len(SOURCES)),
        )
    return folder


def rows_for(texts: Sequence[Text], count: int, first_id: int = 1) -> Iterator[tuple]:
    """``count`` article rows cycling through ``texts``: copy ``k`` of a text gets its own
    id, an outlet and a date, so every order has ties to break."""
    for n in range(count):
        title, key, body = texts[n % len(texts)]
        copy = n // len(texts)
        article_id = first_id + n
        # Ascending uuids and hashes (never random) go into their indexes as appends.
        yield (article_id, f"00000000-0000-4000-8000-{article_id:012x}", title, key,
               SOURCES[(n + copy) % len(SOURCES)], published(article_id),
               f"{article_id:064x}", f"copy {copy}", body)


def text_project(folder: Path, texts: Sequence[Text], count: int) -> Path:
    """A new project with ``count`` articles cycling through ``texts`` (bodies included)."""
    Project.create(folder).close()
    fill(folder, rows_for(texts, count))
    return folder


def fill(project_dir: Path, rows: Iterable[tuple]) -> None:
    """Insert ``rows`` (as made by :func:`rows_for`) into a closed project."""
    with _bulk_insert(project_dir) as db:
        db.executemany(_INSERT, rows)


@contextmanager
def _bulk_insert(project_dir: Path) -> Iterator[sqlite3.Connection]:
    db = sqlite3.connect(project_dir / DB_NAME, isolation_level=None)
    try:
        db.execute("PRAGMA synchronous = OFF")
        db.execute("PRAGMA cache_size = -400000")  # index builds sort in memory
        db.execute("BEGIN")
        set_aside = db.execute(
            "SELECT type, name, sql FROM sqlite_master WHERE tbl_name = 'articles'"
            " AND type IN ('trigger', 'index') AND sql IS NOT NULL").fetchall()
        for kind, name, _sql in set_aside:
            db.execute(f"DROP {kind.upper()} {name}")
        yield db
        for _kind, _name, sql in set_aside:
            db.execute(sql)
        db.execute("COMMIT")
    finally:
        db.close()
