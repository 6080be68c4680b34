"""Searching a project."""

from __future__ import annotations

from collections.abc import Callable, Collection

from desktop.services.index_documents import IndexDocuments
from desktop.services.project import Project
from desktop.storage.project_store import ProjectStore
from index import SearchResults


class SearchService:
    """The GUI and the command line search through here, never through the index directly:
    the texts of hits (titles, bodies for snippets) come from the database, the truth."""

    DEFAULT_LIMIT = 20

    def __init__(self, project: Project, store: ProjectStore | None = None) -> None:
        self.project = project
        # The calling thread's connection (a worker passes its own).
        self._store = store or project.store

    def search(
        self,
        query: str,
        limit: int = DEFAULT_LIMIT,
        *,
        kinds: Collection[str] | None = None,
        cancel: Callable[[], bool] | None = None,
    ) -> SearchResults:
        from index import SearchIndex  # imports Whoosh: not before the first search

        documents = IndexDocuments(self._store)
        return self.project.search_index.search(
            query, limit=max(1, limit),
            texts=lambda keys: documents.for_keys(keys, SearchIndex.MARKED_CHARS, names=False),
            kinds=kinds, cancel=cancel,
        )

    def index_behind(self) -> bool:
        """Whether the database holds changes the index does not reflect yet (the indexer
        is still catching up, as for a minute after a large import, whose recognised
        names change every article again). A look at the index's record and the outbox:
        no lock, no writer."""
        seq = self.project.search_index.recorded_state().get("seq")
        return isinstance(seq, int) and self._store.outbox.last_seq() > seq
