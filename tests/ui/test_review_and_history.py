"""Needs Review: accept the candidate, re-anchor to a new selection, detach. History: the
journal with its filters, read again after a restart."""

from __future__ import annotations

from PySide6.QtCore import QDateTime

from desktop.domain.highlight import AnchorStatus
from desktop.services.highlight_service import HighlightService
from desktop.services.note_service import NoteService
from desktop.ui.main.main_window import MainWindow
from tests.ui.conftest import WAIT_MS


def _needs_review(window: MainWindow, start: int, end: int,
                  candidate: tuple[int, int] | None) -> int:
    """A highlight as re-anchoring leaves it when it could not place it with confidence."""
    project = window.session.project
    article_id = project.store.articles.summaries().__next__().id
    highlight, _ = HighlightService(project).create(article_id, start, end)
    project.store.highlights.set_status(highlight.id, AnchorStatus.NEEDS_REVIEW, candidate)
    return highlight.id


def _show_review(qtbot, window: MainWindow, count: int):
    review = window.docks.review
    with qtbot.waitSignal(review.loaded, timeout=WAIT_MS):
        review.reload()
    assert review.model.rowCount() == count
    return review


def test_accept_moves_the_highlight_to_the_candidate(qtbot, window: MainWindow) -> None:
    body = window.session.project.store.articles.summaries().__next__()
    article = window.session.project.store.articles.get(body.id)
    start = article.body.index("Sunni militants")
    highlight_id = _needs_review(window, 0, 5, (start, start + len("Sunni militants")))
    review = _show_review(qtbot, window, 1)
    assert window.docks.review_dock.isVisible()  # waiting work is never hidden
    item = review.current()
    assert item.candidate_text == "Sunni militants"
    assert review.model.index(0, 2).data() == "Sunni militants"
    with qtbot.waitSignal(review.loaded, timeout=WAIT_MS):
        review.accept_button.click()
    stored = window.session.project.store.highlights.get(highlight_id)
    assert stored.status is AnchorStatus.ANCHORED and stored.quote.exact == "Sunni militants"
    assert review.model.rowCount() == 0
    assert window.session.undo_stack.undoText() == "Accept re-anchored highlight"
    with qtbot.waitSignal(review.loaded, timeout=WAIT_MS):
        window.main_actions.undo.trigger()
    assert review.model.rowCount() == 1


def test_reselect_then_reanchor_to_the_selection(qtbot, window: MainWindow) -> None:
    store = window.session.project.store
    article = store.articles.get(store.articles.summaries().__next__().id)
    highlight_id = _needs_review(window, 0, 5, None)
    review = _show_review(qtbot, window, 1)
    assert not review.accept_button.isEnabled()  # no candidate to accept
    window.reader.show_placeholder()
    assert not review.reanchor_to_selection()  # nothing selected: said, nothing done
    assert "Select the passage" in review.summary.text()
    review.reselect_button.click()
    assert window.reader.article is not None and window.reader.article.id == article.id
    # The user selects "John Kerry" (after "US Secretary of State ") in the reader.
    start = article.body.index("John Kerry")
    window.docks.opener.open(article.id, start, start + len("John Kerry"))
    assert window.reader.textCursor().selectedText() == "John Kerry"
    assert window.docks.opener.selected_span() == (article.id, start, start + 10)
    with qtbot.waitSignal(review.loaded, timeout=WAIT_MS):
        assert review.reanchor_to_selection()
    stored = store.highlights.get(highlight_id)
    assert (stored.start, stored.end, stored.quote.exact) == (start, start + 10, "John Kerry")
    assert stored.status is AnchorStatus.ANCHORED


def test_detach_keeps_the_highlight_without_a_place(qtbot, window: MainWindow) -> None:
    highlight_id = _needs_review(window, 0, 5, (10, 20))
    review = _show_review(qtbot, window, 1)
    with qtbot.waitSignal(review.loaded, timeout=WAIT_MS):
        review.detach_button.click()
    stored = window.session.project.store.highlights.get(highlight_id)
    assert stored.status is AnchorStatus.DETACHED and stored.quote.exact
    assert review.model.rowCount() == 0 and "No highlight needs review" in review.summary.text()


def _history(qtbot, window: MainWindow, change) -> list[str]:
    panel = window.docks.history
    with qtbot.waitSignal(panel.loaded, timeout=WAIT_MS):
        change()
    return [e.label for e in panel.model.entries]


def test_history_lists_filters_and_survives_a_restart(qtbot, window: MainWindow) -> None:
    project = window.session.project
    panel = window.docks.history
    article_id = project.store.articles.summaries().__next__().id
    # One action on the article, one elsewhere (the notebook).
    with qtbot.waitSignal(window.session.data_changed, timeout=WAIT_MS):
        window.session.perform("Highlight", lambda p, s: HighlightService(p, s).create(
            article_id, 0, 5))
    with qtbot.waitSignal(window.session.data_changed, timeout=WAIT_MS):
        window.session.perform("New note", lambda p, s: NoteService(p, s).create("Idea"))
    labels = _history(qtbot, window, panel.reload)
    assert labels[:2] == ["New note", "Highlight “Sunni”"]
    assert "Import" in labels[-1] or labels[-1].startswith("Import")
    row = panel.model.entries.index(next(e for e in panel.model.entries if e.kind == "note"))
    assert panel.model.index(row, 2).data() == "1 note added"

    kind = panel.kind.findData("note")
    assert kind > 0
    assert _history(qtbot, window, lambda: panel.kind.setCurrentIndex(kind)) == ["New note"]
    panel.kind.setCurrentIndex(0)
    qtbot.waitUntil(lambda: len(panel.model.entries) == len(labels), timeout=WAIT_MS)

    panel.set_article(article_id)
    only = _history(qtbot, window, lambda: panel.only_article.setChecked(True))
    assert "New note" not in only and "Highlight “Sunni”" in only
    panel.only_article.setChecked(False)
    qtbot.waitUntil(lambda: len(panel.model.entries) == len(labels), timeout=WAIT_MS)

    future = QDateTime.currentDateTime().addSecs(3600)
    assert _history(qtbot, window, lambda: panel.set_since(future)) == []
    past = QDateTime.currentDateTime().addSecs(-3600)
    assert len(_history(qtbot, window, lambda: panel.set_since(past))) == len(labels)
    panel.set_since(None)

    # After closing and opening the project again, the journal is still there.
    path = project.path
    window.commands.close_project()
    with qtbot.waitSignal(panel.loaded, timeout=WAIT_MS):
        window.open_project(path)
    assert [e.label for e in panel.model.entries][:2] == labels[:2]
