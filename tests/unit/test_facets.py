"""Facets of a search: every count is the count of the whole result, and narrowing the
search by a value's clause finds exactly that many."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.services.facet_service import FacetService
from desktop.services.highlight_service import HighlightService
from desktop.services.import_service import ImportService
from desktop.services.index_service import IndexService
from desktop.services.note_service import NoteService
from desktop.services.recognition_service import RecognitionService
from desktop.services.search_service import SearchService

SOURCES = ("BBC News", "Reuters", "Al Jazeera")
PEOPLE = ("John Kerry", "Ghasem Soleimani", "Bashar Assad")


@pytest.fixture
def facet_project(project, tmp_path: Path):
    lines = []
    for n in range(24):
        person = PEOPLE[n % 3]
        lines.append(json.dumps({
            "title": f"Talks in Baghdad, day {n}",
            "body": f"{person} arrived in Baghdad on day {n}. Officials in Iraq said the "
                    f"talks would go on. {'Iran was not invited.' if n % 4 == 0 else ''}",
            "source": SOURCES[n % 3], "published": f"{2012 + n % 2}-0{1 + n % 5}-1{n % 9}",
            "collection": "world" if n % 2 else "politics",
        }))
    (tmp_path / "wire.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    ImportService(project).import_paths([tmp_path / "wire.jsonl"])
    RecognitionService(project).recognize()
    first = project.store.articles.summaries()
    article = next(iter(first))
    body = project.store.articles.get(article.id).body
    start = body.index("Baghdad")
    HighlightService(project).create(article.id, start, start + 7)
    NoteService(project).create("Baghdad again: the talks move there.", article_id=article.id)
    IndexService(project).ensure_current()
    return project


def _total(project, query: str) -> int:
    return SearchService(project).search(query, limit=100).total


def test_every_count_is_what_narrowing_to_it_finds(facet_project):
    facets = FacetService(facet_project).facets("Baghdad")
    assert facets.complete and facets.error is None
    groups = {group.key: group for group in facets.groups}
    assert {"kind", "source", "year", "collection"} <= set(groups)
    assert {v.label for v in groups["kind"].values} == {"Articles", "Highlights", "Notes"}
    assert {v.label for v in groups["source"].values} == set(SOURCES)
    total = _total(facet_project, "Baghdad")
    for key in ("kind", "source", "year", "collection"):
        values = groups[key].values
        assert sum(v.count for v in values) <= total
        for value in values:
            assert _total(facet_project, f"Baghdad {value.clause}") == value.count, value
    # Kinds cover every match: nothing is counted twice or left out.
    assert sum(v.count for v in groups["kind"].values) == total


def test_entity_facets_count_the_articles_of_the_matches(facet_project):
    facets = FacetService(facet_project).facets("Iran kind:article")
    people = {v.label: v for v in next(g for g in facets.groups if g.key == "entity:person").values}
    assert set(people) <= set(PEOPLE) and people
    for value in people.values():
        assert _total(facet_project, f"Iran kind:article {value.clause}") == value.count
    assert facets.articles == _total(facet_project, "Iran kind:article")


def test_facets_of_a_bad_query_say_why(facet_project):
    facets = FacetService(facet_project).facets("*aghdad")
    assert facets.error and not facets.groups
