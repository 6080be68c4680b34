"""Facets of a search: what its matches are (articles, highlights, notes), where they come
from (source, year, collection, language) and whom they speak of (the entities of their
articles), each value with its count and the words that narrow the search to it.

The index counts its facet columns over every match; the entities come from the database
(the truth), counted over the distinct articles of the matches.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

from desktop.services.project import Project
from desktop.storage.project_store import ProjectStore
from index import FacetCounts

# What each index facet field is called on screen and in a query.
_FIELDS = (("kind", "Kind", "kind"), ("source_name", "Source", "source"),
           ("year", "Year", "year"), ("collection", "Collection", "collection"),
           ("language", "Language", "language"))
_KIND_LABELS = {"article": "Articles", "highlight": "Highlights", "note": "Notes"}


@dataclass(frozen=True, slots=True)
class FacetValue:
    label: str
    count: int
    clause: str  # added to the query to narrow it to this value


@dataclass(frozen=True, slots=True)
class FacetGroup:
    key: str  # "kind", "source", ... or "entity:person"
    title: str
    values: tuple[FacetValue, ...]


@dataclass(frozen=True, slots=True)
class SearchFacets:
    query: str
    groups: tuple[FacetGroup, ...] = ()
    articles: int = 0  # distinct articles of the matches
    complete: bool = True
    error: str | None = None


class FacetService:
    def __init__(self, project: Project, store: ProjectStore | None = None) -> None:
        self.project = project
        self._store = store or project.store

    def facets(self, query: str, top: int = 8,
               cancel: Callable[[], bool] | None = None) -> SearchFacets:
        counts = self.project.search_index.facets(query, top, cancel=cancel)
        if counts.error:
            return SearchFacets(query, complete=counts.complete, error=counts.error)
        groups = [*self._field_groups(counts), *self._entity_groups(counts, top)]
        return SearchFacets(query, tuple(groups), len(counts.article_ids), counts.complete)

    def _field_groups(self, counts: FacetCounts) -> list[FacetGroup]:
        groups = []
        for field, title, name in _FIELDS:
            values = counts.values.get(field, ())
            if field == "kind" and len(values) < 2:
                continue  # only articles: nothing to tell apart
            shown = tuple(FacetValue(_KIND_LABELS.get(value, value) if field == "kind"
                                     else value, n, _clause(name, value))
                          for value, n in values)
            if shown:
                groups.append(FacetGroup(name, title, shown))
        return groups

    def _entity_groups(self, counts: FacetCounts, top: int) -> list[FacetGroup]:
        if not counts.article_ids:
            return []
        rows = self._store.connection.execute(
            ENTITY_COUNTS_SQL, (json.dumps(sorted(counts.article_ids)), top))
        by_type: dict[str, list[FacetValue]] = {}
        for type_name, name, articles in rows:
            by_type.setdefault(type_name, []).append(
                FacetValue(name, int(articles), _clause("entity", name)))
        return [FacetGroup(f"entity:{type_name}", _plural_title(type_name), tuple(values))
                for type_name, values in by_type.items()]


# The top entities of each type among the matching articles (ids as a JSON list). CROSS
# JOIN fixes the order: the articles' mentions by their index, then each one's entity.
# Left to choose, SQLite (no statistics) walked every live entity through the index on
# merged_into and scanned the id list for each mention: 16.8 s for 741 articles among
# 6,675 with 14,000 entities, against 0.19 s; every search with "Refine by" open paid it,
# and searches and quitting waited behind it.
ENTITY_COUNTS_SQL = """SELECT type, name, articles FROM (
      SELECT t.name AS type, t.position AS position, e.name AS name,
             count(DISTINCT m.article_id) AS articles,
             row_number() OVER (PARTITION BY t.id
                                ORDER BY count(DISTINCT m.article_id) DESC, e.name) AS rank
      FROM json_each(?) AS ids
      CROSS JOIN mentions AS m ON m.article_id = ids.value AND m.state <> 'rejected'
      CROSS JOIN entities AS e ON e.id = m.entity_id AND e.deleted_at IS NULL
           AND e.merged_into IS NULL
      CROSS JOIN entity_types AS t ON t.id = e.type_id
      GROUP BY e.id)
    WHERE rank <= ? ORDER BY position, type, articles DESC, name"""


def _clause(field: str, value: str) -> str:
    # A quote inside the value would end the phrase early: the words are what matter.
    text = " ".join(value.replace('"', " ").split())
    return f'{field}:"{text}"' if " " in text or not text.isalnum() else f"{field}:{text}"


def _plural_title(type_name: str) -> str:
    known = {"person": "People", "organisation": "Organisations", "place": "Places",
             "other": "Other names"}
    return known.get(type_name.casefold(), type_name[:1].upper() + type_name[1:])
