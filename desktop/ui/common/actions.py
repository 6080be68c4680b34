"""Making a window's commands: a QAction with its tool tip, status tip and keys.

A standard key (``QKeySequence.StandardKey``) is used where the platform has one, with a
conventional fallback where a platform's list is empty (Quit has no binding on some Linux
desktops).
"""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

Key = QKeySequence.StandardKey


def describe_action(action: QAction, tip: str, shortcut: Key | str | None = None,
                    fallback: str = "") -> None:
    action.setToolTip(tip)
    action.setStatusTip(tip)
    if isinstance(shortcut, Key):
        keys = QKeySequence.keyBindings(shortcut)
        action.setShortcuts(keys if keys else [QKeySequence(fallback)] if fallback else [])
    elif shortcut:
        action.setShortcut(QKeySequence(shortcut))


def window_action(window: QWidget, text: str, tip: str, shortcut: Key | str | None = None,
                  fallback: str = "") -> QAction:
    """An action whose keys work anywhere in ``window``, also when the menu bar is hidden."""
    action = QAction(text, window)
    describe_action(action, tip, shortcut, fallback)
    window.addAction(action)
    return action
