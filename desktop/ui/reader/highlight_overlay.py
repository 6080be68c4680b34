"""Highlights and entity mentions drawn over the reader's text, not written into it.

The document keeps its own formats (search-hit marks, find matches, the selection); this
overlay paints in two passes around the text: a translucent fill under the glyphs, then one
underline per code on top, in the code's colour. Overlapping highlights get underlines in
separate lanes (a highlight inside another sits one lane lower) and their fills add up, so
nested and overlapping passages stay distinguishable. Entity mentions, when shown, are
framed in their type's colour: a frame, not a fill, so they never read as highlights.

Rectangles are measured lazily, in document coordinates: only the highlights in the blocks
being painted (or hovered, or asked for) are measured, once per layout (a new article, a
resize, a zoom), and kept by document range across reloads of the same layout. Items are
kept sorted by position, so those in view are found by bisection.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from heapq import heappop, heappush

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPalette, QPen

from desktop.services.reader_annotations import UNCODED_COLOUR, ShownHighlight, ShownMention
from desktop.ui.reader.highlight_geometry import HighlightGeometry

DocRange = tuple[int, int]
_FILL_ALPHA = 0.30
_LINE = 2.0  # underline thickness, pixels
_LANE = 3.0  # underline pitch: one lane per code per highlight
_MAX_LANES = 4  # deeper nesting shares the last lane (the fills still add up)
_PENDING = 0  # the id of a highlight being saved
_BAND_ROOM = 20.0  # underlines and frames reach this far beyond their lines
_FEW = 50  # changes up to this many highlights repaint only where those are drawn


@dataclass(slots=True)
class OverlayItem:
    id: int
    doc_range: DocRange
    colours: tuple[str, ...]
    # Measured when first needed (painted, hovered, asked for); None until then.
    rects: list[QRectF] | None = None
    lane: int = 0  # the first underline lane
    # The underlines, by colour, made from the rectangles and lanes when first painted.
    lines: list[tuple[str, list[QLineF]]] | None = None

    @property
    def length(self) -> int:
        return self.doc_range[1] - self.doc_range[0]


class HighlightOverlay:
    def __init__(self, geometry: HighlightGeometry) -> None:
        self._geometry = geometry
        self.items: list[OverlayItem] = []
        self._starts: list[int] = []  # of the items, for bisection
        self._by_id: dict[int, OverlayItem] = {}
        self.mentions: list[OverlayItem] = []
        self._mention_starts: list[int] = []
        self._mention_data: dict[int, ShownMention] = {}
        self.pending: OverlayItem | None = None
        self.current: int | None = None
        self.show_mentions = False
        # Rectangles by document range, kept while the layout stays: reloading after one
        # new highlight measures only that one again.
        self._cache: dict[DocRange, list[QRectF]] = {}
        # The highlights in view found by paint_under, for paint_over in the same paint.
        self._painting: tuple[QRectF, list[OverlayItem], list[OverlayItem]] = (
            QRectF(), [], [])

    # -- content ------------------------------------------------------------------------

    def set_content(self, highlights: Sequence[tuple[ShownHighlight, DocRange]],
                    mentions: Sequence[tuple[ShownMention, DocRange]]) -> None:
        self._set_items([_item(h, r) for h, r in highlights])
        self.mentions = sorted((OverlayItem(m.id, r, (m.colour,)) for m, r in mentions),
                               key=_order)
        self._mention_starts = [i.doc_range[0] for i in self.mentions]
        self._mention_data = {m.id: m for m, _r in mentions}

    def update_highlights(self, shown: Sequence[tuple[ShownHighlight, DocRange]],
                          removed: Iterable[int] = (),
                          band: tuple[float, float] = (0.0, 0.0)) -> list[QRectF] | None:
        """Put these highlights in (new ones, or new versions of drawn ones) and take
        ``removed`` out, leaving the others as they are (measured, in their lanes).
        Returns where the drawing changed (document coordinates), None for anywhere; only
        new highlights within ``band`` (document y, the part in view) are measured."""
        gone = set(removed) | {h.id for h, _r in shown}
        dirty: list[QRectF] | None = [] if len(gone) <= _FEW else None
        kept = []
        for item in self.items:
            if item.id not in gone:
                kept.append(item)
            elif dirty is not None:
                dirty += self.area(item, measure=False)
        fresh = [_item(h, r) for h, r in shown]
        moved = self._set_items(kept + fresh)
        if dirty is None or len(moved) > _FEW:
            return None
        first, last = self._geometry.span_of_band(band[0] - _BAND_ROOM, band[1] + _BAND_ROOM)
        for item in fresh:
            dirty += self.area(item, measure=item.doc_range[0] < last
                               and item.doc_range[1] > first)
        for item in moved:
            dirty += self.area(item, measure=False)  # not measured: never drawn
        return dirty

    def area(self, item: OverlayItem | None, measure: bool = True) -> list[QRectF]:
        """Where an item is drawn, underlines (in any lane) and outline included."""
        if item is None:
            return []
        rects = self._rects(item) if measure else item.rects or ()
        return [r.adjusted(-3, -2, 3, (_MAX_LANES + 1) * _LANE + 2) for r in rects]

    def _set_items(self, items: list[OverlayItem]) -> list[OverlayItem]:
        items.sort(key=_order)
        self.items = items
        self._starts = [i.doc_range[0] for i in items]
        self._by_id = {i.id: i for i in items}
        moved = self._assign_lanes()
        if self.current is not None and self.current not in self._by_id:
            self.current = None
        return moved

    def set_pending(self, doc_range: DocRange | None) -> None:
        """A highlight on its way to the database, drawn at once (dashed) until it lands."""
        self.pending = None if doc_range is None else OverlayItem(
            _PENDING, doc_range, (UNCODED_COLOUR,))

    def invalidate(self) -> None:
        """The layout changed (resize, zoom, new text): rectangles are measured again."""
        self._cache.clear()
        self._geometry.reset()
        for item in (*self.items, *self.mentions):
            item.rects = item.lines = None
        if self.pending is not None:
            self.pending.rects = None

    def _rects(self, item: OverlayItem) -> list[QRectF]:
        rects = item.rects
        if rects is None:
            rects = self._cache.get(item.doc_range)
            if rects is None:
                rects = self._cache[item.doc_range] = self._geometry.rects(*item.doc_range)
            item.rects, item.lines = rects, None
        return rects

    def _assign_lanes(self) -> list[OverlayItem]:
        # Greedy interval colouring: each highlight takes the lowest free run of lanes
        # (one per code) among the highlights still open where it starts. Open highlights
        # wait in a heap by their end, so each is let go once; the lanes taken are the
        # bits of one integer (articles with a thousand highlights nest dozens deep).
        # Returns the items whose lane changed.
        open_ends: list[tuple[int, int, int]] = []  # (end, first lane, lanes as bits)
        taken = 0
        moved = []
        for item in self.items:
            start = item.doc_range[0]
            while open_ends and open_ends[0][0] <= start:
                taken &= ~heappop(open_ends)[2]
            run = (1 << len(item.colours)) - 1
            lane = (~taken & (taken + 1)).bit_length() - 1  # the lowest free lane
            while (taken >> lane) & run:
                lane += 1
            if item.lane != lane:
                item.lane, item.lines = lane, None
                moved.append(item)
            taken |= run << lane
            heappush(open_ends, (item.doc_range[1], lane, run << lane))
        return moved

    # -- queries ------------------------------------------------------------------------

    def item(self, highlight_id: int) -> OverlayItem | None:
        return self._by_id.get(highlight_id)

    def top_of(self, highlight_id: int) -> float | None:
        """The document y of a highlight's first line (where its margin note goes), without
        measuring the rest of it; None when it is not drawn."""
        item = self.item(highlight_id)
        if item is None:
            return None
        if item.rects is not None:
            return item.rects[0].top() if item.rects else None
        return self._geometry.top(*item.doc_range)

    def rects_of(self, highlight_id: int) -> list[QRectF]:
        item = self.item(highlight_id)
        return list(self._rects(item)) if item else []

    def highlights_at(self, point: QPointF) -> list[int]:
        """Highlights drawn at ``point`` (document coordinates), innermost first."""
        near = self._in_band(self.items, self._starts, point.y(), point.y())
        found = [i for i in near if any(self._hit_rect(i, r).contains(point)
                                        for r in self._rects(i))]
        return [i.id for i in sorted(found, key=lambda i: (i.length, i.id))]

    def mentions_at(self, point: QPointF) -> list[ShownMention]:
        if not self.show_mentions:
            return []
        near = self._in_band(self.mentions, self._mention_starts, point.y(), point.y())
        return [self._mention_data[i.id] for i in near
                if any(r.contains(point) for r in self._rects(i))]

    def _in_band(self, items: list[OverlayItem], starts: list[int], top: float,
                 bottom: float) -> list[OverlayItem]:
        """The items in the blocks drawn between ``top`` and ``bottom`` (document y), with
        room for the underlines below a line and the frames around it."""
        if not items:
            return []
        first, last = self._geometry.span_of_band(top - _BAND_ROOM, bottom + _BAND_ROOM)
        return [i for i in items[:bisect_left(starts, last)] if i.doc_range[1] > first]

    def _hit_rect(self, item: OverlayItem, rect: QRectF) -> QRectF:
        # The underlines below the line belong to the highlight too.
        return rect.adjusted(0, 0, 0, (self._lanes(item) + 1) * _LANE)

    @staticmethod
    def _lanes(item: OverlayItem) -> int:
        return min(item.lane + len(item.colours), _MAX_LANES)

    # -- painting (document coordinates: the caller translates the painter) -----------

    def paint_under(self, painter: QPainter, clip: QRectF, palette: QPalette) -> None:
        """Translucent fills, before the text is drawn over them."""
        painter.setPen(Qt.PenStyle.NoPen)
        # One call per colour (a screenful holds a hundred highlights and more); each
        # rectangle is still filled on its own, so overlaps add up.
        groups: dict[tuple[str, ...], list[QRectF]] = {}
        shown = self._visible(self.items, self._starts, clip)
        self._painting = (clip, self.items, shown)  # for paint_over, right after the text
        for item in shown:
            groups.setdefault(item.colours, []).extend(item.rects or ())
        for colours, rects in groups.items():
            painter.setBrush(_fill(colours, _FILL_ALPHA))
            painter.drawRects(rects)
        if self.pending is not None:
            painter.setBrush(_fill(self.pending.colours, _FILL_ALPHA / 2))
            for rect in self._rects(self.pending):
                painter.drawRect(rect)

    def paint_over(self, painter: QPainter, clip: QRectF, palette: QPalette) -> None:
        """Underlines, mention frames and the current highlight's outline, over the text."""
        dark = palette.color(QPalette.ColorRole.Base).lightness() < 128
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        lines: dict[str, list[QLineF]] = {}  # by colour, one call each
        last_clip, last_items, shown = self._painting
        if last_clip != clip or last_items is not self.items:
            shown = self._visible(self.items, self._starts, clip)
        for item in shown:
            for colour, drawn in self._lines(item):
                lines.setdefault(colour, []).extend(drawn)
        for colour, drawn in lines.items():
            painter.setPen(QPen(_line_colour(colour, dark), _LINE, Qt.PenStyle.SolidLine,
                                Qt.PenCapStyle.FlatCap))
            painter.drawLines(drawn)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        if self.show_mentions:
            for item in self._visible(self.mentions, self._mention_starts, clip):
                mention = self._mention_data[item.id]
                style = (Qt.PenStyle.SolidLine if mention.state == "confirmed"
                         else Qt.PenStyle.DashLine)  # a suggestion is not yet a fact
                painter.setPen(QPen(_line_colour(item.colours[0], dark), 1.2, style))
                for rect in item.rects or ():
                    painter.drawRoundedRect(rect.adjusted(-1.5, 0.5, 1.5, 0.5), 3, 3)
        if self.pending is not None:
            painter.setPen(QPen(palette.color(QPalette.ColorRole.Text), 1,
                                Qt.PenStyle.DashLine))
            for rect in self._rects(self.pending):
                painter.drawRect(rect)
        current = self.item(self.current) if self.current is not None else None
        if current is not None:
            painter.setPen(QPen(palette.color(QPalette.ColorRole.Highlight), 1.6))
            for rect in self._rects(current):
                painter.drawRoundedRect(
                    self._hit_rect(current, rect).adjusted(-1.5, -1, 1.5, 0), 2.5, 2.5)

    @staticmethod
    def _lines(item: OverlayItem) -> list[tuple[str, list[QLineF]]]:
        if item.lines is None:
            item.lines = []
            for k, colour in enumerate(item.colours):
                below = _LINE / 2 + min(item.lane + k, _MAX_LANES - 1) * _LANE
                item.lines.append((colour, [
                    QLineF(r.left(), r.bottom() + below, r.right(), r.bottom() + below)
                    for r in item.rects or ()]))
        return item.lines

    def _visible(self, items: list[OverlayItem], starts: list[int],
                 clip: QRectF) -> list[OverlayItem]:
        # Only what is in the exposed area is measured (the first time it is painted).
        top, bottom = clip.top() - _BAND_ROOM, clip.bottom() + _BAND_ROOM
        shown = []
        for item in self._in_band(items, starts, clip.top(), clip.bottom()):
            rects = self._rects(item)
            if rects and rects[-1].bottom() >= top and rects[0].top() <= bottom:
                shown.append(item)
        return shown


def _item(shown: ShownHighlight, doc_range: DocRange) -> OverlayItem:
    return OverlayItem(shown.id, doc_range, shown.colours or (UNCODED_COLOUR,))


def _order(item: OverlayItem) -> tuple[int, int, int]:
    return (item.doc_range[0], -item.doc_range[1], item.id)


@cache
def _fill(colours: tuple[str, ...], alpha: float) -> QColor:
    """The average of the codes' colours: one fill per highlight, so overlaps add up."""
    parts = [QColor(c) for c in colours]
    mixed = QColor(round(sum(c.red() for c in parts) / len(parts)),
                   round(sum(c.green() for c in parts) / len(parts)),
                   round(sum(c.blue() for c in parts) / len(parts)))
    mixed.setAlphaF(alpha)
    return mixed


@cache
def _line_colour(colour: str, dark: bool) -> QColor:
    # The palette's colours are pastel: strong enough on a dark page, too faint on white.
    base = QColor(colour)
    return base.lighter(110) if dark else base.darker(135)
