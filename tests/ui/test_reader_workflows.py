"""The reader under way: entities from a selection and on highlights (mentions framed when
shown), highlighting while an import runs, a 1 MB selection, and a re-import that changes
the text shown."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QTextCursor

from desktop.services.highlight_service import HighlightService
from desktop.services.import_service import ImportService
from desktop.ui.main.main_window import MainWindow
from tests.ui.annotation_support import opened, select, stored, wait_for_highlights
from tests.ui.conftest import WAIT_MS, make_project


def test_new_entity_from_selection_and_tag_with_entity(qtbot, window: MainWindow) -> None:
    win = window
    actions = win.main_actions.annotate
    select(win.reader, "John Kerry")
    actions.new_entity.trigger()
    dialog = win.entities.dialog
    assert dialog is not None and dialog.entity_name() == "John Kerry"
    dialog.type.setCurrentIndex(dialog.type.findData("person"))
    dialog.accept()
    qtbot.waitUntil(lambda: win.reader.annotations is not None
                    and len(win.reader.annotations.mentions) == 1, timeout=WAIT_MS)
    mention = win.reader.annotations.mentions[0]
    body = win.reader.article.body
    assert (mention.name, mention.type_name) == ("John Kerry", "person")
    assert body[mention.start:mention.end] == "John Kerry"

    # Mentions are framed only when View > Show Entity Mentions is on.
    assert win.workspace.reader_panel.pointer.tip_at(_centre_of(win, mention.start)) == ""
    actions.show_mentions.setChecked(True)
    assert win.reader.overlay.show_mentions
    assert "John Kerry" in win.workspace.reader_panel.pointer.tip_at(
        _centre_of(win, mention.start))
    actions.show_mentions.setChecked(False)

    # Tag a highlight: with the entity just made, then with a new one (made first).
    select(win.reader, "American drone strikes")
    actions.highlight.trigger()
    (highlight,) = wait_for_highlights(qtbot, win, 1)
    # The new highlight becomes current when the action's result arrives (it may be drawn
    # a moment before, from the change announced to every view).
    qtbot.waitUntil(lambda: win.reader.current_highlight == highlight.id, timeout=WAIT_MS)
    actions.tag_entity.trigger()
    dialog = win.entities.dialog
    dialog.name.setText("john kerry")  # any case: the existing entity
    assert dialog.existing() is not None and not dialog.type.isEnabled()
    dialog.accept()
    qtbot.waitUntil(lambda: win.reader.annotations.highlight(highlight.id).entities
                    == ("John Kerry",), timeout=WAIT_MS)
    actions.tag_entity.trigger()
    dialog = win.entities.dialog
    dialog.name.setText("Pentagon")
    assert dialog.existing() is None and dialog.type.isEnabled()
    dialog.type.setCurrentIndex(dialog.type.findData("organisation"))
    dialog.accept()
    qtbot.waitUntil(lambda: set(win.reader.annotations.highlight(highlight.id).entities)
                    == {"John Kerry", "Pentagon"}, timeout=WAIT_MS)
    # Each step is on the undo stack.
    assert win.main_actions.undo.text() == "&Undo Tag with “Pentagon”"


def _centre_of(win: MainWindow, body_offset: int):
    cursor = QTextCursor(win.reader.document())
    cursor.setPosition(win.reader.body.to_doc(body_offset) + 1)
    return win.reader.cursorRect(cursor).center().toPointF()


def test_highlighting_while_an_import_runs(qtbot, window: MainWindow, tmp_path: Path) -> None:
    win = window
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(400):
        (folder / f"{i:04}.txt").write_text(
            f"Report {i}\n\n" + f"Paragraph {i} of a report on the harvest. " * 40 + "\n",
            encoding="utf-8")
    win.commands.import_paths([folder])
    assert win.session.active_import is not None
    select(win.reader, "holy cities of Najaf")
    win.main_actions.annotate.highlight.trigger()
    assert win.reader.overlay.pending is not None  # shown at once while it waits
    (highlight,) = wait_for_highlights(qtbot, win, 1)
    assert highlight.quote.exact == "holy cities of Najaf"
    qtbot.waitUntil(lambda: win.session.active_import is None, timeout=WAIT_MS * 6)
    assert win.last_report is not None and win.last_report.imported == 400
    if win.report_dialog is not None:
        win.report_dialog.close()


def test_a_one_megabyte_selection_is_highlighted(qtbot, tmp_path: Path) -> None:
    paragraph = "The committee heard evidence about the river's flooding for hours. " * 15
    body = "\n\n".join(f"{i}. {paragraph.strip()}" for i in range(1000))
    assert len(body) > 1_000_000
    path = make_project(tmp_path / "big", {"big.txt": f"A very long record\n\n{body}\n"})
    with opened(qtbot, path) as win:
        cursor = QTextCursor(win.reader.document())
        cursor.setPosition(win.reader.body.doc_start)
        cursor.movePosition(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
        win.reader.setTextCursor(cursor)
        win.main_actions.annotate.highlight.trigger()
        qtbot.waitUntil(lambda: len(stored(win)) == 1 and len(win.reader.overlay.items) == 1,
                        timeout=WAIT_MS * 3)
        (highlight,) = stored(win)
        stored_body = win.reader.article.body
        assert (highlight.start, highlight.end) == (0, len(stored_body))
        assert highlight.quote.exact == stored_body
        assert len(win.reader.highlight_rects(highlight.id)) > 1000  # one per line


def test_a_reimport_with_update_shows_the_new_text(qtbot, tmp_path: Path) -> None:
    source = tmp_path / "source"
    source.mkdir()
    story = source / "story.txt"
    story.write_text("Minister resigns\n\nThe minister resigned on Monday. Protesters "
                     "gathered in the capital.\n", encoding="utf-8")
    path = make_project(tmp_path / "p")
    with opened_after_import(qtbot, path, story) as win:
        select(win.reader, "Protesters gathered")
        win.main_actions.annotate.highlight.trigger()
        (before,) = wait_for_highlights(qtbot, win, 1)
        story.write_text("Minister resigns\n\nUPDATE: late on Monday the minister resigned. "
                         "Protesters gathered in the capital.\n", encoding="utf-8")
        with qtbot.waitSignal(win.session.data_changed, timeout=WAIT_MS):
            win.session.perform("Update", lambda p, s: ImportService(p, update=True)
                                .import_paths([story]).changes)
        qtbot.waitUntil(lambda: win.reader.article.body_version == 2
                        and len(win.reader.overlay.items) == 1, timeout=WAIT_MS)
        assert "UPDATE: late on Monday" in win.reader.document().toPlainText()
        (after,) = stored(win)
        assert after.id == before.id and after.start > before.start
        doc_start, doc_end = win.reader.overlay.items[0].doc_range
        cursor = QTextCursor(win.reader.document())
        cursor.setPosition(doc_start)
        cursor.setPosition(doc_end, QTextCursor.MoveMode.KeepAnchor)
        assert cursor.selectedText() == "Protesters gathered"  # drawn on the new text


class opened_after_import:
    def __init__(self, qtbot, path: Path, file: Path) -> None:
        from desktop.services.project import Project
        with Project.open(path) as project:
            ImportService(project).import_paths([file])
        self._context = opened(qtbot, path)

    def __enter__(self) -> MainWindow:
        return self._context.__enter__()

    def __exit__(self, *exc: object) -> None:
        self._context.__exit__(*exc)


def test_services_and_reader_agree_on_a_highlight_made_elsewhere(qtbot,
                                                                window: MainWindow) -> None:
    """A highlight made by another part of the window (a panel, the command layer) is drawn
    as soon as its action is announced."""
    win = window
    aid = win.reader.article.id
    start = win.reader.article.body.index("Najaf and Karbala")
    with qtbot.waitSignal(win.session.data_changed, timeout=WAIT_MS):
        win.session.perform("Highlight", lambda p, s: HighlightService(p, s).create(
            aid, start, start + len("Najaf and Karbala")))
    qtbot.waitUntil(lambda: len(win.reader.overlay.items) == 1, timeout=WAIT_MS)
