"""A simple card for an entity reached from a note's chip: name, type, aliases, description
and what links to it. (The entities work brings the full entity page.)"""

from __future__ import annotations

import html

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from desktop.domain.link import LinkEnd, LinkKind
from desktop.storage.project_store import ProjectStore
from desktop.ui.annotations.backlinks_view import BacklinksView


class EntityCard(QDialog):
    open_requested = Signal(object)  # LinkEnd of a backlink

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("entityCard")
        self.setWindowTitle(self.tr("Entity"))
        self.entity_id: int | None = None
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.backlinks = BacklinksView(self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setAccessibleName(self.tr("Close"))
        close.setAccessibleDescription(self.tr("Closes the entity card"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.backlinks, 1)
        layout.addWidget(buttons)
        self.backlinks.open_requested.connect(self.open_requested)
        self.resize(420, 320)

    def show_entity(self, store: ProjectStore, entity_id: int) -> bool:
        entity = store.entities.get(entity_id)
        if entity is None or entity.deleted_at is not None:
            return False
        self.entity_id = entity_id
        type_name = next((t.name for t in store.entities.types() if t.id == entity.type_id), "")
        parts = [f"<h3>{html.escape(entity.name)}</h3>",
                 f"<p><i>{html.escape(type_name.capitalize())}</i></p>"]
        if entity.aliases:
            parts.append("<p>{} {}</p>".format(html.escape(self.tr("Also called:")),
                                               html.escape(", ".join(entity.aliases))))
        if entity.description:
            parts.append(f"<p>{html.escape(entity.description)}</p>")
        self.summary.setText("".join(parts))
        self.setWindowTitle(entity.name)
        self.backlinks.show_for(store, LinkEnd(LinkKind.ENTITY, entity_id))
        return True
