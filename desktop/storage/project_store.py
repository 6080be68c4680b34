"""The project database: the truth about a project's articles and annotations.

One :class:`ProjectStore` is one SQLite connection, for use on the thread that opened it;
workers open their own. Every change is committed in its own transaction at once, so
there is no "save" step and nothing to lose.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from desktop.domain.article import Article, ArticleSummary
from desktop.storage.migrations import LATEST_VERSION, migrate, schema_version
from desktop.storage.storage_errors import ProjectError

_ARTICLE_COLUMNS = (
    "id, title, body, source, author, published, url, origin_path, content_hash, imported_at"
)
# Bumped in the same transaction as every change to the articles, so the search index can
# tell whether it has seen the latest state (see index.SearchIndex.status).
_GENERATION = "content_generation"


class ProjectStore:
    """Access to ``project.sqlite3``; opening it brings its schema up to date."""

    def __init__(self, db_path: Path, *, backup_dir: Path | None = None) -> None:
        self.db_path = db_path
        self.last_backup: Path | None = None
        try:
            self._db = sqlite3.connect(db_path, isolation_level=None, timeout=30.0)
            self._db.execute("PRAGMA journal_mode = WAL")
            self._db.execute("PRAGMA foreign_keys = ON")
            self._db.execute("PRAGMA synchronous = NORMAL")
            self.last_backup = migrate(self._db, db_path, backup_dir or db_path.parent / "backups")
        except sqlite3.DatabaseError as error:
            self._close_quietly()
            message = f"{db_path} is not a readable Research Notes project: {error}"
            raise ProjectError(message) from None
        except BaseException:
            self._close_quietly()
            raise

    def _close_quietly(self) -> None:
        db = getattr(self, "_db", None)
        if db is not None:
            db.close()

    def close(self) -> None:
        self._db.close()

    @property
    def schema_version(self) -> int:
        return schema_version(self._db)

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield self._db
            self._db.execute("COMMIT")
        except BaseException:
            # Also when COMMIT itself fails (disk full, busy): otherwise the connection stays
            # inside the transaction and every later BEGIN fails.
            if self._db.in_transaction:
                self._db.execute("ROLLBACK")
            raise

    # -- project metadata ---------------------------------------------------------------

    def meta(self, key: str, default: str = "") -> str:
        row = self._db.execute("SELECT value FROM project_meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def set_meta(self, key: str, value: str) -> None:
        with self.transaction() as db:
            _put_meta(db, key, value)

    def generation(self) -> int:
        return int(self.meta(_GENERATION, "0"))

    # -- articles -----------------------------------------------------------------------

    def add_articles(self, articles: Iterable[Article]) -> list[Article | int]:
        """Insert articles in one transaction.

        Returns, per article, the saved :class:`Article` (with its id) or, for a duplicate of
        an article already stored, the id of that article.
        """
        now = datetime.now(UTC).isoformat(timespec="seconds")
        results: list[Article | int] = []
        with self.transaction() as db:
            for article in articles:
                cursor = db.execute(
                    "INSERT INTO articles (title, body, source, author, published, url,"
                    " origin_path, content_hash, imported_at) VALUES (?,?,?,?,?,?,?,?,?)"
                    " ON CONFLICT (content_hash) DO NOTHING",
                    (
                        article.title, article.body, article.source, article.author,
                        article.published, article.url, article.origin_path,
                        article.content_hash, article.imported_at or now,
                    ),
                )
                if cursor.rowcount == 1:
                    saved = replace(article, imported_at=article.imported_at or now)
                    results.append(saved.with_id(int(cursor.lastrowid or 0)))
                else:
                    results.append(self._id_for_hash(db, article.content_hash))
            if any(isinstance(r, Article) for r in results):
                _bump_generation(db)
        return results

    def delete_articles(self, ids: Sequence[int]) -> int:
        with self.transaction() as db:
            rows = [(article_id,) for article_id in ids]
            count = db.executemany("DELETE FROM articles WHERE id = ?", rows).rowcount
            if count:
                _bump_generation(db)
        return count

    @staticmethod
    def _id_for_hash(db: sqlite3.Connection, content_hash: str) -> int:
        sql = "SELECT id FROM articles WHERE content_hash = ?"
        row = db.execute(sql, (content_hash,)).fetchone()
        return int(row[0]) if row else 0

    def article(self, article_id: int) -> Article | None:
        row = self._db.execute(
            f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        return _article(row) if row else None

    def article_count(self) -> int:
        return int(self._db.execute("SELECT count(*) FROM articles").fetchone()[0])

    def summaries(self) -> list[ArticleSummary]:
        """Id, title, source and date of every article, in id order (cheap for 100k rows)."""
        rows = self._db.execute("SELECT id, title, source, published FROM articles ORDER BY id")
        return [ArticleSummary(*row) for row in rows]

    def iter_articles(self, batch: int = 500) -> Iterator[Article]:
        """Every article, in id order, read in batches so memory stays flat."""
        last = 0
        while True:
            rows = self._db.execute(
                f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id > ? ORDER BY id LIMIT ?",
                (last, batch),
            ).fetchall()
            if not rows:
                return
            for row in rows:
                yield _article(row)
            last = rows[-1][0]

    def counts(self) -> dict[str, int]:
        tables = {"articles": "articles", "highlights": "highlights", "notes": "notes",
                  "entities": "entities"}
        return {
            name: int(self._db.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
            for name, table in tables.items()
        }

    @staticmethod
    def latest_schema_version() -> int:
        return LATEST_VERSION


def _put_meta(db: sqlite3.Connection, key: str, value: str) -> None:
    db.execute(
        "INSERT INTO project_meta (key, value) VALUES (?, ?)"
        " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (key, value),
    )


def _bump_generation(db: sqlite3.Connection) -> None:
    row = db.execute("SELECT value FROM project_meta WHERE key = ?", (_GENERATION,)).fetchone()
    _put_meta(db, _GENERATION, str(int(row[0]) + 1 if row else 1))


def _article(row: Sequence[object]) -> Article:
    (article_id, title, body, source, author, published, url, origin, digest, imported) = row
    return Article(
        id=int(article_id),  # type: ignore[arg-type]
        title=str(title), body=str(body), source=str(source), author=str(author),
        published=published if published is None else str(published),
        url=str(url), origin_path=str(origin), content_hash=str(digest), imported_at=str(imported),
    )
