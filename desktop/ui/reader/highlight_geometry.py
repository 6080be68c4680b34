"""Where a range of the reader's document is drawn: one rectangle per line it covers, in
document coordinates, read from the text layout (never from the document's formats).

Left-to-right lines use the caret positions at the range's ends; lines with right-to-left
text use the glyph runs of the range, since one logical range may be drawn as several
pieces there (an English phrase inside Arabic text).
"""

from __future__ import annotations

import re

from PySide6.QtCore import QRectF
from PySide6.QtGui import QTextBlock, QTextDocument, QTextLine

# Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan, Mandaic and their presentation forms,
# and the historic right-to-left blocks beyond the BMP.
_RTL = re.compile(
    "[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefe\U00010800-\U00010fff\U0001e800-\U0001efff]")


class HighlightGeometry:
    def __init__(self, document: QTextDocument) -> None:
        self._document = document
        self._bidi: dict[int, bool] = {}

    def reset(self) -> None:
        """The document was rebuilt: forget what was learnt about its blocks."""
        self._bidi.clear()

    def rects(self, doc_start: int, doc_end: int) -> list[QRectF]:
        """Line pieces of ``[doc_start, doc_end)`` in document coordinates, in order."""
        found: list[QRectF] = []
        layout_of = self._document.documentLayout()
        block = self._document.findBlock(doc_start)
        while block.isValid() and block.position() < doc_end:
            # Asking for the block's rectangle also makes the layout lay it out.
            origin = layout_of.blockBoundingRect(block).topLeft()
            layout = block.layout()
            first = max(doc_start - block.position(), 0)
            last = min(doc_end - block.position(), block.length() - 1)
            bidi = self._has_rtl(block)
            for i in range(layout.lineCount()):
                line = layout.lineAt(i)
                start = max(first, line.textStart())
                end = min(last, line.textStart() + line.textLength())
                if start >= end:
                    continue
                top = origin.y() + line.y()
                for left, right in _spans(line, start, end, bidi):
                    found.append(QRectF(origin.x() + left, top, right - left, line.height()))
            block = block.next()
        return found

    def _has_rtl(self, block: QTextBlock) -> bool:
        number = block.blockNumber()
        known = self._bidi.get(number)
        if known is None:
            known = self._bidi[number] = _RTL.search(block.text()) is not None
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
