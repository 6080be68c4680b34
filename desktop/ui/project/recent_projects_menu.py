"""File > Open Recent: projects by name, the folder as a tool tip; a project whose folder
has gone (a removed disk, a renamed folder) stays listed but disabled, until removed."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QMenu, QWidget

from desktop.ui.common.app_settings import AppSettings


class RecentProjectsMenu(QMenu):
    open_requested = Signal(Path)
    changed = Signal()  # the list was edited here (cleared, missing ones removed)

    def __init__(self, settings: AppSettings, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Open &Recent"), parent)
        self.setObjectName("recentMenu")
        self.settings = settings
        self.setToolTipsVisible(True)
        self.menuAction().setToolTip(self.tr("Open one of the projects you used lately"))
        self.aboutToShow.connect(self.refill)

    def refill(self) -> None:
        self.clear()
        recent = self.settings.recent_projects()
        missing = [r.path for r in recent if not r.path.is_dir()]
        # Two projects of the same name are told apart by their folders.
        names = [r.label for r in recent]
        for project in recent:
            label = project.label
            if names.count(label) > 1:
                label = f"{label} ({project.path.parent})"
            if project.path in missing:
                label = self.tr("%1 (not found)").replace("%1", label)
            action = self.addAction(label.replace("&", "&&"))
            action.setToolTip(str(project.path))
            action.setEnabled(project.path not in missing)
            action.triggered.connect(
                lambda _checked=False, p=project.path: self.open_requested.emit(p))
        if not recent:
            self.addAction(self.tr("No recent projects")).setEnabled(False)
            return
        self.addSeparator()
        if missing:
            remove = self.addAction(self.tr("Remove Projects Not Found"))
            remove.setToolTip(self.tr("Forget the projects whose folders no longer exist"))
            remove.triggered.connect(lambda: self._remove(missing))
        clear = self.addAction(self.tr("Clear Menu"))
        clear.setToolTip(self.tr("Forget the recent projects (their folders are not touched)"))
        clear.triggered.connect(self._clear)

    def _remove(self, paths: list[Path]) -> None:
        for path in paths:
            self.settings.remove_recent_project(path)
        self.changed.emit()

    def _clear(self) -> None:
        self.settings.clear_recent_projects()
        self.changed.emit()
