"""Margin notes: the open article's notes beside the text, each at the height of the passage
it is about (as comments sit in a word processor's margin), pushed down where they would
overlap. Notes on the article itself, and on passages that could not be placed after the
text changed, come first, at the top.

The margin scrolls with the reader: cards are placed in document coordinates and drawn
shifted by the reader's scroll position. Clicking a card (or Up/Down and Enter from the
keyboard) selects its highlight in the reader.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFocusEvent,
    QFontMetricsF,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QResizeEvent,
    QTextDocument,
)
from PySide6.QtWidgets import QWidget

from desktop.services.reader_annotations import UNCODED_COLOUR
from desktop.ui.common.markdown_html import MarkdownHtml
from desktop.ui.reader.note_card import PADDING, NoteCard
from desktop.ui.reader.reader_view import ReaderView

_SIDE = 8.0  # space left and right of the cards
_ACCENT = 3.0  # the coloured edge of a card
_GAP = 6.0  # between cards
_IDLE_BUDGET_S = 0.008  # rendering cards out of view, per turn of the event loop


class MarginNotes(QWidget):
    note_activated = Signal(int)  # a note was clicked or chosen with Enter (its id)
    link_activated = Signal(str)  # a link in a note was clicked (its address)
    presence_changed = Signal(bool)  # the article shown has notes (the margin is wanted)

    def __init__(self, view: ReaderView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("marginNotes")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setAccessibleName(self.tr("Margin notes"))
        self.setAccessibleDescription(self.tr(
            "The notes of the open article beside their passages; Up and Down move between "
            "notes, Enter selects the passage"))
        self._view = view
        self.cards: list[NoteCard] = []
        self._documents: dict[tuple[int, str], QTextDocument] = {}
        self._markdown = MarkdownHtml(self.tr("Image: %1"))
        self._focus = -1
        self._chosen = -1  # the highlight whose card is drawn as chosen
        self._has_notes = False
        self._generation = 0  # relayouts done, to notice one done within another
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.setInterval(0)
        self._idle.timeout.connect(self._render_some)
        view.layout_changed.connect(self.relayout)
        view.rendering.connect(self._settle_presence)
        view.verticalScrollBar().valueChanged.connect(self.update)
        view.current_highlight_changed.connect(self._current_changed)

    # -- layout -------------------------------------------------------------------------

    @property
    def text_width(self) -> float:
        return max(40.0, self.width() - 2 * _SIDE - 2 * PADDING - _ACCENT)

    def _settle_presence(self) -> None:
        # Before the reader lays out an article's text: show or hide the margin now, so
        # that the text is laid out once, at its final width.
        annotations = self._view.annotations
        has_notes = annotations is not None and bool(annotations.notes)
        if has_notes != self._has_notes:
            self._has_notes = has_notes
            self.presence_changed.emit(has_notes)

    def relayout(self) -> None:
        """The reader's highlights or layout changed: cards anew, at their passages."""
        annotations = self._view.annotations
        notes = annotations.notes if annotations is not None else ()
        has_notes = bool(notes)
        if has_notes != self._has_notes:
            # Showing or hiding the margin resizes the reader, which lays the text out
            # anew and asks for this again: done there, once, at the new width.
            self._has_notes = has_notes
            generation = self._generation
            self.presence_changed.emit(has_notes)
            if self._generation != generation:
                return
        self._generation += 1
        top = self._text_top()
        # At the top: notes on the article, then on passages not placed in the text; then
        # the rest by the height of their passage, in the order they were written.
        cards: list[tuple[float, int, int, NoteCard]] = []
        for order, note in enumerate(notes):
            shown = annotations.highlight(note.highlight_id) if (
                annotations is not None and note.highlight_id is not None) else None
            anchor = self._view.highlight_top(shown.id) if shown is not None else None
            if shown is not None and anchor is not None:
                card = NoteCard(note, shown.id, "", (shown.colours or (UNCODED_COLOUR,))[0])
                card.anchor = anchor
                group = 2
            else:
                label = (self.tr("On the article") if shown is None else
                         self.tr("Passage needs review") if shown.status == "needs_review"
                         else self.tr("Passage detached"))
                card = NoteCard(note, shown.id if shown else None, label,
                                self.palette().color(QPalette.ColorRole.Mid).name())
                card.anchor = top
                group = 0 if shown is None else 1
            cards.append((card.anchor, group, order, card))
        cards.sort(key=lambda c: c[:3])
        self.cards = [c[3] for c in cards]
        keys = {c.key for c in self.cards}
        self._documents = {k: d for k, d in self._documents.items() if k in keys}
        metrics = QFontMetricsF(self.font())
        for card in self.cards:
            kept = self._documents.get(card.key)
            if kept is not None:
                card.render(self._markdown, metrics, self.text_width, kept)
            else:
                card.estimate(metrics, self.text_width)
        self._focus = min(self._focus, len(self.cards) - 1)
        self._stack()
        if any(not c.rendered for c in self.cards):
            self._idle.start()
        self.update()

    def _text_top(self) -> float:
        document = self._view.document()
        return document.documentLayout().blockBoundingRect(document.begin()).top()

    def _stack(self) -> None:
        bottom = float("-inf")
        for card in self.cards:
            card.top = max(card.anchor, bottom + _GAP)
            bottom = card.top + card.height
        # Room below the text for the last cards, so that the reader can scroll to them.
        self._view.set_bottom_room(max(0.0, bottom + _GAP - self._view.content_height())
                                   if self.cards else 0.0)

    def _render(self, card: NoteCard) -> None:
        card.render(self._markdown, QFontMetricsF(self.font()), self.text_width,
                    link_colour=self.palette().color(QPalette.ColorRole.Link).name())
        assert card.document is not None
        self._documents[card.key] = card.document

    def _render_visible(self) -> None:
        # Render what is in view; stacking again may bring other cards into view.
        for _round in range(4):
            top, bottom = self._band()
            waiting = [c for c in self.cards if not c.rendered
                       and c.top <= bottom and c.top + c.height >= top]
            if not waiting:
                return
            for card in waiting:
                self._render(card)
            self._stack()

    def _render_some(self) -> None:
        # Cards out of view are rendered in idle time, top down, a few milliseconds a turn.
        if not self.isVisible():
            return  # shown again: the next relayout or paint renders what is needed
        deadline = time.perf_counter() + _IDLE_BUDGET_S
        waiting = [c for c in self.cards if not c.rendered]
        for card in waiting:
            self._render(card)
            if time.perf_counter() > deadline:
                break
        self._stack()
        self.update()
        if any(not c.rendered for c in self.cards):
            self._idle.start()

    @property
    def has_notes(self) -> bool:
        """The article shown has notes (the margin is wanted)."""
        return self._has_notes

    @property
    def fully_rendered(self) -> bool:
        return all(c.rendered for c in self.cards)

    # -- coordinates --------------------------------------------------------------------

    def _shift(self) -> float:
        """Add to a document y to get this widget's y (the reader's scroll and frame)."""
        viewport = self._view.viewport()
        top = self.mapFromGlobal(viewport.mapToGlobal(QPoint(0, 0))).y()
        return top - self._view.verticalScrollBar().value()

    def _band(self) -> tuple[float, float]:
        shift = self._shift()
        return -shift, self.height() - shift

    def card_rect(self, index: int, shift: float | None = None) -> QRectF:
        """Where card ``index`` is drawn, in this widget's coordinates."""
        card = self.cards[index]
        return card.rect(_SIDE, self.width() - 2 * _SIDE).translated(
            0, self._shift() if shift is None else shift)

    def card_at(self, point: QPointF) -> int:
        shift = self._shift()
        for i in range(len(self.cards)):
            if self.card_rect(i, shift).contains(point):
                return i
        return -1

    # -- painting -----------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        self._render_visible()
        painter = QPainter(self)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Window))
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        shift = self._shift()
        current = self._view.current_highlight
        clip = QRectF(event.rect())
        for i, card in enumerate(self.cards):
            if card.top + shift > clip.bottom() or card.top + card.height + shift < clip.top():
                continue
            rect = self.card_rect(i, shift)
            chosen = current is not None and card.highlight_id == current
            self._paint_card(painter, card, rect, palette, chosen,
                             focused=self.hasFocus() and i == self._focus)
            if card.top - card.anchor > 2:
                # Pushed down: a faint line back to the passage it is about.
                painter.setPen(QPen(QColor(card.colour), 1.0, Qt.PenStyle.DotLine))
                painter.drawLine(QPointF(0, card.anchor + shift + 6),
                                 QPointF(rect.left(), rect.top() + 6))
        painter.end()

    def _paint_card(self, painter: QPainter, card: NoteCard, rect: QRectF, palette: QPalette,
                    chosen: bool, focused: bool) -> None:
        border = palette.color(QPalette.ColorRole.Highlight) if chosen or focused else (
            palette.color(QPalette.ColorRole.Mid))
        painter.setPen(QPen(border, 1.6 if chosen or focused else 1.0,
                            Qt.PenStyle.DotLine if focused and not chosen else
                            Qt.PenStyle.SolidLine))
        painter.setBrush(palette.color(QPalette.ColorRole.Base))
        painter.drawRoundedRect(rect.adjusted(0.5, 0.5, -0.5, -0.5), 4, 4)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(card.colour))
        painter.drawRoundedRect(QRectF(rect.left() + 1, rect.top() + 1, _ACCENT,
                                       rect.height() - 2), 1.5, 1.5)
        x = rect.left() + _ACCENT + PADDING
        y = rect.top() + PADDING
        metrics = QFontMetricsF(self.font())
        if card.label:
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(QPointF(x, y + metrics.ascent()), card.label)
            y += metrics.lineSpacing() + 2
        body = QRectF(0, 0, self.text_width, rect.bottom() - PADDING - y)
        if card.document is not None:
            painter.save()
            painter.translate(x, y)
            painter.setClipRect(body)
            context = QAbstractTextDocumentLayout.PaintContext()
            context.palette = palette
            context.clip = body
            card.document.documentLayout().draw(painter, context)
            painter.restore()
        if card.clipped:
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(QPointF(rect.right() - PADDING - metrics.horizontalAdvance("…"),
                                     rect.bottom() - 3), "…")

    # -- interaction --------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        index = self.card_at(event.position())
        if index < 0:
            super().mousePressEvent(event)
            return
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        link = self._link_at(index, event.position())
        if link:
            self.link_activated.emit(link)
            return
        self._activate(index)

    def _link_at(self, index: int, point: QPointF) -> str:
        card = self.cards[index]
        if card.document is None:
            return ""
        rect = self.card_rect(index)
        label = QFontMetricsF(self.font()).lineSpacing() + 2 if card.label else 0.0
        inside = point - QPointF(rect.left() + _ACCENT + PADDING, rect.top() + PADDING + label)
        return card.document.documentLayout().anchorAt(inside)

    def activate(self, index: int) -> None:
        """Choose card ``index``: its highlight becomes the reader's current one."""
        self._activate(index)

    def _activate(self, index: int) -> None:
        self._focus = index
        card = self.cards[index]
        if card.highlight_id is not None:
            self._view.select_highlight(card.highlight_id, reveal=False)
        self.note_activated.emit(card.note.id or 0)
        self.update()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if not self.cards or key not in (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Return,
                                         Qt.Key.Key_Enter, Qt.Key.Key_Space):
            super().keyPressEvent(event)
            return
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            step = -1 if key == Qt.Key.Key_Up else 1
            self._focus = max(0, min(len(self.cards) - 1, self._focus + step))
            self._scroll_to(self._focus)
            self.update()
        elif self._focus >= 0:
            self._activate(self._focus)

    def _scroll_to(self, index: int) -> None:
        rect = self.card_rect(index)
        if rect.top() >= 0 and rect.bottom() <= self.height():
            return
        bar = self._view.verticalScrollBar()
        bar.setValue(round(self.cards[index].top - self.height() / 3))

    def focusInEvent(self, event: QFocusEvent) -> None:
        if self._focus < 0 and self.cards:
            self._focus = self._first_visible()
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.update()

    def _first_visible(self) -> int:
        return next((i for i in range(len(self.cards)) if self.card_rect(i).bottom() >= 0), 0)

    def _current_changed(self, highlight_id: int) -> None:
        # Only the cards whose frame changes are painted again: the one chosen before, the
        # one chosen now, and the keyboard's.
        chosen = {self._chosen, highlight_id}
        dirty = {i for i, c in enumerate(self.cards) if c.highlight_id in chosen}
        dirty.add(self._focus)
        index = next((i for i, c in enumerate(self.cards) if c.highlight_id == highlight_id), -1)
        if index >= 0:
            self._focus = index
        self._chosen = highlight_id
        shift = self._shift()
        for i in dirty:
            if 0 <= i < len(self.cards):
                self.update(self.card_rect(i, shift).adjusted(-3, -3, 3, 3).toAlignedRect())

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.FontChange):
            self._documents.clear()  # rendered with the old colours or font
            self.relayout()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.relayout()
