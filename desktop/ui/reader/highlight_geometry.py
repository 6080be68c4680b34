"""Where a range of the reader's document is drawn: one rectangle per line it covers, in
document coordinates, read from the text layout (never from the document's formats).

Left-to-right lines use the caret positions at the range's ends; lines with right-to-left
text use the glyph runs of the range, since one logical range may be drawn as several
pieces there (an English phrase inside Arabic text).

What a block's layout says about its lines (where each starts, its height, the x of its
ends) is read once per layout and kept in a small table, so measuring a highlight costs a
bisection and a caret position at each of its ends, not a walk over every line of its
paragraphs through Qt: an article with 1,000 highlights is measured in milliseconds, and
only the highlights in view are measured at all (:meth:`span_of_band`).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field

from PySide6.QtCore import QRectF
from PySide6.QtGui import QTextBlock, QTextDocument, QTextLine

# Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan, Mandaic and their presentation forms,
# and the historic right-to-left blocks beyond the BMP.
_RTL = re.compile(
    "[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefe\U00010800-\U00010fff\U0001e800-\U0001efff]")


@dataclass(slots=True)
class _BlockLines:
    """One block's lines as laid out: starts and ends (in the block), tops and heights
    (document y), and, once asked, the x of each line's two ends."""

    x: float
    starts: list[int]
    ends: list[int]
    tops: list[float]
    heights: list[float]
    bidi: bool
    full: dict[int, tuple[float, float]] = field(default_factory=dict)


class HighlightGeometry:
    def __init__(self, document: QTextDocument) -> None:
        self._document = document
        self._blocks: dict[int, _BlockLines] = {}

    def reset(self) -> None:
        """The document was rebuilt or laid out anew: forget what was learnt about it."""
        self._blocks.clear()

    def rects(self, doc_start: int, doc_end: int) -> list[QRectF]:
        """Line pieces of ``[doc_start, doc_end)`` in document coordinates, in order."""
        found: list[QRectF] = []
        for block, lines, i, start, end in self._pieces(doc_start, doc_end):
            top, height = lines.tops[i], lines.heights[i]
            if lines.bidi or start != lines.starts[i] or end != lines.ends[i]:
                spans = _spans(block.layout().lineAt(i), start, end, lines.bidi)
            else:
                spans = [self._full_line(block, lines, i)]
            for left, right in spans:
                found.append(QRectF(lines.x + left, top, right - left, height))
        return found

    def top(self, doc_start: int, doc_end: int) -> float | None:
        """The top of the first line piece of ``[doc_start, doc_end)`` (that of
        :meth:`rects`), read from the line tables alone; None when nothing is drawn."""
        for _block, lines, i, _start, _end in self._pieces(doc_start, doc_end):
            return lines.tops[i]
        return None

    def _pieces(self, doc_start: int, doc_end: int) -> Iterator[
            tuple[QTextBlock, _BlockLines, int, int, int]]:
        """(block, its line table, line number, start, end in the block) of each line that
        ``[doc_start, doc_end)`` covers part of, in order."""
        block = self._document.findBlock(doc_start)
        while block.isValid():
            position = block.position()
            if position >= doc_end:
                break
            lines = self._lines(block)
            first = max(doc_start - position, 0)
            last = min(doc_end - position, block.length() - 1)
            i = max(bisect_right(lines.starts, first) - 1, 0)
            while i < len(lines.starts) and lines.starts[i] < last:
                start, end = max(first, lines.starts[i]), min(last, lines.ends[i])
                if start < end:
                    yield block, lines, i, start, end
                i += 1
            block = block.next()

    def span_of_band(self, top: float, bottom: float) -> tuple[int, int]:
        """The document positions of the blocks drawn between document y ``top`` and
        ``bottom`` (found by bisection: a long article costs a few lookups)."""
        document = self._document
        layout = document.documentLayout()
        count = document.blockCount()

        def rect(number: int) -> QRectF:
            return layout.blockBoundingRect(document.findBlockByNumber(number))

        low, high = 0, count
        while low < high:  # the first block reaching below ``top``
            middle = (low + high) // 2
            if rect(middle).bottom() < top:
                low = middle + 1
            else:
                high = middle
        first = min(low, count - 1)
        low, high = first, count
        while low < high:  # past the last block starting above ``bottom``
            middle = (low + high) // 2
            if rect(middle).top() <= bottom:
                low = middle + 1
            else:
                high = middle
        last = document.findBlockByNumber(max(low - 1, first))
        return (document.findBlockByNumber(first).position(),
                last.position() + last.length())

    def _lines(self, block: QTextBlock) -> _BlockLines:
        number = block.blockNumber()
        known = self._blocks.get(number)
        if known is None:
            # Asking for the block's rectangle also makes the layout lay it out.
            origin = self._document.documentLayout().blockBoundingRect(block).topLeft()
            layout = block.layout()
            starts, ends, tops, heights = [], [], [], []
            for i in range(layout.lineCount()):
                line = layout.lineAt(i)
                start = line.textStart()
                starts.append(start)
                ends.append(start + line.textLength())
                tops.append(origin.y() + line.y())
                heights.append(line.height())
            known = self._blocks[number] = _BlockLines(
                origin.x(), starts, ends, tops, heights, _RTL.search(block.text()) is not None)
        return known

    @staticmethod
    def _full_line(block: QTextBlock, lines: _BlockLines, i: int) -> tuple[float, float]:
        # A line covered from end to end (the middle lines of a long highlight).
        known = lines.full.get(i)
        if known is None:
            line = block.layout().lineAt(i)
            known = lines.full[i] = _spans(line, lines.starts[i], lines.ends[i], False)[0]
        return known


def _spans(line: QTextLine, start: int, end: int, bidi: bool) -> list[tuple[float, float]]:
    if not bidi:
        x1, x2 = line.cursorToX(start)[0], line.cursorToX(end)[0]
        return [(min(x1, x2), max(x1, x2))]
    pieces = sorted((r.boundingRect().left(), r.boundingRect().right())
                    for r in line.glyphRuns(start, end - start))
    merged: list[tuple[float, float]] = []
    for left, right in pieces:
        if merged and left <= merged[-1][1] + 0.5:
            merged[-1] = (merged[-1][0], max(merged[-1][1], right))
        else:
            merged.append((left, right))
    return merged or [(line.cursorToX(start)[0], line.cursorToX(end)[0])]
