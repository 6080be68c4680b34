"""Help > Keyboard Shortcuts: a table of every command that has keys, made from the actions."""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.main.shortcuts_model import ShortcutRow, ShortcutsModel


class KeyboardShortcutsDialog(QDialog):
    def __init__(self, actions: list[tuple[str, QAction]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("keyboardShortcuts")
        self.setWindowTitle(self.tr("Keyboard Shortcuts"))
        self.model = ShortcutsModel(self)
        self.model.set_actions(actions, self.other_keys())
        self.table = QTableView(self)
        self.table.setObjectName("shortcutTable")
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setTabKeyNavigation(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(
            ShortcutsModel.COMMAND, QHeaderView.ResizeMode.Stretch)
        self.table.resizeColumnToContents(ShortcutsModel.MENU)
        self.table.resizeColumnToContents(ShortcutsModel.KEYS)
        self.table.setAccessibleName(self.tr("Keyboard shortcuts"))
        self.table.setAccessibleDescription(self.tr("Each command with its keys"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setAccessibleName(self.tr("Close"))
        close.setAccessibleDescription(self.tr("Closes the list of shortcuts"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(620, 560)

    def other_keys(self) -> list[ShortcutRow]:
        """Keys that belong to a widget rather than to a menu command."""
        where = self.tr("Keys")
        return [
            ShortcutRow(where, self.tr("From the search field to the results"),
                        self.tr("Down, Enter"), ""),
            ShortcutRow(where, self.tr("Open the selected article in the reader"),
                        self.tr("Enter"), ""),
            ShortcutRow(where, self.tr("Move between panes"), self.tr("Tab, Shift+Tab"), ""),
            ShortcutRow(where, self.tr("Next / previous match in Find in Article"),
                        self.tr("Enter, Shift+Enter"), ""),
            ShortcutRow(where, self.tr("Close Find in Article"), self.tr("Escape"), ""),
        ]
