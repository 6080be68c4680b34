"""User actions on articles (besides importing them)."""

from __future__ import annotations

from collections.abc import Sequence

from desktop.domain.change_set import ChangeSet
from desktop.services.project import Project
from desktop.storage.project_store import ProjectStore
from desktop.storage.rows_for_ids import execute_for_ids, rows_for_ids


class ArticleService:
    def __init__(self, project: Project, store: ProjectStore | None = None) -> None:
        self.project = project
        self._store = store or project.store

    def annotation_counts(self, ids: Sequence[int]) -> dict[str, int]:
        """Highlights and notes anchored in these articles (what deleting them touches)."""
        db = self._store.connection
        highlights = sum(int(n) for (n,) in rows_for_ids(
            db, "SELECT count(*) FROM highlights WHERE article_id IN ({ids})", ids))
        notes = sum(int(n) for (n,) in rows_for_ids(
            db, "SELECT count(*) FROM notes WHERE deleted_at IS NULL AND article_id IN ({ids})",
            ids))
        return {"highlights": highlights, "notes": notes}

    def delete(self, ids: Sequence[int]) -> ChangeSet:
        """Delete articles with everything anchored in them, as one undoable action.

        Notes about them are kept as project notes with the passage they quoted (a note
        is the user's own thinking; losing it with the article would surprise them).
        """
        count = len(ids)
        label = "Delete 1 article" if count == 1 else f"Delete {count:,} articles"
        with self.project.write_lock, self._store.action("delete_articles", label) as action:
            db = self._store.connection
            # Keep each note's passage before its highlight goes (ON DELETE SET NULL); in
            # batches under SQLite's variable limit, all in this one transaction.
            execute_for_ids(
                db,
                "UPDATE notes SET quote = (SELECT exact FROM highlights AS h"
                " WHERE h.id = notes.highlight_id)"
                " WHERE quote = '' AND highlight_id IN (SELECT id FROM highlights"
                " WHERE article_id IN ({ids}))",
                ids,
            )
            self._store.articles.delete(ids)
        return action.change_set()
