"""The article: the unit a project collects, reads and annotates."""

from __future__ import annotations

from dataclasses import dataclass, replace


@dataclass(frozen=True, slots=True)
class Article:
    """One news article as stored in a project.

    ``body`` is normalised text (see :mod:`desktop.domain.text`): every position that
    refers into it (search hits, later highlights) counts Unicode code points.
    ``published`` is an ISO date (``YYYY-MM-DD``) or ISO date-time, or ``None`` when the
    source does not say; ``id`` is ``None`` until the store has saved the article.
    """

    title: str
    body: str
    source: str = ""
    author: str = ""
    published: str | None = None
    url: str = ""
    origin_path: str = ""
    content_hash: str = ""
    imported_at: str = ""
    id: int | None = None

    def with_id(self, article_id: int) -> Article:
        return replace(self, id=article_id)

    def paragraphs(self) -> list[str]:
        return self.body.split("\n\n") if self.body else []


@dataclass(frozen=True, slots=True)
class ArticleSummary:
    """The columns of an article that lists show: cheap to load for 100k rows."""

    id: int
    title: str
    source: str
    published: str | None
