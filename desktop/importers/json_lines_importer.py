"""JSON Lines batch files (``.jsonl``, ``.ndjson``): one article per line, as scrapers,
news APIs and other tools export collections.

Each line is a JSON object; the fields read (first name found wins):

- title: ``title``, ``headline``
- body: ``body``, ``text``, ``content``
- source: ``source``, ``outlet``, ``publisher`` (a string, or an object with ``name``)
- author: ``author``, ``byline`` (a string or a list of strings)
- published: ``published``, ``date``, ``published_at``, ``publishedAt`` (an ISO date)
- url: ``url``, ``link``; language: ``language``, ``lang``; keywords: ``keywords``, ``tags``

The file is read line by line, so a file of a million stories never sits in memory, and a
bad line (not JSON, not an object, no text) is reported with its line number while the rest
of the file goes on.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, BinaryIO

from desktop.domain.article import Article
from desktop.domain.text import decode_html_entities, normalise_inline, normalise_text, raw_hash
from desktop.importers.file_paths import display_path
from desktop.importers.record_failure import RecordFailure

_ISO_DATE = re.compile(
    r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$")
# A line longer than this is refused rather than parsed (a broken file, not an article).
_MAX_LINE = 64 * 1024 * 1024


class JsonLinesImporter:
    name = "JSON Lines"
    suffixes = (".jsonl", ".ndjson")

    def iter_articles(self, source: BinaryIO, path: Path) -> Iterator[Article | RecordFailure]:
        origin = display_path(path)
        for number, raw in enumerate(source, 1):
            if not raw.strip():
                continue
            where = f"line {number}"
            if len(raw) > _MAX_LINE:
                yield RecordFailure(where, "the line is longer than 64 MB")
                continue
            try:
                record = json.loads(raw.decode("utf-8-sig" if number == 1 else "utf-8"))
            except UnicodeDecodeError:
                yield RecordFailure(where, "not UTF-8 text (JSON Lines files are UTF-8)")
                continue
            except json.JSONDecodeError as error:
                yield RecordFailure(where, f"not valid JSON ({error.msg} at column "
                                           f"{error.colno})")
                continue
            except RecursionError:
                yield RecordFailure(where, "JSON nested too deeply")
                continue
            if not isinstance(record, Mapping):
                yield RecordFailure(where, "not a JSON object")
                continue
            article = _article(record, f"{origin}:{number}", raw)
            if isinstance(article, Article) and not _encodable(article):
                # JSON may escape a lone surrogate ("\\ud800"): not text, and nothing
                # downstream (hashing, SQLite, the index) can store it.
                article = "holds an escaped lone surrogate (\\ud800-\\udfff), not text"
            if isinstance(article, str):
                yield RecordFailure(where, article)
            else:
                yield article


def _article(record: Mapping[str, Any], origin: str, raw: bytes) -> Article | str:
    title = normalise_inline(decode_html_entities(_text(record, "title", "headline")))
    body = normalise_text(_text(record, "body", "text", "content"))
    if not title and not body:
        return "no title and no text"
    published = _text(record, "published", "date", "published_at", "publishedAt").strip()
    if published and not _ISO_DATE.match(published):
        published = ""  # an unreadable date is left out, never guessed
    keywords = record.get("keywords", record.get("tags", ()))
    if isinstance(keywords, str):
        keywords = keywords.split(",")
    return Article(
        title=title or normalise_inline(body[:80]),
        body=body,
        source=normalise_inline(_name(record, "source", "outlet", "publisher")),
        author=normalise_inline(_name(record, "author", "byline")),
        published=published or None,
        url=_text(record, "url", "link").strip(),
        language=_text(record, "language", "lang").strip()[:35],
        keywords=tuple(normalise_inline(str(k)) for k in keywords
                       if isinstance(k, str | int) and str(k).strip())[:200]
        if isinstance(keywords, list | tuple) else (),
        origin_path=origin,
        raw_hash=raw_hash(raw),
    )


def _encodable(article: Article) -> bool:
    try:
        "".join((article.title, article.body, article.source, article.author,
                 article.published or "", article.url, article.language,
                 *article.keywords)).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _text(record: Mapping[str, Any], *keys: str) -> str:
    for key in keys:
        value = record.get(key)
        if isinstance(value, str) and value.strip():
            return value
    return ""


def _name(record: Mapping[str, Any], *keys: str) -> str:
    """A string, an object with a name, or a list of either (joined with commas)."""
    for key in keys:
        value = record.get(key)
        values = value if isinstance(value, list) else [value]
        names = [v if isinstance(v, str) else v.get("name") if isinstance(v, Mapping) else None
                 for v in values]
        joined = ", ".join(n.strip() for n in names if isinstance(n, str) and n.strip())
        if joined:
            return joined
    return ""
