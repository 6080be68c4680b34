"""Keyboard and assistive technology: Tab reaches every pane, each stop has a name and a
description, Down/Enter go from the search field into the results."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from desktop.services.import_report import FileProblem, ImportReport
from desktop.ui.common.app_settings import Preferences
from desktop.ui.imports.import_report_dialog import ImportReportDialog
from desktop.ui.main.keyboard_shortcuts_dialog import KeyboardShortcutsDialog
from desktop.ui.main.main_window import MainWindow
from desktop.ui.preferences.preferences_dialog import PreferencesDialog
from desktop.ui.project.new_project_dialog import NewProjectDialog
from tests.ui.conftest import WAIT_MS


def _tab_chain(qtbot, start: QWidget, limit: int = 60) -> list[QWidget]:
    """The widgets Tab visits from ``start`` until it comes back round."""
    start.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is start, timeout=WAIT_MS)
    visited = [start]
    for _ in range(limit):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        focused = QApplication.focusWidget()
        if focused is start or focused in visited:
            break
        visited.append(focused)
    return visited


def _unnamed(widgets: list[QWidget]) -> list[str]:
    return [f"{type(w).__name__} {w.objectName()!r}" for w in widgets
            if not w.accessibleName() or not w.accessibleDescription()]


def test_tab_walks_every_pane_and_each_stop_is_named_and_described(
        qtbot, window: MainWindow) -> None:
    window.activateWindow()
    qtbot.waitUntil(lambda: window.isActiveWindow(), timeout=WAIT_MS)
    chain = _tab_chain(qtbot, window.search_field)
    names = [w.accessibleName() for w in chain]
    panes = [window.search_field, window.tabs.tabBar(), window.article_view, window.reader]
    for pane in panes:
        assert pane in chain, f"{pane.accessibleName()} is not reachable with Tab: {names}"
    # Panes in reading order: search, lists, reader; then the getting-started box.
    positions = [chain.index(p) for p in panes]
    assert positions == sorted(positions), names
    started = window.workspace.getting_started
    for widget in (*started.buttons, started.syntax_link):
        assert widget in chain, names
    assert _unnamed(chain) == []


def test_start_page_tab_chain_is_named(qtbot, bare_window: MainWindow, tmp_path) -> None:
    bare_window.settings.add_recent_project(tmp_path, "Somewhere")
    bare_window.session.project_closed.emit()  # refresh the start page's recent list
    bare_window.activateWindow()
    qtbot.waitUntil(lambda: bare_window.isActiveWindow(), timeout=WAIT_MS)
    page = bare_window.start_page
    chain = _tab_chain(qtbot, page.buttons[0])
    for widget in (*page.buttons, *page.recent_buttons, page.syntax_link):
        assert widget in chain, ([w.accessibleName() for w in chain], widget.accessibleName())
    assert _unnamed(chain) == []


def test_every_focusable_widget_of_the_dialogs_is_named(qtbot) -> None:
    report = ImportReport(imported=1, failed=[FileProblem("/a/b.txt", "the file is empty")])
    report_dialog = ImportReportDialog()
    report_dialog.show_report(report)
    dialogs: list[QWidget] = [
        report_dialog,
        PreferencesDialog(Preferences()),
        NewProjectDialog(),
        KeyboardShortcutsDialog([]),
    ]
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        focusable = [w for w in dialog.findChildren(QWidget)
                     if w.focusPolicy() & Qt.FocusPolicy.TabFocus and not w.isHidden()
                     and w.isVisibleTo(dialog) and w.isEnabled()
                     and w.parent() is not None and not _is_inner_part(w)]
        assert focusable, type(dialog).__name__
        assert _unnamed(focusable) == [], type(dialog).__name__


def _is_inner_part(widget: QWidget) -> bool:
    # Parts Qt builds inside a composite widget (a combo box's line edit and list, a spin
    # box's editor, a scroll area's viewport): the composite carries the name.
    parent = widget.parent()
    composite = ("QComboBox", "QAbstractSpinBox", "QDoubleSpinBox", "QSpinBox",
                 "QFontComboBox", "QAbstractScrollArea", "QTableView", "QTextBrowser")
    while parent is not None:
        if type(parent).__name__ in composite or parent.inherits("QComboBox") \
                or parent.inherits("QAbstractSpinBox"):
            return True
        parent = parent.parent()
    return widget.inherits("QComboBoxPrivateContainer")


def test_down_and_enter_move_from_the_search_field_into_the_results(
        qtbot, window: MainWindow) -> None:
    window.activateWindow()
    qtbot.waitUntil(lambda: window.isActiveWindow(), timeout=WAIT_MS)
    window.focus_search()
    qtbot.keyClicks(window.search_field, "Kerry")
    qtbot.keyClick(window.search_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.result_view, timeout=WAIT_MS)
    assert window.result_view.currentIndex().row() == 0
    window.focus_search()
    qtbot.keyClick(window.search_field, Qt.Key.Key_Down)
    assert QApplication.focusWidget() is window.result_view
    # Enter on a result reads it: the reader takes the focus; so in the article list.
    qtbot.keyClick(window.result_view, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is window.reader
    window.main_actions.show_articles.trigger()
    assert QApplication.focusWidget() is window.article_view
    qtbot.keyClick(window.article_view, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is window.reader


def test_visible_focus_ring_on_the_panes(window: MainWindow) -> None:
    sheet = QApplication.instance().styleSheet()
    for name in ("QTableView#articleList:focus", "QListView#resultList:focus",
                 "QTextBrowser#reader:focus", "QLineEdit#searchField:focus"):
        assert name in sheet


def test_the_annotation_panels_are_reached_with_tab_and_named(qtbot, window: MainWindow) -> None:
    docks = window.docks
    for dock in docks.docks:
        dock.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: window.isActiveWindow(), timeout=WAIT_MS)
    docks.name_tab_bars()
    names: list[str] = []
    for dock, pane in ((docks.code_book_dock, docks.code_book.view),
                       (docks.notes_dock, docks.notes.view),
                       (docks.highlights_dock, docks.highlights.view),
                       (docks.review_dock, docks.review.view),
                       (docks.history_dock, docks.history.view)):
        dock.raise_()
        qtbot.waitUntil(lambda p=pane: p.isVisible(), timeout=WAIT_MS)
        chain = _tab_chain(qtbot, window.search_field, limit=120)
        names = [w.accessibleName() for w in chain]
        assert pane in chain, (pane.accessibleName(), names)
        assert _unnamed(chain) == [], dock.objectName()
    # The note editor's parts, once a note is open.
    editor = docks.notes.editor
    for widget in (editor.title, editor.text, editor.preview):
        assert widget.accessibleName() and widget.accessibleDescription()


def test_the_annotation_dialogs_are_named(qtbot) -> None:
    from desktop.domain.code import Code
    from desktop.domain.entity import EntityType
    from desktop.services.code_service import CodeNode
    from desktop.ui.annotations.delete_code_dialog import DeleteCodeDialog
    from desktop.ui.annotations.new_entity_dialog import NewEntityDialog

    node = CodeNode(Code("Politics", id=1, parent_id=2), 1, 5, 5)
    for dialog in (DeleteCodeDialog(node, "Parent", 3),
                   NewEntityDialog("Kerry", [EntityType("person", "#000", True, "", 1)])):
        qtbot.addWidget(dialog)
        focusable = [w for w in dialog.findChildren(QWidget)
                     if w.focusPolicy() & Qt.FocusPolicy.TabFocus and not w.isHidden()
                     and w.isVisibleTo(dialog) and w.isEnabled() and not _is_inner_part(w)]
        assert focusable and _unnamed(focusable) == [], type(dialog).__name__
