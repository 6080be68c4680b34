"""Mentions of one entity in context (keyword in context): the text before, the name as
written, the text after, and the article, one row per mention."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

from desktop.services.entity_views import KwicLine

Index = QModelIndex | QPersistentModelIndex


class KwicModel(QAbstractTableModel):
    LEFT, MATCH, RIGHT, ARTICLE = range(4)
    LINE_ROLE = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._lines: list[KwicLine] = []

    def set_lines(self, lines: Sequence[KwicLine]) -> None:
        self.beginResetModel()
        self._lines = list(lines)
        self.endResetModel()

    def line(self, row: int) -> KwicLine | None:
        return self._lines[row] if 0 <= row < len(self._lines) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 4

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < 4:
            return (self.tr("Before"), self.tr("Mention"), self.tr("After"),
                    self.tr("Article"))[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._lines):
            return None
        line, column = self._lines[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (line.left, line.match, line.right, line.article_title)[column]
        if role == self.LINE_ROLE:
            return line
        if role == Qt.ItemDataRole.ToolTipRole:
            state = self.tr("suggested") if line.state == "suggested" else self.tr("confirmed")
            text = f"{line.article_title} ({state})"
            if line.stale:
                text += " " + self.tr("— the article changed since; the place may be off")
            return text
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = (Qt.AlignmentFlag.AlignRight if column == self.LEFT else
                          Qt.AlignmentFlag.AlignHCenter if column == self.MATCH else
                          Qt.AlignmentFlag.AlignLeft)
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and column == self.MATCH:
            font = QFont()
            font.setBold(True)
            font.setItalic(line.state == "suggested")
            return font
        return None


class LeftElideDelegate(QStyledItemDelegate):
    """The text before a mention is cut at its start, so that the words next to the name
    stay in view."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: Index) -> None:
        super().initStyleOption(option, index)
        option.textElideMode = Qt.TextElideMode.ElideLeft  # type: ignore[attr-defined]
