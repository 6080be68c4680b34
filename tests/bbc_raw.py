"""The BBC News corpus read straight from its files, independently of the application."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path

from tests.support import SHARED

BBC = SHARED / "corpora" / "bbc-news" / "bbc"


@dataclass(frozen=True, slots=True)
class RawArticle:
    number: int  # position in sorted file order, from 1
    title: str
    body: str
    collection: str  # the folder: business, entertainment, politics, sport, tech


def read_bbc(folder: Path = BBC) -> list[RawArticle]:
    """The unique articles (2,124 of 2,225 files), by the same rule as the importer's test:
    decode (UTF-8, else Windows-1252), NFC, headline = first non-blank line, body = the
    rest; a file whose headline and body repeat an earlier one's (up to white space and
    case) is a duplicate."""
    seen: set[tuple[str, str]] = set()
    articles: list[RawArticle] = []
    for number, file in enumerate(sorted(folder.glob("*/*.txt")), 1):
        data = file.read_bytes()
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("cp1252")
        lines = unicodedata.normalize("NFC", text).splitlines()
        first = next(i for i, line in enumerate(lines) if line.strip())
        title = lines[first].strip()
        body = "\n".join(lines[first + 1 :]).strip()
        fingerprint = (" ".join(title.split()).casefold(), " ".join(body.split()).casefold())
        if fingerprint in seen:
            continue
        seen.add(fingerprint)
        articles.append(RawArticle(number, title, body, file.parent.name))
    return articles
