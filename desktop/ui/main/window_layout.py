"""The main window's layout kept between runs: its size and place, the docks shown and
where, the split between the lists and the reader, the article list's columns; and the
proportions of a first run, when nothing was saved yet."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject, QSize, Qt, QTimer
from PySide6.QtWidgets import QDockWidget, QHeaderView, QMainWindow, QSplitter

from desktop.ui.common.app_settings import AppSettings


class WindowLayout(QObject):
    def __init__(self, window: QMainWindow, settings: AppSettings, splitter: QSplitter,
                 header: QHeaderView, docks: Sequence[QDockWidget],
                 side: QDockWidget, bottom: QDockWidget) -> None:
        """``docks``: those the saved state shows or hides (the ones shown now are a first
        run's); ``side`` and ``bottom``: the docks a first run gives their proportions."""
        super().__init__(window)
        self._window = window
        self._settings = settings
        self._splitter = splitter
        self._header = header
        self._docks = list(docks)
        self._side = side
        self._bottom = bottom

    def restore(self) -> None:
        window = self._window
        # The docks' layout first, with every dock hidden until the saved state shows it:
        # the window's minimum size counts every dock not hidden, and restoring the size
        # against all of them would grow the window to fit them all.
        defaults = [d for d in self._docks if not d.isHidden()]
        for dock in self._docks:
            dock.hide()
        window_state = self._settings.state("windowState")
        first_run = window_state is None or not window.restoreState(window_state)
        if first_run:
            for dock in defaults:  # first run: the panels a newcomer should see
                dock.show()
        window.layout().activate()  # the minimum size follows the docks now shown
        geometry = self._settings.state("geometry")
        if geometry is None or not window.restoreGeometry(geometry):
            window.resize(self.first_size())
        if first_run:
            # Dock sizes hold only once the window has its real size: after it is shown.
            QTimer.singleShot(0, self, self._lay_out_first_run)
        for key, target in (("splitter", self._splitter), ("articleHeader", self._header)):
            state = self._settings.state(key)
            if state is not None:
                target.restoreState(state)

    def first_size(self) -> QSize:
        """Most of the screen, up to a size beyond which lines get too long to read."""
        screen = self._window.screen()
        available = screen.availableGeometry() if screen is not None else None
        if available is None:
            return QSize(1180, 760)
        return QSize(min(1600, max(1000, int(available.width() * 0.9))),
                     min(1000, max(700, int(available.height() * 0.9))))

    def _lay_out_first_run(self) -> None:
        """Proportions for a first run: the reader widest, the panels beside and below it
        wide enough to read (a saved layout replaces these from the next start on)."""
        window = self._window
        width, height = window.width(), window.height()
        window.resizeDocks([self._side], [max(280, width // 4)], Qt.Orientation.Horizontal)
        window.resizeDocks([self._bottom], [max(170, height // 4)], Qt.Orientation.Vertical)
        central = width - max(280, width // 4)
        self._splitter.setSizes([max(300, central * 2 // 5),
                                 central - max(300, central * 2 // 5)])

    def save(self) -> None:
        window = self._window
        self._settings.set_state("geometry", window.saveGeometry())
        self._settings.set_state("windowState", window.saveState())
        self._settings.set_state("splitter", self._splitter.saveState())
        self._settings.set_state("articleHeader", self._header.saveState())
        self._settings.sync()
