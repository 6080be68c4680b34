"""Backlinks ("Linked from"): the notes and highlights that link to an article, a note, a
highlight or an entity."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from desktop.domain.link import LinkEnd, LinkKind
from desktop.storage.project_store import ProjectStore

Index = QModelIndex | QPersistentModelIndex
BACKLINK_ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True, slots=True)
class Backlink:
    source: LinkEnd  # a note or a highlight
    label: str


def load_backlinks(store: ProjectStore, target: LinkEnd) -> list[Backlink]:
    found: list[Backlink] = []
    for link in store.notes.links_to(target):
        title = store.note_listing.title_of(link.source.kind, link.source.id)
        if title is not None:  # a deleted note keeps its links until it is purged
            found.append(Backlink(link.source, title or "…"))
    return found


class BacklinksModel(QAbstractListModel):
    def __init__(self, parent: object | None = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self.links: list[Backlink] = []

    def set_links(self, links: Sequence[Backlink]) -> None:
        self.beginResetModel()
        self.links = list(links)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.links)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self.links):
            return None
        link = self.links[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            kind = self.tr("Note") if link.source.kind is LinkKind.NOTE else self.tr("Highlight")
            return f"{kind}: {link.label}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return link.label
        if role == BACKLINK_ROLE:
            return link
        return None
