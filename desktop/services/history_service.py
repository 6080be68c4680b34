"""Undo, redo and the edit journal, for every kind of action alike."""

from __future__ import annotations

from desktop.domain.change_set import ChangeSet
from desktop.domain.journal_entry import JournalEntry
from desktop.services.project import Project
from desktop.storage.project_store import ProjectStore


class HistoryService:
    """Undoing an action reverts its change set (rows inserted are deleted, updated rows get
    their old values back, deleted rows return with their ids and uuids); the undo's own
    change set is what redoes it. Both are journaled like any other action."""

    def __init__(self, project: Project, store: ProjectStore | None = None) -> None:
        self.project = project
        self._store = store or project.store

    def undo(self, changes: ChangeSet, label: str) -> ChangeSet:
        with self.project.write_lock:
            return self._store.revert(changes, "undo", f"Undo {label}")

    def redo(self, changes: ChangeSet, label: str) -> ChangeSet:
        with self.project.write_lock:
            return self._store.revert(changes, "redo", f"Redo {label}")

    def entries(self, *, since: str | None = None, kind: str | None = None,
                limit: int = 1000, until: str | None = None,
                article_id: int | None = None) -> list[JournalEntry]:
        return self._store.journal.entries(since=since, kind=kind, limit=limit, until=until,
                                           article_id=article_id)

    def kinds(self) -> list[str]:
        return self._store.journal.kinds()
