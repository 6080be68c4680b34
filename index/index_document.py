"""The document the application hands to the search engine, and where texts come from."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class IndexDocument:
    """One searchable thing (an article now; highlights, notes, entities later).

    Plain Python types only, no engine objects. The index keeps no titles or bodies: it
    stores ``key``, ``kind``, ``id`` and ``article_id`` and asks the application for the
    texts of the hits it returns (see :data:`TextSource`).
    """

    # Unique in the index: f"{kind}:{id}", e.g. "article:12", "highlight:7".
    key: str
    # "article" now; "highlight", "note", "entity" later.
    kind: str
    # Row id in the kind's own table.
    id: int
    title: str
    body: str
    # The article a highlight or note belongs to; for an article, its own id.
    article_id: int | None = None
    source: str = ""
    author: str = ""
    # ISO "YYYY-MM-DD" or an ISO date-time; kept as text because ISO strings sort correctly.
    published: str | None = None
    # E.g. the folder a file came from ("business", "sport").
    collection: str = ""
    language: str = ""
    keywords: tuple[str, ...] = ()
    # Every name and alias of the entities mentioned (articles only), and their types:
    # ``entity:"Qassem Soleimani"`` finds an article that says only "Soleimani".
    entities: tuple[str, ...] = ()
    entity_types: tuple[str, ...] = ()

    @staticmethod
    def key_for(kind: str, id: int) -> str:
        """The index key of row ``id`` of ``kind``."""
        return f"{kind}:{id}"


# The application supplies texts from its database: given index keys, the documents that
# still exist (a key missing from the answer was deleted since it was indexed, and its hit
# is dropped). A body may be cut to ``SearchIndex.MARKED_CHARS``: spans and snippets never
# look further, so fetching more is wasted work for very long texts.
TextSource = Callable[[Sequence[str]], Mapping[str, IndexDocument]]
