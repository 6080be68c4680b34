"""Highlights, codes, notes, links and hand-made entities: each action one undoable step."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from desktop.domain.highlight import AnchorStatus, Highlight
from desktop.domain.link import LinkEnd, LinkKind
from desktop.domain.text_quote import TextQuote
from desktop.services.article_service import ArticleService
from desktop.services.code_service import CodeService, WhenCodeDeleted
from desktop.services.entity_service import EntityService
from desktop.services.highlight_service import AnnotationError, HighlightService
from desktop.services.history_service import HistoryService
from desktop.services.import_service import ImportService
from desktop.services.index_documents import IndexDocuments
from desktop.services.index_service import IndexService
from desktop.services.note_service import NoteService, link_target
from desktop.services.search_service import SearchService
from desktop.storage.highlight_listing import HighlightFilter

BODY = ("👍🏽 The minister resigned on Monday after the vote. Protesters gathered in the "
        "capital. The minister's party said little.")


@pytest.fixture
def article_id(project, tmp_path: Path) -> int:
    source = tmp_path / "news.txt"
    source.write_text(f"Minister resigns\n\n{BODY}\n", encoding="utf-8")
    report = ImportService(project).import_paths([source])
    return report.imported_ids[0]


def span(text: str, occurrence: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence + 1):
        start = BODY.index(text, start + 1)
    return start, start + len(text)


def test_a_highlight_with_codes_note_and_entity_is_one_undoable_action(project, article_id):
    codes = CodeService(project)
    politics, _ = codes.create("Politics")
    person, _ = EntityService(project).create("The minister", "person")
    start, end = span("The minister resigned")
    highlight, changes = HighlightService(project).create(
        article_id, start, end, code_ids=[politics.id], note="Why *now*?",
        entity_ids=[person.id])
    # The stored quote is cut from the stored body: code points, after the emoji.
    assert highlight.quote.exact == "The minister resigned"
    assert highlight.quote.prefix == "👍🏽 "
    assert (highlight.start, highlight.end) == (3, 24)
    assert changes.counts() == {"highlights": {"insert": 1}, "highlight_codes": {"insert": 1},
                                "notes": {"insert": 1}, "links": {"insert": 1}}
    [row] = project.store.highlight_listing.rows()
    assert (row.codes, row.entities, row.note) == (("Politics",), ("The minister",), "Why now?")
    HistoryService(project).undo(changes, "Highlight")
    assert project.store.counts()["highlights"] == 0
    assert project.store.counts()["notes"] == 0


@pytest.mark.parametrize("start,end", [(5, 5), (9, 3), (-1, 4), (0, len(BODY) + 1)])
def test_bad_selections_are_refused_clearly(project, article_id, start, end):
    with pytest.raises(AnnotationError):
        HighlightService(project).create(article_id, start, end)
    assert project.store.counts()["highlights"] == 0


def test_a_selection_of_the_whole_long_text_is_fine(project, tmp_path):
    body = ("A long paragraph of reporting. " * 40_000).strip()  # over a megabyte
    source = tmp_path / "long.txt"
    source.write_text(f"Long\n\n{body}\n", encoding="utf-8")
    [article_id] = ImportService(project).import_paths([source]).imported_ids
    stored = project.store.articles.get(article_id)
    highlight, _ = HighlightService(project).create(article_id, 0, len(stored.body))
    assert len(highlight.quote.exact) == len(stored.body) > 1_000_000


def test_deleting_a_highlight_keeps_its_notes_with_the_quote(project, article_id):
    start, end = span("Protesters gathered")
    highlight, _ = HighlightService(project).create(article_id, start, end, note="Crowd size?")
    changes = HighlightService(project).delete([highlight.id])
    [note] = project.store.notes.live()
    assert (note.highlight_id, note.quote, note.body) == (None, "Protesters gathered",
                                                           "Crowd size?")
    HistoryService(project).undo(changes, "Delete highlight")
    assert project.store.notes.live()[0].highlight_id == highlight.id


def test_bulk_actions_work_beyond_sqlite_variable_limit_as_one_undo_step(project, article_id):
    # SQLite builds allow 999 or 32,766 variables in one statement (compile-time default):
    # at the lower limit 1,200 ids stand for the 100,000 of a real bulk delete.
    many = 1_200
    article = project.store.articles.get(article_id)
    with project.store.action("highlight", "Many"):
        ids = [project.store.highlights.add(Highlight(
            article_id=article_id, start=i % 50, end=i % 50 + 3,
            quote=TextQuote.cut(article.body, i % 50, i % 50 + 3),
            body_version=article.body_version)).id for i in range(many)]
    NoteService(project).create("On the last one", highlight_id=ids[-1])
    code, _ = CodeService(project).create("Bulk")
    project.store.connection.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, 999)
    service = HighlightService(project)

    added = service.add_code(ids, code.id)
    assert added.counts() == {"highlight_codes": {"insert": many}}
    assert service.remove_code(ids[:700], code.id).counts() == {
        "highlight_codes": {"delete": 700}}
    assert project.store.codes.usage()[code.id] == many - 700

    journal = len(HistoryService(project).entries())
    changes = service.delete(ids)
    assert project.store.counts()["highlights"] == 0
    [note] = project.store.notes.live()
    last = (many - 1) % 50
    assert (note.highlight_id, note.quote) == (None, article.body[last:last + 3])
    assert len(HistoryService(project).entries()) == journal + 1
    HistoryService(project).undo(changes, "Delete highlights")
    assert project.store.counts()["highlights"] == many
    assert project.store.notes.live()[0].highlight_id == ids[-1]
    # The index reads them back in one go (a rebuild's or a big round's outbox keys).
    documents = IndexDocuments(project.store).for_keys(
        [f"highlight:{i}" for i in ids] + [f"note:{i}" for i in range(1, many)])
    assert len(documents) == many + 1

    # Articles too: counting and deleting by a list longer than the limit.
    articles = ArticleService(project)
    missing = list(range(10_000, 10_000 + many))
    assert articles.annotation_counts([*missing, article_id]) == {"highlights": many,
                                                                  "notes": 1}
    articles.delete([*missing, article_id])
    assert project.store.counts()["articles"] == 0
    assert project.store.notes.live()[0].quote


def test_code_tree_counts_merge_move_and_delete_choices(project, article_id):
    codes = CodeService(project)
    actors, _ = codes.create("Actors")
    gov, _ = codes.create("Government", parent_id=actors.id)
    crowd, _ = codes.create("Crowd", parent_id=actors.id)
    people, _ = codes.create("People")
    highlights = HighlightService(project)
    h1, _ = highlights.create(article_id, *span("The minister resigned"), code_ids=[gov.id])
    h2, _ = highlights.create(article_id, *span("Protesters"), code_ids=[crowd.id])
    h3, _ = highlights.create(article_id, *span("party"), code_ids=[crowd.id, people.id])
    tree = {n.code.name: (n.depth, n.highlights, n.total) for n in codes.tree()}
    assert tree == {"Actors": (0, 0, 3), "Government": (1, 1, 1), "Crowd": (1, 2, 2),
                    "People": (0, 1, 1)}
    with pytest.raises(AnnotationError, match="inside itself"):
        codes.move(actors.id, crowd.id)
    merged = codes.merge(crowd.id, people.id)
    assert project.store.highlights.codes_of([h2.id, h3.id]) == {h2.id: [people.id],
                                                                 h3.id: [people.id]}
    HistoryService(project).undo(merged, "Merge")
    assert project.store.highlights.codes_of([h3.id])[h3.id] == [crowd.id, people.id]
    # Deleting a code used by many highlights is one step, with a choice for its highlights.
    codes.delete(crowd.id, WhenCodeDeleted.TO_PARENT)
    assert project.store.highlights.codes_of([h2.id])[h2.id] == [actors.id]
    codes.delete(gov.id, WhenCodeDeleted.DELETE)
    assert project.store.highlights.get(h1.id) is None


def test_note_links_follow_the_text_and_show_as_backlinks(project, article_id):
    person, _ = EntityService(project).create("The minister", "person")
    notes = NoteService(project)
    body = (f"See [the minister]({link_target(LinkKind.ENTITY, person.id)}) and "
            f"[the story]({link_target(LinkKind.ARTICLE, article_id)}).")
    note, _ = notes.create(body)
    entity_end = LinkEnd(LinkKind.ENTITY, person.id)
    assert [link.source for link in notes.backlinks(entity_end)] == [
        LinkEnd(LinkKind.NOTE, note.id)]
    notes.edit(note.id, f"Only [the story](rn://article/{article_id}) now.")
    assert notes.backlinks(entity_end) == []
    assert len(notes.backlinks(LinkEnd(LinkKind.ARTICLE, article_id))) == 1
    with pytest.raises(AnnotationError, match="does not exist"):
        notes.create("A link to [nothing](rn://note/999).")
    # Editing never refuses the user's text: a dead link stays in it, out of the link table.
    notes.edit(note.id, "A link to [nothing](rn://note/999).")
    assert project.store.notes.get(note.id).body == "A link to [nothing](rn://note/999)."
    assert notes.backlinks(LinkEnd(LinkKind.ARTICLE, article_id)) == []


def test_notes_and_highlights_are_searchable(project, article_id):
    HighlightService(project).create(article_id, *span("Protesters gathered"))
    NoteService(project).create("The okapi question remains open.")
    assert IndexService(project).ensure_current()
    results = SearchService(project).search("okapi")
    assert [(h.kind, h.title) for h in results.hits] == [("note", "The okapi question remains "
                                                                   "open.")]
    kinds = {h.kind for h in SearchService(project).search("protesters").hits}
    assert kinds == {"article", "highlight"}
    deleted = NoteService(project).delete([project.store.notes.live()[0].id])
    assert IndexService(project).ensure_current()
    assert SearchService(project).search("okapi").total == 0
    HistoryService(project).undo(deleted, "Delete note")
    assert IndexService(project).ensure_current()
    assert SearchService(project).search("okapi").total == 1


def test_an_entity_from_a_selection_records_the_mention(project, article_id):
    start, end = span("The minister", 0)
    entity, _ = EntityService(project).from_selection(article_id, start, end, "person")
    again, _ = EntityService(project).from_selection(article_id, *span("The minister", 1),
                                                     "person")
    assert again.id == entity.id  # the same name and type: the same entity
    mentions = project.store.entities.mentions_in(article_id)
    assert [(m.start, m.text) for m in mentions] == [(start, "The minister"),
                                                     (span("The minister", 1)[0],
                                                      "The minister")]
    with pytest.raises(AnnotationError, match="no entity type"):
        EntityService(project).create("X", "planet")


def test_import_update_reanchors_highlights_and_reports_review(project, tmp_path):
    source = tmp_path / "story.txt"
    source.write_text(f"Minister resigns\n\n{BODY}\n", encoding="utf-8")
    [article_id] = ImportService(project).import_paths([source]).imported_ids
    highlights = HighlightService(project)
    kept, _ = highlights.create(article_id, *span("Protesters gathered"))
    lost, _ = highlights.create(article_id, *span("The minister's party said little"))
    new_body = ("UPDATE: 👍🏽 The minister resigned on Monday after the vote. Protesters "
                "gathered in the capital. The party has not commented.")
    source.write_text(f"Minister resigns\n\n{new_body}\n", encoding="utf-8")
    report = ImportService(project, update=True).import_paths([source])
    assert (report.imported, len(report.updated)) == (0, 1)
    assert (report.text_update.reanchored, report.text_update.needs_review) == (1, 1)
    article = project.store.articles.get(article_id)
    assert article.body == new_body and article.body_version == 2
    moved = project.store.highlights.get(kept.id)
    assert new_body[moved.start:moved.end] == "Protesters gathered"
    assert moved.body_version == 2 and moved.status is AnchorStatus.ANCHORED
    review = project.store.highlight_listing.rows(HighlightFilter(status="needs_review"))
    assert [r.id for r in review] == [lost.id]
    # Undoing the update puts the old text and the old anchors back.
    HistoryService(project).undo(report.changes, report.label)
    assert project.store.articles.get(article_id).body == BODY
    assert project.store.highlights.get(lost.id).status is AnchorStatus.ANCHORED


def test_positions_from_an_older_text_are_refused_not_put_on_other_words(project, tmp_path):
    # The reader takes a selection from version 1; an update imported before the highlight
    # is saved makes version 2, where those positions cover other characters.
    source = tmp_path / "story.txt"
    source.write_text(f"Minister resigns\n\n{BODY}\n", encoding="utf-8")
    [article_id] = ImportService(project).import_paths([source]).imported_ids
    start, end = span("Protesters gathered")
    seen = project.store.articles.get(article_id).body_version
    source.write_text(f"Minister resigns\n\nUPDATE: {BODY}\n", encoding="utf-8")
    ImportService(project, update=True).import_paths([source])
    assert project.store.articles.get(article_id).body_version != seen
    before = len(HistoryService(project).entries())
    with pytest.raises(AnnotationError, match="changed"):
        HighlightService(project).create(article_id, start, end, body_version=seen)
    with pytest.raises(AnnotationError, match="changed"):
        EntityService(project).from_selection(article_id, start, end, "person",
                                              body_version=seen)
    assert project.store.highlights.many(
        [h.id for h in project.store.highlight_listing.rows(HighlightFilter())]) == {}
    assert project.store.entities.mentions_in(article_id) == []
    assert len(HistoryService(project).entries()) == before
    # Taken from the current text, the same call is fine.
    current = project.store.articles.get(article_id).body_version
    made, _ = HighlightService(project).create(article_id, start + 8, end + 8,
                                               body_version=current)
    assert made.quote.exact == "Protesters gathered"



def test_a_highlight_is_found_under_its_articles_new_title(project, article_id):
    """A highlight's search document carries its article's title: whatever gives the
    article a new title re-indexes its highlights too (an import's update also moves
    them, but a title changed alone left them findable under the old one)."""
    HighlightService(project).create(article_id, *span("Protesters gathered"))
    assert IndexService(project).ensure_current()
    article = project.store.articles.get(article_id)
    project.store.articles.replace_text(
        article_id, replace(article, title="Okapi crisis", id=None))
    assert IndexService(project).ensure_current()
    found = SearchService(project).search("title:okapi")
    assert sorted(hit.kind for hit in found.hits) == ["article", "highlight"]
    assert SearchService(project).search("title:resigns").total == 0
