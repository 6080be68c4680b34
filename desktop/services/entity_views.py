"""What the entity queries answer: plain, immutable rows for the browser, the entity page,
the reader's marks and the co-occurrence graph (see :mod:`entity_queries`)."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.domain.entity import Entity, EntityType


@dataclass(frozen=True, slots=True)
class EntityRow:
    """One line of the entity browser."""

    id: int
    name: str
    type: str
    colour: str
    aliases: tuple[str, ...]
    mentions: int
    articles: int
    notes: int  # live notes linking to the entity
    highlights: int  # highlights tagged with it
    state: str  # "suggested" or "confirmed"


@dataclass(frozen=True, slots=True)
class KwicLine:
    """One mention in context. ``left`` and ``right`` have their line breaks turned into
    spaces (same length); ``start``/``end`` are code points in the stored body."""

    mention_id: int
    article_id: int
    article_title: str
    published: str | None
    start: int
    end: int
    left: str
    match: str
    right: str
    state: str
    # The article's text changed since the mention was made: the span may be off.
    stale: bool


@dataclass(frozen=True, slots=True)
class LinkedNote:
    id: int
    title: str
    excerpt: str  # the start of the Markdown text
    article_id: int | None
    updated_at: str


@dataclass(frozen=True, slots=True)
class LinkedHighlight:
    id: int
    article_id: int
    article_title: str
    quote: str
    status: str


@dataclass(frozen=True, slots=True)
class CoEntity:
    id: int
    name: str
    type: str
    colour: str
    shared: int  # articles mentioning both


@dataclass(frozen=True, slots=True)
class MonthCount:
    month: str  # "2014-06"
    mentions: int
    articles: int


@dataclass(frozen=True, slots=True)
class EntityPage:
    entity: Entity  # after following merges: the entity that holds the mentions now
    type: EntityType
    mentions: int  # all counted mentions (``kwic`` holds at most ``limit`` of them)
    articles: int
    kwic: tuple[KwicLine, ...]
    notes: tuple[LinkedNote, ...]
    highlights: tuple[LinkedHighlight, ...]
    cooccurring: tuple[CoEntity, ...]
    months: tuple[MonthCount, ...]  # oldest first, months without mentions left out
    undated: int  # mentions in articles without a (year-month) date

    @property
    def aliases(self) -> tuple[str, ...]:
        return self.entity.aliases

    @property
    def description(self) -> str:
        return self.entity.description

    @property
    def external_id(self) -> str:
        return self.entity.external_id


@dataclass(frozen=True, slots=True)
class GraphNode:
    id: int
    name: str
    type: str
    colour: str
    articles: int


@dataclass(frozen=True, slots=True)
class GraphEdge:
    a: int  # the smaller entity id
    b: int
    weight: int  # articles mentioning both


@dataclass(frozen=True, slots=True)
class CooccurrenceGraph:
    nodes: tuple[GraphNode, ...]
    edges: tuple[GraphEdge, ...]
    # Entities left out because of ``limit_nodes`` (the least mentioned).
    nodes_left_out: int = 0


@dataclass(frozen=True, slots=True)
class MentionMark:
    """A mention as the reader marks it, with what its tooltip and menu need."""

    mention_id: int
    start: int
    end: int
    entity_id: int
    name: str
    type: str
    colour: str
    state: str  # "suggested" or "confirmed" (rejected mentions are not marked)
    origin: str  # "recognised", "confirmed" (alias re-scan) or "manual"
    stale: bool  # made on an earlier version of the article's text
