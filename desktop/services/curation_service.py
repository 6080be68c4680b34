"""Curating entities: confirm and reject suggestions, aliases, merge, split, edit, delete.

Every public method is one user action (one transaction, one journal entry) and returns
its change set (some with the entity they made first), which the GUI wraps in a
``QUndoCommand``: undo reverts exactly the rows the action touched. Bad input raises
:class:`AnnotationError` with a message fit for the user, before anything is written.

Mention states and origins, as this service sets them:
- confirming or rejecting changes a mention's *state* and keeps its *origin* (how it was
  found: ``recognised``, ``confirmed`` for the re-scan of a curated alias, ``manual``);
- a rejected mention stays stored: recognition skips spans that already have a mention,
  so a re-run does not suggest it again;
- rejecting a string for the whole project also records it in ``rejected_names``, so
  recognition never suggests it anywhere again (in one article only, it does not: "Apple"
  may be a fruit in one story and the company in the next).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, datetime

from desktop.domain.change_set import ChangeSet
from desktop.domain.entity import (
    Entity,
    EntityState,
    EntityType,
    Mention,
    MentionOrigin,
    MentionState,
)
from desktop.entities.curated_matcher import CuratedMatcher, CuratedName
from desktop.services.highlight_service import AnnotationError
from desktop.services.project import Project
from desktop.storage.project_store import ProjectStore

_KIND = "entity"
# A Wikidata item ("Q42") or a web address.
_QID = re.compile(r"[Qq][1-9]\d*")
_URL = re.compile(r"https?://[^\s/]+\S*")
_LABEL_CHARS = 40


class CurationService:
    def __init__(self, project: Project, store: ProjectStore | None = None) -> None:
        self.project = project
        self._store = store or project.store

    # -- suggestions ------------------------------------------------------------------

    def confirm(self, mention_ids: Sequence[int]) -> ChangeSet:
        """Confirm mentions; a suggested entity they belong to is confirmed with them."""
        owners = self._mentions(mention_ids, "confirm")
        label = _count_label("Confirm", len(owners), "mention")
        with self.project.write_lock, self._store.action(_KIND, label) as action:
            self._store.curation.set_mention_state(list(owners), MentionState.CONFIRMED)
            self._store.curation.confirm_entities(sorted(set(owners.values())))
        return action.change_set()

    def reject(self, mention_ids: Sequence[int]) -> ChangeSet:
        """Reject mentions; a suggested entity left with none is removed (softly)."""
        owners = self._mentions(mention_ids, "reject")
        label = _count_label("Reject", len(owners), "mention")
        with self.project.write_lock, self._store.action(_KIND, label) as action:
            self._store.curation.set_mention_state(list(owners), MentionState.REJECTED)
            self._store.curation.retire_unmentioned(sorted(set(owners.values())))
        return action.change_set()

    def confirm_text(self, text: str, article_id: int | None = None) -> ChangeSet:
        """Confirm every suggested mention of exactly ``text`` in one article (or all)."""
        ids = self._suggested(text, article_id)
        if not ids:
            raise AnnotationError(f"There is no suggested mention of “{_short(text)}”"
                                  f"{_where(article_id)}.")
        owners = self._store.curation.mention_entities(ids)
        label = f"Confirm “{_short(text)}”{_where(article_id)}"
        with self.project.write_lock, self._store.action(_KIND, label) as action:
            self._store.curation.set_mention_state(ids, MentionState.CONFIRMED)
            self._store.curation.confirm_entities(sorted(set(owners.values())))
            self._store.curation.forget_rejection(text)
        return action.change_set()

    def reject_text(self, text: str, article_id: int | None = None, *,
                    remember: bool | None = None) -> ChangeSet:
        """Reject every suggested mention of exactly ``text`` in one article (or all).

        ``remember`` (by default: when rejecting in the whole project) records the string
        so that recognition never suggests it again.
        """
        ids = self._suggested(text, article_id)
        remember = article_id is None if remember is None else remember
        if not ids and not remember:
            raise AnnotationError(f"There is no suggested mention of “{_short(text)}”"
                                  f"{_where(article_id)}.")
        owners = self._store.curation.mention_entities(ids)
        label = f"Reject “{_short(text)}”{_where(article_id)}"
        with self.project.write_lock, self._store.action(_KIND, label) as action:
            self._store.curation.set_mention_state(ids, MentionState.REJECTED)
            self._store.curation.retire_unmentioned(sorted(set(owners.values())))
            if remember:
                self._store.recognition.reject(text.strip())
        return action.change_set()

    # -- aliases ------------------------------------------------------------------------

    def add_alias(self, entity_id: int, alias: str) -> ChangeSet:
        """Add an alias and find it in every article: each occurrence on word boundaries
        (in its own capitals unless the entity matches any case) becomes a confirmed
        mention, unless a mention is already there. A *suggested* mention of exactly that
        span is taken over (the user has now said whose name it is); confirmed and
        rejected ones are left alone."""
        entity = self._live(entity_id)
        alias = _clean(alias)
        if not alias:
            raise AnnotationError("An alias cannot be empty.")
        if alias == entity.name or alias in entity.aliases:
            raise AnnotationError(f"“{_short(alias)}” is already a name of “{entity.name}”.")
        label = f"Add alias “{_short(alias)}” to “{_short(entity.name)}”"
        with self.project.write_lock, self._store.action(_KIND, label) as action:
            self._store.curation.add_aliases(entity_id, [alias])
            self._scan(entity, alias)
            self._store.curation.confirm_entities([entity_id])
        return action.change_set()

    def remove_alias(self, entity_id: int, alias: str, *, drop_mentions: bool = False
                     ) -> ChangeSet:
        """Remove an alias; with ``drop_mentions`` the entity's mentions written that way
        (except those marked by hand) go too."""
        entity = self._live(entity_id)
        alias = self._alias_of(entity, alias)
        label = f"Remove alias “{_short(alias)}” from “{_short(entity.name)}”"
        with self.project.write_lock, self._store.action(_KIND, label) as action:
            self._store.curation.remove_aliases(entity_id, [alias])
            if drop_mentions:
                self._store.curation.delete_mentions(
                    self._written_as(entity, alias, keep_manual=True))
        return action.change_set()

    # -- merging and splitting ----------------------------------------------------------

    def merge(self, source_id: int, into_id: int) -> ChangeSet:
        """Merge ``source_id`` into ``into_id``: names unite (the source's name becomes an
        alias), mentions and links move, and the source is kept, deleted softly, with
        ``merged_into`` pointing at the target (so old references can follow it)."""
        if source_id == into_id:
            raise AnnotationError("An entity cannot be merged into itself.")
        source, into = self._live(source_id), self._live(into_id)
        taken = {into.name, *into.aliases}
        names = [n for n in dict.fromkeys((source.name, *source.aliases)) if n not in taken]
        label = f"Merge “{_short(source.name)}” into “{_short(into.name)}”"
        with self.project.write_lock, self._store.action(_KIND, label) as action:
            curation = self._store.curation
            curation.remove_aliases(source_id, list(source.aliases))
            curation.add_aliases(into_id, names)
            curation.merge_into(source_id, into_id)
            curation.update_entity(source_id, merged_into=into_id, deleted_at=_now())
            # What the target lacks, the source may know.
            filled: dict[str, object] = {"state": EntityState.CONFIRMED.value}
            if not into.description and source.description:
                filled["description"] = source.description
            if not into.external_id and source.external_id:
                filled["external_id"] = source.external_id
            curation.update_entity(into_id, **filled)
        return action.change_set()

    def split_alias(self, entity_id: int, alias: str, new_type: str | None = None
                    ) -> tuple[Entity, ChangeSet]:
        """Make an alias an entity of its own (of ``new_type`` or the same type); the
        mentions written that way move to it. Links stay with the original entity."""
        entity = self._live(entity_id)
        alias = self._alias_of(entity, alias)
        type_id = self._type(new_type).id if new_type else entity.type_id
        assert type_id is not None
        label = f"Split “{_short(alias)}” from “{_short(entity.name)}”"
        with self.project.write_lock, self._store.action(_KIND, label) as action:
            moving = self._written_as(entity, alias)
            self._store.curation.remove_aliases(entity_id, [alias])
            created = self._store.entities.add(Entity(
                name=alias, type_id=type_id, match_case=entity.match_case))
            assert created.id is not None
            self._store.curation.move_mentions(moving, created.id)
        return created, action.change_set()

    # -- editing ------------------------------------------------------------------------

    def rename(self, entity_id: int, name: str, *, keep_old_name: bool = True) -> ChangeSet:
        """Rename; the old name stays an alias (the articles still say it) unless
        ``keep_old_name`` is False. A new name that was an alias stops being one."""
        entity = self._live(entity_id)
        name = _clean(name)
        if not name:
            raise AnnotationError("An entity needs a name.")
        label = f"Rename “{_short(entity.name)}” to “{_short(name)}”"
        with self.project.write_lock, self._store.action(_KIND, label) as action:
            if name != entity.name:
                self._store.curation.remove_aliases(entity_id, [name])
                if keep_old_name:
                    self._store.curation.add_aliases(entity_id, [entity.name])
                self._store.curation.update_entity(entity_id, name=name)
        return action.change_set()

    def set_type(self, entity_id: int, type_name: str) -> ChangeSet:
        entity = self._live(entity_id)
        entity_type = self._type(type_name)
        label = f"Make “{_short(entity.name)}” a {entity_type.name}"
        with self.project.write_lock, self._store.action(_KIND, label) as action:
            if entity_type.id != entity.type_id:
                self._store.curation.update_entity(entity_id, type_id=entity_type.id)
        return action.change_set()

    def set_match_case(self, entity_id: int, match_case: bool) -> ChangeSet:
        """Whether the names match only as written ("ISIS", not "Isis") or in any case."""
        entity = self._live(entity_id)
        how = "as written" if match_case else "in any case"
        label = f"Match “{_short(entity.name)}” {how}"
        with self.project.write_lock, self._store.action(_KIND, label) as action:
            if match_case != entity.match_case:
                self._store.curation.update_entity(entity_id, match_case=int(match_case))
        return action.change_set()

    def describe(self, entity_id: int, description: str, external_id: str = "") -> ChangeSet:
        """Set the description and the external identifier (a Wikidata QID such as "Q42",
        or a web address; empty for none)."""
        entity = self._live(entity_id)
        external_id = external_id.strip()
        if _QID.fullmatch(external_id):
            external_id = external_id.upper()
        elif external_id and not _URL.fullmatch(external_id):
            raise AnnotationError(
                f"“{_short(external_id)}” is not an identifier: use a Wikidata item such as "
                "Q42, or a web address starting with https://.")
        label = f"Describe “{_short(entity.name)}”"
        with self.project.write_lock, self._store.action(_KIND, label) as action:
            self._store.curation.update_entity(
                entity_id, description=description.strip(), external_id=external_id)
        return action.change_set()

    def delete(self, entity_ids: Sequence[int]) -> ChangeSet:
        """Delete entities softly: their mentions and links stay for undo, and every list,
        page and search leaves them out."""
        ids = list(dict.fromkeys(entity_ids))
        if not ids:
            raise AnnotationError("No entities to delete.")
        names = [self._live(i).name for i in ids]
        label = f"Delete “{_short(names[0])}”" if len(ids) == 1 \
            else f"Delete {len(ids):,} entities"
        with self.project.write_lock, self._store.action(_KIND, label) as action:
            self._store.curation.soft_delete(ids)
        return action.change_set()

    # -- helpers ------------------------------------------------------------------------

    def _scan(self, entity: Entity, alias: str) -> None:
        assert entity.id is not None
        types = {t.id: t.name for t in self._store.entities.types()}
        matcher = CuratedMatcher([CuratedName(alias, types.get(entity.type_id, ""),
                                              entity.name, entity.match_case, entity.id)])
        found: list[Mention] = []
        takeover: list[int] = []
        articles = self._store.curation.candidate_articles(alias, entity.match_case)
        for article_id, version, body in articles:
            spans = matcher.find(body)
            if not spans:
                continue
            existing = self._store.entities.mentions_in(article_id)
            for span in spans:
                overlapping = [m for m in existing if m.start < span.end and span.start < m.end]
                if not overlapping:
                    found.append(Mention(
                        entity_id=entity.id, article_id=article_id, start=span.start,
                        end=span.end, text=span.text, origin=MentionOrigin.CONFIRMED,
                        state=MentionState.CONFIRMED, body_version=version))
                elif len(overlapping) == 1 and overlapping[0].state is MentionState.SUGGESTED \
                        and (overlapping[0].start, overlapping[0].end) == (span.start, span.end):
                    assert overlapping[0].id is not None
                    takeover.append(overlapping[0].id)
        self._store.recognition.add_mentions(found)
        if takeover:
            previous = set(self._store.curation.mention_entities(takeover).values())
            self._store.curation.move_mentions(takeover, entity.id)
            self._store.curation.set_mention_state(takeover, MentionState.CONFIRMED)
            self._store.curation.retire_unmentioned(sorted(previous - {entity.id}))

    def _mentions(self, mention_ids: Sequence[int], verb: str) -> dict[int, int]:
        ids = list(dict.fromkeys(mention_ids))
        if not ids:
            raise AnnotationError(f"No mentions to {verb}.")
        owners = self._store.curation.mention_entities(ids)
        missing = [i for i in ids if i not in owners]
        if missing:
            raise AnnotationError(f"There is no mention with id {missing[0]}.")
        return owners

    def _suggested(self, text: str, article_id: int | None) -> list[int]:
        if not text.strip():
            raise AnnotationError("Say which text to confirm or reject: it is empty.")
        if article_id is not None and self._store.articles.get(article_id) is None:
            raise AnnotationError(f"There is no article with id {article_id}.")
        return self._store.curation.suggested_with_text(text, article_id)

    def _live(self, entity_id: int) -> Entity:
        entity = self._store.entities.get(entity_id)
        if entity is None:
            raise AnnotationError(f"There is no entity with id {entity_id}.")
        if entity.merged_into is not None:
            into = self._store.entities.get(entity.merged_into)
            name = f"“{into.name}”" if into else f"entity {entity.merged_into}"
            raise AnnotationError(f"“{entity.name}” was merged into {name}.")
        if entity.deleted_at is not None:
            raise AnnotationError(f"“{entity.name}” was deleted.")
        return entity

    @staticmethod
    def _alias_of(entity: Entity, alias: str) -> str:
        wanted = _clean(alias)
        if wanted in entity.aliases:
            return wanted
        if wanted == entity.name:
            raise AnnotationError(f"“{_short(wanted)}” is the name of the entity, not an "
                                  "alias: rename it instead.")
        raise AnnotationError(f"“{_short(wanted)}” is not an alias of “{entity.name}”.")

    def _written_as(self, entity: Entity, alias: str, keep_manual: bool = False) -> list[int]:
        """The entity's mentions whose text is ``alias`` (spaces aside; any case too when
        the entity matches any case); with ``keep_manual``, not those marked by hand."""
        assert entity.id is not None
        key = _fold(alias, entity.match_case)
        return [m_id for m_id, text, origin in self._store.curation.mentions_of(entity.id)
                if _fold(_clean(text), entity.match_case) == key
                and not (keep_manual and origin == MentionOrigin.MANUAL.value)]

    def _type(self, name: str) -> EntityType:
        found = self._store.entities.type_named(name.strip())
        if found is None:
            known = ", ".join(t.name for t in self._store.entities.types())
            raise AnnotationError(f"There is no entity type “{name}” (known: {known}).")
        return found


def _clean(text: str) -> str:
    return " ".join(text.split())


def _fold(text: str, match_case: bool) -> str:
    return text if match_case else text.casefold()


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S+00:00")


def _short(text: str) -> str:
    text = _clean(text)
    return text if len(text) <= _LABEL_CHARS else text[:_LABEL_CHARS - 1] + "…"


def _where(article_id: int | None) -> str:
    return "" if article_id is None else f" in article {article_id}"


def _count_label(verb: str, count: int, noun: str) -> str:
    return f"{verb} {noun}" if count == 1 else f"{verb} {count:,} {noun}s"
