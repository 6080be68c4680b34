"""Entities (people, organisations, places, ...), their types and their mentions."""

from __future__ import annotations

import enum
from dataclasses import dataclass

# The types every project starts with; users add their own.
BUILTIN_ENTITY_TYPES = (
    ("person", "#4f8fd8"),
    ("organisation", "#d8864f"),
    ("place", "#4fb07a"),
    ("event", "#b05fc4"),
    ("other", "#8c8c8c"),
)


@dataclass(frozen=True, slots=True)
class EntityType:
    name: str
    colour: str
    builtin: bool = False
    uuid: str = ""
    id: int | None = None


class EntityState(enum.StrEnum):
    # Made by recognition, not yet accepted: shown apart, never matched as curated.
    SUGGESTED = "suggested"
    CONFIRMED = "confirmed"


@dataclass(frozen=True, slots=True)
class Entity:
    """No uniqueness on (name, type): two people can share a name."""

    name: str
    type_id: int
    aliases: tuple[str, ...] = ()
    description: str = ""
    # A Wikidata QID ("Q42") or a URL.
    external_id: str = ""
    merged_into: int | None = None
    state: EntityState = EntityState.CONFIRMED
    # The name and aliases match only as written; False: in any case.
    match_case: bool = True
    created_at: str = ""
    updated_at: str | None = None
    deleted_at: str | None = None
    uuid: str = ""
    id: int | None = None


@dataclass(frozen=True, slots=True)
class RejectedName:
    """A string the user said is not a name (of ``type_id``, or of any type if None)."""

    name: str
    type_id: int | None = None
    created_at: str = ""
    uuid: str = ""
    id: int | None = None


class MentionOrigin(enum.StrEnum):
    RECOGNISED = "recognised"
    CONFIRMED = "confirmed"
    MANUAL = "manual"


class MentionState(enum.StrEnum):
    SUGGESTED = "suggested"
    CONFIRMED = "confirmed"
    REJECTED = "rejected"


@dataclass(frozen=True, slots=True)
class Mention:
    entity_id: int
    article_id: int
    start: int
    end: int
    text: str
    origin: MentionOrigin = MentionOrigin.MANUAL
    state: MentionState = MentionState.CONFIRMED
    body_version: int = 1
    created_at: str = ""
    uuid: str = ""
    id: int | None = None
