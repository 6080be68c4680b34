"""Every command of the main window as a QAction, and the menus that hold them.

Each action has a menu entry, a tool tip, and a standard shortcut where the platform has
one (``QKeySequence.StandardKey``), with a conventional fallback where a platform's list
is empty (Quit and Preferences have no binding on some Linux desktops). Help > Keyboard
Shortcuts is generated from :meth:`MainActions.menu_actions`. The window connects the
actions to what they do; this class only declares them.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QUndoStack
from PySide6.QtWidgets import QMainWindow, QMenu

from desktop.ui.annotations.annotation_actions import AnnotationActions
from desktop.ui.common.actions import describe_action, window_action
from desktop.ui.common.app_settings import Appearance, AppSettings
from desktop.ui.project.recent_projects_menu import RecentProjectsMenu

Key = QKeySequence.StandardKey


class MainActions:
    def __init__(self, window: QMainWindow, settings: AppSettings, undo_stack: QUndoStack) -> None:
        self.window = window
        tr = window.tr
        a = self._action
        # File
        self.new_project = a(tr("&New Project…"), tr("Create a project in a new folder"),
                             Key.New)
        self.open_project = a(tr("&Open Project…"), tr("Open a project folder"), Key.Open)
        self.recent_menu = RecentProjectsMenu(settings, window)
        self.close_project = a(tr("&Close Project"),
                               tr("Close the project; the window stays open"), Key.Close)
        self.properties = a(tr("Project &Properties…"),
                            tr("The project's name, contents and where it is stored"))
        self.import_files = a(tr("&Import Files…"),
                              tr("Import article files into the project"), "Ctrl+I")
        self.import_folder = a(tr("Import &Folder…"),
                               tr("Import every article file in a folder and its subfolders"),
                               "Ctrl+Shift+I")
        self.preferences = a(tr("Pre&ferences…"),
                             tr("Appearance, reader font, article order, when to search"),
                             Key.Preferences, "Ctrl+,")
        self.quit = a(tr("&Quit"), tr("Quit Research Notes"), Key.Quit, "Ctrl+Q")
        # Edit: undo and redo name the action they undo ("Undo Import 3 Files").
        self.undo = undo_stack.createUndoAction(window, tr("&Undo"))
        self._describe(self.undo, tr("Undo the last change to the project"), Key.Undo)
        self.redo = undo_stack.createRedoAction(window, tr("&Redo"))
        self._describe(self.redo, tr("Redo the change last undone"), Key.Redo)
        self.copy = a(tr("&Copy"), tr("Copy the selected text, or the selected article's "
                                      "citation"), Key.Copy)
        self.copy_citation = a(tr("Copy C&itation"),
                               tr("Copy a reference to the selected article"), "Ctrl+Shift+C")
        self.find = a(tr("&Find…"), tr("Search the project's articles"), Key.Find)
        # View
        self.show_articles = a(tr("&Article List"), tr("Show the article list"), "Ctrl+1")
        self.show_results = a(tr("Search &Results"), tr("Show the search results"), "Ctrl+2")
        self.show_reader = a(tr("R&eader"), tr("Move to the reader"), "Ctrl+3")
        self.toggle_list = a(tr("&Lists Panel"),
                             tr("Show or hide the search field and the lists"), "Ctrl+Shift+L")
        self.toggle_list.setCheckable(True)
        self.toggle_list.setChecked(True)
        self.zoom_in = a(tr("Zoom &In"), tr("Larger text in the reader"), Key.ZoomIn)
        self.zoom_in.setShortcuts([*self.zoom_in.shortcuts(), QKeySequence("Ctrl+=")])
        self.zoom_out = a(tr("Zoom &Out"), tr("Smaller text in the reader"), Key.ZoomOut)
        self.zoom_reset = a(tr("&Actual Size"), tr("The reader's text at its normal size"),
                            "Ctrl+0")
        self.theme_group = QActionGroup(window)
        self.theme_actions: dict[Appearance, QAction] = {}
        for appearance, text, tip in (
            (Appearance.SYSTEM, tr("Follow the &System"), tr("Light or dark, as the system is")),
            (Appearance.LIGHT, tr("&Light"), tr("Light windows")),
            (Appearance.DARK, tr("&Dark"), tr("Dark windows")),
        ):
            action = a(text, tip)
            action.setCheckable(True)
            action.setData(appearance.value)
            self.theme_group.addAction(action)
            self.theme_actions[appearance] = action
        # Search
        self.find_in_article = a(tr("Find in &Article…"),
                                 tr("Find text in the open article"), "Ctrl+Shift+F")
        self.next_hit = a(tr("&Next Hit"), tr("Go to the next hit in the article"),
                          Key.FindNext)
        self.previous_hit = a(tr("&Previous Hit"),
                              tr("Go to the previous hit in the article"), Key.FindPrevious)
        self.search_syntax = a(tr("Search &Syntax"),
                               tr("How to write searches: phrases, fields, wildcards, typos"),
                               Key.HelpContents)
        # Tools
        self.rebuild_index = a(tr("&Rebuild Search Index"),
                               tr("Build the search index again from the project's articles"))
        self.last_report = a(tr("Last Import &Report…"),
                             tr("Show the report of the last import in this session"))
        # Stored import history is coming with the data core; until then it stays hidden
        # rather than showing a command that does nothing.
        self.import_history = a(tr("Import &History…"), tr("Reports of past imports"))
        # Entities (the entity browser and page are docks: View > Panels)
        self.entity_graph = a(tr("Entity &Graph"), tr("People, organisations and places "
                              "linked by the articles they share"), "Ctrl+Shift+O")
        self.recognise_entities = a(tr("Recognise &Entities"), tr(
            "Find the names of people, organisations and places in every article"))
        # Help
        self.keyboard_shortcuts = a(tr("&Keyboard Shortcuts"),
                                    tr("Every command that has keys"), "Ctrl+/")
        self.about = a(tr("&About Research Notes"), tr("Version and what the program does"))
        self.about_qt = a(tr("About &Qt"), tr("The Qt version in use"))
        # The article list's context menu
        self.open_article = a(tr("&Open"), tr("Read the selected article"))
        # Undoable (Edit > Undo). Its Delete key works in the article list only: the same
        # key in the search field or the reader must not delete anything.
        self.delete_articles = a(tr("&Delete Article"),
                                 tr("Delete the selected article (Edit > Undo brings it back)"),
                                 Key.Delete)
        window.removeAction(self.delete_articles)
        self.delete_articles.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)

        # Annotate (and two View toggles): highlights, codes, notes, entities.
        self.annotate = AnnotationActions(window)

        self.project_actions = [
            self.close_project, self.properties, self.import_files, self.import_folder,
            self.copy_citation, self.find, self.show_articles, self.show_results,
            self.show_reader, self.find_in_article, self.next_hit, self.previous_hit,
            self.rebuild_index, self.open_article, self.delete_articles, self.import_history,
            self.entity_graph, self.recognise_entities, *self.annotate.reader_actions,
        ]
        # Off for a project opened read-only (read-only media, no write permission).
        self.writing_actions = [self.import_files, self.import_folder, self.delete_articles,
                                self.recognise_entities, *self.annotate.writing_actions]
        self._menus: list[tuple[str, list[QAction | QMenu | None]]] = []
        self._build_menus()

    def _action(self, text: str, tip: str, shortcut: Key | str | None = None,
                fallback: str = "") -> QAction:
        return window_action(self.window, text, tip, shortcut, fallback)

    @staticmethod
    def _describe(action: QAction, tip: str, shortcut: Key | str | None = None,
                  fallback: str = "") -> None:
        describe_action(action, tip, shortcut, fallback)

    def _build_menus(self) -> None:
        tr = self.window.tr
        theme_menu = QMenu(tr("&Theme"), self.window)
        theme_menu.menuAction().setToolTip(tr("Light, dark, or as the system is"))
        for action in self.theme_actions.values():
            theme_menu.addAction(action)
        self.panels_menu = QMenu(tr("&Panels"), self.window)
        self.panels_menu.menuAction().setToolTip(tr("Show or hide parts of the window"))
        self.panels_menu.addAction(self.toggle_list)
        self._menus = [
            (tr("&File"), [self.new_project, self.open_project, self.recent_menu,
                           self.close_project, None, self.import_files, self.import_folder,
                           None, self.properties, self.preferences, None, self.quit]),
            (tr("&Edit"), [self.undo, self.redo, None, self.copy, self.copy_citation, None,
                           self.find]),
            (tr("&View"), [self.show_articles, self.show_results, self.show_reader, None,
                           self.panels_menu, self.annotate.show_margin,
                           self.annotate.show_mentions, self.entity_graph, None,
                           self.zoom_in, self.zoom_out, self.zoom_reset, None, theme_menu]),
            (tr("&Search"), [self.find_in_article, self.next_hit, self.previous_hit, None,
                             self.search_syntax]),
            (tr("&Annotate"), self.annotate.menu_items),
            (tr("&Tools"), [self.rebuild_index, self.recognise_entities, None, self.last_report,
                            self.import_history]),
            (tr("&Help"), [self.search_syntax, self.keyboard_shortcuts, None, self.about,
                           self.about_qt]),
        ]
        bar = self.window.menuBar()
        for title, items in self._menus:
            menu = bar.addMenu(title)
            menu.setToolTipsVisible(True)
            for item in items:
                if item is None:
                    menu.addSeparator()
                elif isinstance(item, QMenu):
                    menu.addMenu(item)
                else:
                    menu.addAction(item)

    def add_panel(self, action: QAction) -> None:
        """A dock's show/hide action, under View > Panels."""
        self.panels_menu.addAction(action)

    def menu_actions(self) -> list[tuple[str, QAction]]:
        """Every action reachable from the menu bar, with its menu's title, once each."""
        found: list[tuple[str, QAction]] = []
        seen: set[int] = set()

        def walk(title: str, menu: QMenu) -> None:
            for action in menu.actions():
                if action.menu() is not None:
                    walk(title, action.menu())  # type: ignore[arg-type]
                elif not action.isSeparator() and id(action) not in seen:
                    seen.add(id(action))
                    found.append((title, action))

        for menu_action in self.window.menuBar().actions():
            menu = menu_action.menu()
            if isinstance(menu, QMenu):
                walk(menu.title().replace("&", ""), menu)
        return found
