"""The article: the unit a project collects, reads and annotates."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from desktop.domain.text import NORMALISER_VERSION


@dataclass(frozen=True, slots=True)
class Article:
    """One news article as stored in a project.

    ``body`` is normalised text (see :mod:`desktop.domain.text`) made by the normaliser of
    ``normaliser_version``; every position that refers into it (search hits, highlights,
    mentions) counts Unicode code points and belongs to ``body_version``, which grows each
    time the text is replaced. ``published`` is an ISO date or date-time, or ``None`` when
    the source does not say. ``id`` and ``uuid`` are empty until the store saved the article.
    ``duplicate_of`` names the first article with the same text when this one was kept
    anyway (same wire story from another outlet), with the rule that matched.
    """

    title: str
    body: str
    source: str = ""
    author: str = ""
    published: str | None = None
    url: str = ""
    origin_path: str = ""
    collection: str = ""
    language: str = ""
    keywords: tuple[str, ...] = ()
    content_hash: str = ""
    raw_hash: str = field(default="", compare=False)
    normaliser_version: int = NORMALISER_VERSION
    body_version: int = 1
    duplicate_of: int | None = None
    duplicate_rule: str = ""
    imported_at: str = ""
    updated_at: str | None = None
    uuid: str = ""
    id: int | None = None
    # Not stored: where the article came from inside its file (a record number), for reports.
    origin_detail: str = field(default="", compare=False)

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
