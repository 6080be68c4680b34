"""The rows of Help > Keyboard Shortcuts, generated from the window's actions so that the
list cannot drift from what the keys really do."""

from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QAction, QKeySequence

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True, slots=True)
class ShortcutRow:
    menu: str
    command: str
    keys: str
    description: str


class ShortcutsModel(QAbstractTableModel):
    MENU, COMMAND, KEYS = range(3)

    def __init__(self, parent: object | None = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self.rows: list[ShortcutRow] = []
        self._headers = (self.tr("Menu"), self.tr("Command"), self.tr("Keys"))

    def set_actions(self, actions: list[tuple[str, QAction]],
                    extra: list[ShortcutRow] | None = None) -> None:
        """``actions`` as (menu title, action): every action with a shortcut is listed."""
        self.beginResetModel()
        self.rows = []
        for menu, action in actions:
            keys = keys_text(action)
            if keys:
                self.rows.append(ShortcutRow(menu, command_text(action), keys,
                                             action.toolTip()))
        self.rows.extend(extra or [])
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (row.menu, row.command, row.keys)[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.description
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self._headers)):
            return self._headers[section]
        return None


def command_text(action: QAction) -> str:
    """The menu text without its mnemonic marker and trailing ellipsis."""
    return action.text().replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…")


def keys_text(action: QAction) -> str:
    keys = [k.toString(QKeySequence.SequenceFormat.NativeText)
            for k in action.shortcuts() if not k.isEmpty()]
    return ", ".join(k for k in keys if _on_a_keyboard(k))


def _on_a_keyboard(key: str) -> bool:
    """Leave out the platform's aliases for special keys few keyboards have ("Undo",
    "Copy", "F14" on X11): they would bury the keys people press."""
    if "+" in key[:-1] or key in ("Del", "Delete", "Backspace", "Ins", "Esc"):
        return True
    return bool(_FUNCTION_KEY.fullmatch(key))


_FUNCTION_KEY = re.compile(r"F([1-9]|1[0-2])")
