"""What the search index holds for each searchable row, built from the database."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

from desktop.domain.article import Article
from desktop.storage.project_store import ProjectStore
from index import IndexDocument

ARTICLE, HIGHLIGHT, NOTE = "article", "highlight", "note"


class IndexDocuments:
    """Turns document keys ("article:12") into :class:`IndexDocument`s, reading the store.

    A key whose row is gone (or soft-deleted) has no document: the index drops it.
    """

    def __init__(self, store: ProjectStore) -> None:
        self._store = store

    def for_keys(
        self, keys: Sequence[str], max_body: int | None = None
    ) -> dict[str, IndexDocument]:
        """Documents for ``keys``; ``max_body`` cuts article bodies (see ArticleRows.many)."""
        ids: dict[str, list[int]] = {}
        for key in keys:
            kind, _, raw_id = key.partition(":")
            if raw_id.isdigit():
                ids.setdefault(kind, []).append(int(raw_id))
        found: dict[str, IndexDocument] = {}
        if ids.get(ARTICLE):
            for article in self._store.articles.many(ids[ARTICLE], max_body).values():
                document = article_document(article)
                found[document.key] = document
        if ids.get(HIGHLIGHT):
            found.update(self._highlights(ids[HIGHLIGHT]))
        if ids.get(NOTE):
            found.update(self._notes(ids[NOTE]))
        return found

    def count(self) -> int:
        db = self._store.connection
        return sum(
            int(db.execute(sql).fetchone()[0])
            for sql in (
                "SELECT count(*) FROM articles",
                "SELECT count(*) FROM highlights",
                "SELECT count(*) FROM notes WHERE deleted_at IS NULL",
            )
        )

    def iter_all(self) -> Iterator[IndexDocument]:
        """Every document, for a full rebuild; memory stays flat."""
        for article in self._store.articles.iter_all():
            yield article_document(article)
        for table, build in (("highlights", self._highlights), ("notes", self._notes)):
            last = 0
            while True:
                batch = [
                    int(r[0]) for r in self._store.connection.execute(
                        f"SELECT id FROM {table} WHERE id > ? ORDER BY id LIMIT 500", (last,)
                    )
                ]
                if not batch:
                    break
                yield from build(batch).values()
                last = batch[-1]

    def _highlights(self, ids: Sequence[int]) -> Mapping[str, IndexDocument]:
        marks = ",".join("?" * len(ids))
        rows = self._store.connection.execute(
            "SELECT h.id, h.article_id, h.exact, a.title, a.source, a.published, a.collection"
            " FROM highlights AS h JOIN articles AS a ON a.id = h.article_id"
            f" WHERE h.id IN ({marks})",
            list(ids),
        )
        found = {}
        for h_id, article_id, exact, title, source, published, collection in rows:
            document = IndexDocument(
                key=IndexDocument.key_for(HIGHLIGHT, h_id), kind=HIGHLIGHT, id=h_id, title=title,
                body=exact, article_id=article_id, source=source, published=published,
                collection=collection,
            )
            found[document.key] = document
        return found

    def _notes(self, ids: Sequence[int]) -> Mapping[str, IndexDocument]:
        marks = ",".join("?" * len(ids))
        rows = self._store.connection.execute(
            "SELECT id, title, body, article_id FROM notes"
            f" WHERE deleted_at IS NULL AND id IN ({marks})",
            list(ids),
        )
        found = {}
        for note_id, title, body, article_id in rows:
            heading = title or (body.strip().splitlines() or [""])[0][:120]
            document = IndexDocument(
                key=IndexDocument.key_for(NOTE, note_id), kind=NOTE, id=note_id, title=heading,
                body=body, article_id=article_id,
            )
            found[document.key] = document
        return found


def article_document(article: Article) -> IndexDocument:
    article_id = article.id or 0
    return IndexDocument(
        key=IndexDocument.key_for(ARTICLE, article_id), kind=ARTICLE, id=article_id,
        title=article.title, body=article.body, article_id=article_id, source=article.source,
        author=article.author, published=article.published, collection=article.collection,
        language=article.language, keywords=article.keywords,
    )
