"""Entities made by hand: from a selection in the reader, or named in a note (``@``).

Recognition, curation, merging and the entity page come with the entities issue, on the
same tables.
"""

from __future__ import annotations

from collections.abc import Sequence

from desktop.domain.change_set import ChangeSet
from desktop.domain.entity import Entity, EntityType, Mention, MentionOrigin, MentionState
from desktop.services.highlight_service import AnnotationError, check_version
from desktop.services.project import Project
from desktop.storage.project_store import ProjectStore


class EntityService:
    def __init__(self, project: Project, store: ProjectStore | None = None) -> None:
        self.project = project
        self._store = store or project.store

    def types(self) -> list[EntityType]:
        return self._store.entities.types()

    def create(self, name: str, type_name: str, aliases: Sequence[str] = ()) -> tuple[
            Entity, ChangeSet]:
        name = " ".join(name.split())
        if not name:
            raise AnnotationError("An entity needs a name.")
        entity_type = self._type(type_name)
        assert entity_type.id is not None
        with self.project.write_lock, self._store.action(
                "entity", f"New {entity_type.name} “{name}”") as action:
            entity = self._store.entities.add(
                Entity(name=name, type_id=entity_type.id, aliases=tuple(aliases)))
        return entity, action.change_set()

    def from_selection(self, article_id: int, start: int, end: int, type_name: str,
                       name: str | None = None, body_version: int | None = None,
                       ) -> tuple[Entity, ChangeSet]:
        """A new entity named by the selected text (or ``name``), with the selection as its
        first confirmed mention; an existing entity of that name and type is reused.
        ``body_version``: the text the positions were taken from (refused if it changed)."""
        article = self._store.articles.get(article_id)
        if article is None:
            raise AnnotationError(f"There is no article with id {article_id}.")
        check_version(article, body_version)
        if not 0 <= start < end <= len(article.body):
            raise AnnotationError("Select the name in the article's text first.")
        text = article.body[start:end]
        name = " ".join((name or text).split())
        entity_type = self._type(type_name)
        existing = [e for e in self._store.entities.find(name) if e.type_id == entity_type.id]
        with self.project.write_lock, self._store.action(
                "entity", f"New {entity_type.name} “{name}”") as action:
            entity = existing[0] if existing else self._store.entities.add(
                Entity(name=name, type_id=entity_type.id or 0,
                       aliases=(text,) if text != name else ()))
            assert entity.id is not None
            self._store.entities.add_mention(Mention(
                entity_id=entity.id, article_id=article_id, start=start, end=end, text=text,
                origin=MentionOrigin.MANUAL, state=MentionState.CONFIRMED,
                body_version=article.body_version))
        return entity, action.change_set()

    def find(self, name: str) -> list[Entity]:
        return self._store.entities.find(name)

    def complete(self, prefix: str, limit: int = 20) -> list[Entity]:
        """Entities for ``@`` completion in the note editor."""
        return self._store.entities.live(prefix, limit)

    def _type(self, name: str) -> EntityType:
        found = self._store.entities.type_named(name)
        if found is None:
            known = ", ".join(t.name for t in self.types())
            raise AnnotationError(f"There is no entity type “{name}” (known: {known}).")
        return found
