"""Reading and writing the ``articles`` table."""

from __future__ import annotations

import json
import sqlite3
from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Final

from desktop.domain.article import Article, ArticleSummary
from desktop.domain.text import sort_key
from desktop.storage.json_ids import json_ids
from desktop.storage.rows_for_ids import rows_for_ids

if TYPE_CHECKING:
    from desktop.storage.project_store import ProjectStore

_COLUMNS: Final = (
    "id, uuid, title, source, author, published, url, origin_path, collection, language,"
    " keywords, content_hash, raw_hash, normaliser_version, body_version, duplicate_of,"
    " duplicate_rule, imported_at, updated_at, body"
)
_INSERT: Final = (
    "INSERT INTO articles (title, sort_title, source, author, published, url, origin_path,"
    " collection, language, keywords, content_hash, raw_hash, normaliser_version,"
    " body_version, duplicate_of, duplicate_rule, body)"
    " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id, uuid, imported_at"
)
# How each sortable list column orders; ties always fall back to id so the order is total.
SORT_ORDERS: Final = {
    "title": ("sort_title", "id"),
    "source": ("source COLLATE NOCASE", "sort_title", "id"),
    "published": ("published", "id"),
    "id": ("id",),
}
_BATCH: Final = 500


class ArticleRows:
    def __init__(self, store: ProjectStore) -> None:
        self._store = store

    @property
    def _db(self) -> sqlite3.Connection:
        return self._store.connection

    # -- writing ------------------------------------------------------------------------

    def add(self, articles: Iterable[Article]) -> list[Article]:
        """Insert every article (duplicate decisions are the import service's); return them
        with their id, uuid and import time."""
        saved: list[Article] = []
        with self._store.transaction() as db:
            for a in articles:
                row_id, uuid, imported_at = db.execute(
                    _INSERT,
                    (
                        a.title, sort_key(a.title), a.source, a.author, a.published, a.url,
                        a.origin_path, a.collection, a.language, json.dumps(list(a.keywords)),
                        a.content_hash, a.raw_hash, a.normaliser_version, a.body_version,
                        a.duplicate_of, a.duplicate_rule, a.body,
                    ),
                ).fetchone()
                saved.append(_with_identity(a, int(row_id), str(uuid), str(imported_at)))
        return saved

    def delete(self, ids: Sequence[int]) -> int:
        with self._store.transaction() as db:
            return db.executemany("DELETE FROM articles WHERE id = ?", [(i,) for i in ids]).rowcount

    # -- reading ------------------------------------------------------------------------

    def get(self, article_id: int) -> Article | None:
        row = self._db.execute(
            f"SELECT {_COLUMNS} FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        return _article(row) if row else None

    def many(self, ids: Sequence[int], max_body: int | None = None) -> dict[int, Article]:
        """Articles by id; with ``max_body`` only that much of each body is read (search
        snippets look no further, and a 100 MB body would cost every search that hit it)."""
        # The body is the last column.
        columns = _COLUMNS if max_body is None else (
            _COLUMNS.removesuffix("body") + f"substr(body, 1, {int(max_body)})")
        sql = f"SELECT {columns} FROM articles WHERE id IN ({{ids}})"
        return {int(row[0]): _article(row) for row in rows_for_ids(self._db, sql, ids)}

    def count(self) -> int:
        return int(self._db.execute("SELECT count(*) FROM articles").fetchone()[0])

    def by_origin(self, origin_path: str, url: str = "") -> Article | None:
        """The article imported from this file (or, when given, this address)."""
        column, value = ("url", url) if url else ("origin_path", origin_path)
        row = self._db.execute(
            f"SELECT {_COLUMNS} FROM articles WHERE {column} = ? ORDER BY id LIMIT 1",
            (value,)).fetchone()
        return _article(row) if row else None

    def replace_text(self, article_id: int, new: Article) -> int:
        """A new version of the article's text (re-import of an updated file); returns the
        new body version."""
        with self._store.transaction() as db:
            (version,) = db.execute(
                "UPDATE articles SET title = ?, sort_title = ?, body = ?, content_hash = ?,"
                " raw_hash = ?, normaliser_version = ?, body_version = body_version + 1,"
                " updated_at = strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now') WHERE id = ?"
                " RETURNING body_version",
                (new.title, sort_key(new.title), new.body, new.content_hash, new.raw_hash,
                 new.normaliser_version, article_id)).fetchone()
        return int(version)

    def same_text(self, content_hash: str) -> list[tuple[int, str, str]]:
        """``(id, source, url)`` of the articles with this text fingerprint, oldest first."""
        return [
            (int(i), str(s), str(u))
            for i, s, u in self._db.execute(
                "SELECT id, source, url FROM articles WHERE content_hash = ? ORDER BY id",
                (content_hash,),
            )
        ]

    def iter_all(self, batch: int = _BATCH) -> Iterator[Article]:
        """Every article, in id order, read in batches so memory stays flat."""
        last = 0
        while True:
            rows = self._db.execute(
                f"SELECT {_COLUMNS} FROM articles WHERE id > ? ORDER BY id LIMIT ?", (last, batch)
            ).fetchall()
            if not rows:
                return
            for row in rows:
                yield _article(row)
            last = rows[-1][0]

    def summaries(self) -> Iterator[ArticleSummary]:
        """Id, title, source and date of every article, in id order, streamed."""
        rows = self._db.execute("SELECT id, title, source, published FROM articles ORDER BY id")
        for row in rows:
            yield ArticleSummary(*row)

    def sorted_ids(self, column: str, descending: bool = False) -> array[int]:
        """Every article id in list order, read from the index that serves the order (no
        sort runs).

        The ids cross into Python as one JSON text (see ``json_ids``). Descending is
        ascending reversed: every order ends in id, so it is total and the reversal is exact.
        """
        order = ", ".join(SORT_ORDERS[column])
        ids = json_ids(self._db.execute(
            f"SELECT json_group_array(id) FROM (SELECT id FROM articles ORDER BY {order})"
        ).fetchone()[0])
        if descending:
            ids.reverse()
        return ids

    def first_ids(self, column: str, descending: bool, limit: int) -> array[int]:
        """The first ``limit`` ids of ``column``'s order in the given direction: the same
        rows that :meth:`sorted_ids` starts with (or ends with, reversed), read from the
        index's start (or end) in milliseconds at any size."""
        direction = " DESC" if descending else ""
        order = ", ".join(term + direction for term in SORT_ORDERS[column])
        rows = self._db.execute(f"SELECT id FROM articles ORDER BY {order} LIMIT ?", (limit,))
        return array("q", (int(row[0]) for row in rows))

    def summaries_for(self, ids: Sequence[int]) -> dict[int, ArticleSummary]:
        """A page of the article list, read on the GUI thread. As one JSON row per batch,
        not a row per article: sqlite3 lets go of the interpreter lock for every row it
        steps to, and while an import thread runs, taking it back costs up to its switch
        interval (5 ms) each time; 128 rows made a repaint wait over half a second."""
        sql = ("SELECT json_group_array(json_array(id, title, source, published))"
               " FROM articles WHERE id IN ({ids})")
        found: dict[int, ArticleSummary] = {}
        for (text,) in rows_for_ids(self._db, sql, ids):
            for article_id, title, source, published in json.loads(text):
                found[int(article_id)] = ArticleSummary(int(article_id), title, source,
                                                        published)
        return found


def _with_identity(article: Article, row_id: int, uuid: str, imported_at: str) -> Article:
    return replace(article, id=row_id, uuid=uuid, imported_at=imported_at)


def _article(row: Sequence[object]) -> Article:
    (article_id, uuid, title, source, author, published, url, origin, collection, language,
     keywords, content, raw, normaliser, body_version, duplicate_of, rule, imported, updated,
     body) = row
    return Article(
        id=int(article_id),  # type: ignore[call-overload]
        uuid=str(uuid), title=str(title), source=str(source), author=str(author),
        published=None if published is None else str(published), url=str(url),
        origin_path=str(origin), collection=str(collection), language=str(language),
        keywords=tuple(json.loads(str(keywords))), content_hash=str(content),
        raw_hash=str(raw), normaliser_version=int(normaliser),  # type: ignore[call-overload]
        body_version=int(body_version),  # type: ignore[call-overload]
        duplicate_of=None if duplicate_of is None else int(duplicate_of),  # type: ignore[call-overload]
        duplicate_rule=str(rule), imported_at=str(imported),
        updated_at=None if updated is None else str(updated), body=str(body),
    )
