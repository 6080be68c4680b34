"""Every model of the annotation panels passes Qt's model tester, filled from a real
project; the Markdown renderer makes chips and never an image."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt

from desktop.domain.link import LinkEnd, LinkKind
from desktop.services.code_service import CodeService
from desktop.services.entity_service import EntityService
from desktop.services.highlight_service import HighlightService
from desktop.services.import_service import ImportService
from desktop.services.note_service import NoteService
from desktop.services.project import Project
from desktop.storage.note_listing import NoteFilter
from desktop.ui.annotations.backlinks_model import BacklinksModel, load_backlinks
from desktop.ui.annotations.code_tree_model import CODE_ID_ROLE, CodeTreeModel
from desktop.ui.annotations.highlight_table_model import HighlightTableModel
from desktop.ui.annotations.link_completion_model import LinkChoice, LinkCompletionModel
from desktop.ui.annotations.note_list_model import NoteListModel
from desktop.ui.annotations.note_renderer import WHOLE_NOTE_CHARS, NoteRenderer
from desktop.ui.annotations.review_model import ReviewModel, load_review_items
from desktop.ui.history.history_model import HistoryModel, describe_changes

BODY = "The minister resigned on Monday. Protesters 👍🏽 gathered in the capital."


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Project]:
    source = tmp_path / "news.txt"
    source.write_text(f"Minister resigns\n\n{BODY}\n", encoding="utf-8")
    with Project.create(tmp_path / "project") as opened:
        ImportService(opened).import_paths([source])
        yield opened


def _article(project: Project) -> int:
    return project.store.articles.summaries().__next__().id


def test_code_tree_model(qtmodeltester, project: Project) -> None:
    codes = CodeService(project)
    politics, _ = codes.create("Politics")
    elections, _ = codes.create("Elections", parent_id=politics.id)
    codes.create("Local", parent_id=elections.id)
    codes.create("Violence")
    HighlightService(project).create(_article(project), 0, 3, code_ids=[elections.id])
    model = CodeTreeModel()
    model.set_tree(codes.tree())
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == 2
    top = model.index(0, 0)
    child = model.index(0, 0, top)
    assert child.data() == "Elections" and child.data(CODE_ID_ROLE) == elections.id
    assert model.parent(child) == top and model.index(0, 0, child).data() == "Local"
    assert model.index(0, CodeTreeModel.TOTAL).data() == "1"  # counted on its parent
    assert model.index(0, CodeTreeModel.OWN).data() == "0"
    assert model.descendants(politics.id) and set(model.descendants(politics.id)) == {
        elections.id, elections.id + 1}
    assert model.rowCount(model.index(0, 1)) == 0  # only the first column has children
    model.set_tree([])
    qtmodeltester.check(model, force_py=True)


def test_highlight_table_model(qtmodeltester, project: Project) -> None:
    service = HighlightService(project)
    article = _article(project)
    for start in range(0, 40, 4):
        service.create(article, start, start + 3)
    listing = project.store.highlight_listing
    model = HighlightTableModel(listing.by_ids)
    model.set_ids(listing.ids())
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == 10 and model.columnCount() == 6
    assert model.index(0, HighlightTableModel.QUOTE).data() == BODY[0:3]
    assert model.index(0, HighlightTableModel.ARTICLE).data() == "Minister resigns"
    model.set_ids([])
    qtmodeltester.check(model, force_py=True)


def test_review_model(qtmodeltester, project: Project) -> None:
    from desktop.domain.highlight import AnchorStatus

    highlight, _ = HighlightService(project).create(_article(project), 4, 12)
    project.store.highlights.set_status(highlight.id, AnchorStatus.NEEDS_REVIEW, (13, 21))
    model = ReviewModel()
    model.set_items(load_review_items(project.store))
    qtmodeltester.check(model, force_py=True)
    assert model.index(0, ReviewModel.OLD_QUOTE).data() == "minister"
    assert model.index(0, ReviewModel.CANDIDATE).data() == BODY[13:21]


def test_note_list_model_and_filters(qtmodeltester, project: Project) -> None:
    notes = NoteService(project)
    article = _article(project)
    notes.create("# Heading\n\nplain note")
    notes.create(f"About [the story](rn://article/{article})", article_id=article)
    model = NoteListModel()
    model.set_rows(project.store.note_listing.rows())
    qtmodeltester.check(model, force_py=True)
    titles = [model.index(r, NoteListModel.TITLE).data() for r in range(2)]
    assert titles == ["About the story", "Heading"]  # a link reads as its words
    assert model.index(1, NoteListModel.ON).data() == "Notebook"
    assert model.index(0, NoteListModel.ON).data() == "Minister resigns"
    listing = project.store.note_listing
    assert [r.links for r in listing.rows(NoteFilter(has_links=True))] == [1]
    assert len(listing.rows(NoteFilter(has_links=False))) == 1
    assert len(listing.rows(NoteFilter(text="PLAIN"))) == 1  # case does not matter
    assert len(listing.rows(NoteFilter(article_id=article))) == 1
    assert listing.rows(NoteFilter(since="2999-01-01")) == []


def test_history_model(qtmodeltester, project: Project) -> None:
    NoteService(project).create("x")
    model = HistoryModel()
    model.set_entries(project.store.journal.entries())
    qtmodeltester.check(model, force_py=True)
    assert model.index(0, HistoryModel.WHAT).data() == "New note"
    assert model.index(0, HistoryModel.CHANGED).data() == "1 note added"
    assert describe_changes({"highlights": {"insert": 3, "delete": 1}}) == (
        "3 highlights added, 1 highlight removed")


def test_completion_and_backlink_models(qtmodeltester, project: Project) -> None:
    person, _ = EntityService(project).create("Qassem Soleimani", "person")
    note, _ = NoteService(project).create(f"[Q](rn://entity/{person.id})")
    model = LinkCompletionModel()
    model.set_choices([LinkChoice(LinkKind.ENTITY, person.id, person.name, "person"),
                       LinkChoice(None, 0, "New entity “Q”…")])
    qtmodeltester.check(model, force_py=True)
    assert model.index(0).data() == "Qassem Soleimani — person"
    assert model.choice(0).markdown() == f"[Qassem Soleimani](rn://entity/{person.id})"
    # Brackets in a title cannot break the link.
    assert LinkChoice(LinkKind.ARTICLE, 3, "A [b] c").markdown() == r"[A \[b\] c](rn://article/3)"
    backlinks = BacklinksModel()
    backlinks.set_links(load_backlinks(project.store, LinkEnd(LinkKind.ENTITY, person.id)))
    qtmodeltester.check(backlinks, force_py=True)
    assert backlinks.rowCount() == 1 and backlinks.links[0].source.id == note.id
    assert backlinks.data(QModelIndex()) is None
    assert backlinks.index(0).data(Qt.ItemDataRole.DisplayRole).startswith("Note: ")


def test_renderer_chips_dead_links_images_and_long_notes() -> None:
    names = {(LinkKind.ARTICLE, 1): "Minister resigns"}
    renderer = NoteRenderer(lambda kind, i: names.get((kind, i)))
    html = renderer.render("[story](rn://article/1) and [gone](rn://note/9) "
                           "![x](http://e.org/i.png) <i>raw</i> [w](javascript:alert(1))").html
    assert 'href="rn://article/1"' in html and "#dbe8fb" in html
    assert "line-through" in html and "note 9 no longer exists" in html
    assert "<img" not in html and "[image: x]" in html and "&lt;i&gt;raw&lt;/i&gt;" in html
    assert "javascript:" not in html.replace("[w](javascript:alert(1))", "")
    long = "\n\n".join(f"Paragraph {n} " + "word " * 40 for n in range(2000))
    assert len(long) > WHOLE_NOTE_CHARS
    middle = long.index("Paragraph 1000 ")
    shown = renderer.render(long, middle)
    assert not shown.whole and shown.start <= middle < shown.end
    assert "Paragraph 1000 " in shown.html and "Paragraph 0 " not in shown.html
    assert long[shown.start:shown.start + 9] == "Paragraph"  # cut at a paragraph
