"""Lines, tokens and capitalised runs of a text: what the rules work on.

A *run* is a stretch of capitalised words with the small words names contain between them
("Islamic State of Iraq and the Levant", "Charles de Gaulle"). Headlines written all in
capitals are kept apart: there capitals say nothing, so only known names are looked for.
Everything here is plain string work on compiled expressions: the recogniser has to keep
up with thousands of paragraphs a second on one core.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Final

from desktop.entities.rule_words import NAME_CONNECTORS, NAME_PREFIXES, ORG_HEADS, TITLES

# Words (with inner apostrophes and hyphens, but a possessive "'s" apart), dotted
# abbreviations ("U.S."), and any other visible character.
_CLITIC = r"['’](?:s|ve|ll|re|d|m|t)\b"
_TOKEN: Final = re.compile(
    rf"(?:[^\W\d_]\.){{2,}}|\w+(?:['’](?!(?:s|ve|ll|re|d|m|t)\b)\w+)*"
    rf"(?:-\w+(?:['’](?!(?:s|ve|ll|re|d|m|t)\b)\w+)*)*|{_CLITIC}|\S")
_LINE: Final = re.compile(r"[^\n]+")
_LOWER_WORD: Final = re.compile(r"\b[a-z][a-z]+\b")
_SENTENCE_END: Final = frozenset({".", "!", "?"})
# Lower-case words a line of sports results may hold ("Somerset 236-4 ( Lathwell 85 not
# out )", "Charlton v Birmingham").
_RESULT_WORDS: Final = frozenset({"v", "vs", "not", "out", "beat", "bt", "at", "and", "a", "pts"})
# Connectors that join only after an organisation's head: "Association for Relations...".
_ORG_CONNECTORS: Final = frozenset({"for", "on", "upon"})
# Characters that may stand between a sentence end and its first word.
_OPENERS: Final = frozenset({'"', "'", "(", "[", "‘", "“", "`", "-", "--", "*"})


@dataclass(slots=True)
class Run:
    """Capitalised words in a row; ``words[i]`` spans ``starts[i]:ends[i]`` of the text."""

    words: list[str]
    starts: list[int]
    ends: list[int]
    sentence_initial: bool
    before: str = ""  # the token before the run, if any
    after: str = ""  # the token after it
    # A line of sports results or a table ("Wisla Krakow 1 Gornik Zabrze 0"): names there
    # followed by a score are teams.
    results_line: bool = False


@dataclass(slots=True)
class CapsLine:
    """A headline in capitals: its words, for matching names already known."""

    words: list[str]
    starts: list[int]
    ends: list[int]
    results_line: bool = False


@dataclass(slots=True)
class ScannedText:
    runs: list[Run] = field(default_factory=list)
    caps_lines: list[CapsLine] = field(default_factory=list)
    # Lower-case words of the whole text: a sentence's first word that also appears in
    # lower case is a common word, not a name.
    lower_words: frozenset[str] = frozenset()


class TextScan:
    def scan(self, text: str) -> ScannedText:
        scanned = ScannedText(lower_words=frozenset(_LOWER_WORD.findall(text)))
        for line in _LINE.finditer(text):
            words: list[str] = []
            starts: list[int] = []
            ends: list[int] = []
            for token in _TOKEN.finditer(text, line.start(), line.end()):
                word = token.group()
                start = token.start()
                if "-" in word and len(word) > 2:
                    # "al-Qaida-breakaway", "Iranian-backed": the name is the capitalised
                    # front; the lower-case rest ends the run.
                    cut = _name_part(word)
                    if 0 < cut < len(word):
                        words += (word[:cut], "-")
                        starts += (start, start + cut)
                        ends += (start + cut, token.end())
                        continue
                words.append(word)
                starts.append(start)
                ends.append(token.end())
            results = _is_results_line(words)
            if _is_caps_line(words):
                scanned.caps_lines.append(CapsLine(words, starts, ends, results))
            else:
                _runs(words, starts, ends, scanned.runs, results)
        return scanned


def _name_part(word: str) -> int:
    """How much of a hyphenated word is a name: "al-Qaida-breakaway" -> 8, "Coca-Cola" ->
    all of it, "well-known" -> 0."""
    parts = word.split("-")
    length = 0
    for number, part in enumerate(parts):
        if not part:
            break
        named = part[0].isupper() or (
            part in NAME_PREFIXES and number + 1 < len(parts) and parts[number + 1][:1].isupper())
        if not named:
            break
        length += len(part) + (1 if number else 0)
    return length


def _is_cap(word: str) -> bool:
    first = word[0]
    if first.isupper():
        return True
    if first.islower() and "-" in word:
        prefix, _, rest = word.partition("-")
        return prefix in NAME_PREFIXES and rest[:1].isupper()
    return False


def _is_caps_line(words: list[str]) -> bool:
    """No word with a lower-case letter, and some in capitals ("LONDON 1996-08-30")."""
    upper = 0
    for word in words:
        if word[0].isalpha():
            if not word.isupper():
                return False
            upper += len(word) > 1
    return upper > 0


def _is_results_line(words: list[str]) -> bool:
    numbers = lower = 0
    for word in words:
        first = word[0]
        if first.isdigit():
            numbers += 1
        elif first.islower() and word not in _RESULT_WORDS:
            lower += 1
            if lower > 1:
                return False
    return numbers > 0


def _runs(words: list[str], starts: list[int], ends: list[int], out: list[Run],
          results: bool) -> None:
    count = len(words)
    at_start = True
    i = 0
    while i < count:
        word = words[i]
        if not _is_cap(word):
            if word in _SENTENCE_END:
                at_start = True
            elif word not in _OPENERS:
                at_start = False
            i += 1
            continue
        run_words = [word]
        run_starts = [starts[i]]
        run_ends = [ends[i]]
        j = i + 1
        last = i  # the last capitalised word taken
        while j < count:
            nxt = words[j]
            if _is_cap(nxt) and starts[j] > ends[j - 1]:
                last = j
            elif nxt == "." and starts[j] == ends[j - 1] and (
                    len(words[j - 1]) == 1 or words[j - 1] in TITLES) and j + 1 < count \
                    and _is_cap(words[j + 1]):
                pass  # "George W. Bush", "Gen. Soleimani": the dot stays inside
            elif nxt in NAME_CONNECTORS and j + 1 < count and (
                    nxt not in _ORG_CONNECTORS or words[j - 1] in ORG_HEADS) and (
                    _is_cap(words[j + 1]) or (words[j + 1] in NAME_CONNECTORS and j + 2 < count
                                              and _is_cap(words[j + 2]))):
                pass
            else:
                break
            j += 1
        for k in range(i + 1, last + 1):
            if words[k] != ".":
                run_words.append(words[k])
                run_starts.append(starts[k])
                run_ends.append(ends[k])
        out.append(Run(run_words, run_starts, run_ends, at_start, words[i - 1] if i else "",
                       words[last + 1] if last + 1 < count else "", results))
        at_start = False
        i = last + 1
