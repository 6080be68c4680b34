"""Notes as a list: title (or the first line), what the note is on, links, when changed."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from desktop.domain.note import preview_line
from desktop.storage.note_listing import NoteRow
from desktop.ui.common.formatting import format_count

Index = QModelIndex | QPersistentModelIndex
NOTE_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class NoteListModel(QAbstractTableModel):
    TITLE, ON, LINKS, CHANGED = range(4)

    def __init__(self, parent: object | None = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self.rows: list[NoteRow] = []
        self._headers = (self.tr("Note"), self.tr("On"), self.tr("Links"), self.tr("Changed"))

    def set_rows(self, rows: Sequence[NoteRow]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def note_id(self, row: int) -> int | None:
        return self.rows[row].id if 0 <= row < len(self.rows) else None

    def row_of(self, note_id: int) -> int | None:
        return next((i for i, r in enumerate(self.rows) if r.id == note_id), None)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        if role == NOTE_ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.preview[:400] or None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        column = index.column()
        if column == self.TITLE:
            return row.title or _first_line(row.preview) or self.tr("(empty note)")
        if column == self.ON:
            if row.article_id is not None:
                return row.article_title
            return self.tr("(deleted article)") if row.quote else self.tr("Notebook")
        if column == self.LINKS:
            return format_count(row.links) if row.links else ""
        return (row.updated_at or row.created_at)[:16].replace("T", " ")

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self._headers)):
            return self._headers[section]
        return None


def _first_line(text: str) -> str:
    return preview_line(text)[:120]
