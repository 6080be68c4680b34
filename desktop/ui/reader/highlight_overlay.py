"""Highlights and entity mentions drawn over the reader's text, not written into it.

The document keeps its own formats (search-hit marks, find matches, the selection); this
overlay paints in two passes around the text: a translucent fill under the glyphs, then one
underline per code on top, in the code's colour. Overlapping highlights get underlines in
separate lanes (a highlight inside another sits one lane lower) and their fills add up, so
nested and overlapping passages stay distinguishable. Entity mentions, when shown, are
framed in their type's colour: a frame, not a fill, so they never read as highlights.

Rectangles are computed once per layout (a new article, a resize, a zoom) in document
coordinates, kept sorted by position, and only those in the exposed area are painted.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPalette, QPen

from desktop.services.reader_annotations import UNCODED_COLOUR, ShownHighlight, ShownMention
from desktop.ui.reader.highlight_geometry import HighlightGeometry

DocRange = tuple[int, int]
_FILL_ALPHA = 0.30
_LINE = 2.0  # underline thickness, pixels
_LANE = 3.0  # underline pitch: one lane per code per highlight
_MAX_LANES = 4  # deeper nesting shares the last lane (the fills still add up)
_PENDING = 0  # the id of a highlight being saved


@dataclass(slots=True)
class OverlayItem:
    id: int
    doc_range: DocRange
    colours: tuple[str, ...]
    rects: list[QRectF] = field(default_factory=list)
    lane: int = 0  # the first underline lane

    @property
    def length(self) -> int:
        return self.doc_range[1] - self.doc_range[0]

    def bounds(self) -> QRectF:
        united = QRectF()
        for rect in self.rects:
            united = united.united(rect)
        return united


class HighlightOverlay:
    def __init__(self, geometry: HighlightGeometry) -> None:
        self._geometry = geometry
        self.items: list[OverlayItem] = []
        self.mentions: list[OverlayItem] = []
        self._mention_data: dict[int, ShownMention] = {}
        self.pending: OverlayItem | None = None
        self.current: int | None = None
        self.show_mentions = False
        self._dirty = True
        # Rectangles by document range, kept while the layout stays: reloading after one
        # new highlight measures only that one again.
        self._cache: dict[DocRange, list[QRectF]] = {}

    # -- content ------------------------------------------------------------------------

    def set_content(self, highlights: Sequence[tuple[ShownHighlight, DocRange]],
                    mentions: Sequence[tuple[ShownMention, DocRange]]) -> None:
        self.items = [OverlayItem(h.id, r, h.colours or (UNCODED_COLOUR,))
                      for h, r in highlights]
        self.items.sort(key=lambda i: (i.doc_range[0], -i.doc_range[1], i.id))
        self.mentions = [OverlayItem(m.id, r, (m.colour,)) for m, r in mentions]
        self._mention_data = {m.id: m for m, _r in mentions}
        self._assign_lanes()
        if self.current is not None and self.item(self.current) is None:
            self.current = None
        self._dirty = True

    def set_pending(self, doc_range: DocRange | None) -> None:
        """A highlight on its way to the database, drawn at once (dashed) until it lands."""
        self.pending = None if doc_range is None else OverlayItem(
            _PENDING, doc_range, (UNCODED_COLOUR,),
            self._geometry.rects(*doc_range))

    def invalidate(self) -> None:
        """The layout changed (resize, zoom, new text): rectangles are computed again."""
        self._cache.clear()
        self._geometry.reset()
        self._dirty = True

    def ensure_geometry(self) -> None:
        if not self._dirty:
            return
        cache = self._cache
        for item in (*self.items, *self.mentions):
            rects = cache.get(item.doc_range)
            if rects is None:
                rects = cache[item.doc_range] = self._geometry.rects(*item.doc_range)
            item.rects = rects
        if self.pending is not None:
            self.pending.rects = self._geometry.rects(*self.pending.doc_range)
        self._dirty = False

    def _assign_lanes(self) -> None:
        # Greedy interval colouring: each highlight takes the lowest free run of lanes
        # (one per code) among the highlights still open where it starts.
        active: list[OverlayItem] = []
        for item in self.items:
            start = item.doc_range[0]
            active = [a for a in active if a.doc_range[1] > start]
            taken = {a.lane + k for a in active for k in range(len(a.colours))}
            lane = 0
            while any(lane + k in taken for k in range(len(item.colours))):
                lane += 1
            item.lane = lane
            active.append(item)

    # -- queries ------------------------------------------------------------------------

    def item(self, highlight_id: int) -> OverlayItem | None:
        return next((i for i in self.items if i.id == highlight_id), None)

    def rects_of(self, highlight_id: int) -> list[QRectF]:
        self.ensure_geometry()
        item = self.item(highlight_id)
        return list(item.rects) if item else []

    def highlights_at(self, point: QPointF) -> list[int]:
        """Highlights drawn at ``point`` (document coordinates), innermost first."""
        self.ensure_geometry()
        found = [i for i in self.items if any(self._hit_rect(i, r).contains(point)
                                               for r in i.rects)]
        return [i.id for i in sorted(found, key=lambda i: (i.length, i.id))]

    def mentions_at(self, point: QPointF) -> list[ShownMention]:
        if not self.show_mentions:
            return []
        self.ensure_geometry()
        return [self._mention_data[i.id] for i in self.mentions
                if any(r.contains(point) for r in i.rects)]

    def _hit_rect(self, item: OverlayItem, rect: QRectF) -> QRectF:
        # The underlines below the line belong to the highlight too.
        return rect.adjusted(0, 0, 0, (self._lanes(item) + 1) * _LANE)

    @staticmethod
    def _lanes(item: OverlayItem) -> int:
        return min(item.lane + len(item.colours), _MAX_LANES)

    # -- painting (document coordinates: the caller translates the painter) -----------

    def paint_under(self, painter: QPainter, clip: QRectF, palette: QPalette) -> None:
        """Translucent fills, before the text is drawn over them."""
        self.ensure_geometry()
        painter.setPen(Qt.PenStyle.NoPen)
        for item in self._visible(self.items, clip):
            painter.setBrush(_fill(item.colours, _FILL_ALPHA))
            for rect in item.rects:
                painter.drawRect(rect)
        if self.pending is not None:
            painter.setBrush(_fill(self.pending.colours, _FILL_ALPHA / 2))
            for rect in self.pending.rects:
                painter.drawRect(rect)

    def paint_over(self, painter: QPainter, clip: QRectF, palette: QPalette) -> None:
        """Underlines, mention frames and the current highlight's outline, over the text."""
        self.ensure_geometry()
        dark = palette.color(QPalette.ColorRole.Base).lightness() < 128
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for item in self._visible(self.items, clip):
            for k, colour in enumerate(item.colours):
                lane = min(item.lane + k, _MAX_LANES - 1)
                painter.setPen(QPen(_line_colour(colour, dark), _LINE,
                                    Qt.PenStyle.SolidLine, Qt.PenCapStyle.FlatCap))
                for rect in item.rects:
                    y = rect.bottom() + _LINE / 2 + lane * _LANE
                    painter.drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y))
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        if self.show_mentions:
            for item in self._visible(self.mentions, clip):
                mention = self._mention_data[item.id]
                style = (Qt.PenStyle.SolidLine if mention.state == "confirmed"
                         else Qt.PenStyle.DashLine)  # a suggestion is not yet a fact
                painter.setPen(QPen(_line_colour(item.colours[0], dark), 1.2, style))
                for rect in item.rects:
                    painter.drawRoundedRect(rect.adjusted(-1.5, 0.5, 1.5, 0.5), 3, 3)
        if self.pending is not None:
            painter.setPen(QPen(palette.color(QPalette.ColorRole.Text), 1,
                                Qt.PenStyle.DashLine))
            for rect in self.pending.rects:
                painter.drawRect(rect)
        current = self.item(self.current) if self.current is not None else None
        if current is not None:
            painter.setPen(QPen(palette.color(QPalette.ColorRole.Highlight), 1.6))
            for rect in current.rects:
                painter.drawRoundedRect(
                    self._hit_rect(current, rect).adjusted(-1.5, -1, 1.5, 0), 2.5, 2.5)

    @staticmethod
    def _visible(items: list[OverlayItem], clip: QRectF) -> list[OverlayItem]:
        top, bottom = clip.top() - 20, clip.bottom() + 20
        return [i for i in items if i.rects and i.rects[-1].bottom() >= top
                and i.rects[0].top() <= bottom]


def _fill(colours: Sequence[str], alpha: float) -> QColor:
    """The average of the codes' colours: one fill per highlight, so overlaps add up."""
    parts = [QColor(c) for c in colours]
    mixed = QColor(round(sum(c.red() for c in parts) / len(parts)),
                   round(sum(c.green() for c in parts) / len(parts)),
                   round(sum(c.blue() for c in parts) / len(parts)))
    mixed.setAlphaF(alpha)
    return mixed


def _line_colour(colour: str, dark: bool) -> QColor:
    # The palette's colours are pastel: strong enough on a dark page, too faint on white.
    base = QColor(colour)
    return base.lighter(110) if dark else base.darker(135)
