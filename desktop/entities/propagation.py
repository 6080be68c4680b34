"""What one article says about its names, applied to the whole article.

A bare "Kerry" after "John Kerry", "Soleimani" after "Gen Ghasem Soleimani", "the Islamic
State" after "the Islamic State of Iraq and the Levant", "ISIL" for it: each is the same
entity, named by its full form. The rules type what they can; the document then types
the rest, and finds the names it knows in headlines written in capitals.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from desktop.entities.gazetteer import DEMONYM, Gazetteer
from desktop.entities.recognizer import ORGANISATION, PERSON, PLACE, EntitySpan
from desktop.entities.rule_words import GENERIC_WORDS, NAME_CONNECTORS, NAME_SUFFIXES
from desktop.entities.run_typer import Candidate
from desktop.entities.text_scan import CapsLine

_MAX_CAPS_WORDS = 6


@dataclass(slots=True)
class _Known:
    """The names an article has typed, and the shorter forms that point to them."""

    full: dict[str, tuple[str, str]] = field(default_factory=dict)  # key -> (type, name)
    surnames: dict[str, str] = field(default_factory=dict)
    given: dict[str, str] = field(default_factory=dict)
    org_short: dict[str, str] = field(default_factory=dict)


class Propagation:
    def __init__(self, gazetteer: Gazetteer) -> None:
        self._gazetteer = gazetteer

    def resolve(self, text: str, candidates: list[Candidate], caps_lines: list[CapsLine],
                lower_words: frozenset[str] = frozenset()) -> list[EntitySpan]:
        known = self._known(candidates)
        spans: list[EntitySpan] = []
        for c in candidates:
            resolved = self._resolve(text, c, known)
            if resolved is not None:
                spans.append(resolved)
        if caps_lines:
            spans += self._caps(text, caps_lines, spans, known, lower_words)
            spans.sort(key=lambda s: s.start)
        return spans

    @staticmethod
    def _known(candidates: list[Candidate]) -> _Known:
        known = _Known()
        votes: dict[str, Counter[tuple[str, str]]] = {}
        for c in candidates:
            if c.type is None:
                continue
            key = " ".join(c.words)
            # Titles, curated names and lists count more than a guess.
            weight = 3 if c.source == "curated" else 2 if c.titled or c.confidence >= 0.8 else 1
            votes.setdefault(key, Counter())[(c.type, c.name)] += weight
            words = [w for w in c.name.split() if w not in NAME_SUFFIXES]
            if c.type == PERSON and len(words) >= 2:
                known.surnames.setdefault(words[-1], c.name)
                known.given.setdefault(words[0], c.name)
            elif c.type == ORGANISATION and len(words) >= 2:
                for n in range(2, len(words)):
                    if words[n - 1] not in NAME_CONNECTORS:
                        known.org_short.setdefault(" ".join(words[:n]), c.name)
                initials = "".join(w[0] for w in words if w[0].isupper())
                if len(initials) >= 2:
                    known.org_short.setdefault(initials, c.name)
        known.full = {key: counter.most_common(1)[0][0] for key, counter in votes.items()}
        return known

    def _town_named_like(self, c: Candidate, key: str) -> bool:
        """A place from the gazetteer smaller than a country: the person of that surname
        the article speaks of is likelier. (A known organisation is a gazetteer candidate
        too, and no place: "Shell" stays the company beside a "John Shell".)"""
        place = self._gazetteer.place(key) if c.source == "gazetteer" else None
        return place is not None and place.kind not in ("country", "continent")

    def _resolve(self, text: str, c: Candidate, known: _Known) -> EntitySpan | None:
        key = " ".join(c.words)
        kind, name, confidence, source = c.type, c.name, c.confidence, c.source
        if c.source == "curated":
            pass
        elif len(c.words) == 1 and key in known.surnames and (
                kind is None or kind == PERSON or self._town_named_like(c, key)):
            kind, name, confidence, source = PERSON, known.surnames[key], 0.8, "propagated"
        elif kind is None:
            if key in known.full:
                kind, name = known.full[key]
                confidence, source = 0.7, "propagated"
            elif key in known.org_short:
                kind, name, confidence, source = ORGANISATION, known.org_short[key], 0.7, \
                    "propagated"
            elif len(c.words) == 1 and key in known.given and not c.sentence_initial:
                kind, name, confidence, source = PERSON, known.given[key], 0.6, "propagated"
            else:
                kind, confidence = self._default(c)
        elif kind == PERSON and len(c.words) == 1 and key in known.surnames:
            name = known.surnames[key]
        elif kind == ORGANISATION and key in known.org_short:
            name = known.org_short[key]  # "ISIL" for the full name the article gives
        if kind is None:
            return None
        return EntitySpan(c.start, c.end, kind, text[c.start:c.end], name, confidence, source,
                          c.entity_id)

    @staticmethod
    def _default(c: Candidate) -> tuple[str | None, float]:
        """A capitalised name no rule could type: most such names in news are people."""
        if c.generic:
            return None, 0.0
        if len(c.words) >= 2 and not any(w.isupper() and len(w) > 1 for w in c.words):
            return PERSON, 0.5
        if len(c.words) == 1 and not c.sentence_initial and c.words[0] not in GENERIC_WORDS \
                and len(c.words[0]) > 1:
            return PERSON, 0.4
        return None, 0.0

    def _caps(self, text: str, lines: list[CapsLine], spans: list[EntitySpan], known: _Known,
              lower_words: frozenset[str]) -> list[EntitySpan]:
        names: dict[str, tuple[str, str]] = {}
        for span in spans:
            names.setdefault(span.text.upper(), (span.type, span.name))
        for surname, full in known.surnames.items():
            names.setdefault(surname.upper(), (PERSON, full))
        places = self._gazetteer.places_upper
        found: list[EntitySpan] = []
        for line in lines:
            words, count, i = line.words, len(line.words), 0
            while i < count:
                for n in range(min(_MAX_CAPS_WORDS, count - i), 0, -1):
                    key = " ".join(words[i:i + n])
                    hit = names.get(key)
                    place = None
                    if hit is None:
                        place = places.get(key)
                        # A town named like a word the article writes in lower case
                        # ("DATE", "SPRING") is that word in a shouted headline.
                        if place is not None and place.kind != DEMONYM and not (
                                n == 1 and key.lower() in lower_words):
                            hit = (PLACE, place.canonical)
                    if hit is not None:
                        after = text[line.ends[i + n - 1]:].lstrip(" \t").split(None, 1)
                        if line.results_line and after and after[0].isdigit() \
                                and hit[0] != PERSON \
                                and not (place is not None and place.kind == "country"):
                            hit = (ORGANISATION, key)  # "ST LOUIS 72 53": a team
                        found.append(EntitySpan(line.starts[i], line.ends[i + n - 1], hit[0],
                                                key, hit[1], 0.6, "propagated"))
                        i += n
                        break
                else:
                    i += 1
        return found
