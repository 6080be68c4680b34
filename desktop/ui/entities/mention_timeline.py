"""Mentions per month as a bar chart, painted by hand (no charting library for one chart):
every month from the first to the last mention has a bar, empty months included, with the
years marked below. Hovering a bar tells its month and count."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QHelpEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QToolTip, QWidget

from desktop.ui.common.formatting import format_count

_AXIS = 16.0  # room for the years under the bars
_PAD = 4.0


def fill_months(months: Sequence[tuple[str, int]]) -> list[tuple[str, int]]:
    """Every month from the first to the last given (``"YYYY-MM"``), missing ones as 0."""
    counts = {m: c for m, c in months if _parse(m) is not None}
    if not counts:
        return []
    first, last = _parse(min(counts)), _parse(max(counts))
    assert first is not None and last is not None
    filled = []
    year, month = first
    while (year, month) <= last:
        key = f"{year:04d}-{month:02d}"
        filled.append((key, counts.get(key, 0)))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return filled


def _parse(key: str) -> tuple[int, int] | None:
    year, _dash, month = key.partition("-")
    if not (year.isdigit() and month.isdigit() and 1 <= int(month) <= 12):
        return None
    return int(year), int(month)


class MentionTimeline(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mentionTimeline")
        self.months: list[tuple[str, int]] = []
        self.colour = self.palette().color(QPalette.ColorRole.Highlight)
        self.setMinimumHeight(70)
        self.setMouseTracking(True)
        self.setAccessibleName(self.tr("Mentions per month"))
        self._describe()

    def sizeHint(self) -> QSize:
        return QSize(320, 90)

    def set_months(self, months: Sequence[tuple[str, int]], colour: str | None = None) -> None:
        self.months = fill_months(months)
        if colour:
            self.colour = QColor(colour)
        self._describe()
        self.update()

    def _describe(self) -> None:
        if not self.months:
            text = self.tr("No dated mentions")
        else:
            total = sum(c for _m, c in self.months)
            peak = max(self.months, key=lambda m: m[1])
            text = self.tr("%1 mentions from %2 to %3; most in %4 (%5)").replace(
                "%1", format_count(total)).replace("%2", self.months[0][0]).replace(
                "%3", self.months[-1][0]).replace("%4", peak[0]).replace(
                "%5", format_count(peak[1]))
        self.setAccessibleDescription(text)
        self.setToolTip("" if self.months else text)

    def bar_rect(self, index: int) -> QRectF:
        """Where month ``index`` is drawn (its full height slot)."""
        width = max(1.0, (self.width() - 2 * _PAD) / max(1, len(self.months)))
        return QRectF(_PAD + index * width, _PAD, width, self.height() - _AXIS - _PAD)

    def month_at(self, x: float) -> int:
        if not self.months:
            return -1
        width = (self.width() - 2 * _PAD) / len(self.months)
        index = int((x - _PAD) // width) if width > 0 else -1
        return index if 0 <= index < len(self.months) else -1

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        palette = self.palette()
        if not self.months:
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter,
                             self.tr("No dated mentions"))
            return
        peak = max(c for _m, c in self.months) or 1
        baseline = self.height() - _AXIS
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self.colour)
        for index, (_month, count) in enumerate(self.months):
            slot = self.bar_rect(index)
            height = (slot.height() - _PAD) * count / peak
            gap = 1.0 if slot.width() > 3 else 0.0
            painter.drawRect(QRectF(slot.left(), baseline - height, slot.width() - gap, height))
        painter.setPen(palette.color(QPalette.ColorRole.Mid))
        painter.drawLine(QPointF(_PAD, baseline), QPointF(self.width() - _PAD, baseline))
        painter.setPen(palette.color(QPalette.ColorRole.WindowText))
        last_right = -1.0
        for index, (month, _count) in enumerate(self.months):
            if index and not month.endswith("-01"):
                continue
            label = month[:4] if len(self.months) > 1 else month
            left = self.bar_rect(index).left()
            if left > last_right:  # years too close together are left out
                painter.drawText(QPointF(left, self.height() - 3), label)
                last_right = left + painter.fontMetrics().horizontalAdvance(label) + 6

    def event(self, event: QEvent) -> bool:
        if isinstance(event, QHelpEvent) and event.type() == QEvent.Type.ToolTip \
                and self.months:
            index = self.month_at(event.pos().x())
            if index >= 0:
                month, count = self.months[index]
                QToolTip.showText(event.globalPos(), f"{month}: {format_count(count)}", self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)
