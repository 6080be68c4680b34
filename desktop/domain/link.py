"""A link from a note or a highlight to an article, a highlight, a note or an entity."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class LinkKind(enum.StrEnum):
    ARTICLE = "article"
    HIGHLIGHT = "highlight"
    NOTE = "note"
    ENTITY = "entity"


# A link starts at a note or a highlight.
SOURCE_KINDS = (LinkKind.NOTE, LinkKind.HIGHLIGHT)


@dataclass(frozen=True, slots=True)
class LinkEnd:
    kind: LinkKind
    id: int


@dataclass(frozen=True, slots=True)
class Link:
    source: LinkEnd
    target: LinkEnd
    created_at: str = ""
    uuid: str = ""
    id: int | None = None

    def __post_init__(self) -> None:
        if self.source.kind not in SOURCE_KINDS:
            raise ValueError(f"a link starts at a note or a highlight, not a {self.source.kind}")
