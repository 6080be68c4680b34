"""Plain-text articles: headline on the first non-empty line, body after it.

This covers the seed format (the headline repeated a few times before the body, as some
scrapers save it) and the BBC News layout (headline, blank line, body).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from desktop.domain.article import Article
from desktop.domain.text import (
    decode_html_entities,
    normalise_inline,
    normalise_line_ends,
    normalise_text,
    raw_hash,
)
from desktop.importers.decoding import decode_bytes
from desktop.importers.file_paths import display_path
from desktop.importers.import_error import ImportFailure

# A headline longer than this is more likely a first paragraph without a headline.
_MAX_TITLE = 300


class PlainTextImporter:
    """Reads ``.txt`` files holding one article each."""

    name = "Plain text"
    suffixes = (".txt", ".text")

    def iter_articles(self, source: BinaryIO, path: Path) -> Iterator[Article]:
        yield self.parse(source.read(), path)

    def parse(self, data: bytes, path: Path) -> Article:
        """The one article of a file's bytes; raises ImportFailure with the reason."""
        text, _encoding = decode_bytes(data)
        lines = normalise_line_ends(text).split("\n")
        nonblank = [i for i, line in enumerate(lines) if line.strip()]
        if not nonblank:
            raise ImportFailure("the file is empty")
        first = nonblank[0]
        title = _heading(lines[first])
        if len(title) > _MAX_TITLE:
            title, body_start = _title_from_file_name(path), first
        else:
            body_start = first + 1
            # Collapse repeats of the headline directly below it (the seed has three).
            for i in nonblank[1:]:
                if _heading(lines[i]).casefold() != title.casefold():
                    break
                body_start = i + 1
        body = normalise_text("\n".join(lines[body_start:]))
        if not body and not title:
            raise ImportFailure("the file holds no text")
        return Article(
            title=title, body=body, origin_path=display_path(path), raw_hash=raw_hash(data)
        )


def _heading(line: str) -> str:
    # Headlines copied from web pages keep HTML references ("&#163;1.8m"); a title is
    # shown, sorted and searched, so it is stored decoded.
    return normalise_inline(decode_html_entities(line))


def _title_from_file_name(path: Path) -> str:
    return normalise_inline(display_path(path.stem).replace("_", " ")) or display_path(path.name)
