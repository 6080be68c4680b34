"""The W3C TextQuoteSelector: the exact text of a passage with some context either side."""

from __future__ import annotations

from dataclasses import dataclass

CONTEXT_CHARS = 32


@dataclass(frozen=True, slots=True)
class TextQuote:
    exact: str
    prefix: str = ""
    suffix: str = ""

    @classmethod
    def cut(cls, body: str, start: int, end: int, context: int = CONTEXT_CHARS) -> TextQuote:
        """The selector of ``body[start:end]`` (code points), cut from the stored body:
        never from a widget's selection, which uses other paragraph separators."""
        if not 0 <= start < end <= len(body):
            raise ValueError(f"span [{start}, {end}) is outside a text of {len(body)} characters")
        return cls(body[start:end], body[max(0, start - context):start], body[end:end + context])
