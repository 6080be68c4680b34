"""A project's life in the window: none open, new, open, recent, switch, close, properties,
failures to open, and files dropped on the window."""

from __future__ import annotations

import json
import logging
from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QDialog, QMessageBox

from desktop.app import create_main_window
from desktop.services.project import LOCK_NAME, Project
from desktop.ui.imports.import_report_dialog import ImportReportDialog
from desktop.ui.main.main_window import MainWindow
from desktop.ui.project.new_project_dialog import NewProjectDialog
from desktop.ui.project.project_properties_dialog import ProjectPropertiesDialog
from tests.support import SEED_FILE, SEED_TITLE, SEEDS
from tests.ui.conftest import WAIT_MS, make_project, modal_answer

ARTICLE = "Kerry visits Baghdad\n\nKerry met Iraqi leaders in Baghdad on Monday.\n"


def _error_box(win: MainWindow) -> QMessageBox:
    box = win.findChild(QMessageBox, "errorMessage")
    assert box is not None and box.isVisible()
    return box


def test_window_without_a_project_shows_the_start_page_and_disables_project_commands(
        bare_window: MainWindow) -> None:
    win = bare_window
    assert win.session.project is None
    assert win.pages.currentWidget() is win.start_page
    a = win.main_actions
    for action in (a.import_files, a.import_folder, a.close_project, a.properties,
                   a.rebuild_index, a.find, a.next_hit, a.copy_citation):
        assert not action.isEnabled(), action.text()
    for action in (a.new_project, a.open_project, a.quit, a.preferences, a.search_syntax):
        assert action.isEnabled(), action.text()
    assert not win.search_field.isEnabled()
    # What used to raise "no project is open" (shown to nobody) now does nothing.
    win.commands.import_paths([SEED_FILE])
    assert win.session.active_import is None
    assert [b.text() for b in win.start_page.buttons] == ["New Project", "Open Project"]
    assert win.windowTitle() == "Research Notes"


def test_new_project_dialog_creates_the_folder_at_a_new_path(qtbot, tmp_path: Path) -> None:
    location = tmp_path / "not" / "there" / "yet"
    dialog = NewProjectDialog(location)
    qtbot.addWidget(dialog)
    create = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    assert not create.isEnabled() and "Enter a name" in dialog.target_label.text()
    for bad in ("a/b", "..", "what?"):
        dialog.name_field.setText(bad)
        assert not create.isEnabled(), bad
    (location.parent / "Taken").mkdir(parents=True)
    (location.parent / "Taken" / "file.txt").write_text("x")
    dialog.location_field.setText(str(location.parent))
    dialog.name_field.setText("Taken")
    assert not create.isEnabled() and "not empty" in dialog.problem()
    dialog.location_field.setText(str(location))
    dialog.name_field.setText("  Iraq   2014 coverage ")
    assert create.isEnabled()
    assert dialog.project_folder() == location / "Iraq 2014 coverage"
    assert str(location / "Iraq 2014 coverage") in dialog.target_label.text()


def test_file_new_project_creates_and_opens_it(qtbot, bare_window: MainWindow,
                                               tmp_path: Path) -> None:
    def fill(widget: object) -> None:
        assert isinstance(widget, NewProjectDialog)
        widget.location_field.setText(str(tmp_path / "Studies"))
        widget.name_field.setText("Wire stories")
        widget.accept()

    modal_answer(qtbot, fill)
    with qtbot.waitSignal(bare_window.session.index_ready, timeout=WAIT_MS):
        bare_window.main_actions.new_project.trigger()
    project = bare_window.session.project
    assert project is not None and project.name == "Wire stories"
    assert project.path == (tmp_path / "Studies" / "Wire stories").resolve()
    assert bare_window.windowTitle() == "Wire stories — Research Notes"
    assert bare_window.pages.currentWidget() is bare_window.workspace
    # An empty project explains itself: import files or a folder, or drop them.
    started = bare_window.workspace.getting_started
    qtbot.waitUntil(lambda: started.isVisible(), timeout=WAIT_MS)
    assert started.heading.text() == "This project has no articles yet"
    assert [b.text() for b in started.buttons] == ["Import Files", "Import Folder"]
    assert "drag files and folders" in started.hint.text()


def test_switching_projects_clears_search_results_and_reader(qtbot, window: MainWindow,
                                                             tmp_path: Path) -> None:
    window.search_field.setText("Soleimani")
    window.run_search()
    qtbot.waitUntil(lambda: window.results.rowCount() == 1 and bool(window.reader.marked_texts()),
                    timeout=WAIT_MS)
    assert window.tabs.tabText(MainWindow.RESULTS_TAB) == "Results (1)"
    other = make_project(tmp_path / "other")
    with qtbot.waitSignal(window.articles.loaded, timeout=WAIT_MS):
        assert window.open_project(other)
    assert window.search_field.text() == ""
    assert window.results.rowCount() == 0 and window.results.results is None
    assert window.tabs.tabText(MainWindow.RESULTS_TAB) == "Results"
    assert window.tabs.tabText(MainWindow.ARTICLES_TAB) == "Articles (0)"
    assert window.tabs.currentIndex() == MainWindow.ARTICLES_TAB
    assert window.reader.article is None and window.reader.marked_texts() == []
    assert window.reader.hit_ranges == []
    assert window.windowTitle() == "other — Research Notes"


def test_close_project_returns_to_the_start_page_with_recent_projects(
        qtbot, window: MainWindow) -> None:
    sample = window.session.project
    assert sample is not None
    sample_path = sample.path
    window.main_actions.close_project.trigger()
    assert window.session.project is None
    assert window.pages.currentWidget() is window.start_page
    recent = window.start_page.recent_buttons
    assert [b.text() for b in recent] == ["Sample project"]
    assert recent[0].toolTip() == f"Open {sample_path}"
    with qtbot.waitSignal(window.session.project_opened, timeout=WAIT_MS):
        recent[0].click()
    assert window.session.project is not None and window.session.project.path == sample_path


def test_open_recent_names_projects_and_handles_missing_ones(qtbot, bare_window: MainWindow,
                                                             tmp_path: Path) -> None:
    here = make_project(tmp_path / "here", name="Election coverage")
    gone = tmp_path / "gone"
    bare_window.settings.add_recent_project(gone, "Old study")
    bare_window.settings.add_recent_project(here.resolve(), "Election coverage")
    menu = bare_window.main_actions.recent_menu
    menu.refill()
    entries = [a for a in menu.actions() if not a.isSeparator()]
    assert [(a.text(), a.toolTip(), a.isEnabled()) for a in entries[:2]] == [
        ("Election coverage", str(here.resolve()), True),
        ("Old study (not found)", str(gone), False),
    ]
    assert [a.text() for a in entries[2:]] == ["Remove Projects Not Found", "Clear Menu"]
    entries[2].trigger()
    assert [r.path for r in bare_window.settings.recent_projects()] == [here.resolve()]
    # A recent project that vanished since the menu was filled: a dialog, not a traceback.
    bare_window.open_project(gone)
    assert "was not found" in _error_box(bare_window).informativeText()
    _error_box(bare_window).close()
    with qtbot.waitSignal(bare_window.session.project_opened, timeout=WAIT_MS):
        menu.refill()
        menu.actions()[0].trigger()


def test_failed_open_names_the_reason_in_a_dialog(bare_window: MainWindow,
                                                  tmp_path: Path) -> None:
    (tmp_path / "plain folder").mkdir()
    assert not bare_window.open_project(tmp_path / "plain folder")
    box = _error_box(bare_window)
    assert box.text() == "The project could not be opened"
    assert "is not a Research Notes project" in box.informativeText()
    assert bare_window.pages.currentWidget() is bare_window.start_page


def test_project_held_on_another_machine_says_so(qtbot, bare_window: MainWindow,
                                                 tmp_path: Path) -> None:
    path = make_project(tmp_path / "shared")
    holder = Project.open(path)
    try:
        # The lock names its holder: here another machine (as on a network share).
        (path / LOCK_NAME).write_text(json.dumps(
            {"host": "lab-pc-7", "pid": 4242, "since": "2024-05-01T09:00:00+00:00"}))
        with qtbot.waitSignal(bare_window.session.open_failed, timeout=WAIT_MS):
            bare_window.open_project(path)  # opening runs in a worker
        text = _error_box(bare_window).informativeText()
        assert "open in another instance" in text and "lab-pc-7" in text
    finally:
        holder.close()


def test_locked_last_project_gives_a_clear_dialog_not_a_sample_project(
        qtbot, tmp_path: Path, caplog) -> None:
    path = make_project(tmp_path / "busy", name="Busy")
    holder = Project.open(path)
    try:
        first = MainWindow()
        first.settings.add_recent_project(path.resolve(), "Busy")
        first.close()
        with caplog.at_level(logging.WARNING):
            win = create_main_window(None, SEEDS)
        assert isinstance(win, MainWindow)
        qtbot.addWidget(win)
        win.show()
        qtbot.waitUntil(lambda: win.findChild(QMessageBox, "errorMessage") is not None,
                        timeout=WAIT_MS)
        text = _error_box(win).informativeText()
        assert "open in another instance" in text
        assert "sample" not in text.lower()
        assert win.pages.currentWidget() is win.start_page
        assert caplog.records == []  # no traceback logged for an expected refusal
        assert not any(p.name == "Sample project" for p in tmp_path.rglob("Sample project"))
    finally:
        holder.close()


def test_project_properties_show_counts_and_storage(qtbot, window: MainWindow) -> None:
    project = window.session.project
    assert project is not None
    dialog = ProjectPropertiesDialog(project, window)
    qtbot.addWidget(dialog)
    assert dialog.values["name"] == "Sample project"
    assert dialog.values["articles"] == "1"
    assert dialog.values["highlights"] == "0"
    assert dialog.values["folder"] == str(project.path)
    assert dialog.values["database"] == str(project.path / "project.sqlite3")
    assert dialog.values["index"] == str(project.index_root)
    assert dialog.values["description"] == "No description"


def _drop(win: MainWindow, paths: list[Path]) -> bool:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    enter = QDragEnterEvent(QPoint(20, 20), Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    win.dragEnterEvent(enter)
    if not enter.isAccepted():
        return False
    drop = QDropEvent(QPointF(20, 20), Qt.DropAction.CopyAction, mime,
                      Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    win.dropEvent(drop)
    return drop.isAccepted()


def test_dropping_files_imports_them_and_shows_the_report(qtbot, window: MainWindow,
                                                          tmp_path: Path) -> None:
    folder = tmp_path / "dropped"
    folder.mkdir()
    (folder / "kerry.txt").write_text(ARTICLE, encoding="utf-8")
    with qtbot.waitSignal(window.session.import_finished, timeout=WAIT_MS) as finished:
        assert _drop(window, [folder, SEED_FILE])
    report = finished.args[0]
    assert report.imported == 1 and len(report.duplicates) == 1
    dialog = window.findChild(ImportReportDialog, "importReport")
    assert dialog is not None and dialog.isVisible()
    assert f"Same text as “{SEED_TITLE}” (article 1)" in dialog.report_text()
    dialog.close()


def test_dropping_a_project_folder_opens_it_and_plain_files_need_a_project(
        qtbot, bare_window: MainWindow, tmp_path: Path) -> None:
    assert not _drop(bare_window, [SEED_FILE])  # nowhere to import to: refused
    path = make_project(tmp_path / "dropped project")
    with qtbot.waitSignal(bare_window.session.project_opened, timeout=WAIT_MS):
        assert _drop(bare_window, [path])
    assert bare_window.session.project is not None


def test_new_project_cancelled_changes_nothing(qtbot, window: MainWindow) -> None:
    before = window.session.project
    modal_answer(qtbot, lambda widget: widget.reject() if isinstance(widget, QDialog) else None)
    window.main_actions.new_project.trigger()
    assert window.session.project is before


def test_rebuild_search_index_from_the_tools_menu(qtbot, window: MainWindow) -> None:
    with qtbot.waitSignal(window.session.index_rebuilt, timeout=WAIT_MS) as rebuilt:
        window.main_actions.rebuild_index.trigger()
        assert window.session.active_rebuild is not None
        assert "search index is being rebuilt" in window.quit_guard.question()[0]
    assert rebuilt.args == [True]
    assert window.session.active_rebuild is None and window.session.index_is_ready
    assert window.statusBar().currentMessage() == "The search index was rebuilt."
    window.search_field.setText("Soleimani")
    window.run_search()
    qtbot.waitUntil(lambda: window.results.rowCount() == 1, timeout=WAIT_MS)


def test_cancelled_rebuild_keeps_the_old_index(qtbot, window: MainWindow) -> None:
    def cancel_at_once(task: object) -> None:
        task.cancel_token.cancel()

    window.session.task_started.connect(cancel_at_once)
    with qtbot.waitSignal(window.session.index_rebuilt, timeout=WAIT_MS) as rebuilt:
        window.main_actions.rebuild_index.trigger()
    window.session.task_started.disconnect(cancel_at_once)
    assert rebuilt.args == [False]
    assert "previous index is still in use" in window.statusBar().currentMessage()
    window.search_field.setText("Soleimani")  # the old index still answers
    window.run_search()
    qtbot.waitUntil(lambda: window.results.rowCount() == 1, timeout=WAIT_MS)


def test_new_project_dialog_labels_lead_to_their_fields(qtbot, tmp_path: Path) -> None:
    from PySide6.QtWidgets import QLabel

    dialog = NewProjectDialog(tmp_path)
    qtbot.addWidget(dialog)
    buddies = {label.text(): label.buddy() for label in dialog.findChildren(QLabel)
               if "&" in label.text()}
    # Alt+N and Alt+L reach the fields (a label without a buddy shows its "&").
    assert buddies == {"&Name:": dialog.name_field, "&Location:": dialog.location_field}
