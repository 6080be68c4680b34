"""What ``[[`` and ``@`` offer in the note editor: article and note titles, or entity names
(with "New entity…" to make one), each with the Markdown link it inserts."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from desktop.domain.link import LinkKind
from desktop.services.note_service import link_target

Index = QModelIndex | QPersistentModelIndex
CHOICE_ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True, slots=True)
class LinkChoice:
    kind: LinkKind | None  # None: "New entity…"
    id: int
    title: str
    detail: str = ""  # the entity's type, "article", "note"

    def markdown(self) -> str:
        """The link inserted for this choice: ``[Title](rn://kind/id)``."""
        assert self.kind is not None
        text = self.title.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")
        return f"[{text}]({link_target(self.kind, self.id)})"


class LinkCompletionModel(QAbstractListModel):
    def __init__(self, parent: object | None = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self.choices: list[LinkChoice] = []

    def set_choices(self, choices: Sequence[LinkChoice]) -> None:
        self.beginResetModel()
        self.choices = list(choices)
        self.endResetModel()

    def choice(self, row: int) -> LinkChoice | None:
        return self.choices[row] if 0 <= row < len(self.choices) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.choices)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self.choices):
            return None
        choice = self.choices[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return f"{choice.title} — {choice.detail}" if choice.detail else choice.title
        if role == Qt.ItemDataRole.ToolTipRole:
            return choice.markdown() if choice.kind is not None else choice.title
        if role == CHOICE_ROLE:
            return choice
        return None
