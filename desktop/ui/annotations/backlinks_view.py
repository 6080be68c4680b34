"""A "Linked from" section: the notes and highlights that link to one target; activating
one opens it."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import QLabel, QListView, QVBoxLayout, QWidget

from desktop.domain.link import LinkEnd
from desktop.storage.project_store import ProjectStore
from desktop.ui.annotations.backlinks_model import BACKLINK_ROLE, BacklinksModel, load_backlinks
from desktop.ui.common.formatting import format_count


class BacklinksView(QWidget):
    open_requested = Signal(object)  # LinkEnd of the note or highlight

    def __init__(self, parent: QWidget | None = None, heading: str = "") -> None:
        super().__init__(parent)
        self.target: LinkEnd | None = None
        self._heading = heading or self.tr("Linked from")
        self.model = BacklinksModel(self)
        self.heading = QLabel(self.tr("Linked from"), self)
        self.heading.setObjectName("backlinksHeading")
        self.list = QListView(self)
        self.list.setObjectName("backlinks")
        self.list.setModel(self.model)
        self.list.setMaximumHeight(90)
        self.list.setAccessibleName(self.tr("Linked from"))
        self.list.setAccessibleDescription(self.tr(
            "Notes and highlights that link here; Enter opens one"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.list)
        self.list.activated.connect(self._activated)

    def show_for(self, store: ProjectStore | None, target: LinkEnd | None) -> None:
        self.target = target
        links = load_backlinks(store, target) if store is not None and target else []
        self.model.set_links(links)
        self.heading.setText(f"{self._heading} ({format_count(len(links))})" if links
                             else self.tr("%1: nothing yet").replace("%1", self._heading))
        self.list.setVisible(bool(links))

    def _activated(self, index: QModelIndex) -> None:
        link = index.data(BACKLINK_ROLE)
        if link is not None:
            self.open_requested.emit(link.source)
