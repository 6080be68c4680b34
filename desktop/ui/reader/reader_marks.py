"""The reader's search hits and find-in-article matches: which one is current, moving between
them, and the extra selections that show the current hit and the find matches (they come
and go without touching the document)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QTextEdit

from desktop.ui.reader.article_renderer import HIT_PROPERTY, HIT_TEXT, DocRange

if TYPE_CHECKING:
    from desktop.ui.reader.reader_view import ReaderView

_CURRENT_BACKGROUND = "#ff9f1a"
_FIND_BACKGROUND = "#9fd0ff"


class ReaderMarks(QObject):
    def __init__(self, view: ReaderView) -> None:
        super().__init__(view)
        self._view = view
        self.hit_ranges: list[DocRange] = []
        self.current_hit = -1
        self._find_ranges: list[DocRange] = []
        self._find_current = -1

    def reset(self, hits: list[DocRange]) -> None:
        """A new document: its hits, none current yet, no find matches."""
        self.hit_ranges = hits
        self.current_hit = -1
        self._find_ranges, self._find_current = [], -1
        self._update_extra_selections()
        if not hits:
            self._view.hits_changed.emit(-1, 0)

    def show_first_hit(self) -> None:
        self.current_hit = 0 if self.hit_ranges else -1
        self._update_extra_selections()
        if self.hit_ranges:
            self._view.reveal(*self.hit_ranges[0])
        self._view.hits_changed.emit(self.current_hit, len(self.hit_ranges))

    def restore_hit(self, current: int) -> None:
        """The same article rendered anew: the same hit stays current."""
        self.current_hit = current if 0 <= current < len(self.hit_ranges) else -1
        self._update_extra_selections()

    def step_hit(self, step: int) -> None:
        if not self.hit_ranges:
            return
        # Wraps around, as find does in browsers and editors.
        self.current_hit = (self.current_hit + step) % len(self.hit_ranges)
        self._update_extra_selections()
        self._view.reveal(*self.hit_ranges[self.current_hit])
        self._view.hits_changed.emit(self.current_hit, len(self.hit_ranges))

    def set_find_matches(self, ranges: list[DocRange], current: int) -> None:
        self._find_ranges, self._find_current = list(ranges), current
        self._update_extra_selections()
        if 0 <= current < len(ranges):
            self._view.reveal(*ranges[current])

    def marked_texts(self) -> list[str]:
        """The text of every hit mark, in document order."""
        found: list[str] = []
        block = self._view.document().begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                fragment = it.fragment()
                if fragment.isValid() and fragment.charFormat().property(HIT_PROPERTY):
                    found.append(fragment.text())
                it += 1
            block = block.next()
        return found

    def _update_extra_selections(self) -> None:
        selections: list[QTextEdit.ExtraSelection] = []
        for i, (start, end) in enumerate(self._find_ranges):
            colour = _CURRENT_BACKGROUND if i == self._find_current else _FIND_BACKGROUND
            selections.append(self._selection(start, end, colour))
        if not self._find_ranges and 0 <= self.current_hit < len(self.hit_ranges):
            selections.append(self._selection(*self.hit_ranges[self.current_hit],
                                              _CURRENT_BACKGROUND))
        self._view.setExtraSelections(selections)

    def _selection(self, start: int, end: int, colour: str) -> QTextEdit.ExtraSelection:
        selection = QTextEdit.ExtraSelection()
        cursor = QTextCursor(self._view.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        selection.cursor = cursor  # type: ignore[misc]
        fmt = QTextCharFormat()
        fmt.setBackground(QColor(colour))
        fmt.setForeground(QColor(HIT_TEXT))
        selection.format = fmt  # type: ignore[misc]
        return selection
