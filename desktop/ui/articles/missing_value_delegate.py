"""Draws an empty cell (no source, no date recorded) as a faint dash, so that a missing
value reads as "not recorded" rather than as a layout fault."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

Index = QModelIndex | QPersistentModelIndex
MISSING = "—"


class MissingValueDelegate(QStyledItemDelegate):
    def initStyleOption(self, option: QStyleOptionViewItem, index: Index) -> None:
        super().initStyleOption(option, index)
        if not option.text:  # type: ignore[attr-defined]
            option.text = MISSING  # type: ignore[attr-defined]
            palette = option.palette  # type: ignore[attr-defined]
            palette.setColor(QPalette.ColorRole.Text,
                             palette.color(QPalette.ColorRole.PlaceholderText))
