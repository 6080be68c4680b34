"""Lines and capitalised runs of a text: what the rules work on.

A *run* is a stretch of capitalised words with the small words names contain between them
("Islamic State of Iraq and the Levant", "Charles de Gaulle"). One compiled expression
finds the runs of a line, so the lower-case bulk of a text never passes through Python
code: the recogniser has to keep up with thousands of paragraphs a second on one core.
Headlines written all in capitals are kept apart: there capitals say nothing, so only
known names are looked for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Final

from desktop.entities.rule_words import (
    NAME_ABBREVIATIONS,
    NAME_CONNECTORS,
    NAME_PREFIXES,
    ORG_HEADS,
    TITLES,
)


def _upper_class() -> str:
    """A character class of the upper-case Latin letters (with diacritics), as ranges.

    The rules are written for English and other Latin-script text; in Cyrillic, Greek or
    uncased scripts (Arabic, Chinese) they would only produce guesses, so there only the
    project's curated names are found."""
    ranges: list[tuple[int, int]] = []
    for code in (*range(0x41, 0x250), *range(0x1E00, 0x1F00)):
        if chr(code).isupper():
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1] = (ranges[-1][0], code)
            else:
                ranges.append((code, code))
    return "".join(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
                   for a, b in ranges)


_UPPER = _upper_class()
_CLITICS = r"(?:s|ve|ll|re|d|m|t)\b"
_TAIL = rf"\w*(?:['’](?!{_CLITICS})\w+)*"
_PREFIX = "|".join(sorted(NAME_PREFIXES, key=len, reverse=True))
# A capitalised word: "Kerry", "O'Neill", "Coca-Cola", "al-Qaida" (a lower-case tail such
# as "-backed" is left out), or an abbreviation such as "U.S.".
_CAP = (rf"(?:(?:[{_UPPER}]\.){{2,}}|(?:(?:{_PREFIX})-)?[{_UPPER}]{_TAIL}"
        rf"(?:-(?:(?:{_PREFIX})-)?[{_UPPER}]{_TAIL})*)")
_CONNECTOR = "|".join(re.escape(c) for c in sorted(NAME_CONNECTORS, key=len, reverse=True))
_RUN: Final = re.compile(
    rf"(?<![\w'’.-]){_CAP}(?:\.?[ \t]+(?:(?:{_CONNECTOR})[ \t]+){{0,2}}{_CAP})*")
_RUN_TOKEN: Final = re.compile(rf"{_CAP}|[^\W\d_]+|[.&]")
# Every token of a line in capitals (they are short: headlines, datelines).
_TOKEN: Final = re.compile(rf"(?:[^\W\d_]\.){{2,}}|\w+(?:['’](?!{_CLITICS})\w+)*|\S")
_LINE: Final = re.compile(r"[^\n]+")
_LOWER_WORD: Final = re.compile(r"\b[a-z][a-z]+\b")
_LOWER_TOKEN: Final = re.compile(r"(?<![\w'’])[a-z]+\b")
_DIGIT: Final = re.compile(r"\d")
# Where sentences begin in a line: its start, or after a sentence's end and a space, past
# any opening quotes or brackets.
_SENTENCE_START: Final = re.compile(
    r"(?:^|(?<=[.!?])['\"’”)\]]*[ \t]+)[\"'(\[‘“`*-]*[ \t]*(?=\S)", re.MULTILINE)
# Lower-case words a line of sports results may hold ("Somerset 236-4 ( Lathwell 85 not
# out )", "Charlton v Birmingham").
_RESULT_WORDS: Final = frozenset({"v", "vs", "not", "out", "beat", "bt", "at", "and", "a", "pts"})
# Connectors that join only after an organisation's head: "Association for Relations...".
_ORG_CONNECTORS: Final = frozenset({"for", "on", "upon"})


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
            content = line.group()
            begin, end = line.span()
            results = _DIGIT.search(content) is not None and _is_results_line(content)
            if content.upper() == content:
                if content.lower() != content:
                    scanned.caps_lines.append(_caps_line(text, begin, end, results))
                continue
            sentences: set[int] | None = None
            for match in _RUN.finditer(text, begin, end):
                if sentences is None:
                    sentences = {m.end() for m in _SENTENCE_START.finditer(text, begin, end)}
                _split_run(text, begin, end, match, results, sentences, scanned.runs)
        return scanned


def _is_results_line(content: str) -> bool:
    lower = [w for w in _LOWER_TOKEN.findall(content) if w not in _RESULT_WORDS]
    return len(lower) <= 1


def _caps_line(text: str, begin: int, end: int, results: bool) -> CapsLine:
    line = CapsLine([], [], [], results)
    for token in _TOKEN.finditer(text, begin, end):
        line.words.append(token.group())
        line.starts.append(token.start())
        line.ends.append(token.end())
    return line


def _split_run(text: str, begin: int, end: int, match: re.Match[str], results: bool,
               sentences: set[int], out: list[Run]) -> None:
    """Tokens of one matched run, cut where a dot ends a sentence or a connector joins
    nothing ("Switzerland for the World Cup")."""
    content = match.group()
    start = match.start()
    if "." not in content and " " in content and "  " not in content and "\t" not in content:
        # The common case, without a token expression: single spaces between words.
        words = content.split(" ")
        if not _ORG_CONNECTORS.intersection(words) and words[0][0].isupper():
            starts: list[int] = []
            ends: list[int] = []
            position = start
            for word in words:
                starts.append(position)
                position += len(word)
                ends.append(position)
                position += 1
            _emit(text, begin, end, words, starts, ends, results, sentences, out)
            return
    words, starts, ends = [], [], []
    for token in _RUN_TOKEN.finditer(text, start, match.end()):
        word = token.group()
        if word == "." and not (words and (len(words[-1]) == 1 or words[-1] in TITLES
                                           or words[-1] in NAME_ABBREVIATIONS)):
            _emit(text, begin, end, words, starts, ends, results, sentences, out)
            words, starts, ends = [], [], []
            continue
        if word == ".":
            # "George W. Bush", "Gen. Soleimani": the dot stays inside, and an initial
            # keeps it ("A." is an initial, "A" an article).
            if len(words[-1]) == 1 and token.start() == ends[-1]:
                words[-1] += "."
                ends[-1] += 1
            continue
        if word in _ORG_CONNECTORS and not (words and words[-1] in ORG_HEADS):
            _emit(text, begin, end, words, starts, ends, results, sentences, out)
            words, starts, ends = [], [], []
            continue
        words.append(word)
        starts.append(token.start())
        ends.append(token.end())
    _emit(text, begin, end, words, starts, ends, results, sentences, out)


def _emit(text: str, begin: int, end: int, words: list[str], starts: list[int],
          ends: list[int], results: bool, sentences: set[int], out: list[Run]) -> None:
    while words and not words[0][0].isupper() and "-" not in words[0]:
        del words[0], starts[0], ends[0]  # a connector left at the front by a cut
    if not words:
        return
    if results:
        # Only lines of results need the neighbouring tokens (a score after a team).
        before = _token_before(text, begin, starts[0])
        after = _token_after(text, ends[-1], end)
    else:
        before = after = ""
    out.append(Run(words, starts, ends, starts[0] in sentences, before, after, results))


def _token_before(text: str, begin: int, position: int) -> str:
    j = position
    while j > begin and text[j - 1] in " \t":
        j -= 1
    k = j
    while k > begin and not text[k - 1].isspace():
        k -= 1
    return text[k:j]


def _token_after(text: str, position: int, end: int) -> str:
    j = position
    while j < end and text[j] in " \t":
        j += 1
    k = j
    while k < end and not text[k].isspace():
        k += 1
    return text[j:k]
