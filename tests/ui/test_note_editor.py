"""The note editor: [[ and @ completion insert the right links, "New entity…" makes one,
backlinks appear, typing merges into undo steps, nothing typed is lost on close, raw HTML
and remote images show without anything being fetched, and a 1 MB note stays usable."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt, QUrl

from desktop.domain.link import LinkEnd, LinkKind
from desktop.services.entity_service import EntityService
from desktop.services.note_service import NoteService
from desktop.services.project import Project
from desktop.ui.annotations import note_editor
from desktop.ui.annotations.new_entity_dialog import NewEntityDialog
from desktop.ui.main.main_window import MainWindow
from tests.support import SEED_TITLE
from tests.ui.conftest import WAIT_MS, modal_answer


def _new_note(qtbot, window: MainWindow, **where) -> note_editor.NoteEditor:
    notes = window.docks.notes
    before = notes.editor.note.id if notes.editor.note is not None else None
    notes.new_note(**where)
    # The new note, not the one open before (whose save may announce itself first).
    qtbot.waitUntil(lambda: notes.editor.note is not None and notes.editor.note.id != before,
                    timeout=WAIT_MS)
    return notes.editor


def _save(qtbot, window: MainWindow, editor: note_editor.NoteEditor) -> None:
    with qtbot.waitSignal(window.session.data_changed, timeout=WAIT_MS):
        editor.save()


def _choose(qtbot, editor: note_editor.NoteEditor, text: str) -> None:
    """Pick the suggestion whose label starts with ``text`` and press Enter on it."""
    popup = editor.text.completer.popup()
    qtbot.waitUntil(popup.isVisible, timeout=WAIT_MS)
    model = editor.text.choices
    row = next(r for r in range(model.rowCount()) if model.index(r).data().startswith(text))
    popup.setCurrentIndex(model.index(row))
    qtbot.keyClick(popup, Qt.Key.Key_Return)


def test_double_bracket_links_an_article_and_the_link_is_a_chip(qtbot,
                                                                window: MainWindow) -> None:
    editor = _new_note(qtbot, window)
    article_id = window.session.project.store.articles.summaries().__next__().id
    qtbot.keyClicks(editor.text, "See [[Sunni mil")
    _choose(qtbot, editor, SEED_TITLE)
    assert editor.text.toPlainText() == f"See [{SEED_TITLE}](rn://article/{article_id})"
    assert not editor.text.completer.popup().isVisible()
    _save(qtbot, window, editor)
    store = window.session.project.store
    assert [link.target for link in store.notes.links_from(
        LinkEnd(LinkKind.NOTE, editor.note.id))] == [LinkEnd(LinkKind.ARTICLE, article_id)]
    # The article shows the note among what links to it.
    notes = window.docks.notes
    qtbot.waitUntil(lambda: notes.article_links.model.rowCount() == 1, timeout=WAIT_MS)
    editor.render_preview()
    html = editor.preview.toHtml()
    assert f"rn://article/{article_id}" in html and "#dbe8fb" in html  # a coloured chip
    # Clicking the chip reads the article.
    window.reader.show_placeholder()
    editor.preview.anchorClicked.emit(QUrl(f"rn://article/{article_id}"))
    assert window.reader.article is not None and window.reader.article.id == article_id


def test_at_links_an_entity_and_the_entity_shows_its_backlink(qtbot,
                                                              window: MainWindow) -> None:
    project = window.session.project
    kerry, _ = EntityService(project).create("John Kerry", "person")
    EntityService(project).create("Jordan", "place")
    editor = _new_note(qtbot, window)
    qtbot.keyClicks(editor.text, "Met @Jo")
    labels = [editor.text.choices.index(r).data()
              for r in range(editor.text.choices.rowCount())]
    assert labels[:2] == ["John Kerry — person", "Jordan — place"]
    assert labels[-1] == "New entity “Jo”…"
    _choose(qtbot, editor, "John Kerry")
    assert editor.text.toPlainText() == f"Met [John Kerry](rn://entity/{kerry.id})"
    _save(qtbot, window, editor)
    window.docks.open_link(LinkKind.ENTITY, kerry.id)
    page = window.entity_docks.page
    qtbot.waitUntil(lambda: page.page is not None and page.page.entity.id == kerry.id,
                    timeout=WAIT_MS)
    assert window.entity_docks.page_dock.isVisible() and page.title.text() == "John Kerry"
    assert page.backlinks.model.rowCount() == 1
    assert page.backlinks.model.links[0].source == LinkEnd(LinkKind.NOTE, editor.note.id)


def test_new_entity_from_at_is_made_undoably_and_linked(qtbot, window: MainWindow) -> None:
    editor = _new_note(qtbot, window)
    qtbot.keyClicks(editor.text, "Then @Qassem Soleimani")

    def answer(dialog) -> None:
        assert isinstance(dialog, NewEntityDialog)
        assert dialog.entity_name() == "Qassem Soleimani"
        dialog.type.setCurrentIndex(dialog.type.findData("person"))
        dialog.accept()

    modal_answer(qtbot, answer)
    _choose(qtbot, editor, "New entity")
    qtbot.waitUntil(lambda: "rn://entity/" in editor.text.toPlainText(), timeout=WAIT_MS)
    [entity] = EntityService(window.session.project).find("Qassem Soleimani")
    assert editor.text.toPlainText() == f"Then [Qassem Soleimani](rn://entity/{entity.id})"
    assert window.session.undo_stack.undoText() == "New entity “Qassem Soleimani”"


def test_cancelling_new_entity_keeps_what_was_typed(qtbot, window: MainWindow) -> None:
    editor = _new_note(qtbot, window)
    qtbot.keyClicks(editor.text, "Then @Nouri al-Mal")
    seen: list[str] = []

    def answer(dialog) -> None:
        assert isinstance(dialog, NewEntityDialog)
        seen.append(editor.text.toPlainText())  # while the dialog is up
        dialog.reject()

    modal_answer(qtbot, answer)
    _choose(qtbot, editor, "New entity")
    qtbot.waitUntil(lambda: bool(seen), timeout=WAIT_MS)
    assert seen == ["Then @Nouri al-Mal"]
    assert editor.text.toPlainText() == "Then @Nouri al-Mal"
    assert EntityService(window.session.project).find("Nouri al-Mal") == []
    _save(qtbot, window, editor)
    assert window.session.project.store.notes.get(editor.note.id).body == "Then @Nouri al-Mal"


def test_a_note_linking_another_shows_in_its_backlinks(qtbot, window: MainWindow) -> None:
    target = _new_note(qtbot, window)
    target.title.setText("Timeline of the offensive")
    target.title.textEdited.emit("Timeline of the offensive")
    _save(qtbot, window, target)
    target_id = target.note.id
    editor = _new_note(qtbot, window)
    assert editor.note.id != target_id
    qtbot.keyClicks(editor.text, "[[Timeline")
    _choose(qtbot, editor, "Timeline of the offensive")
    assert editor.text.toPlainText() == f"[Timeline of the offensive](rn://note/{target_id})"
    _save(qtbot, window, editor)
    source_id = editor.note.id
    window.docks.open_link(LinkKind.NOTE, target_id)
    qtbot.waitUntil(lambda: editor.note.id == target_id, timeout=WAIT_MS)
    assert [b.source for b in editor.backlinks.model.links] == [
        LinkEnd(LinkKind.NOTE, source_id)]


def test_typing_merges_into_one_undo_step_per_stretch(qtbot, window: MainWindow,
                                                      monkeypatch) -> None:
    editor = _new_note(qtbot, window)
    stack = window.session.undo_stack
    steps = stack.count()
    for word in ("First ", "thoughts ", "here."):
        qtbot.keyClicks(editor.text, word)
        _save(qtbot, window, editor)  # as the pause after each burst of typing does
    assert stack.count() == steps + 1
    # Named after the text as it ended, not the first word saved.
    assert stack.undoText() == "Edit note “First thoughts here.”"
    note_id = editor.note.id
    store = window.session.project.store
    assert store.notes.get(note_id).body == "First thoughts here."
    with qtbot.waitSignal(window.session.data_changed, timeout=WAIT_MS):
        stack.undo()
    assert store.notes.get(note_id).body == ""
    assert editor.text.toPlainText() == ""  # the editor shows what the undo restored
    with qtbot.waitSignal(window.session.data_changed, timeout=WAIT_MS):
        stack.redo()
    assert editor.text.toPlainText() == "First thoughts here."
    # After a longer break, the next stretch is a step of its own.
    monkeypatch.setattr(note_editor, "UNDO_GAP_S", 0.0)
    qtbot.keyClicks(editor.text, " More.")
    _save(qtbot, window, editor)
    assert stack.count() == steps + 2


def test_a_pause_saves_and_closing_the_window_loses_nothing(qtbot, window: MainWindow) -> None:
    editor = _new_note(qtbot, window)
    note_id = editor.note.id
    with qtbot.waitSignal(window.session.data_changed, timeout=WAIT_MS):
        qtbot.keyClicks(editor.text, "Saved by the pause.")  # no explicit save
    path = window.session.project.path
    assert window.session.project.store.notes.get(note_id).body == "Saved by the pause."
    qtbot.keyClicks(editor.text, " And by closing.")
    window.close()
    window.session.runner.wait()
    with Project.open(path) as project:
        assert project.store.notes.get(note_id).body == "Saved by the pause. And by closing."


def test_raw_html_and_remote_images_are_shown_without_fetching(qtbot,
                                                               window: MainWindow) -> None:
    editor = _new_note(qtbot, window)
    editor.text.setPlainText(
        "<script>alert('x')</script> <b>bold?</b>\n\n"
        "![a chart](http://example.com/chart.png)\n\n"
        "<img src=\"https://example.com/pixel.gif\"> [site](https://example.com)\n\n"
        "<link rel=stylesheet href=\"http://example.com/a.css\">")
    editor.render_preview()
    shown = editor.preview.toPlainText()
    assert "<script>alert('x')</script>" in shown and "<b>bold?</b>" in shown
    assert "[image: a chart]" in shown and '<img src="https://example.com/pixel.gif">' in shown
    html = editor.preview.toHtml()
    assert "<img" not in html.replace("&lt;img", "")
    assert editor.preview.requested == []  # Qt was never asked to load anything


def test_a_one_megabyte_note_stays_usable(qtbot, window: MainWindow) -> None:
    paragraph = ("A *long* source pasted with [a link](rn://article/1) and words. " * 20)
    body = "\n\n".join(f"## Part {n}\n\n{paragraph}" for n in range(800))
    assert len(body) > 1_000_000
    project = window.session.project
    note, _ = NoteService(project).create(body, title="Big")
    editor = window.docks.notes.editor
    editor.open_note(note.id)
    assert editor.text.toPlainText() == body
    rendered = editor.preview.shown
    assert rendered is not None and not rendered.whole
    assert rendered.end - rendered.start < 50_000
    assert "Part 0" in editor.preview.toPlainText()
    cursor = editor.text.textCursor()
    cursor.setPosition(len(body) - 10)
    editor.text.setTextCursor(cursor)
    qtbot.keyClicks(editor.text, "!")
    editor.render_preview()
    assert "Part 799" in editor.preview.toPlainText()
    _save(qtbot, window, editor)
    assert len(project.store.notes.get(note.id).body) == len(body) + 1


@pytest.mark.parametrize("text", ["[[", "@"])
def test_completion_closes_on_escape_and_leaves_the_text(qtbot, window: MainWindow,
                                                         text: str) -> None:
    EntityService(window.session.project).create("Iraq", "place")
    editor = _new_note(qtbot, window)
    qtbot.keyClicks(editor.text, text + "I")
    popup = editor.text.completer.popup()
    qtbot.waitUntil(popup.isVisible, timeout=WAIT_MS)
    qtbot.keyClick(popup, Qt.Key.Key_Escape)
    assert not popup.isVisible() and editor.text.toPlainText() == text + "I"
    assert re.fullmatch(r"\[\[I|@I", editor.text.toPlainText())


def test_a_note_written_on_a_highlight_says_so(qtbot, window: MainWindow) -> None:
    from desktop.services.highlight_service import HighlightService

    project = window.session.project
    article_id = project.store.articles.summaries().__next__().id
    highlight, _ = HighlightService(project).create(article_id, 0, 15)
    editor = window.docks.notes.editor
    with qtbot.waitSignal(window.session.data_changed, timeout=WAIT_MS):
        window.docks.write_note_on(highlight.id)
    qtbot.waitUntil(lambda: editor.note is not None, timeout=WAIT_MS)
    assert editor.note.highlight_id == highlight.id and editor.note.article_id == article_id
    assert f"on a highlight in “{SEED_TITLE}”" in editor.meta.text()
    assert window.session.undo_stack.undoText() == "New note on a highlight"
