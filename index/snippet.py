"""A piece of article text with the matched words marked by code-point offsets."""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Snippet:
    """Plain text plus ``[start, end)`` offsets of matched terms inside ``text``.

    Offsets are Python ``str`` indices (Unicode code points), so a UI can map them to its own
    units (UTF-16 for Qt) without ever parsing HTML back.
    """

    text: str
    spans: tuple[tuple[int, int], ...] = ()

    def html(self) -> str:
        """HTML-escaped text with ``<b>…</b>`` around each span."""
        return Snippet.mark(self.text, self.spans)

    @staticmethod
    def mark(text: str, spans: Sequence[tuple[int, int]]) -> str:
        """HTML-escape ``text`` and wrap each span in ``<b>``; usable for titles too."""
        parts: list[str] = []
        pos = 0
        for start, end in sorted(spans):
            # Skip spans that overlap a previous one or fall outside the text: escaping must
            # never be skipped for any character, whatever the caller passed in.
            if start < pos or end <= start or end > len(text):
                continue
            parts.append(html.escape(text[pos:start]))
            parts.append(f"<b>{html.escape(text[start:end])}</b>")
            pos = end
        parts.append(html.escape(text[pos:]))
        return "".join(parts)
