"""The project's own names and aliases, found in a text with an Aho-Corasick automaton.

One pass over the text finds every curated string at once, however many there are
(100,000 aliases cost no more per character than ten), which a regular expression or a
loop over names cannot do. Matches must stand on word boundaries ("Iran" is not found in
"Iranian"); where two overlap, the one that starts first wins, then the longer. A curated
name matches in its own capitals unless the user said any case will do.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import ahocorasick

from desktop.entities.recognizer import EntitySpan


@dataclass(frozen=True, slots=True)
class CuratedName:
    surface: str  # the name or alias as it is written
    type: str
    name: str  # the entity's canonical name
    match_case: bool = True
    entity_id: int | None = None


class CuratedMatcher:
    def __init__(self, names: Iterable[CuratedName]) -> None:
        self._exact = ahocorasick.Automaton()
        self._folded = ahocorasick.Automaton()
        self._entries: list[CuratedName] = []
        for entry in names:
            surface = " ".join(entry.surface.split())
            if not surface:
                continue
            automaton = self._exact if entry.match_case else self._folded
            key = surface if entry.match_case else _lower(surface)
            if key in automaton:
                continue  # the first entity to claim a string keeps it
            automaton.add_word(key, (len(self._entries), len(key)))
            self._entries.append(entry)
        for automaton in (self._exact, self._folded):
            if len(automaton):
                automaton.make_automaton()

    def __len__(self) -> int:
        return len(self._entries)

    def find(self, text: str) -> list[EntitySpan]:
        hits: list[tuple[int, int, int]] = []
        if len(self._exact):
            hits += _hits(self._exact, text)
        if len(self._folded):
            hits += _hits(self._folded, _lower(text))
        if not hits:
            return []
        hits.sort(key=lambda h: (h[0], -h[1]))
        spans: list[EntitySpan] = []
        taken = 0
        for start, end, index in hits:
            if start < taken:
                continue
            entry = self._entries[index]
            spans.append(EntitySpan(start, end, entry.type, text[start:end], entry.name, 0.95,
                                    "curated", entry.entity_id))
            taken = end
        return spans


def _hits(automaton: ahocorasick.Automaton, text: str) -> list[tuple[int, int, int]]:
    found = []
    length = len(text)
    for last, (index, size) in automaton.iter(text):
        start, end = last - size + 1, last + 1
        if (start == 0 or not _joined(text[start - 1], text[start])) and (
                end == length or not _joined(text[end - 1], text[end])):
            found.append((start, end, index))
    return found


def _joined(left: str, right: str) -> bool:
    """Whether two neighbouring characters are inside one word. Scripts written without
    spaces (Chinese, Japanese, Thai) have no word boundaries to respect."""
    return (left.isalnum() or left == "_") and (right.isalnum() or right == "_") and not (
        _unspaced(left) or _unspaced(right))


def _unspaced(char: str) -> bool:
    code = ord(char)
    return (0x2E80 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF or 0x0E00 <= code <= 0x0EFF
            or 0x1000 <= code <= 0x109F or 0x20000 <= code <= 0x3FFFF)


def _lower(text: str) -> str:
    """Lower case with the same length, so positions carry over ("İ" lowers to two code
    points; it is left as it is)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
