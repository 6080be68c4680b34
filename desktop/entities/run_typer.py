"""Turns one capitalised run into candidate names, typed where the rules can tell.

In order: a known place; a leading nationality or country before a title ("US Secretary
of State John Kerry"); a title, which says a person's name follows ("Gen Ghasem
Soleimani"); an organisation's head word ("Quds Force", "Bank of England"); "X of Y"
phrases; a place's head word ("Gulf of Mexico"); a known first name ("John Kerry");
an acronym. What none of them types stays open: the document may tell later (a bare
"Soleimani" after "Gen Ghasem Soleimani").
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.entities.gazetteer import DEMONYM, Gazetteer
from desktop.entities.recognizer import ORGANISATION, PERSON, PLACE
from desktop.entities.rule_words import (
    ARTICLES,
    EVENT_HEADS,
    FUNCTION_WORDS,
    GENERIC_WORDS,
    KNOWN_ORGANISATIONS,
    NAME_CONNECTORS,
    NOT_NAMES,
    ORG_HEADS,
    ORG_SUFFIXES,
    PLACE_HEADS,
    PLACE_STARTS,
    SENTENCE_STARTERS,
    TITLE_STARTS,
    TITLES,
)
from desktop.entities.text_scan import Run

_OF = frozenset({"of", "for", "on", "upon"})
_AND = frozenset({"and", "&"})
_TITLE_LINKS = frozenset({"of", "for"})
_NATIONAL = frozenset({"country", DEMONYM, "continent"})
_TOWNS = frozenset({"city", "capital"})
_VERSUS = frozenset({"v", "vs", "v.", "vs."})


@dataclass(slots=True)
class Candidate:
    start: int
    end: int
    words: tuple[str, ...]
    type: str | None
    name: str
    confidence: float
    source: str = "rule"
    # Found right after a title: the strongest sign of a person's name.
    titled: bool = False
    sentence_initial: bool = False
    # Made only of words that are no name alone ("Islamic State"): kept only if the
    # article names it in full.
    generic: bool = False
    entity_id: int | None = None  # of a curated name


class RunTyper:
    def __init__(self, gazetteer: Gazetteer) -> None:
        self._places = gazetteer.places
        self._first_names = gazetteer.first_names

    def candidates(self, run: Run, lower_words: frozenset[str]) -> list[Candidate]:
        words, starts, ends = run.words, run.starts, run.ends
        lo, hi = 0, len(words)
        # Articles and function words at the edges: "The Islamic State", "In Baghdad".
        while lo < hi and (words[lo] in FUNCTION_WORDS or words[lo] in NAME_CONNECTORS):
            if words[lo] in ARTICLES and " ".join(words[lo:hi]) in self._places:
                break  # "The Hague"
            lo += 1
        initial = run.sentence_initial and lo == 0
        if initial and lo < hi and (
                words[lo] in SENTENCE_STARTERS
                or (words[lo].lower() in lower_words and (
                    hi - lo == 1 or self._common_front(words, lo, hi)))):
            lo += 1
        while hi > lo and (words[hi - 1] in FUNCTION_WORDS or words[hi - 1] in NAME_CONNECTORS):
            hi -= 1
        if lo >= hi:
            return []
        out: list[Candidate] = []
        for a, b in self._split_and(words, lo, hi):
            self._part(words, starts, ends, a, b, out, initial and a == lo)
        if run.results_line and len(out) == 1 and (
                run.after[:1].isdigit() or run.after in _VERSUS or run.before in _VERSUS):
            self._team(out[0])
        return out

    def _common_front(self, words: list[str], lo: int, hi: int) -> bool:
        """A sentence's first word is a common word when the document also writes it in
        lower case, unless the run is a known or headed name ("National Guard")."""
        return not (words[hi - 1] in ORG_HEADS or words[lo] in self._first_names
                    or " ".join(words[lo:hi]) in self._places)

    def _team(self, c: Candidate) -> None:
        """A name before a score in a results line is a team, unless it is a person's or
        a country's (national sides are written as the country)."""
        if c.type == PERSON and c.confidence >= 0.7:
            return
        place = self._places.get(" ".join(c.words)) if c.type == PLACE else None
        if place is not None and place.kind == "country":
            return
        c.type, c.name, c.confidence, c.source = ORGANISATION, " ".join(c.words), 0.7, "rule"

    def _split_and(self, words: list[str], lo: int, hi: int) -> list[tuple[int, int]]:
        """"Najaf and Karbala" is two names, "Ministry of Trade and Industry" one."""
        parts: list[tuple[int, int]] = []
        begin = lo
        seen_of = False
        for i in range(lo, hi):
            word = words[i]
            if word in _OF:
                seen_of = True
            elif word == "and" and not seen_of and " ".join(words[lo:hi]) not in self._places:
                parts.append((begin, i))
                begin = i + 1
        parts.append((begin, hi))
        return [(a, b) for a, b in parts if a < b]

    def _part(self, words: list[str], starts: list[int], ends: list[int], lo: int, hi: int,
              out: list[Candidate], initial: bool) -> None:
        while lo < hi and words[lo] in NAME_CONNECTORS:
            lo += 1
        while hi > lo and words[hi - 1] in NAME_CONNECTORS:
            hi -= 1
        if lo >= hi:
            return
        part = words[lo:hi]
        key = " ".join(part)

        def emit(a: int, b: int, kind: str | None, confidence: float, name: str = "",
                 titled: bool = False, source: str = "rule", generic: bool = False) -> None:
            found = tuple(words[a:b])
            out.append(Candidate(starts[a], ends[b - 1], found, kind,
                                 name or " ".join(found), confidence, source, titled,
                                 initial and a == lo, generic))

        if key in KNOWN_ORGANISATIONS:
            emit(lo, hi, ORGANISATION, 0.9, source="gazetteer")
            return
        place = self._places.get(key)
        if place is not None:
            if place.kind != DEMONYM:
                emit(lo, hi, PLACE, 0.9, place.canonical, source="gazetteer")
            return
        last = part[-1]
        if last in EVENT_HEADS and (len(part) > 1 or last in GENERIC_WORDS):
            return
        if last in ORG_HEADS or last in ORG_SUFFIXES:
            if len(part) > 1 or last in ORG_SUFFIXES:
                first = self._places.get(part[0])
                if len(part) > 2 and first is not None and part[1] not in GENERIC_WORDS \
                        and part[1] not in NAME_CONNECTORS:
                    # "US Federal Reserve": the country, then the organisation.
                    if first.kind != DEMONYM:
                        emit(lo, lo + 1, PLACE, 0.85, first.canonical, source="gazetteer")
                    emit(lo + 1, hi, ORGANISATION, 0.8)
                else:
                    emit(lo, hi, ORGANISATION, 0.8)
            return
        # A nationality or a country in front of the rest: "Iranian Foreign Minister ...".
        first_place = self._places.get(part[0])
        if first_place is not None and first_place.kind in _NATIONAL and len(part) > 1 \
                and part[1] not in NAME_CONNECTORS:
            if first_place.kind != DEMONYM:
                emit(lo, lo + 1, PLACE, 0.85, first_place.canonical, source="gazetteer")
            self._part(words, starts, ends, lo + 1, hi, out, False)
            return
        title_end = self._title_end(part)
        if title_end:
            rest = lo + title_end
            if rest < hi:
                if words[rest] in NAME_CONNECTORS:
                    self._part(words, starts, ends, rest, hi, out, False)
                else:
                    emit(rest, hi, PERSON, 0.85, titled=True)
            return
        if "of" in part[1:]:
            self._of_phrase(words, lo, hi, part, emit, out, starts, ends)
            return
        if len(part) > 1 and last in PLACE_HEADS:
            emit(lo, hi, PLACE, 0.7)
        elif len(part) == 1 and part[0] in NOT_NAMES:
            return
        elif all(w in GENERIC_WORDS or w in NAME_CONNECTORS for w in part):
            # "Islamic State": a name only if the article names it in full elsewhere.
            emit(lo, hi, None, 0.3, generic=True)
        elif part[0] in self._first_names and 2 <= len(part) <= 4:
            emit(lo, hi, PERSON, 0.75)
        elif 2 <= len(part) <= 3 and self._town_named(part):
            emit(lo, hi, ORGANISATION, 0.6)
        elif (len(part[0]) == 1 or (len(part[0]) == 2 and part[0][1] == ".")) \
                and 2 <= len(part) <= 4:
            emit(lo, hi, PERSON, 0.7)  # "M. Lathwell", "George W. Bush"
        elif len(part) == 1 and 2 <= len(last) <= 5 and last.isupper() and last.isalpha():
            emit(lo, hi, ORGANISATION, 0.55)
        else:
            emit(lo, hi, None, 0.5)

    def _of_phrase(self, words: list[str], lo: int, hi: int, part: list[str], emit: object,
                   out: list[Candidate], starts: list[int], ends: list[int]) -> None:
        at = part.index("of", 1)
        left = part[:at]
        if left[0] in PLACE_STARTS or left[-1] in PLACE_HEADS:
            emit(lo, hi, PLACE, 0.75)  # type: ignore[operator]
        elif left[-1] in ORG_HEADS or left[0] in ORG_HEADS:
            emit(lo, hi, ORGANISATION, 0.8)  # type: ignore[operator]
        elif " ".join(left) in self._places or (
                left[0] in self._first_names and len(left) >= 2):
            # "Lennox Lewis of Britain": two names.
            self._part(words, starts, ends, lo, lo + at, out, False)
            self._part(words, starts, ends, lo + at + 1, hi, out, False)
        else:
            emit(lo, hi, ORGANISATION, 0.6)  # type: ignore[operator]

    def _town_named(self, part: list[str]) -> bool:
        """A name that starts or ends with a town and is no person's ("Manchester United",
        "Seattle Mariners", "Ajax Amsterdam"): a club or a company."""
        for word in (part[0], part[-1]):
            place = self._places.get(word)
            if place is not None and place.kind in _TOWNS:
                return True
        return False

    @staticmethod
    def _title_end(part: list[str]) -> int:
        """How many words at the front of ``part`` are a title ("Secretary of State")."""
        if part[0] not in TITLES:
            return 0
        end = 0
        role = False
        for i, word in enumerate(part):
            if word in TITLES:
                role = role or word in TITLE_STARTS
                end = i + 1
            elif word in _TITLE_LINKS and i + 1 < len(part) and part[i + 1] in TITLES:
                continue
            else:
                break
        return end if role else 0
