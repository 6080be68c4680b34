"""Panels that start hidden (notes, history, the entity browser and page) are made when
first shown, not with the window: made late, each still lists the open project and
follows its changes; one the saved layout shows is made with the window's first paint."""

from __future__ import annotations

from desktop.services.note_service import NoteService
from desktop.ui.main.main_window import MainWindow
from tests.ui.conftest import WAIT_MS


def test_hidden_panels_are_not_made_with_the_window(window: MainWindow) -> None:
    docks, entities = window.docks, window.entity_docks
    for dock in (docks.history_dock, entities.browser_dock, entities.page_dock):
        assert dock.isHidden()
        assert dock.widget() is None, dock.objectName()
    # A first run's notes are a tab behind the code book: made when that tab is chosen.
    assert not docks.notes_dock.isHidden()
    assert docks.code_book_dock.widget().isVisible()
    assert docks.notes_dock.widget() is None
    # Shown by default (and counting from the start): made with the window.
    for dock in (docks.code_book_dock, docks.highlights_dock, docks.review_dock):
        assert dock.widget() is not None, dock.objectName()


def test_notes_made_on_first_show_list_the_project_and_follow_its_changes(
        qtbot, window: MainWindow) -> None:
    project = window.session.project
    NoteService(project).create("Written before the panel was made")
    docks = window.docks
    docks.notes_dock.raise_()  # its tab chosen, behind which it waited
    qtbot.waitUntil(lambda: docks.notes_dock.widget() is not None, timeout=WAIT_MS)
    notes = docks.notes
    assert docks.notes_dock.widget() is notes
    qtbot.waitUntil(lambda: notes.model.rowCount() == 1, timeout=WAIT_MS)
    with qtbot.waitSignal(notes.loaded, timeout=WAIT_MS):
        window.session.perform("New note", lambda p, s: NoteService(p, s).create("Later"))
    qtbot.waitUntil(lambda: notes.model.rowCount() == 2, timeout=WAIT_MS)
    # Made once: showing the dock again keeps the same panel.
    docks.notes_dock.hide()
    docks.notes_dock.show()
    assert docks.notes is notes and docks.notes_dock.widget() is notes


def test_history_made_late_lists_the_journal_and_its_new_entries(
        qtbot, window: MainWindow) -> None:
    docks = window.docks
    history = docks.history  # asked for (as the menus' commands do): made now
    assert docks.history_dock.widget() is history
    qtbot.waitUntil(lambda: len(history.model.entries) > 0, timeout=WAIT_MS)
    before = len(history.model.entries)
    with qtbot.waitSignal(history.loaded, timeout=WAIT_MS):
        window.session.perform("New note", lambda p, s: NoteService(p, s).create("Idea"))
    qtbot.waitUntil(lambda: len(history.model.entries) == before + 1, timeout=WAIT_MS)
    assert history.model.entries[0].label == "New note"


def test_the_entity_browser_gets_its_commands_when_made(qtbot, window: MainWindow) -> None:
    docks = window.entity_docks
    # The commands exist before the browser (the menus and shortcuts list them), enabled
    # for a writable project.
    assert docks.delete_action.isEnabled() and docks.rename_action.isEnabled()
    docks.browser_dock.toggleViewAction().trigger()
    qtbot.waitUntil(lambda: docks.browser_dock.widget() is not None, timeout=WAIT_MS)
    browser = docks.browser
    assert docks.delete_action in browser.view.actions()
    assert docks.rename_action in browser.view.actions()
    assert browser.context_actions[0] is docks.open_action
    qtbot.waitUntil(lambda: browser.type_box.count() > 1, timeout=WAIT_MS)  # the types


def test_a_panel_the_saved_layout_shows_is_made_with_the_window(
        qtbot, window: MainWindow) -> None:
    window.docks.notes_dock.raise_()  # the notes' tab in front of the code book's
    qtbot.waitUntil(lambda: window.docks.notes_dock.isVisible(), timeout=WAIT_MS)
    window.save_state()
    again = MainWindow()
    qtbot.addWidget(again)
    assert again.docks.notes_dock.widget() is None  # not before it is shown
    again.show()
    qtbot.waitUntil(lambda: again.docks.notes_dock.widget() is not None, timeout=WAIT_MS)
    assert again.docks.history_dock.widget() is None
    again.close()
