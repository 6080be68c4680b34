"""Notes as lists show them (the notes panel), filtered in SQL, and the titles that ``[[``
completion offers (articles and notes)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import TYPE_CHECKING

from desktop.domain.link import LinkKind
from desktop.domain.note import plain_links

if TYPE_CHECKING:
    from desktop.storage.project_store import ProjectStore

# A list row shows the start of a note only: a megabyte note must not travel to the GUI.
_PREVIEW_CHARS = 400


@dataclass(frozen=True, slots=True)
class NoteFilter:
    article_id: int | None = None
    highlight_id: int | None = None
    has_links: bool | None = None  # links from the note to anything
    text: str = ""  # in the title or the body
    since: str | None = None  # ISO date or time, on the last change
    until: str | None = None


@dataclass(frozen=True, slots=True)
class NoteRow:
    id: int
    title: str
    preview: str  # the start of the body
    article_id: int | None
    article_title: str
    highlight_id: int | None
    quote: str
    created_at: str
    updated_at: str | None
    links: int  # links from this note


@dataclass(frozen=True, slots=True)
class TitleMatch:
    kind: LinkKind  # article or note
    id: int
    title: str


def like_pattern(text: str, prefix_only: bool = False) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return escaped + "%" if prefix_only else "%" + escaped + "%"


class NoteListing:
    def __init__(self, store: ProjectStore) -> None:
        self._store = store

    @property
    def _db(self) -> sqlite3.Connection:
        return self._store.connection

    def rows(self, where: NoteFilter = NoteFilter(), limit: int = 5000) -> list[NoteRow]:
        """Live notes, most recently changed first."""
        parts, params = ["n.deleted_at IS NULL"], []
        if where.article_id is not None:
            parts.append("n.article_id = ?")
            params.append(where.article_id)
        if where.highlight_id is not None:
            parts.append("n.highlight_id = ?")
            params.append(where.highlight_id)
        if where.has_links is not None:
            exists = "EXISTS (SELECT 1 FROM links AS l WHERE l.source_note_id = n.id)"
            parts.append(exists if where.has_links else f"NOT {exists}")
        if where.text:
            parts.append("(n.title LIKE ? ESCAPE '\\' OR n.body LIKE ? ESCAPE '\\')")
            params.extend([like_pattern(where.text)] * 2)
        changed = "coalesce(n.updated_at, n.created_at)"
        if where.since is not None:
            parts.append(f"{changed} >= ?")
            params.append(where.since)
        if where.until is not None:
            parts.append(f"{changed} < ?")
            params.append(where.until)
        rows = self._db.execute(
            "SELECT n.id, n.title, substr(n.body, 1, ?), n.article_id, coalesce(a.title, ''),"
            " n.highlight_id, n.quote, n.created_at, n.updated_at,"
            " (SELECT count(*) FROM links AS l WHERE l.source_note_id = n.id)"
            " FROM notes AS n LEFT JOIN articles AS a ON a.id = n.article_id"
            f" WHERE {' AND '.join(parts)} ORDER BY {changed} DESC, n.id DESC LIMIT ?",
            (_PREVIEW_CHARS, *params, limit))
        return [NoteRow(int(i), str(t), plain_links(str(p)), None if a is None else int(a), str(at),
                        None if h is None else int(h), str(q), str(c),
                        None if u is None else str(u), int(k))
                for i, t, p, a, at, h, q, c, u, k in rows]

    def titles(self, text: str, limit: int = 20) -> list[TitleMatch]:
        """Articles and notes whose title contains ``text`` (those starting with it first),
        for ``[[`` completion."""
        found: list[TitleMatch] = []
        seen: set[tuple[LinkKind, int]] = set()
        for pattern in (like_pattern(text, prefix_only=True), like_pattern(text)):
            for kind, sql in (
                (LinkKind.ARTICLE, "SELECT id, title FROM articles WHERE title LIKE ?"
                                   " ESCAPE '\\' ORDER BY sort_title, id LIMIT ?"),
                (LinkKind.NOTE, "SELECT id, title FROM notes WHERE deleted_at IS NULL"
                                " AND title <> '' AND title LIKE ? ESCAPE '\\'"
                                " ORDER BY title COLLATE NOCASE, id LIMIT ?"),
            ):
                for row_id, title in self._db.execute(sql, (pattern, limit)):
                    key = (kind, int(row_id))
                    if key not in seen and len(found) < limit:
                        seen.add(key)
                        found.append(TitleMatch(kind, int(row_id), str(title)))
        return found

    def title_of(self, kind: LinkKind, target_id: int) -> str | None:
        """A link target's display name (None when it no longer exists)."""
        sql = {
            LinkKind.ARTICLE: "SELECT title FROM articles WHERE id = ?",
            LinkKind.NOTE: "SELECT CASE WHEN title <> '' THEN title ELSE substr(body, 1, 80)"
                           " END FROM notes WHERE id = ? AND deleted_at IS NULL",
            LinkKind.HIGHLIGHT: "SELECT exact FROM highlights WHERE id = ?",
            LinkKind.ENTITY: "SELECT name FROM entities WHERE id = ? AND deleted_at IS NULL",
        }[kind]
        row = self._db.execute(sql, (target_id,)).fetchone()
        return None if row is None else " ".join(plain_links(str(row[0])).split())[:120]
