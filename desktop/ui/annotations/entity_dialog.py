"""Naming an entity: for "New Entity from Selection…" (the name comes from the selection)
and "Tag with Entity…" (an existing entity, completed as you type, or a new one)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from desktop.domain.entity import Entity, EntityType


class EntityDialog(QDialog):
    def __init__(self, title: str, name: str, types: list[EntityType],
                 known: list[Entity] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("entityDialog")
        self.setWindowTitle(title)
        self._known = {e.name.casefold(): e for e in known or []}
        self._type_names = {t.id: t.name for t in types}
        self.name = QLineEdit(name, self)
        self.name.setObjectName("entityName")
        self.name.setAccessibleName(self.tr("Entity name"))
        self.name.setAccessibleDescription(self.tr(
            "The name the entity is known by (its canonical name)"))
        if known:
            completer = QCompleter(sorted({e.name for e in known}, key=str.casefold), self)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            self.name.setCompleter(completer)
        self.type = QComboBox(self)
        self.type.setObjectName("entityType")
        self.type.setAccessibleName(self.tr("Entity type"))
        self.type.setAccessibleDescription(self.tr("Person, organisation, place, event…"))
        for entity_type in types:
            self.type.addItem(_swatch(entity_type.colour), entity_type.name.capitalize(),
                              entity_type.name)
        self.hint = QLabel(self)
        self.hint.setObjectName("entityHint")
        self.hint.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        for button in self.buttons.buttons():
            button.setAccessibleName(button.text().replace("&", ""))
            button.setAccessibleDescription(button.text().replace("&", ""))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("&Name:"), self.name)
        form.addRow(self.tr("&Type:"), self.type)
        form.addRow(self.hint)
        form.addRow(self.buttons)
        self.name.textChanged.connect(self._update)
        self._update()
        self.name.selectAll()
        self.name.setFocus()

    def entity_name(self) -> str:
        return " ".join(self.name.text().split())

    def type_name(self) -> str:
        return str(self.type.currentData())

    def existing(self) -> Entity | None:
        """The known entity the name names, if any (tagging then reuses it)."""
        return self._known.get(self.entity_name().casefold())

    def _update(self) -> None:
        found = self.existing() if self._known else None
        self.type.setEnabled(found is None)
        if found is not None:
            index = self.type.findData(self._type_names.get(found.type_id, ""))
            if index >= 0:
                self.type.setCurrentIndex(index)
            self.hint.setText(self.tr("An existing entity."))
        elif self._known:
            self.hint.setText(self.tr("A new entity: choose its type."))
        else:
            self.hint.setText("")
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.entity_name()) and self.type.count() > 0)


def _swatch(colour: str) -> QIcon:
    pixmap = QPixmap(12, 12)
    pixmap.fill(QColor(colour))
    return QIcon(pixmap)
