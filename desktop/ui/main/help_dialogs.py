"""The Help menu's windows: search syntax, keyboard shortcuts, About."""

from __future__ import annotations

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QObject, qVersion
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop import __version__
from desktop.ui.main.keyboard_shortcuts_dialog import KeyboardShortcutsDialog
from desktop.ui.main.main_actions import MainActions
from desktop.ui.search.search_syntax_dialog import SearchSyntaxDialog


class HelpDialogs(QObject):
    def __init__(self, window: QWidget, actions: MainActions) -> None:
        super().__init__(window)
        self.window = window
        self.actions = actions
        self.syntax: SearchSyntaxDialog | None = None
        self.shortcuts: KeyboardShortcutsDialog | None = None

    def show_search_syntax(self) -> None:
        # Not modal: the help stays open beside the search field while trying queries.
        if self.syntax is None:
            self.syntax = SearchSyntaxDialog(self.window)
        self.syntax.show()
        self.syntax.raise_()

    def show_keyboard_shortcuts(self) -> None:
        # Made afresh each time: the list reflects the actions as they are now.
        if self.shortcuts is not None:
            self.shortcuts.deleteLater()
        self.shortcuts = KeyboardShortcutsDialog(self.actions.menu_actions(), self.window)
        self.shortcuts.show()

    def about_text(self) -> str:
        # Here, not at the top: importlib.metadata takes tens of milliseconds to import,
        # and only About needs it.
        from importlib import metadata

        try:
            whoosh = metadata.version("whoosh3")
        except metadata.PackageNotFoundError:
            whoosh = "?"
        # Only what exists today; later features add their own lines when they land.
        return self.tr(
            "<h3>Research Notes %1</h3>"
            "<p>Import plain-text news articles into a project, a folder on your own disk; "
            "search them by words, phrases, fields, word beginnings and near spellings; "
            "read them with the hits marked.</p>"
            "<p>Nothing leaves your computer: the program fetches nothing from the network.</p>"
            "<p><small>Qt %2 · PySide6 %3 · Whoosh %4</small></p>"
        ).replace("%1", __version__).replace("%2", qVersion()).replace(
            "%3", pyside_version).replace("%4", whoosh)

    def show_about(self) -> None:
        QMessageBox.about(self.window, self.tr("About Research Notes"), self.about_text())
