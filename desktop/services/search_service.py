"""Searching a project's articles."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace

from desktop.services.index_service import ARTICLE_KIND, index_document
from desktop.services.project import Project
from desktop.storage.project_store import ProjectStore
from index import IndexDocument, SearchIndex, SearchResults


class SearchService:
    """The GUI and the command line search through here, never through the index directly,
    so that later concerns (saved searches, filters from the database) have one home."""

    DEFAULT_LIMIT = 20

    def __init__(self, project: Project) -> None:
        self.project = project

    def search(
        self,
        query: str,
        limit: int = DEFAULT_LIMIT,
        cancel: Callable[[], bool] | None = None,
    ) -> SearchResults:
        """Search; titles, bodies and dates of the hits come from the database."""
        texts = _DatabaseTexts(self.project)
        try:
            return self.project.index.search(
                query, limit=max(1, limit), texts=texts, cancel=cancel
            )
        finally:
            texts.close()


class _DatabaseTexts:
    """The search index's TextSource: the hits' current texts, read from the database.

    Searches run on worker threads and a SQLite connection belongs to the thread that
    opened it, so this opens its own, and only when the search has hits to show.
    """

    def __init__(self, project: Project) -> None:
        self._project = project
        self._store: ProjectStore | None = None

    def __call__(self, keys: Sequence[str]) -> Mapping[str, IndexDocument]:
        if self._store is None:
            self._store = self._project.connect()
        found: dict[str, IndexDocument] = {}
        for key in keys:
            kind, _, raw_id = key.partition(":")
            if kind != ARTICLE_KIND or not raw_id.isdigit():
                continue
            article = self._store.article(int(raw_id))
            if article is None:
                continue  # deleted since it was indexed: the index drops the hit
            if len(article.body) > SearchIndex.MARKED_CHARS:
                # Spans and snippets look no further; a shorter body is cheaper to analyse.
                article = replace(article, body=article.body[: SearchIndex.MARKED_CHARS])
            found[key] = index_document(article)
        return found

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None
