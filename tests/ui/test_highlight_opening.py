"""A row of the highlights panel opens its highlight in the reader: current (outlined),
scrolled into view with the caret at its start, and not selected, so that its colours show
and H does not make it again; a highlight that waits for review opens its article alone."""

from __future__ import annotations

from pathlib import Path

from desktop.services.highlight_service import HighlightService
from desktop.services.note_service import NoteService
from desktop.services.project import Project
from desktop.ui.main.main_window import MainWindow
from tests.ui.annotation_support import opened
from tests.ui.conftest import WAIT_MS, make_project

_PARAGRAPHS = [f"Paragraph {n} says something about the committee and its budget."
               for n in range(80)]


def _project(tmp_path: Path) -> tuple[Path, int, int]:
    path = make_project(tmp_path / "p", {
        "long.txt": "A long article\n\n" + "\n\n".join(_PARAGRAPHS) + "\n"})
    with Project.open(path) as project:
        article = next(iter(project.store.articles.summaries()))
        body = project.store.articles.get(article.id).body
        start = body.index("Paragraph 77")
        far, _ = HighlightService(project).create(article.id, start, start + 30)
        near, _ = HighlightService(project).create(article.id, 0, 11)
        # As after an update of the text that could not place it with confidence.
        project.store.connection.execute(
            "UPDATE highlights SET status = 'needs_review' WHERE id = ?", (near.id,))
        project.store.connection.commit()
    return path, far.id or 0, near.id or 0


def _activate(win: MainWindow, highlight_id: int) -> None:
    panel = win.docks.highlights
    model = panel.model
    row = next(r for r in range(model.rowCount()) if model.row(r).id == highlight_id)
    panel.view.activated.emit(model.index(row, 0))


def test_a_row_opens_its_highlight_current_in_view_and_unselected(qtbot,
                                                                   tmp_path: Path) -> None:
    path, far, near = _project(tmp_path)
    with opened(qtbot, path) as win:
        panel = win.docks.highlights
        win.docks.highlights_dock.show()
        qtbot.waitUntil(lambda: panel.model.rowCount() == 2, timeout=WAIT_MS)
        reader = win.reader
        reader.verticalScrollBar().setValue(0)
        assert reader.highlight_top(far) > reader.viewport().height()  # out of view

        _activate(win, far)
        qtbot.waitUntil(lambda: reader.current_highlight == far, timeout=WAIT_MS)
        cursor = reader.textCursor()
        assert not cursor.hasSelection()
        doc_start, _doc_end = reader.overlay.item(far).doc_range
        assert cursor.position() == doc_start
        top = reader.highlight_top(far) - reader.document_offset().y()
        assert 0 <= top <= reader.viewport().height()

        # Not drawn (it waits for review): the article opens, nothing is made current.
        _activate(win, near)
        qtbot.wait(50)
        assert reader.article is not None and reader.current_highlight == far
        assert reader.overlay.item(near) is None and not reader.textCursor().hasSelection()


def test_a_highlight_opened_in_another_article_stays_in_view(qtbot, tmp_path: Path) -> None:
    # From the shown article, with notes and so a margin, to a highlight in one without:
    # the margin goes, the reader widens and its lines wrap anew; the passage stays put.
    text = "\n\n".join(_PARAGRAPHS)
    path = make_project(tmp_path / "p", {"a.txt": f"Article A\n\n{text}\n",
                                         "b.txt": f"Article B\n\n{text}\n"})
    with Project.open(path) as project:
        ids = {a.title: a.id for a in project.store.articles.summaries()}
        body = project.store.articles.get(ids["Article B"]).body
        start = body.index("Paragraph 60")
        far, _ = HighlightService(project).create(ids["Article B"], start, start + 30)
        noted, _ = HighlightService(project).create(ids["Article A"], 0, 11)
        NoteService(project).create("A note, so that A has a margin", highlight_id=noted.id)
    with opened(qtbot, path) as win:
        reader, margin = win.reader, win.workspace.reader_panel.margin
        win.article_list.read_article(ids["Article A"])
        qtbot.waitUntil(lambda: margin.isVisible(), timeout=WAIT_MS)
        win.docks.opener.open_highlight(ids["Article B"], far.id or 0)
        assert reader.current_highlight == far.id and not margin.isVisible()
        qtbot.wait(300)  # whatever the window still lays out after the switch
        top = reader.highlight_top(far.id or 0) - reader.document_offset().y()
        assert 0 <= top <= reader.viewport().height()

        # A narrower reader (a panel opened beside it) keeps the passage where it was.
        before = reader.highlight_top(far.id or 0) - reader.document_offset().y()
        win.resize(win.width() - 300, win.height())
        qtbot.waitUntil(lambda: reader.viewport().width() < 700, timeout=WAIT_MS)
        after = reader.highlight_top(far.id or 0) - reader.document_offset().y()
        assert abs(after - before) < 30
