"""Code points (Python, the store, the index) to UTF-16 code units (Qt) and back.

Qt counts positions in UTF-16 code units, so every character outside the Basic
Multilingual Plane (most emoji, some CJK) counts two there and one in Python. All positions
in the application are code points; this module is the only place that converts, right
where a position crosses into or out of a Qt text object.
"""

from __future__ import annotations

import re
from bisect import bisect_right

_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")


class TextPositions:
    """Converts positions within one string; precomputes where astral characters are."""

    def __init__(self, text: str) -> None:
        self.text = text
        # Code-point indices of astral characters, ascending: each shifts later UTF-16
        # positions by one. (Found by a regular expression: a Python loop over every
        # character of a long article costs milliseconds.)
        self._astral = [] if text.isascii() else [m.start() for m in _ASTRAL.finditer(text)]

    def to_utf16(self, code_point: int) -> int:
        return code_point + bisect_right(self._astral, code_point - 1)

    def from_utf16(self, unit: int) -> int:
        """The code point at or before UTF-16 position ``unit`` (the middle of a surrogate
        pair maps to the start of its character)."""
        low, high = 0, len(self._astral)
        # Find how many astral characters start before the code point we are looking for.
        while low < high:
            mid = (low + high) // 2
            if self._astral[mid] + mid + 1 < unit:  # UTF-16 end of astral[mid] is before unit
                low = mid + 1
            else:
                high = mid
        code_point = unit - low
        if low < len(self._astral) and self._astral[low] < code_point:
            code_point = self._astral[low]
        return code_point

    def utf16_length(self) -> int:
        return len(self.text) + len(self._astral)
