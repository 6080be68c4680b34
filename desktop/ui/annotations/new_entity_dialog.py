"""A new entity from the note editor's ``@``: its name and type."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QWidget,
)

from desktop.domain.entity import EntityType


class NewEntityDialog(QDialog):
    def __init__(self, name: str, types: Sequence[EntityType],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("newEntityDialog")
        self.setWindowTitle(self.tr("New Entity"))
        self.name = QLineEdit(name, self)
        self.name.setAccessibleName(self.tr("Entity name"))
        self.name.setAccessibleDescription(self.tr("How the person, organisation or place "
                                                   "is called"))
        self.type = QComboBox(self)
        for entity_type in types:
            self.type.addItem(entity_type.name.capitalize(), entity_type.name)
        self.type.setAccessibleName(self.tr("Entity type"))
        self.type.setAccessibleDescription(self.tr("Person, organisation, place, event or "
                                                   "another type"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Create and Link"))
        ok.setAccessibleName(self.tr("Create and link"))
        ok.setAccessibleDescription(self.tr("Creates the entity and links the note to it"))
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAccessibleName(self.tr("Cancel"))
        cancel.setAccessibleDescription(self.tr("Makes no entity"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.name.textChanged.connect(
            lambda text: ok.setEnabled(bool(text.strip())))
        ok.setEnabled(bool(name.strip()))
        form = QFormLayout(self)
        form.addRow(self.tr("&Name:"), self.name)
        form.addRow(self.tr("&Type:"), self.type)
        form.addRow(self.buttons)

    def entity_name(self) -> str:
        return " ".join(self.name.text().split())

    def type_name(self) -> str:
        return str(self.type.currentData())
