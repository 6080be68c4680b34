"""The document the application hands to the search engine."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class IndexDocument:
    """One searchable thing (an article, a highlight, a note, ...) in plain Python types."""

    key: str  # unique in the index: f"{kind}:{id}", e.g. "article:12", "highlight:7"
    kind: str  # "article", "highlight", "note", "entity"
    id: int  # row id in its kind's table
    title: str
    body: str
    article_id: int | None = None  # the article a highlight/note belongs to; an article: its own
    source: str = ""
    author: str = ""
    published: str | None = None  # ISO date or date-time
    collection: str = ""  # e.g. the folder a file came from ("business", "sport")
    language: str = ""
    keywords: tuple[str, ...] = ()

    @staticmethod
    def key_for(kind: str, id: int) -> str:
        return f"{kind}:{id}"


# The application supplies texts from its database (the index does not store bodies):
# keys in, the documents that still exist out.
TextSource = Callable[[Sequence[str]], Mapping[str, IndexDocument]]
