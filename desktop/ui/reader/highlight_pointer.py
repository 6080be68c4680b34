"""The mouse over the reader's highlights: a click selects the highlight under it (a small
menu asks which one where several overlap) and hovering shows its codes, entities and the
first line of its note."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, Qt, Signal
from PySide6.QtGui import QColor, QHelpEvent, QIcon, QMouseEvent, QPixmap
from PySide6.QtWidgets import QApplication, QMenu, QToolTip

from desktop.services.reader_annotations import UNCODED_COLOUR, ShownHighlight

if TYPE_CHECKING:
    from desktop.ui.reader.reader_view import ReaderView

_QUOTE_CHARS = 48
_NOTE_CHARS = 100


class HighlightPointer(QObject):
    picker_shown = Signal(object)  # the QMenu offering the overlapping highlights

    def __init__(self, view: ReaderView) -> None:
        super().__init__(view)
        self._view = view
        self._pressed_at: QPoint | None = None
        view.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.MouseButtonPress and isinstance(event, QMouseEvent):
            if event.button() == Qt.MouseButton.LeftButton:
                self._pressed_at = event.position().toPoint()
        elif kind == QEvent.Type.MouseButtonRelease and isinstance(event, QMouseEvent):
            if event.button() == Qt.MouseButton.LeftButton:
                self._clicked(event)
        elif kind == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            self._tool_tip(event)
            return True
        return False

    def _clicked(self, event: QMouseEvent) -> None:
        pressed, self._pressed_at = self._pressed_at, None
        point = event.position().toPoint()
        if pressed is None or (point - pressed).manhattanLength() >= (
                QApplication.startDragDistance()):
            return  # a drag selects text; it does not pick a highlight
        under = self._view.highlights_at(QPointF(point))
        if len(under) == 1:
            self._view.select_highlight(under[0], reveal=False)
        elif len(under) > 1:
            self.pick(under, event.globalPosition().toPoint())

    def pick(self, ids: list[int], global_pos: QPoint) -> QMenu:
        """A menu of the overlapping highlights at a spot; choosing one selects it."""
        menu = QMenu(self._view)
        menu.setObjectName("highlightPicker")
        menu.setAccessibleName(self.tr("Choose a highlight"))
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        annotations = self._view.annotations
        for highlight_id in ids:
            shown = annotations.highlight(highlight_id) if annotations else None
            if shown is None:
                continue
            action = menu.addAction(_swatch(shown), self._label(shown))
            action.setData(highlight_id)
            action.triggered.connect(
                lambda _checked=False, h=highlight_id: self._view.select_highlight(h, False))
        self.picker_shown.emit(menu)
        menu.popup(global_pos)
        return menu

    def _label(self, shown: ShownHighlight) -> str:
        codes = ", ".join(shown.codes) or self.tr("No code")
        quote = " ".join(shown.quote.split())
        if len(quote) > _QUOTE_CHARS:
            quote = quote[:_QUOTE_CHARS - 1] + "…"
        return f"{codes} — “{quote}”"

    def _tool_tip(self, event: QHelpEvent) -> None:
        text = self.tip_at(QPointF(event.pos()))
        if text:
            QToolTip.showText(event.globalPos(), text, self._view.viewport())
        else:
            QToolTip.hideText()
            event.ignore()

    def tip_at(self, point: QPointF) -> str:
        """The tool tip at a viewport point: the highlights there (innermost first) and
        the entity mentions; empty where there is neither."""
        annotations = self._view.annotations
        parts: list[str] = []
        if annotations is not None:
            for highlight_id in self._view.highlights_at(point):
                shown = annotations.highlight(highlight_id)
                if shown is not None:
                    parts.append(self.describe(shown))
        offset = self._view.document_offset()
        for mention in self._view.overlay.mentions_at(point + offset):
            name = html.escape(mention.name, quote=False)
            kind = html.escape(mention.type_name, quote=False)
            parts.append(self.tr("%1 (%2)").replace("%1", f"<b>{name}</b>").replace("%2", kind))
        return "<hr>".join(parts)

    def describe(self, shown: ShownHighlight) -> str:
        """A highlight's tool tip: codes, tagged entities, the first line of its note."""
        codes = ", ".join(shown.codes) or self.tr("Highlight without a code")
        lines = [f"<b>{html.escape(codes, quote=False)}</b>"]
        if shown.entities:
            lines.append(html.escape(self.tr("Entities: %1").replace(
                "%1", ", ".join(shown.entities)), quote=False))
        if shown.note:
            note = shown.note if len(shown.note) <= _NOTE_CHARS else (
                shown.note[:_NOTE_CHARS - 1] + "…")
            lines.append(f"<i>{html.escape(note, quote=False)}</i>")
        return "<br>".join(lines)


def _swatch(shown: ShownHighlight) -> QIcon:
    pixmap = QPixmap(12, 12)
    pixmap.fill(QColor((shown.colours or (UNCODED_COLOUR,))[0]))
    return QIcon(pixmap)
