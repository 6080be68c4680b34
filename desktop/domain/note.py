"""A note: Markdown text on its own, on an article or on a highlight."""

from __future__ import annotations

import re
from dataclasses import dataclass

# A link made by the application: [shown text](rn://entity/12).
_APP_LINK = re.compile(r"\[([^\]\n]*)\]\(rn://(?:article|highlight|note|entity)/\d+\)")


@dataclass(frozen=True, slots=True)
class Note:
    body: str
    title: str = ""
    article_id: int | None = None
    highlight_id: int | None = None
    # The passage the note was about, kept when its highlight or article is deleted.
    quote: str = ""
    created_at: str = ""
    updated_at: str | None = None
    deleted_at: str | None = None
    uuid: str = ""
    id: int | None = None

    def searchable_text(self) -> str:
        """The body as it is searched and shown in results: a link reads as its text (the
        words "rn", "entity" and the id are not the note's words)."""
        return plain_links(self.body)


def plain_links(text: str) -> str:
    """``text`` with each application link (``[Jack Straw](rn://entity/125)``) written as
    its words, for lists and previews that show a note as text."""
    return _APP_LINK.sub(r"\1", text)
