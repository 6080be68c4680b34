"""Menus a Qt user expects; every action with a tool tip and its standard shortcut; Help >
Keyboard Shortcuts listing exactly what the actions say; Undo/Redo naming the action."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QKeySequence, QUndoCommand

from desktop.ui.main.keyboard_shortcuts_dialog import KeyboardShortcutsDialog
from desktop.ui.main.main_window import MainWindow
from desktop.ui.main.shortcuts_model import ShortcutsModel, command_text, keys_text
from tests.ui.conftest import WAIT_MS, make_project

Key = QKeySequence.StandardKey


def _menu_titles(win: MainWindow) -> list[str]:
    return [a.text().replace("&", "") for a in win.menuBar().actions()]


def test_menu_bar(bare_window: MainWindow) -> None:
    assert _menu_titles(bare_window) == ["File", "Edit", "View", "Search", "Annotate", "Tools",
                                         "Help"]
    listed = {(menu, command_text(a)) for menu, a in bare_window.main_actions.menu_actions()}
    for expected in [
        ("File", "New Project"), ("File", "Open Project"), ("File", "Close Project"),
        ("File", "Project Properties"), ("File", "Import Files"), ("File", "Import Folder"),
        ("File", "Preferences"), ("File", "Quit"),
        ("Edit", "Undo"), ("Edit", "Redo"), ("Edit", "Copy"), ("Edit", "Find"),
        ("View", "Zoom In"), ("View", "Zoom Out"), ("View", "Actual Size"),
        ("View", "Lists Panel"), ("View", "Undo History"), ("View", "Dark"),
        ("Search", "Find in Article"), ("Search", "Next Hit"), ("Search", "Previous Hit"),
        ("Search", "Search Syntax"), ("Tools", "Rebuild Search Index"),
        ("Annotate", "Highlight"), ("Annotate", "Add Note"), ("Annotate", "Delete Highlight"),
        ("Annotate", "Next Highlight"), ("Annotate", "Previous Highlight"),
        ("Annotate", "New Entity from Selection"), ("Annotate", "Tag with Entity"),
        ("View", "Show Entity Mentions"), ("View", "Margin Notes"),
        ("Help", "Keyboard Shortcuts"), ("Help", "About Research Notes"),
    ]:
        assert expected in listed, expected


def test_every_action_has_a_tool_tip_and_the_standard_shortcut(bare_window: MainWindow) -> None:
    actions = bare_window.main_actions
    for menu, action in actions.menu_actions():
        if not action.isVisible():
            continue
        assert action.toolTip() and action.toolTip() != command_text(action), (
            menu, action.text())
    for action, key in [
        (actions.new_project, Key.New), (actions.open_project, Key.Open),
        (actions.close_project, Key.Close), (actions.undo, Key.Undo), (actions.redo, Key.Redo),
        (actions.copy, Key.Copy), (actions.find, Key.Find), (actions.next_hit, Key.FindNext),
        (actions.previous_hit, Key.FindPrevious), (actions.zoom_out, Key.ZoomOut),
        (actions.search_syntax, Key.HelpContents),
    ]:
        assert action.shortcuts() == QKeySequence.keyBindings(key), action.text()
    assert QKeySequence.keyBindings(Key.ZoomIn)[0] in actions.zoom_in.shortcuts()
    # Where this platform has no binding, the conventional one.
    for action, key, fallback in [(actions.quit, Key.Quit, "Ctrl+Q"),
                                  (actions.preferences, Key.Preferences, "Ctrl+,")]:
        expected = QKeySequence.keyBindings(key) or [QKeySequence(fallback)]
        assert action.shortcuts() == expected
    assert actions.next_hit.shortcut().toString() in ("F3", "Ctrl+G")


def test_no_two_commands_share_a_key(bare_window: MainWindow) -> None:
    seen: dict[str, str] = {}
    for _menu, action in bare_window.main_actions.menu_actions():
        for key in action.shortcuts():
            text = key.toString()
            assert text not in seen, f"{text}: {seen.get(text)} and {action.text()}"
            seen[text] = action.text()


def test_keyboard_shortcuts_help_lists_exactly_the_actions_keys(qtbot,
                                                                bare_window: MainWindow) -> None:
    bare_window.main_actions.keyboard_shortcuts.trigger()
    dialog = bare_window.help.shortcuts
    assert isinstance(dialog, KeyboardShortcutsDialog) and dialog.isVisible()
    model = dialog.model
    listed = {(r.menu, r.command, r.keys) for r in model.rows if r.menu != "Keys"}
    expected = {(menu, command_text(a), keys_text(a))
                for menu, a in bare_window.main_actions.menu_actions() if keys_text(a)}
    assert listed == expected
    assert ("Search", "Next Hit", keys_text(bare_window.main_actions.next_hit)) in listed
    assert any(r.command == "From the search field to the results" for r in model.rows)
    dialog.close()


def test_shortcuts_model_passes_the_model_tester(qtmodeltester,
                                                 bare_window: MainWindow) -> None:
    model = ShortcutsModel()
    model.set_actions(bare_window.main_actions.menu_actions())
    assert model.rowCount() > 10
    qtmodeltester.check(model, force_py=True)


def test_project_commands_wait_for_a_project(bare_window: MainWindow) -> None:
    for action in (bare_window.main_actions.import_history,
                   bare_window.main_actions.delete_articles):
        assert action.isVisible() and not action.isEnabled()


class _Rename(QUndoCommand):
    def __init__(self, log: list[str]) -> None:
        super().__init__("Import 3 Files")
        self.log = log

    def redo(self) -> None:
        self.log.append("redo")

    def undo(self) -> None:
        self.log.append("undo")


def test_undo_and_redo_name_the_action_and_the_stack_is_per_project(
        qtbot, window: MainWindow, tmp_path: Path) -> None:
    actions = window.main_actions
    assert not actions.undo.isEnabled()
    log: list[str] = []
    window.session.undo_stack.push(_Rename(log))
    assert actions.undo.isEnabled() and command_text(actions.undo) == "Undo Import 3 Files"
    actions.undo.trigger()
    assert log == ["redo", "undo"]
    assert command_text(actions.redo) == "Redo Import 3 Files"
    assert window.undo_dock.toggleViewAction().text() == "Undo History"
    other = make_project(tmp_path / "other")
    with qtbot.waitSignal(window.session.project_opened, timeout=WAIT_MS):
        window.open_project(other)
    assert window.session.undo_stack.count() == 0
    assert not actions.undo.isEnabled() and not actions.redo.isEnabled()


def test_about_claims_only_what_exists(bare_window: MainWindow) -> None:
    text = bare_window.help.about_text()
    assert "Research Notes 0.1.0" in text and "search them" in text
    claims = text.lower().replace("research notes", "")
    for not_yet in ("highlight", "note", "entit", "export", "annotat"):
        assert not_yet not in claims, not_yet
