"""File > New Project: a name and a location; the project's folder is created for it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

# Characters that cannot be in a folder name on one of the systems we run on.
_FORBIDDEN = set('/\\:*?"<>|')


class NewProjectDialog(QDialog):
    def __init__(self, location: Path | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("newProjectDialog")
        self.setWindowTitle(self.tr("New Project"))
        self.name_field = QLineEdit(self)
        self.name_field.setObjectName("projectName")
        self.name_field.setPlaceholderText(self.tr("for example: Iraq 2014 coverage"))
        self.name_field.setAccessibleName(self.tr("Project name"))
        self.name_field.setAccessibleDescription(
            self.tr("The project's name; its folder is named after it"))
        self.location_field = QLineEdit(str(location or default_location()), self)
        self.location_field.setObjectName("projectLocation")
        self.location_field.setAccessibleName(self.tr("Location"))
        self.location_field.setAccessibleDescription(self.tr(
            "The folder in which the project's folder is created; it is created too if "
            "it does not exist"))
        self.browse_button = QPushButton(self.tr("Browse…"), self)
        self.browse_button.setToolTip(self.tr("Choose the folder to create the project in"))
        self.browse_button.setAccessibleName(self.tr("Browse for a location"))
        self.browse_button.setAccessibleDescription(self.browse_button.toolTip())
        self.target_label = QLabel(self)
        self.target_label.setObjectName("projectTarget")
        self.target_label.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        create = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        create.setText(self.tr("Create"))
        create.setAccessibleName(self.tr("Create the project"))
        create.setAccessibleDescription(self.tr("Creates the folder and opens the project"))
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAccessibleName(self.tr("Cancel"))
        cancel.setAccessibleDescription(self.tr("Closes this dialog without creating anything"))

        location_row = QHBoxLayout()
        location_row.addWidget(self.location_field, 1)
        location_row.addWidget(self.browse_button)
        form = QFormLayout()
        form.addRow(self.tr("&Name:"), self.name_field)
        # A label of its own: one made for a layout has no buddy, and showed the "&".
        location_label = QLabel(self.tr("&Location:"))
        location_label.setBuddy(self.location_field)
        form.addRow(location_label, location_row)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.target_label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)

        self.name_field.textChanged.connect(self._validate)
        self.location_field.textChanged.connect(self._validate)
        self.browse_button.clicked.connect(self._browse)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._validate()

    def project_name(self) -> str:
        return " ".join(self.name_field.text().split())

    def project_folder(self) -> Path:
        return Path(self.location_field.text().strip()).expanduser() / self.project_name()

    def problem(self) -> str:
        """Why the project cannot be created as entered, or an empty string."""
        name = self.project_name()
        if not name:
            return self.tr("Enter a name for the project.")
        if name in (".", "..") or any(ch in _FORBIDDEN for ch in name):
            return self.tr('A project name cannot contain / \\ : * ? " < > |.')
        if not self.location_field.text().strip():
            return self.tr("Choose where to create the project.")
        location = Path(self.location_field.text().strip()).expanduser()
        if location.exists() and not location.is_dir():
            return self.tr("The location %1 is a file, not a folder.").replace("%1", str(location))
        folder = self.project_folder()
        if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
            return self.tr("%1 already exists and is not empty: choose another name.").replace(
                "%1", str(folder))
        return ""

    def _validate(self) -> None:
        problem = self.problem()
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(not problem)
        if problem:
            self.target_label.setText(problem)
        else:
            self.target_label.setText(self.tr("The project will be created in %1").replace(
                "%1", str(self.project_folder())))

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Location of the New Project"), self.location_field.text())
        if folder:
            self.location_field.setText(folder)


def default_location() -> Path:
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents or Path.home()) / "Research Notes"
