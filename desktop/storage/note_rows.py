"""Reading and writing notes and the links from notes and highlights."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Final

from desktop.domain.link import Link, LinkEnd, LinkKind
from desktop.domain.note import Note

if TYPE_CHECKING:
    from desktop.storage.project_store import ProjectStore

_COLUMNS: Final = (
    "id, uuid, title, body, article_id, highlight_id, quote, created_at, updated_at, deleted_at"
)
_NOW: Final = "strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now')"
_SOURCE = {LinkKind.NOTE: "source_note_id", LinkKind.HIGHLIGHT: "source_highlight_id"}
_TARGET = {
    LinkKind.ARTICLE: "target_article_id",
    LinkKind.HIGHLIGHT: "target_highlight_id",
    LinkKind.NOTE: "target_note_id",
    LinkKind.ENTITY: "target_entity_id",
}


class NoteRows:
    def __init__(self, store: ProjectStore) -> None:
        self._store = store

    @property
    def _db(self) -> sqlite3.Connection:
        return self._store.connection

    def add(self, note: Note) -> Note:
        with self._store.transaction() as db:
            row_id, uuid, created = db.execute(
                "INSERT INTO notes (title, body, article_id, highlight_id, quote)"
                " VALUES (?,?,?,?,?) RETURNING id, uuid, created_at",
                (note.title, note.body, note.article_id, note.highlight_id, note.quote),
            ).fetchone()
        return replace(note, id=int(row_id), uuid=str(uuid), created_at=str(created))

    def get(self, note_id: int) -> Note | None:
        row = self._db.execute(f"SELECT {_COLUMNS} FROM notes WHERE id = ?",
                               (note_id,)).fetchone()
        return _note(row) if row else None

    def live(self, *, article_id: int | None = None, highlight_id: int | None = None,
             limit: int = 100_000) -> list[Note]:
        """Notes not deleted, newest change first; optionally of one article or highlight."""
        where, params = ["deleted_at IS NULL"], []
        if article_id is not None:
            where.append("article_id = ?")
            params.append(article_id)
        if highlight_id is not None:
            where.append("highlight_id = ?")
            params.append(highlight_id)
        return [_note(r) for r in self._db.execute(
            f"SELECT {_COLUMNS} FROM notes WHERE {' AND '.join(where)}"
            " ORDER BY coalesce(updated_at, created_at) DESC, id DESC LIMIT ?",
            (*params, limit))]

    def edit(self, note_id: int, *, body: str | None = None, title: str | None = None) -> None:
        values = {k: v for k, v in (("body", body), ("title", title)) if v is not None}
        if not values:
            return
        assignments = ", ".join(f"{k} = ?" for k in values)
        with self._store.transaction() as db:
            db.execute(f"UPDATE notes SET {assignments}, updated_at = {_NOW} WHERE id = ?",
                       (*values.values(), note_id))

    def soft_delete(self, ids: Sequence[int]) -> None:
        with self._store.transaction() as db:
            db.executemany(f"UPDATE notes SET deleted_at = {_NOW} WHERE id = ?",
                           [(i,) for i in ids])

    # -- links --------------------------------------------------------------------------

    def link(self, link: Link) -> Link:
        source, target = _SOURCE[link.source.kind], _TARGET[link.target.kind]
        with self._store.transaction() as db:
            existing = db.execute(
                f"SELECT id, uuid, created_at FROM links WHERE {source} = ? AND {target} = ?",
                (link.source.id, link.target.id)).fetchone()
            row = existing or db.execute(
                f"INSERT INTO links ({source}, {target}) VALUES (?, ?)"
                " RETURNING id, uuid, created_at", (link.source.id, link.target.id)).fetchone()
        return replace(link, id=int(row[0]), uuid=str(row[1]), created_at=str(row[2]))

    def unlink(self, link_ids: Sequence[int]) -> None:
        with self._store.transaction() as db:
            db.executemany("DELETE FROM links WHERE id = ?", [(i,) for i in link_ids])

    def links_from(self, source: LinkEnd) -> list[Link]:
        return self._links(f"{_SOURCE[source.kind]} = ?", source.id)

    def links_to(self, target: LinkEnd) -> list[Link]:
        """Backlinks: every link that ends at ``target``."""
        return self._links(f"{_TARGET[target.kind]} = ?", target.id)

    def _links(self, where: str, value: int) -> list[Link]:
        rows = self._db.execute(
            "SELECT id, uuid, created_at, source_note_id, source_highlight_id,"
            " target_article_id, target_highlight_id, target_note_id, target_entity_id"
            f" FROM links WHERE {where} ORDER BY id", (value,))
        found = []
        for l_id, uuid, created, s_note, s_high, t_art, t_high, t_note, t_ent in rows:
            source = (LinkEnd(LinkKind.NOTE, s_note) if s_note is not None
                      else LinkEnd(LinkKind.HIGHLIGHT, s_high))
            kind, target_id = next((k, v) for k, v in (
                (LinkKind.ARTICLE, t_art), (LinkKind.HIGHLIGHT, t_high),
                (LinkKind.NOTE, t_note), (LinkKind.ENTITY, t_ent)) if v is not None)
            found.append(Link(source, LinkEnd(kind, int(target_id)), str(created), str(uuid),
                              int(l_id)))
        return found


def _note(row: Sequence[object]) -> Note:
    n_id, uuid, title, body, article, highlight, quote, created, updated, deleted = row
    return Note(
        id=int(n_id), uuid=str(uuid), title=str(title), body=str(body),  # type: ignore[call-overload]
        article_id=None if article is None else int(article),  # type: ignore[call-overload]
        highlight_id=None if highlight is None else int(highlight),  # type: ignore[call-overload]
        quote=str(quote), created_at=str(created),
        updated_at=None if updated is None else str(updated),
        deleted_at=None if deleted is None else str(deleted),
    )
