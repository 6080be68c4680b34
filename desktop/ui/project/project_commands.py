"""What the File menu does with projects and imports: the dialogs around the session's
open, create, close and import, and files dropped on the window."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QMimeData, QObject
from PySide6.QtWidgets import QDialog, QFileDialog, QWidget

from desktop.services.project import DB_NAME
from desktop.ui.common.app_settings import AppSettings
from desktop.ui.project.new_project_dialog import NewProjectDialog
from desktop.ui.project.project_properties_dialog import ProjectPropertiesDialog
from desktop.ui.project.project_session import ProjectSession

StatusMessage = Callable[[str, int], None]


class ProjectCommands(QObject):
    def __init__(self, window: QWidget, session: ProjectSession, settings: AppSettings,
                 status: StatusMessage) -> None:
        super().__init__(window)
        self.window = window
        self.session = session
        self.settings = settings
        self._status = status

    # -- projects -----------------------------------------------------------------------

    def new_project(self) -> bool:
        dialog = NewProjectDialog(parent=self.window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        return self.session.create(dialog.project_folder(), dialog.project_name())

    def open_project_dialog(self) -> bool:
        folder = QFileDialog.getExistingDirectory(self.window, self.tr("Open Project"))
        return bool(folder) and self.session.open(Path(folder))

    def open_project(self, path: Path) -> bool:
        if not path.is_dir():
            self.session.open_failed.emit(self.tr(
                "The project folder %1 was not found. It may have been moved, renamed or be "
                "on a disk that is not connected.").replace("%1", str(path)))
            return False
        return self.session.open(path)

    def close_project(self) -> None:
        self.session.close()

    def show_properties(self) -> None:
        project = self.session.project
        if project is not None:
            ProjectPropertiesDialog(project, self.window).exec()

    # -- imports ------------------------------------------------------------------------

    def import_files_dialog(self) -> None:
        if self.session.project is None:
            return
        files, _filter = QFileDialog.getOpenFileNames(
            self.window, self.tr("Import Files"), self.settings.import_folder(),
            self.tr("Articles (*.txt *.text *.jsonl *.ndjson);;Text articles (*.txt *.text);;"
                    "JSON Lines batches (*.jsonl *.ndjson);;All files (*)"))
        if files:
            self.settings.set_import_folder(str(Path(files[0]).parent))
            self.import_paths([Path(f) for f in files])

    def import_folder_dialog(self) -> None:
        if self.session.project is None:
            return
        folder = QFileDialog.getExistingDirectory(self.window, self.tr("Import Folder"),
                                                  self.settings.import_folder())
        if folder:
            # The folder it is in: the next import is most likely its neighbour.
            self.settings.set_import_folder(str(Path(folder).parent))
            self.import_paths([Path(folder)])

    def import_paths(self, paths: Sequence[Path]) -> None:
        if self.session.project is None:
            return
        if self.session.active_import is not None:
            # One import at a time: a second would only queue behind the first, unseen.
            self._status(self.tr("An import is already running; wait for it or cancel it."),
                         8000)
            return
        self.session.import_paths(list(paths))

    # -- drag and drop ------------------------------------------------------------------

    @staticmethod
    def dropped_paths(mime: QMimeData) -> list[Path]:
        return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]

    def accepts_drop(self, paths: list[Path]) -> bool:
        """A project folder (to open), or files and folders to import into the open project."""
        if not paths:
            return False
        if len(paths) == 1 and (paths[0] / DB_NAME).is_file():
            return True
        project = self.session.project
        return project is not None and not project.read_only

    def drop(self, paths: list[Path]) -> None:
        if len(paths) == 1 and (paths[0] / DB_NAME).is_file():
            self.open_project(paths[0])
        elif self.session.project is not None:
            self.import_paths(paths)
