"""A panel beside the reader in a dock, shown and hidden from View > Panels with its key."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDockWidget, QMainWindow, QWidget


def panel_dock(window: QMainWindow, name: str, title: str, panel: QWidget,
               area: Qt.DockWidgetArea, tip: str, key: str, focus: QWidget,
               bring_up: Callable[[QDockWidget], None]) -> QDockWidget:
    """The dock of ``panel``, added to ``window``. Its toggle action (for the menu) has the
    tip and key; when the user shows it, ``bring_up`` puts it in front and ``focus`` gets
    the keyboard."""
    dock = QDockWidget(title, window)
    dock.setObjectName(name)
    dock.setWidget(panel)
    window.addDockWidget(area, dock)
    toggle = dock.toggleViewAction()
    toggle.setToolTip(tip)
    toggle.setShortcut(QKeySequence(key))

    def shown(checked: bool) -> None:
        if checked:  # brought up by the user: in front of its tab group, with the focus
            bring_up(dock)
            focus.setFocus(Qt.FocusReason.ShortcutFocusReason)

    toggle.triggered.connect(shown)
    return dock
