"""A panel beside the reader in a dock, shown and hidden from View > Panels with its key;
and :class:`LazyPanel`, for a dock whose panel is made only when it is first shown."""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDockWidget, QMainWindow, QWidget

P = TypeVar("P", bound=QWidget)


def panel_dock(window: QMainWindow, name: str, title: str, panel: QWidget | None,
               area: Qt.DockWidgetArea, tip: str, key: str, focus: Callable[[], QWidget],
               bring_up: Callable[[QDockWidget], None]) -> QDockWidget:
    """The dock of ``panel`` (None: set later, see :class:`LazyPanel`), added to
    ``window``. Its toggle action (for the menu) has the tip and key; when the user shows
    it, ``bring_up`` puts it in front and ``focus()`` gets the keyboard."""
    dock = QDockWidget(title, window)
    dock.setObjectName(name)
    if panel is not None:
        dock.setWidget(panel)
    window.addDockWidget(area, dock)
    toggle = dock.toggleViewAction()
    toggle.setToolTip(tip)
    toggle.setShortcut(QKeySequence(key))

    def shown(checked: bool) -> None:
        if checked:  # brought up by the user: in front of its tab group, with the focus
            bring_up(dock)
            focus().setFocus(Qt.FocusReason.ShortcutFocusReason)

    toggle.triggered.connect(shown)
    return dock


class LazyPanel(Generic[P]):
    """The panel of a dock that starts hidden, made the first time the dock is shown (by
    the user, or by the window's saved layout) or the panel is asked for.

    A hidden panel costs nothing at start-up then: neither its construction (tens of
    milliseconds for the larger ones, and their modules' import when ``build`` imports
    them) nor the reading a panel does when a project opens. ``build`` makes the panel
    (a panel made while a project is open loads it at once); ``built`` is called with it
    once it is in its dock, for the connections that need it there (the Tab order)."""

    def __init__(self, dock: QDockWidget, build: Callable[[], P],
                 built: Callable[[P], None] | None = None) -> None:
        self._dock = dock
        self._build = build
        self._built = built
        self.panel: P | None = None
        # Before the dock paints: a dock shown at start-up appears with its panel.
        dock.visibilityChanged.connect(self._visibility)

    def get(self) -> P:
        if self.panel is None:
            panel = self._build()
            self.panel = panel
            self._dock.setWidget(panel)
            if self._built is not None:
                self._built(panel)
        return self.panel

    def _visibility(self, visible: bool) -> None:
        if visible and self.panel is None:
            self.get()
