"""Reading and writing entities, their types, aliases and mentions."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Final

from desktop.domain.entity import (
    Entity,
    EntityState,
    EntityType,
    Mention,
    MentionOrigin,
    MentionState,
)

if TYPE_CHECKING:
    from desktop.storage.project_store import ProjectStore

_COLUMNS: Final = (
    "id, uuid, name, type_id, description, external_id, merged_into, created_at, updated_at,"
    " deleted_at, state, match_case"
)
_MENTION_COLUMNS: Final = (
    'id, uuid, entity_id, article_id, start, "end", text, origin, state, body_version,'
    " created_at"
)


class EntityRows:
    def __init__(self, store: ProjectStore) -> None:
        self._store = store

    @property
    def _db(self) -> sqlite3.Connection:
        return self._store.connection

    # -- types --------------------------------------------------------------------------

    def types(self) -> list[EntityType]:
        return [EntityType(str(n), str(c), bool(b), str(u), int(i)) for i, u, n, c, b in
                self._db.execute("SELECT id, uuid, name, colour, builtin FROM entity_types"
                                 " ORDER BY position, id")]

    def type_named(self, name: str) -> EntityType | None:
        return next((t for t in self.types() if t.name.casefold() == name.casefold()), None)

    def add_type(self, name: str, colour: str) -> EntityType:
        with self._store.transaction() as db:
            row = db.execute(
                "INSERT INTO entity_types (name, colour, position) VALUES (?, ?,"
                " (SELECT coalesce(max(position), 0) + 1 FROM entity_types))"
                " RETURNING id, uuid", (name, colour)).fetchone()
        return EntityType(name, colour, False, str(row[1]), int(row[0]))

    # -- entities -----------------------------------------------------------------------

    def add(self, entity: Entity) -> Entity:
        with self._store.transaction() as db:
            row_id, uuid, created = db.execute(
                "INSERT INTO entities (name, type_id, description, external_id, state,"
                " match_case) VALUES (?,?,?,?,?,?) RETURNING id, uuid, created_at",
                (entity.name, entity.type_id, entity.description, entity.external_id,
                 entity.state.value, int(entity.match_case)),
            ).fetchone()
            db.executemany(
                "INSERT OR IGNORE INTO entity_aliases (entity_id, alias) VALUES (?, ?)",
                [(row_id, a) for a in entity.aliases if a and a != entity.name])
        return replace(entity, id=int(row_id), uuid=str(uuid), created_at=str(created))

    def get(self, entity_id: int) -> Entity | None:
        row = self._db.execute(f"SELECT {_COLUMNS} FROM entities WHERE id = ?",
                               (entity_id,)).fetchone()
        return self._entity(row) if row else None

    def following_merges(self, entity_id: int) -> Entity | None:
        """The entity with this id or, if it was merged away, the one it lives on in
        (followed to the end of the chain)."""
        entity = self.get(entity_id)
        seen: set[int] = set()
        while entity is not None and entity.merged_into is not None \
                and entity.merged_into not in seen:
            seen.add(entity.merged_into)
            entity = self.get(entity.merged_into)
        return entity

    def find(self, name: str) -> list[Entity]:
        """Live entities called ``name`` or with it as an alias (case-insensitive)."""
        rows = self._db.execute(
            f"SELECT {_COLUMNS} FROM entities WHERE deleted_at IS NULL AND merged_into IS NULL"
            " AND (name = ?1 COLLATE NOCASE OR id IN (SELECT entity_id FROM entity_aliases"
            " WHERE alias = ?1 COLLATE NOCASE)) ORDER BY id", (name,))
        return [self._entity(r) for r in rows]

    def live(self, prefix: str = "", limit: int = 50) -> list[Entity]:
        """Live entities whose name starts with ``prefix`` (for completion), by name."""
        rows = self._db.execute(
            f"SELECT {_COLUMNS} FROM entities WHERE deleted_at IS NULL AND merged_into IS NULL"
            " AND name LIKE ? ESCAPE '\\' ORDER BY name COLLATE NOCASE LIMIT ?",
            (_like_prefix(prefix), limit))
        return [self._entity(r) for r in rows]

    # -- mentions -----------------------------------------------------------------------

    def add_mention(self, mention: Mention) -> Mention:
        with self._store.transaction() as db:
            row_id, uuid, created = db.execute(
                'INSERT INTO mentions (entity_id, article_id, start, "end", text, origin,'
                " state, body_version) VALUES (?,?,?,?,?,?,?,?)"
                " RETURNING id, uuid, created_at",
                (mention.entity_id, mention.article_id, mention.start, mention.end,
                 mention.text, mention.origin.value, mention.state.value,
                 mention.body_version)).fetchone()
        return replace(mention, id=int(row_id), uuid=str(uuid), created_at=str(created))

    def mentions_in(self, article_id: int) -> list[Mention]:
        return [_mention(r) for r in self._db.execute(
            f"SELECT {_MENTION_COLUMNS} FROM mentions WHERE article_id = ? ORDER BY start, id",
            (article_id,))]

    def _entity(self, row: Sequence[object]) -> Entity:
        (e_id, uuid, name, type_id, description, external, merged, created, updated, deleted,
         state, match_case) = row
        aliases = tuple(str(a[0]) for a in self._db.execute(
            "SELECT alias FROM entity_aliases WHERE entity_id = ? ORDER BY id", (e_id,)))
        return Entity(
            id=int(e_id), uuid=str(uuid), name=str(name), type_id=int(type_id),  # type: ignore[call-overload]
            aliases=aliases, description=str(description), external_id=str(external),
            merged_into=None if merged is None else int(merged),  # type: ignore[call-overload]
            created_at=str(created), updated_at=None if updated is None else str(updated),
            deleted_at=None if deleted is None else str(deleted),
            state=EntityState(str(state)), match_case=bool(match_case),
        )


def _like_prefix(prefix: str) -> str:
    escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return escaped + "%"


def _mention(row: Sequence[object]) -> Mention:
    m_id, uuid, entity, article, start, end, text, origin, state, version, created = row
    return Mention(
        id=int(m_id), uuid=str(uuid), entity_id=int(entity),  # type: ignore[call-overload]
        article_id=int(article), start=int(start), end=int(end),  # type: ignore[call-overload]
        text=str(text), origin=MentionOrigin(str(origin)), state=MentionState(str(state)),
        body_version=int(version), created_at=str(created),  # type: ignore[call-overload]
    )
