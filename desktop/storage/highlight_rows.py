"""Reading and writing highlights and the codes they carry."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Final

from desktop.domain.highlight import AnchorStatus, Highlight
from desktop.domain.text_quote import TextQuote
from desktop.storage.rows_for_ids import rows_for_ids

if TYPE_CHECKING:
    from desktop.storage.project_store import ProjectStore

_COLUMNS: Final = (
    'id, uuid, article_id, start, "end", exact, prefix, suffix, body_version, status,'
    " created_at, updated_at"
)


class HighlightRows:
    def __init__(self, store: ProjectStore) -> None:
        self._store = store

    @property
    def _db(self) -> sqlite3.Connection:
        return self._store.connection

    def add(self, highlight: Highlight) -> Highlight:
        with self._store.transaction() as db:
            q = highlight.quote
            row_id, uuid, created = db.execute(
                'INSERT INTO highlights (article_id, start, "end", exact, prefix, suffix,'
                " body_version, status) VALUES (?,?,?,?,?,?,?,?)"
                " RETURNING id, uuid, created_at",
                (highlight.article_id, highlight.start, highlight.end, q.exact, q.prefix,
                 q.suffix, highlight.body_version, highlight.status.value),
            ).fetchone()
        return replace(highlight, id=int(row_id), uuid=str(uuid), created_at=str(created))

    def get(self, highlight_id: int) -> Highlight | None:
        row = self._db.execute(
            f"SELECT {_COLUMNS} FROM highlights WHERE id = ?", (highlight_id,)).fetchone()
        return _highlight(row) if row else None

    def many(self, ids: Sequence[int]) -> dict[int, Highlight]:
        sql = f"SELECT {_COLUMNS} FROM highlights WHERE id IN ({{ids}})"
        return {int(row[0]): _highlight(row) for row in rows_for_ids(self._db, sql, ids)}

    def for_article(self, article_id: int) -> list[Highlight]:
        """In reading order (the index on (article_id, start) serves it)."""
        return [_highlight(r) for r in self._db.execute(
            f"SELECT {_COLUMNS} FROM highlights WHERE article_id = ? ORDER BY start, id",
            (article_id,))]

    def with_status(self, status: AnchorStatus) -> list[Highlight]:
        return [_highlight(r) for r in self._db.execute(
            f"SELECT {_COLUMNS} FROM highlights WHERE status = ? ORDER BY article_id, start",
            (status.value,))]

    def count(self) -> int:
        return int(self._db.execute("SELECT count(*) FROM highlights").fetchone()[0])

    def delete(self, ids: Sequence[int]) -> None:
        with self._store.transaction() as db:
            db.executemany("DELETE FROM highlights WHERE id = ?", [(i,) for i in ids])

    def move(self, highlight_id: int, start: int, end: int, quote: TextQuote,
             body_version: int, status: AnchorStatus) -> None:
        """Anchor the highlight anew (re-anchoring, or the user re-selected it)."""
        with self._store.transaction() as db:
            db.execute(
                'UPDATE highlights SET start = ?, "end" = ?, exact = ?, prefix = ?, suffix = ?,'
                " body_version = ?, status = ?, candidate_start = NULL, candidate_end = NULL,"
                " updated_at = strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now') WHERE id = ?",
                (start, end, quote.exact, quote.prefix, quote.suffix, body_version,
                 status.value, highlight_id),
            )

    def set_status(self, highlight_id: int, status: AnchorStatus,
                   candidate: tuple[int, int] | None = None) -> None:
        with self._store.transaction() as db:
            db.execute(
                "UPDATE highlights SET status = ?, candidate_start = ?, candidate_end = ?"
                " WHERE id = ?",
                (status.value, *(candidate or (None, None)), highlight_id))

    def candidate(self, highlight_id: int) -> tuple[int, int] | None:
        """Where re-anchoring would put a highlight that needs review, if anywhere."""
        row = self._db.execute(
            "SELECT candidate_start, candidate_end FROM highlights WHERE id = ?",
            (highlight_id,)).fetchone()
        return (int(row[0]), int(row[1])) if row and row[0] is not None else None

    # -- codes on highlights ------------------------------------------------------------

    def codes_of(self, ids: Sequence[int]) -> dict[int, list[int]]:
        """Code ids per highlight (live codes only), in code order."""
        found: dict[int, list[int]] = {i: [] for i in ids}
        sql = ("SELECT hc.highlight_id, hc.code_id FROM highlight_codes AS hc"
               " JOIN codes AS c ON c.id = hc.code_id"
               " WHERE c.deleted_at IS NULL AND hc.highlight_id IN ({ids})"
               " ORDER BY c.position, c.id")
        for highlight_id, code_id in rows_for_ids(self._db, sql, ids):
            found[int(highlight_id)].append(int(code_id))
        return found

    def add_codes(self, highlight_id: int, code_ids: Sequence[int]) -> None:
        with self._store.transaction() as db:
            db.executemany(
                "INSERT OR IGNORE INTO highlight_codes (highlight_id, code_id) VALUES (?, ?)",
                [(highlight_id, c) for c in code_ids])

    def remove_codes(self, highlight_id: int, code_ids: Sequence[int]) -> None:
        with self._store.transaction() as db:
            db.executemany(
                "DELETE FROM highlight_codes WHERE highlight_id = ? AND code_id = ?",
                [(highlight_id, c) for c in code_ids])

    def add_code_to(self, highlight_ids: Sequence[int], code_id: int) -> None:
        """One code on many highlights: one statement run per row, not one savepoint."""
        with self._store.transaction() as db:
            db.executemany(
                "INSERT OR IGNORE INTO highlight_codes (highlight_id, code_id) VALUES (?, ?)",
                [(h, code_id) for h in highlight_ids])

    def remove_code_from(self, highlight_ids: Sequence[int], code_id: int) -> None:
        with self._store.transaction() as db:
            db.executemany(
                "DELETE FROM highlight_codes WHERE highlight_id = ? AND code_id = ?",
                [(h, code_id) for h in highlight_ids])


def _highlight(row: Sequence[object]) -> Highlight:
    (h_id, uuid, article_id, start, end, exact, prefix, suffix, body_version, status,
     created, updated) = row
    return Highlight(
        id=int(h_id), uuid=str(uuid), article_id=int(article_id),  # type: ignore[call-overload]
        start=int(start), end=int(end),  # type: ignore[call-overload]
        quote=TextQuote(str(exact), str(prefix), str(suffix)),
        body_version=int(body_version),  # type: ignore[call-overload]
        status=AnchorStatus(str(status)), created_at=str(created),
        updated_at=None if updated is None else str(updated),
    )
