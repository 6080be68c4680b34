"""Searching a project's articles."""

from __future__ import annotations

from desktop.services.project import Project
from index import SearchResults


class SearchService:
    """The GUI and the command line search through here, never through the index directly,
    so that later concerns (saved searches, filters from the database) have one home."""

    DEFAULT_LIMIT = 20

    def __init__(self, project: Project) -> None:
        self.project = project

    def search(self, query: str, limit: int = DEFAULT_LIMIT) -> SearchResults:
        return self.project.index.search(query, limit=max(1, limit))
