"""Keeps the search index in step with the database (the truth)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from desktop.domain.article import Article
from desktop.services.cancel_token import Progress, no_progress
from desktop.services.project import Project
from desktop.storage.project_store import ProjectStore
from index import IndexDocument, IndexStatus

ARTICLE_KIND = "article"


def index_document(article: Article) -> IndexDocument:
    """The search engine's view of an article (also what searches get back as its text)."""
    article_id = article.id or 0
    return IndexDocument(
        key=IndexDocument.key_for(ARTICLE_KIND, article_id),
        kind=ARTICLE_KIND,
        id=article_id,
        title=article.title,
        body=article.body,
        article_id=article_id,
        source=article.source,
        author=article.author,
        published=article.published,
    )


class IndexService:
    """Rebuilds the index when it is missing, stale, corrupt or from another version."""

    def __init__(self, project: Project) -> None:
        self.project = project

    def ensure_current(
        self, progress: Progress = no_progress, cancel: Callable[[], bool] = lambda: False
    ) -> IndexStatus:
        """Rebuild if needed; return the status now: ``OK``, or what was found when the
        rebuild was cancelled.

        Safe to call from a worker: it opens its own database connection.
        """
        store = self.project.connect()
        try:
            with self.project.write_lock:
                status = self.project.index.status(store.generation(), store.article_count())
                if status is not IndexStatus.OK and self._rebuild(store, progress, cancel):
                    status = IndexStatus.OK
            return status
        finally:
            store.close()

    def rebuild(
        self, progress: Progress = no_progress, cancel: Callable[[], bool] = lambda: False
    ) -> bool:
        store = self.project.connect()
        try:
            return self._rebuild(store, progress, cancel)
        finally:
            store.close()

    def _rebuild(
        self, store: ProjectStore, progress: Progress, cancel: Callable[[], bool]
    ) -> bool:
        with self.project.write_lock:
            # Read the generation before the articles: a write that lands meanwhile then makes
            # the index look stale, never falsely current.
            generation = store.generation()
            total = store.article_count()
            documents = map(index_document, store.iter_articles())
            return self.project.index.rebuild(documents, total, generation, progress, cancel)

    def add(self, articles: Iterable[Article], generation: int) -> None:
        self.project.index.add([index_document(a) for a in articles], generation)
