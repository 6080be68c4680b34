"""What the reader draws over an article (highlights with codes, notes, mentions), and which
change sets concern the article shown (the reader reloads only for those), however large."""

from __future__ import annotations

from pathlib import Path
from types import MappingProxyType

import pytest

from desktop.domain.change_set import ChangeSet, Op, RowChange
from desktop.domain.highlight import AnchorStatus
from desktop.services.code_service import CodeService
from desktop.services.entity_service import EntityService
from desktop.services.highlight_service import HighlightService
from desktop.services.history_service import HistoryService
from desktop.services.import_service import ImportService
from desktop.services.note_service import NoteService
from desktop.services.reader_annotations import Affects, ReaderAnnotations

BODY = "👍🏽 The minister resigned on Monday. Protesters gathered in the capital."
OTHER = "A different story about the weather in the hills."


@pytest.fixture
def articles(project, tmp_path: Path) -> tuple[int, int]:
    source = tmp_path / "news"
    source.mkdir()
    (source / "a.txt").write_text(f"Minister resigns\n\n{BODY}\n", encoding="utf-8")
    (source / "b.txt").write_text(f"Weather\n\n{OTHER}\n", encoding="utf-8")
    ids = ImportService(project).import_paths([source]).imported_ids
    by_title = {project.store.articles.get(i).title: i for i in ids}
    return by_title["Minister resigns"], by_title["Weather"]


def _span(text: str, body: str = BODY) -> tuple[int, int]:
    start = body.index(text)
    return start, start + len(text)


def test_load_gathers_codes_notes_entities_and_mentions(project, articles) -> None:
    aid, _other = articles
    codes = CodeService(project)
    first, _ = codes.create("Politics", "#64b5f6")
    second, _ = codes.create("Protest", "#e57373")
    highlights, notes = HighlightService(project), NoteService(project)
    minister, _ = highlights.create(aid, *_span("The minister resigned"),
                                    code_ids=[second.id, first.id])
    crowd, _ = highlights.create(aid, *_span("Protesters gathered"))
    notes.create("Older note\nsecond line", highlight_id=minister.id)
    newest, _ = notes.create("\n  Newer note  \nmore", highlight_id=minister.id)
    notes.create("About the whole story", article_id=aid)
    entity, _ = EntityService(project).from_selection(aid, *_span("capital"), "place",
                                                      name="The capital")
    highlights.tag_entities(crowd.id, [entity.id])
    article = project.store.articles.get(aid)

    loaded = ReaderAnnotations(project.store).load(article)
    assert [h.id for h in loaded.highlights] == [minister.id, crowd.id]  # reading order
    shown = loaded.highlight(minister.id)
    assert shown.codes == ("Politics", "Protest")  # code-book order, not the order given
    assert shown.colours == ("#64b5f6", "#e57373")
    assert shown.note == "Newer note"  # the newest note's first line with text
    assert loaded.highlight(crowd.id).entities == ("The capital",)
    assert len(loaded.notes) == 3 and loaded.notes_of(minister.id)[-1].id == newest.id
    (mention,) = loaded.mentions
    assert (mention.name, mention.type_name) == ("The capital", "place")
    assert BODY[mention.start:mention.end] == "capital"


def test_highlights_of_another_text_version_are_not_placed(project, articles) -> None:
    aid, _other = articles
    highlight, _ = HighlightService(project).create(aid, *_span("Protesters gathered"))
    with project.store.transaction() as db:
        db.execute("UPDATE highlights SET body_version = 7 WHERE id = ?", (highlight.id,))
    loaded = ReaderAnnotations(project.store).load(project.store.articles.get(aid))
    assert loaded.highlights[0].status is AnchorStatus.NEEDS_REVIEW
    assert loaded.placed == ()


def test_which_changes_concern_the_article_shown(project, articles, tmp_path) -> None:
    aid, other = articles
    reader = ReaderAnnotations(project.store)
    highlights, notes = HighlightService(project), NoteService(project)
    code, _ = CodeService(project).create("Politics")
    unused_code, _ = CodeService(project).create("Unused")

    def shown():
        return reader.load(project.store.articles.get(aid))

    made, changes = highlights.create(aid, *_span("Protesters gathered"))
    assert reader.affects(changes, shown()) is Affects.ANNOTATIONS
    elsewhere, changes = highlights.create(other, *_span("weather", OTHER))
    assert reader.affects(changes, shown()) is Affects.NOTHING
    assert reader.affects(highlights.add_code([made.id], code.id), shown()) is Affects.ANNOTATIONS
    assert reader.affects(highlights.add_code([elsewhere.id], code.id), shown()) is (
        Affects.NOTHING)
    assert reader.affects(CodeService(project).recolour(code.id, "#000000"), shown()) is (
        Affects.ANNOTATIONS)
    assert reader.affects(CodeService(project).recolour(unused_code.id, "#000000"),
                          shown()) is Affects.NOTHING
    _note, changes = notes.create("On the article", article_id=aid)
    assert reader.affects(changes, shown()) is Affects.ANNOTATIONS
    _note, changes = notes.create("A project note")
    assert reader.affects(changes, shown()) is Affects.NOTHING
    _entity, changes = EntityService(project).from_selection(aid, *_span("capital"), "place")
    assert reader.affects(changes, shown()) is Affects.ANNOTATIONS
    _entity, changes = EntityService(project).from_selection(other, *_span("hills", OTHER),
                                                             "place")
    # (An entity made counts for any article showing names; the mention itself does not.)
    assert not reader._touches(changes, "mentions", set(), "article_id", {aid})
    assert reader._touches(changes, "mentions", set(), "article_id", {other})
    # A deletion (the row is gone: its old values tell where it was) and its undo.
    before = shown()
    changes = highlights.delete([made.id])
    assert reader.affects(changes, before) is Affects.ANNOTATIONS
    undone = HistoryService(project).undo(changes, "Delete highlight")
    assert reader.affects(undone, shown()) is Affects.ANNOTATIONS
    # The article's text replaced by a re-import: the article itself.
    source = tmp_path / "news" / "a.txt"
    source.write_text(f"Minister resigns\n\nUPDATE: {BODY}\n", encoding="utf-8")
    report = ImportService(project, update=True).import_paths([source])
    assert reader.affects(report.changes, before) is Affects.ARTICLE
    # An import of other articles does not concern it.
    fresh = tmp_path / "fresh.txt"
    fresh.write_text("Fresh\n\nSomething else entirely.\n", encoding="utf-8")
    assert reader.affects(ImportService(project).import_paths([fresh]).changes, shown()) is (
        Affects.NOTHING)


def test_a_recognition_sized_change_set_is_judged_by_the_rows_of_the_article(
        project, articles) -> None:
    # Tens of thousands of mentions made in other articles (as a recognition of a large
    # project makes them), and then one in the article shown, and its undo: the answer
    # depends on the article's own rows, found without walking the change set.
    aid, other = articles
    reader = ReaderAnnotations(project.store)
    entity, _ = EntityService(project).from_selection(other, *_span("hills", OTHER), "place")
    with project.store.transaction() as db:
        db.executemany(
            'INSERT INTO mentions (entity_id, article_id, start, "end", text, origin, state,'
            " body_version) VALUES (?, ?, 0, 1, 'A', 'recognised', 'suggested', 1)",
            [(entity.id, other)] * 20_000)
    elsewhere = list(project.store.connection.execute(
        "SELECT id FROM mentions WHERE article_id = ?", (other,)))
    many = ChangeSet(tuple(RowChange("mentions", int(i), Op.INSERT) for (i,) in elsewhere))
    shown = reader.load(project.store.articles.get(aid))
    assert reader.affects(many, shown) is Affects.NOTHING
    _, one = EntityService(project).from_selection(aid, *_span("capital"), "place")
    mine = one.created("mentions")[0]
    both = ChangeSet((*many.changes, RowChange("mentions", mine, Op.INSERT)))
    assert reader.affects(both, shown) is Affects.ANNOTATIONS
    # Deleted (the undo): only the values from before say where it was.
    shown = reader.load(project.store.articles.get(aid))
    undone = HistoryService(project).undo(one, "Add entity")
    assert mine in undone.deleted("mentions")
    assert reader.affects(ChangeSet((*many.changes, *undone.changes)), shown) is (
        Affects.ANNOTATIONS)


def test_change_sets_answer_which_rows_they_touched() -> None:
    changes = ChangeSet.merge([
        RowChange("mentions", 9, Op.INSERT), RowChange("mentions", 3, Op.INSERT),
        RowChange("mentions", 5, Op.UPDATE, MappingProxyType({"state": "suggested"})),
        RowChange("entities", 3, Op.DELETE, MappingProxyType({"name": "Kerry"})),
    ])
    assert changes.created("mentions") == (9, 3)  # the order they happened in
    assert changes.has("mentions", 3) and changes.has("mentions", 9, Op.INSERT)
    assert changes.has("mentions", 5) and not changes.has("mentions", 5, Op.INSERT)
    assert not changes.has("mentions", 4) and not changes.has("entities", 9)
    assert changes.has("entities", 3, Op.DELETE)
    assert [c.row_id for c in changes.altered("mentions")] == [5]
    assert [c.before for c in changes.altered("entities")] == [{"name": "Kerry"}]
    assert changes.altered("notes") == ()


def test_merging_a_raw_log_keeps_the_net_change_of_each_row_in_first_order() -> None:
    before = MappingProxyType
    merged = ChangeSet.merge([
        RowChange("notes", 1, Op.INSERT), RowChange("codes", 1, Op.UPDATE, before({"a": 1})),
        RowChange("notes", 1, Op.UPDATE, before({"body": "x"})),  # still an insert
        RowChange("codes", 1, Op.UPDATE, before({"a": 2, "b": 3})),  # earliest value wins
        RowChange("notes", 2, Op.INSERT), RowChange("notes", 2, Op.DELETE, before({})),
        RowChange("codes", 2, Op.DELETE, before({"a": 5})),
        RowChange("codes", 2, Op.INSERT),  # put back: an update of what it was
        RowChange("notes", 2, Op.INSERT),  # made again after vanishing: at its first place
    ])
    assert [(c.table, c.row_id, c.op, dict(c.before or {})) for c in merged] == [
        ("notes", 1, Op.INSERT, {}), ("codes", 1, Op.UPDATE, {"a": 1, "b": 3}),
        ("notes", 2, Op.INSERT, {}), ("codes", 2, Op.UPDATE, {"a": 5})]
