"""File > Project Properties: what the project is, what it holds and where it is stored."""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.services.project import BACKUP_DIR, DB_NAME, Project
from desktop.ui.common.formatting import format_count


class ProjectPropertiesDialog(QDialog):
    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("projectProperties")
        self.setWindowTitle(self.tr("Project Properties"))
        store = project.store
        self.values: dict[str, str] = {}

        about = self._group(self.tr("Project"), [
            ("name", self.tr("Name:"), project.name),
            ("description", self.tr("Description:"),
             store.meta("description") or self.tr("No description")),
            ("created", self.tr("Created:"), _created(store.meta("created_at"),
                                                      store.meta("created_by"))),
        ])
        counts = store.counts()
        contents = self._group(self.tr("Contents"), [
            ("articles", self.tr("Articles:"), format_count(counts.get("articles", 0))),
            ("highlights", self.tr("Highlights:"), format_count(counts.get("highlights", 0))),
            ("notes", self.tr("Notes:"), format_count(counts.get("notes", 0))),
            ("entities", self.tr("Entities:"), format_count(counts.get("entities", 0))),
        ])
        storage = self._group(self.tr("Storage"), [
            ("folder", self.tr("Folder:"), str(project.path)),
            ("database", self.tr("Database:"), str(project.path / DB_NAME)),
            ("index", self.tr("Search index:"), str(project.index_root)),
            ("backups", self.tr("Backups:"), str(project.path / BACKUP_DIR)),
            ("schema", self.tr("Schema version:"), str(store.schema_version)),
        ])
        self.open_folder_button = QPushButton(self.tr("Open Folder"), self)
        self.open_folder_button.setToolTip(
            self.tr("Show the project's folder in the file manager"))
        self.open_folder_button.setAccessibleName(self.tr("Open the project folder"))
        self.open_folder_button.setAccessibleDescription(self.open_folder_button.toolTip())
        self.open_folder_button.clicked.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(project.path))))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setAccessibleName(self.tr("Close"))
        close.setAccessibleDescription(self.tr("Closes the project properties"))
        buttons.addButton(self.open_folder_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for group in (about, contents, storage):
            layout.addWidget(group)
        layout.addWidget(buttons)
        self.setMinimumWidth(560)

    def _group(self, title: str, rows: list[tuple[str, str, str]]) -> QGroupBox:
        group = QGroupBox(title, self)
        form = QFormLayout(group)
        for key, label, value in rows:
            field = QLabel(value, group)
            field.setObjectName(f"property_{key}")
            field.setWordWrap(True)
            # Paths and names are there to be copied (into a file manager, a report).
            field.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            field.setAccessibleName(label.rstrip(":"))
            form.addRow(label, field)
            self.values[key] = value
        return group

def _created(when: str, by: str) -> str:
    if not when:
        return "—"
    return f"{when} ({by})" if by else when
