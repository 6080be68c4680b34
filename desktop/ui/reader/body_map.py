"""Where the stored body's paragraphs sit in the reader's document, both ways.

The body keeps paragraphs apart with "\\n\\n" and counts code points; the document holds one
block per paragraph (after the title and metadata blocks) and counts UTF-16 units. Every
body position that enters or leaves the reader goes through here, and the conversion
inside a paragraph through :class:`TextPositions`, the one place that does it.
"""

from __future__ import annotations

from bisect import bisect_right

from desktop.ui.common.text_positions import TextPositions

_SEPARATOR = 2  # "\n\n" between paragraphs in the stored body


class BodyMap:
    def __init__(self) -> None:
        self._doc_starts: list[int] = []
        self._offsets: list[int] = []
        self._positions: list[TextPositions] = []

    def add(self, doc_start: int, paragraph: str) -> None:
        """The next paragraph starts at ``doc_start`` in the document."""
        offset = (self._offsets[-1] + len(self._positions[-1].text) + _SEPARATOR
                  if self._offsets else 0)
        self._doc_starts.append(doc_start)
        self._offsets.append(offset)
        self._positions.append(TextPositions(paragraph))

    def __bool__(self) -> bool:
        return bool(self._doc_starts)

    @property
    def doc_start(self) -> int:
        """The document position where the body begins (after the title and byline)."""
        return self._doc_starts[0] if self._doc_starts else 0

    @property
    def doc_end(self) -> int:
        if not self._doc_starts:
            return 0
        return self._doc_starts[-1] + self._positions[-1].utf16_length()

    def to_doc(self, offset: int) -> int | None:
        """The document position of a body offset; None outside the body. An offset in a
        separator between paragraphs goes to the end of the paragraph before it."""
        i = bisect_right(self._offsets, offset) - 1
        if i < 0:
            return None
        positions = self._positions[i]
        inside = min(offset - self._offsets[i], len(positions.text))
        if i == len(self._offsets) - 1 and offset - self._offsets[i] > len(positions.text):
            return None
        return self._doc_starts[i] + positions.to_utf16(inside)

    def from_doc(self, doc_pos: int) -> int | None:
        """The body offset of a document position; None in the title or the byline."""
        i = bisect_right(self._doc_starts, doc_pos) - 1
        if i < 0:
            return None
        positions = self._positions[i]
        inside = min(doc_pos - self._doc_starts[i], positions.utf16_length())
        return self._offsets[i] + positions.from_utf16(inside)

    def clip(self, doc_start: int, doc_end: int) -> tuple[int, int, bool] | None:
        """The body span ``[start, end)`` of a document range, clipped to the body, and
        whether anything (the title, the byline) was cut off; None when nothing is left."""
        if not self._doc_starts or doc_end <= self.doc_start:
            return None
        clipped = doc_start < self.doc_start
        start = self.from_doc(max(doc_start, self.doc_start))
        end = self.from_doc(min(doc_end, self.doc_end))
        if start is None or end is None or end <= start:
            return None
        return start, end, clipped
