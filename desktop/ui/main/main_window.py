"""The main window: a start page while no project is open; otherwise the workspace (search,
lists, reader). It composes the parts and connects the menu commands to them; the parts
live in their own classes (actions, workspace, search, project commands, dialogs)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QLabel,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QUndoView,
)

from desktop import APP_NAME
from desktop.domain.link import LinkKind
from desktop.services.import_report import ImportReport
from desktop.services.project import Project
from desktop.ui.annotations.annotation_controller import AnnotationController
from desktop.ui.annotations.annotation_docks import AnnotationDocks
from desktop.ui.annotations.entity_commands import EntityCommands
from desktop.ui.articles.article_table_model import ArticleTableModel
from desktop.ui.common.app_settings import Appearance, AppSettings, Preferences
from desktop.ui.common.progress_panel import ProgressPanel
from desktop.ui.common.theme import Theme
from desktop.ui.entities.entity_docks import EntityDocks
from desktop.ui.imports.import_reports import ImportReports
from desktop.ui.main.article_controller import ArticleController
from desktop.ui.main.heap import freeze_startup_objects
from desktop.ui.main.help_dialogs import HelpDialogs
from desktop.ui.main.main_actions import MainActions
from desktop.ui.main.quit_guard import QuitGuard
from desktop.ui.main.search_controller import SearchController
from desktop.ui.main.window_layout import WindowLayout
from desktop.ui.main.workspace import Workspace
from desktop.ui.project.opening_dialog import OpeningDialog
from desktop.ui.project.project_commands import ProjectCommands
from desktop.ui.project.project_session import ProjectSession
from desktop.ui.project.welcome_panel import WelcomePanel
from desktop.ui.search.search_results_model import SearchResultsModel

if TYPE_CHECKING:
    from desktop.ui.imports.import_report_dialog import ImportReportDialog

_ZOOM_STEP = 10


class MainWindow(QMainWindow):
    ARTICLES_TAB, RESULTS_TAB = Workspace.ARTICLES_TAB, Workspace.RESULTS_TAB
    START_PAGE, WORKSPACE_PAGE = 0, 1

    def __init__(self, settings: AppSettings | None = None) -> None:
        super().__init__()
        self.settings = settings or AppSettings()
        self.session = ProjectSession(self)
        self.articles = ArticleTableModel(self)
        self.results = SearchResultsModel(self)
        self.main_actions = MainActions(self, self.settings, self.session.undo_stack)
        self.theme = Theme.of(QApplication.instance())  # type: ignore[arg-type]
        self._build_widgets()
        self.commands = ProjectCommands(self, self.session, self.settings, self.show_status)
        self.search = SearchController(self.session, self.workspace, self.results,
                                       self.show_status, self)
        self.article_list = ArticleController(self.session, self.workspace, self.articles,
                                              self.results, self.count_label,
                                              self.show_status, self)
        self.annotations = AnnotationController(
            self.session, self.workspace.reader_panel, self.main_actions.annotate,
            self.show_status, self)
        self.entities = EntityCommands(self.session, self.reader, self.main_actions.annotate,
                                       self.show_status, self)
        self.help = HelpDialogs(self, self.main_actions)
        self.import_reports = ImportReports(
            self, self.session, self.main_actions.last_report, self.article_list.read_article,
            self.article_list.title_of, self.show_status)
        self.quit_guard = QuitGuard(self, self.session)
        # Before the window state is restored: the docks are part of it.
        self.docks = AnnotationDocks(self, self.session, self.main_actions, self.reader,
                                           self.article_list.read_article, self.settings,
                                           self.workspace.getting_started.syntax_link)
        self.entity_docks = EntityDocks(self, self.session, self.main_actions, self.reader,
                                        self.docks.opener, self.docks.open_end, self.show_status,
                                        (self.docks.code_book_dock, self.docks.highlights_dock))
        self.docks.entity_opener = self.entity_docks.show_entity
        self.search.open_annotation = self.docks.open_end
        self._connect_actions()
        self._connect_session()
        self.window_layout = WindowLayout(
            self, self.settings, self.splitter, self.article_view.horizontalHeader(),
            self.docks.docks, self.docks.code_book_dock, self.docks.highlights_dock)
        self.window_layout.restore()
        self.apply_preferences(self.settings.preferences(), first=True)
        self._project_closed()
        freeze_startup_objects()

    # -- construction -------------------------------------------------------------------

    def _build_widgets(self) -> None:
        act = self.main_actions
        self.workspace = Workspace(self.articles, self.results,
                                   [act.import_files, act.import_folder], act.search_syntax, self)
        self.start_page = WelcomePanel(False, [act.new_project, act.open_project],
                                       act.search_syntax, self)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.start_page)
        self.pages.addWidget(self.workspace)
        self.setCentralWidget(self.pages)
        # Names the tests and the rest of the window use.
        w = self.workspace
        self.splitter, self.tabs, self.reader = w, w.tabs, w.reader
        self.search_field, self.article_view, self.result_view = (
            w.search_bar.field, w.article_view, w.result_view)
        self.article_view.set_context_actions(
            [act.open_article, act.copy_citation, act.delete_articles])

        self.undo_dock = QDockWidget(self.tr("Undo History"), self)
        self.undo_dock.setObjectName("undoHistory")
        undo_view = QUndoView(self.session.undo_stack, self.undo_dock)
        undo_view.setEmptyLabel(self.tr("<project as opened>"))
        undo_view.setAccessibleName(self.tr("Undo history"))
        undo_view.setAccessibleDescription(
            self.tr("The changes made since the project was opened; select one to go back"))
        self.undo_dock.setWidget(undo_view)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.undo_dock)
        self.undo_dock.hide()
        toggle = self.undo_dock.toggleViewAction()
        toggle.setToolTip(self.tr("Show or hide the list of changes you can undo"))
        act.add_panel(toggle)

        self.count_label = QLabel(self)
        self.progress = ProgressPanel(self)
        self.statusBar().addWidget(self.count_label)
        self.statusBar().addPermanentWidget(self.progress)
        self.setAcceptDrops(True)

    def _connect_actions(self) -> None:
        a, c = self.main_actions, self.commands
        a.new_project.triggered.connect(c.new_project)
        a.open_project.triggered.connect(c.open_project_dialog)
        a.recent_menu.open_requested.connect(c.open_project)
        a.recent_menu.changed.connect(self._refresh_recent)
        a.close_project.triggered.connect(c.close_project)
        a.properties.triggered.connect(c.show_properties)
        a.import_files.triggered.connect(c.import_files_dialog)
        a.import_folder.triggered.connect(c.import_folder_dialog)
        a.preferences.triggered.connect(self.edit_preferences)
        a.quit.triggered.connect(self.close)
        a.copy.triggered.connect(self.article_list.copy)
        a.copy_citation.triggered.connect(self.article_list.copy_citation)
        a.find.triggered.connect(self.focus_search)
        a.show_articles.triggered.connect(lambda: self._show_list(self.ARTICLES_TAB))
        a.show_results.triggered.connect(lambda: self._show_list(self.RESULTS_TAB))
        a.show_reader.triggered.connect(self.reader.setFocus)
        a.toggle_list.toggled.connect(self.workspace.left.setVisible)
        a.zoom_in.triggered.connect(lambda: self.set_zoom(self.reader.zoom + _ZOOM_STEP))
        a.zoom_out.triggered.connect(lambda: self.set_zoom(self.reader.zoom - _ZOOM_STEP))
        a.zoom_reset.triggered.connect(lambda: self.set_zoom(100))
        a.theme_group.triggered.connect(
            lambda action: self._set_appearance(Appearance(action.data())))
        a.find_in_article.triggered.connect(self.workspace.reader_panel.find_bar.open_bar)
        a.next_hit.triggered.connect(self.workspace.reader_panel.next)
        a.previous_hit.triggered.connect(self.workspace.reader_panel.previous)
        a.search_syntax.triggered.connect(self.help.show_search_syntax)
        a.rebuild_index.triggered.connect(self.session.rebuild_index)
        a.last_report.triggered.connect(self.import_reports.show_last)
        a.import_history.triggered.connect(self.import_reports.show_history)
        a.keyboard_shortcuts.triggered.connect(self.help.show_keyboard_shortcuts)
        a.about.triggered.connect(self.help.show_about)
        a.about_qt.triggered.connect(QApplication.aboutQt)
        a.open_article.triggered.connect(self.article_list.open_selected)
        a.delete_articles.triggered.connect(self.article_list.delete_selected)
        self.workspace.article_view.addAction(a.delete_articles)
        self.start_page.open_recent.connect(c.open_project)
        self._connect_annotations()

    def _connect_annotations(self) -> None:
        a, panel = self.main_actions.annotate, self.workspace.reader_panel
        panel.set_toolbar_actions([a.highlight, a.add_note, None, a.previous_highlight,
                                   a.next_highlight, None, a.new_entity, a.tag_entity, None,
                                   a.show_margin, a.show_mentions])
        # N in the reader: the notes panel's editor, on the highlight or the article.
        self.annotations.note_requested.connect(self._write_note)
        panel.margin.link_activated.connect(self.open_link)
        for action, name, default in ((a.show_margin, "marginNotes", True),
                                      (a.show_mentions, "entityMentions", False)):
            action.setChecked(self.settings.reader_toggle(name, default))
            action.toggled.connect(
                lambda on, key=name: self.settings.set_reader_toggle(key, on))

    def _connect_session(self) -> None:
        s = self.session
        s.project_opened.connect(self._project_opened)
        s.project_closed.connect(self._project_closed)
        s.open_failed.connect(self._open_failed)
        s.task_failed.connect(self._show_error)
        s.import_finished.connect(self._import_finished)
        s.task_started.connect(self.progress.track)
        s.opening_started.connect(lambda task: OpeningDialog(task, self))
        s.index_ready.connect(lambda: self.show_status(self.tr("Ready"), 2000))
        s.index_cancelled.connect(lambda: self.show_status(
            self.tr("The search index was not built; it will be built when you search."), 15000))
        # Said, not only shown as "Building the search index" (a new user's trial).
        s.index_damaged.connect(lambda reason: self.show_status(reason, 30000))
        s.index_rebuilt.connect(lambda done: self.show_status(
            self.tr("The search index was rebuilt.") if done else
            self.tr("Rebuilding the search index was cancelled; the previous index is still "
                    "in use."), 15000))

    # -- project ------------------------------------------------------------------------

    def open_project(self, path: Path) -> bool:
        return self.commands.open_project(path)

    def open_from_elsewhere(self, path: Path | None) -> None:
        """A second instance asked for this window (and maybe a project): come to the front."""
        self.bring_to_front()
        if path is not None:
            self.open_project(path)

    def bring_to_front(self) -> None:
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()
        QApplication.alert(self)  # where the window manager refuses to give focus

    def _project_opened(self, project: Project) -> None:
        self.settings.add_recent_project(project.path, project.name)
        self.workspace.reset()
        self.results.set_results(None)
        self.import_reports.forget()
        # The order first, so that the list is read once, in the order it is shown in.
        self._apply_default_sort()
        self.article_list.show_project(project)
        self.pages.setCurrentIndex(self.WORKSPACE_PAGE)
        self._set_project_actions(True)
        for action in self.main_actions.writing_actions:
            action.setEnabled(not project.read_only)
        self.workspace.show_read_only(project.read_only)
        self._update_title()

    def _project_closed(self) -> None:
        self.workspace.reset()
        self.article_list.show_project(None)
        self.results.set_results(None)
        self.count_label.clear()
        self.statusBar().clearMessage()
        self.import_reports.forget()
        self._refresh_recent()
        self.pages.setCurrentIndex(self.START_PAGE)
        self._set_project_actions(False)
        self._update_title()

    def _refresh_recent(self) -> None:
        self.start_page.set_recent(self.settings.recent_projects())

    def _set_project_actions(self, enabled: bool) -> None:
        for action in self.main_actions.project_actions:
            action.setEnabled(enabled)
        self.search_field.setEnabled(enabled)

    def _update_title(self) -> None:
        project = self.session.project
        if project is None:
            self.setWindowTitle(APP_NAME)
        else:
            suffix = self.tr(" (read-only)") if project.read_only else ""
            self.setWindowTitle(f"{project.name}{suffix} — {APP_NAME}")

    def _open_failed(self, message: str) -> None:
        self._show_error(message, self.tr("The project could not be opened"))

    # -- search and reader --------------------------------------------------------------

    def focus_search(self) -> None:
        self.search_field.setFocus()
        self.search_field.selectAll()

    def run_search(self) -> None:
        self.workspace.search_bar.search_now()

    def _show_list(self, tab: int) -> None:
        self.workspace.tabs.setCurrentIndex(tab)
        (self.workspace.result_view if tab == Workspace.RESULTS_TAB
         else self.workspace.article_view).setFocus()

    def open_link(self, address: str) -> None:
        """A link clicked in a margin note: ``rn://article/3`` opens the article,
        ``rn://highlight/9`` the passage, notes and entities their panels."""
        kind, _slash, number = address.removeprefix("rn://").partition("/")
        kinds = {k.value: k for k in LinkKind}
        if not address.startswith("rn://") or not number.isdigit() or kind not in kinds:
            self.show_status(self.tr("Links to the web are not opened from notes: %1")
                             .replace("%1", address), 6000)
        else:
            self.docks.open_link(kinds[kind], int(number))

    def _write_note(self, article_id: int, highlight_id: int) -> None:
        if highlight_id >= 0:
            self.docks.write_note_on(highlight_id)
        else:
            self.docks.notes_dock.show()
            self.docks.notes_dock.raise_()
            self.docks.notes.new_note(article_id=article_id)

    def set_zoom(self, percent: int) -> None:
        self.settings.set_reader_zoom(percent)
        self.reader.set_zoom(self.settings.reader_zoom())  # clamped by the settings

    # -- import -------------------------------------------------------------------------

    @property
    def report_dialog(self) -> ImportReportDialog | None:
        return self.import_reports.dialog

    @property
    def last_report(self) -> ImportReport | None:
        return self.import_reports.last_report

    def _import_finished(self, report: ImportReport) -> None:
        self.import_reports.imported(report)
        # The new articles may match: the results are searched again, keeping the user's
        # pick (a new search here moved it to the first result and the reader with it, in
        # a new user's trial); they follow the indexing on (SearchController.refresh).
        self.search.refresh()

    # -- preferences and appearance -----------------------------------------------------

    def edit_preferences(self) -> None:
        # Here, not at the top: the dialog lists the recognisers, which are slow to import.
        from desktop.ui.preferences.preferences_dialog import PreferencesDialog

        dialog = PreferencesDialog(self.settings.preferences(), self)
        if dialog.exec() == PreferencesDialog.DialogCode.Accepted:
            self.settings.set_preferences(dialog.preferences())
            self.apply_preferences(self.settings.preferences())

    def apply_preferences(self, prefs: Preferences, first: bool = False) -> None:
        self.main_actions.theme_actions[prefs.appearance].setChecked(True)
        if not first or self.theme.appearance is not prefs.appearance:
            self.theme.apply(prefs.appearance)
        self.reader.zoom = self.settings.reader_zoom()
        self.reader.set_reader_font(prefs.reader_font_family, prefs.reader_font_size)
        self.workspace.search_bar.as_you_type = prefs.search_as_you_type
        recognition = self.entity_docks.recognition
        recognition.recognizer = prefs.recognizer
        recognition.after_import = prefs.recognise_after_import
        if not first:
            self._apply_default_sort()

    def _set_appearance(self, appearance: Appearance) -> None:
        prefs = self.settings.preferences()
        self.settings.set_preferences(replace(prefs, appearance=appearance))
        self.theme.apply(appearance)
        self.reader.refresh()

    def _apply_default_sort(self) -> None:
        self.article_list.sort_by(self.settings.preferences().default_sort.value)

    # -- window -------------------------------------------------------------------------

    def show_status(self, message: str, msecs: int) -> None:
        self.statusBar().showMessage(message, msecs)

    def _show_error(self, message: str, title: str = "") -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME, title or message,
                          QMessageBox.StandardButton.Ok, self)
        if title:
            box.setInformativeText(message)
        box.setObjectName("errorMessage")
        box.open()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.commands.accepts_drop(self.commands.dropped_paths(event.mimeData())):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = self.commands.dropped_paths(event.mimeData())
        if self.commands.accepts_drop(paths):
            event.acceptProposedAction()
            self.commands.drop(paths)

    def save_state(self) -> None:
        self.window_layout.save()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.quit_guard.may_close():
            event.ignore()
            return
        self.save_state()
        self.import_reports.close()
        self.session.shut_down()
        super().closeEvent(event)

