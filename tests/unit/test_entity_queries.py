"""The entity browser's listing, the entity page and the co-occurrence graph, checked
against counts made by hand from the articles."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.services.curation_service import CurationService
from desktop.services.entity_queries import EntityQueries, GraphEdge
from desktop.services.highlight_service import AnnotationError, HighlightService
from desktop.services.note_service import NoteService
from desktop.services.recognition_service import RecognitionService
from tests.entity_support import article_id, entity_named, seeded_project


@pytest.fixture
def recognised(project, tmp_path: Path):
    seeded_project(project, tmp_path / "articles")
    RecognitionService(project).recognize()
    db = project.store.connection
    # Dates for the timeline: the seed in June 2014, the Kerry story in July, the Isis
    # story undated.
    db.execute("UPDATE articles SET published = '2014-06-11' WHERE id = ?",
               (article_id(project, "Sunni"),))
    db.execute("UPDATE articles SET published = '2014-07-02T10:00:00' WHERE id = ?",
               (article_id(project, "Kerry"),))
    return project


def test_listing_counts_mentions_articles_and_notes(recognised):
    queries = EntityQueries(recognised.store)
    rows = {r.name: r for r in queries.listing()}
    assert (rows["John Kerry"].mentions, rows["John Kerry"].articles) == (3, 2)
    assert rows["Baghdad"].type == "place" and rows["Baghdad"].colour.startswith("#")
    assert rows["United States"].aliases == ("US",)
    assert rows["Iraq"].state == "suggested"
    kerry = entity_named(recognised, "John Kerry")
    NoteService(recognised).create(f"[JK](rn://entity/{kerry.id}) said so.")
    HighlightService(recognised).create(article_id(recognised, "Kerry"), 0, 4,
                                        entity_ids=[kerry.id])
    CurationService(recognised).reject_text("John Kerry", article_id(recognised, "Kerry"))
    row = next(r for r in queries.listing() if r.id == kerry.id)
    assert (row.mentions, row.articles, row.notes, row.highlights) == (2, 2, 1, 1)
    # Sorted by mentions (most first), then by name.
    counts = [r.mentions for r in queries.listing()]
    assert counts == sorted(counts, reverse=True)
    assert [r.name for r in queries.listing(order="name", limit=3)] == [
        "al-Qaida", "Baghdad", "Bashar Assad"]
    assert queries.listing(order="notes", limit=1)[0].id == kerry.id


def test_listing_filters_by_type_state_and_text_in_names_or_aliases(recognised):
    queries = EntityQueries(recognised.store)
    assert {r.type for r in queries.listing(type_name="Place")} == {"place"}
    assert [r.name for r in queries.listing(text="us")] == ["United States"]  # the alias
    assert [r.name for r in queries.listing(text="levant")] == [
        "Islamic State of Iraq and the Levant"]
    assert queries.listing(text="100%") == []  # LIKE characters are plain text
    baghdad = entity_named(recognised, "Baghdad")
    CurationService(recognised).confirm_text("Baghdad")
    assert [r.id for r in queries.listing(state="confirmed")] == [baghdad.id]
    CurationService(recognised).delete([baghdad.id])
    assert queries.listing(state="confirmed") == []
    with pytest.raises(AnnotationError, match="cannot be sorted by “size”"):
        queries.listing(order="size")


def test_the_page_shows_mentions_in_context_links_neighbours_and_months(recognised):
    seed, kerry_story = article_id(recognised, "Sunni"), article_id(recognised, "Kerry")
    kerry = entity_named(recognised, "John Kerry")
    note, _ = NoteService(recognised).create(f"Talks: [Kerry](rn://entity/{kerry.id}).",
                                             title="Kerry's talks")
    highlight, _ = HighlightService(recognised).create(kerry_story, 0, 5,
                                                       entity_ids=[kerry.id])
    page = EntityQueries(recognised.store).page(kerry.id, context_chars=20)
    assert (page.entity.name, page.type.name, page.mentions, page.articles) == (
        "John Kerry", "person", 3, 2)
    # Oldest article first; each line is the text around the mention, cut from the body.
    assert [line.article_id for line in page.kwic] == [seed, kerry_story, kerry_story]
    for line in page.kwic:
        body = recognised.store.articles.get(line.article_id).body
        assert line.match == body[line.start:line.end]
        assert line.left == body[max(0, line.start - 20):line.start].replace("\n", " ")
        assert line.right == body[line.end:line.end + 20].replace("\n", " ")
        assert not line.stale
    assert (page.kwic[1].left, page.kwic[1].match, page.kwic[1].right) == (
        "", "John Kerry", " met officials in Pa")
    assert [(n.id, n.title) for n in page.notes] == [(note.id, "Kerry's talks")]
    assert [h.id for h in page.highlights] == [highlight.id]
    shared = {c.name: c.shared for c in page.cooccurring}
    assert shared["Baghdad"] == 2 and shared["Iran"] == 1 and "John Kerry" not in shared
    assert [(m.month, m.mentions, m.articles) for m in page.months] == [
        ("2014-06", 1, 1), ("2014-07", 2, 1)]
    assert page.undated == 0
    assert len(EntityQueries(recognised.store).page(kerry.id, limit=1).kwic) == 1


def test_a_merged_entity_opens_its_targets_page_and_bad_ids_are_refused(recognised):
    general = entity_named(recognised, "Ghasem Soleimani")
    lone = entity_named(recognised, "Soleimani")
    CurationService(recognised).merge(lone.id, general.id)
    page = EntityQueries(recognised.store).page(lone.id)
    assert page.entity.id == general.id and page.mentions == 5
    assert page.undated == 0 and sum(m.mentions for m in page.months) == 5
    isis = entity_named(recognised, "ISIS")
    assert EntityQueries(recognised.store).page(isis.id).undated == 2
    with pytest.raises(AnnotationError, match="no entity with id 999999"):
        EntityQueries(recognised.store).page(999_999)


def test_cooccurrence_weights_are_shared_articles(recognised):
    queries = EntityQueries(recognised.store)
    graph = queries.cooccurrence()
    names = {n.id: n.name for n in graph.nodes}
    by_name = {n.name: n for n in graph.nodes}
    assert by_name["Baghdad"].articles == 2 and by_name["Najaf"].articles == 1
    weights = {frozenset((names[e.a], names[e.b])): e.weight for e in graph.edges}
    assert weights[frozenset(("John Kerry", "Baghdad"))] == 2
    assert weights[frozenset(("Najaf", "Karbala"))] == 1
    assert frozenset(("Paris", "Najaf")) not in weights  # never in one article
    assert all(e.a < e.b for e in graph.edges)
    strong = queries.cooccurrence(min_weight=2)
    heavy = strong.edges
    assert [{names[e.a], names[e.b]} for e in heavy] == [{"Baghdad", "John Kerry"}]
    # Only the entities with such a tie are drawn, not every lone one around them.
    assert {n.name for n in strong.nodes} == {"Baghdad", "John Kerry"}
    places = queries.cooccurrence(types=["place"])
    assert {n.name for n in places.nodes} >= {"Baghdad", "Iraq"}
    assert all(names[e.a] != "John Kerry" and names[e.b] != "John Kerry"
               for e in places.edges)
    top = queries.cooccurrence(limit_nodes=2)
    assert len(top.nodes) == 2 and top.nodes_left_out == len(graph.nodes) - 2
    assert {e.a for e in top.edges} | {e.b for e in top.edges} <= {n.id for n in top.nodes}


def test_the_graph_follows_curation(recognised):
    queries = EntityQueries(recognised.store)
    kerry, baghdad = entity_named(recognised, "John Kerry"), entity_named(recognised,
                                                                          "Baghdad")
    pair = tuple(sorted((kerry.id, baghdad.id)))
    assert GraphEdge(*pair, 2) in queries.cooccurrence().edges
    CurationService(recognised).reject_text("Baghdad", article_id(recognised, "Kerry"))
    assert GraphEdge(*pair, 1) in queries.cooccurrence().edges
    CurationService(recognised).delete([baghdad.id])
    assert baghdad.id not in {n.id for n in queries.cooccurrence().nodes}
    assert all(baghdad.id not in (e.a, e.b) for e in queries.cooccurrence().edges)


def test_the_reader_marks_suggested_and_confirmed_mentions_in_order(recognised):
    story = article_id(recognised, "Kerry")
    queries = EntityQueries(recognised.store)
    marks = queries.marks(story)
    body = recognised.store.articles.get(story).body
    assert [body[m.start:m.end] for m in marks] == [
        "John Kerry", "Paris", "Kerry", "Baghdad", "Soleimani"]
    assert [m.start for m in marks] == sorted(m.start for m in marks)
    kerry = marks[0]
    assert (kerry.name, kerry.type, kerry.state, kerry.origin, kerry.stale) == (
        "John Kerry", "person", "suggested", "recognised", False)
    assert kerry.colour == recognised.store.entities.type_named("person").colour
    CurationService(recognised).reject([marks[1].mention_id])
    CurationService(recognised).confirm([kerry.mention_id])
    again = queries.marks(story)
    assert [m.name for m in again] == ["John Kerry", "John Kerry", "Baghdad", "Soleimani"]
    assert again[0].state == "confirmed" and again[1].state == "suggested"
    assert queries.marks(999_999) == []
