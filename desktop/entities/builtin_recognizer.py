"""The default recogniser: curated names, rules, the shipped gazetteer and the document.

It needs no model and nothing from the network. Curated names (the project's confirmed
entities and their aliases) are found first and win over anything the rules find in the
same place; the rules then type capitalised runs; the document finally types what the
rules left open from its own fuller mentions and finds known names in capital headlines.
"""

from __future__ import annotations

from collections.abc import Iterable

from desktop.entities.curated_matcher import CuratedMatcher, CuratedName
from desktop.entities.gazetteer import Gazetteer
from desktop.entities.propagation import Propagation
from desktop.entities.recognizer import EntitySpan
from desktop.entities.run_typer import Candidate, RunTyper
from desktop.entities.text_scan import TextScan


class BuiltinRecognizer:
    name = "builtin"

    def __init__(self, curated: Iterable[CuratedName] = (),
                 gazetteer: Gazetteer | None = None) -> None:
        self.gazetteer = gazetteer or Gazetteer.shipped()
        self.curated = CuratedMatcher(curated)
        self._scan = TextScan()
        self._typer = RunTyper(self.gazetteer)
        self._propagation = Propagation(self.gazetteer)

    def recognize(self, text: str) -> list[EntitySpan]:
        if not text:
            return []
        curated = self.curated.find(text) if len(self.curated) else []
        scanned = self._scan.scan(text)
        candidates: list[Candidate] = []
        lower_words = scanned.lower_words
        for run in scanned.runs:
            candidates += self._typer.candidates(run, lower_words)
        if curated:
            candidates = _merge(candidates, curated)
        return self._propagation.resolve(text, candidates, scanned.caps_lines, lower_words)


def _merge(candidates: list[Candidate], curated: list[EntitySpan]) -> list[Candidate]:
    """Curated spans replace the rule candidates they overlap."""
    merged = [Candidate(s.start, s.end, tuple(s.text.split()), s.type, s.name, s.confidence,
                        "curated", entity_id=s.entity_id) for s in curated]
    bounds = [(s.start, s.end) for s in curated]
    index = 0
    for c in candidates:  # both lists are ordered by start
        while index < len(bounds) and bounds[index][1] <= c.start:
            index += 1
        if index < len(bounds) and bounds[index][0] < c.end:
            continue
        merged.append(c)
    merged.sort(key=lambda c: c.start)
    return merged
