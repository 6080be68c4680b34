"""A note: Markdown text on its own, on an article or on a highlight."""

from __future__ import annotations

import re
from dataclasses import dataclass

# A link made by the application: [shown text](rn://entity/12).
_APP_LINK = re.compile(r"\[([^\]\n]*)\]\(rn://(?:article|highlight|note|entity)/\d+\)")
# For one line of preview: any link or image as its text, a line's block marker (heading,
# quote, list item), and inline emphasis, code and strike-through markers. A regular
# expression, not a Markdown parser: an article's thousand highlights are previewed each
# time it opens, and a first line is not a document.
_ANY_LINK = re.compile(r"!?\[([^\]\n]*)\]\([^)\n]*\)")
_BLOCK_MARK = re.compile(r"^(?:\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+|\d+[.)]\s+))+")
_STARS = re.compile(r"(\*\*|\*|~~|`)(?=\S)(.+?)(?<=\S)\1")
_UNDERSCORES = re.compile(r"(?<!\w)(__|_)(?=\S)(.+?)(?<=\S)\1(?!\w)")
_LINE_BREAK = re.compile("[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")
# Any character one of the patterns above could act on.
_MARKUP = re.compile(r"[\[!#>*+\-_~`]|\d[.)]")


@dataclass(frozen=True, slots=True)
class Note:
    body: str
    title: str = ""
    article_id: int | None = None
    highlight_id: int | None = None
    # The passage the note was about, kept when its highlight or article is deleted.
    quote: str = ""
    created_at: str = ""
    updated_at: str | None = None
    deleted_at: str | None = None
    uuid: str = ""
    id: int | None = None

    def searchable_text(self) -> str:
        """The body as it is searched and shown in results: a link reads as its text (the
        words "rn", "entity" and the id are not the note's words)."""
        return plain_links(self.body)


def preview_line(body: str) -> str:
    """A note's first non-empty line as plain words, for tool tips, lists and table cells
    (``**Doubling** the [budget](rn://note/3)`` reads "Doubling the budget")."""
    line = _first_line(body)
    if _MARKUP.search(line) is None:
        return line  # most first lines are plain words: no pattern to run
    # Replacements are functions, not "\\1" templates: a template makes the regular
    # expression module import itself again on every call, through Qt's import hook.
    line = _ANY_LINK.sub(_group_1, _BLOCK_MARK.sub("", line))
    for marks in (_STARS, _UNDERSCORES):
        previous = None
        while previous != line:  # nested: ***both*** is ** inside *
            previous, line = line, marks.sub(_group_2, line)
    return line.strip()


def _first_line(body: str) -> str:
    # Line by line from the start, at the line breaks str.splitlines() knows: a 1 MB note
    # is not split whole for its first line.
    start = 0
    for found in _LINE_BREAK.finditer(body):
        line = body[start:found.start()].strip()
        if line:
            return line
        start = found.end()
    return body[start:].strip()


def _group_1(match: re.Match[str]) -> str:
    return match.group(1)


def _group_2(match: re.Match[str]) -> str:
    return match.group(2)


def plain_links(text: str) -> str:
    """``text`` with each application link (``[Jack Straw](rn://entity/125)``) written as
    its words, for lists and previews that show a note as text."""
    return _APP_LINK.sub(r"\1", text)
