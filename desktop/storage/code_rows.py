"""Reading and writing codes (a tree of named, coloured categories)."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Final

from desktop.domain.code import Code

if TYPE_CHECKING:
    from desktop.storage.project_store import ProjectStore

_COLUMNS: Final = (
    "id, uuid, name, colour, description, parent_id, position, created_at, updated_at,"
    " deleted_at"
)
_NOW: Final = "strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now')"
# Columns a user may change (the service checks values).
EDITABLE: Final = ("name", "colour", "description", "parent_id", "position")


class CodeRows:
    def __init__(self, store: ProjectStore) -> None:
        self._store = store

    @property
    def _db(self) -> sqlite3.Connection:
        return self._store.connection

    def add(self, code: Code) -> Code:
        with self._store.transaction() as db:
            position = code.position or int(db.execute(
                "SELECT coalesce(max(position), 0) + 1 FROM codes WHERE parent_id IS ?",
                (code.parent_id,)).fetchone()[0])
            row_id, uuid, created = db.execute(
                "INSERT INTO codes (name, colour, description, parent_id, position)"
                " VALUES (?,?,?,?,?) RETURNING id, uuid, created_at",
                (code.name, code.colour, code.description, code.parent_id, position),
            ).fetchone()
        return replace(code, id=int(row_id), uuid=str(uuid), created_at=str(created),
                       position=position)

    def get(self, code_id: int) -> Code | None:
        row = self._db.execute(f"SELECT {_COLUMNS} FROM codes WHERE id = ?",
                               (code_id,)).fetchone()
        return _code(row) if row else None

    def live(self) -> list[Code]:
        """Every code not deleted, parents before children, siblings in their order."""
        rows = [_code(r) for r in self._db.execute(
            f"SELECT {_COLUMNS} FROM codes WHERE deleted_at IS NULL ORDER BY position, id")]
        by_parent: dict[int | None, list[Code]] = {}
        for code in rows:
            by_parent.setdefault(code.parent_id, []).append(code)
        ordered: list[Code] = []

        def walk(parent: int | None) -> None:
            for code in by_parent.get(parent, []):
                ordered.append(code)
                walk(code.id)

        walk(None)
        # Children of a deleted parent are still codes: they show at the top level.
        seen = {c.id for c in ordered}
        ordered.extend(c for c in rows if c.id not in seen)
        return ordered

    def by_name(self, name: str) -> Code | None:
        row = self._db.execute(
            f"SELECT {_COLUMNS} FROM codes WHERE deleted_at IS NULL AND name = ?"
            " COLLATE NOCASE ORDER BY id LIMIT 1", (name,)).fetchone()
        return _code(row) if row else None

    def usage(self) -> dict[int, int]:
        """Highlights per live code (not counting those of its children)."""
        return {int(c): int(n) for c, n in self._db.execute(
            "SELECT code_id, count(*) FROM highlight_codes GROUP BY code_id")}

    def update(self, code_id: int, **values: object) -> None:
        unknown = set(values) - set(EDITABLE)
        if unknown:
            raise ValueError(f"codes have no editable {sorted(unknown)}")
        if not values:
            return
        assignments = ", ".join(f"{name} = ?" for name in values)
        with self._store.transaction() as db:
            db.execute(f"UPDATE codes SET {assignments}, updated_at = {_NOW} WHERE id = ?",
                       (*values.values(), code_id))

    def soft_delete(self, ids: Sequence[int]) -> None:
        with self._store.transaction() as db:
            db.executemany(f"UPDATE codes SET deleted_at = {_NOW} WHERE id = ?",
                           [(i,) for i in ids])

    def descendants(self, code_id: int) -> list[int]:
        """Live codes below ``code_id`` (any depth)."""
        rows = self._db.execute(
            "WITH RECURSIVE below(id) AS (SELECT id FROM codes WHERE parent_id = ?"
            " UNION SELECT c.id FROM codes AS c JOIN below ON c.parent_id = below.id)"
            " SELECT below.id FROM below JOIN codes USING (id) WHERE deleted_at IS NULL",
            (code_id,))
        return [int(r[0]) for r in rows]


def _code(row: Sequence[object]) -> Code:
    (c_id, uuid, name, colour, description, parent, position, created, updated,
     deleted) = row
    return Code(
        id=int(c_id), uuid=str(uuid), name=str(name), colour=str(colour),  # type: ignore[call-overload]
        description=str(description),
        parent_id=None if parent is None else int(parent),  # type: ignore[call-overload]
        position=int(position), created_at=str(created),  # type: ignore[call-overload]
        updated_at=None if updated is None else str(updated),
        deleted_at=None if deleted is None else str(deleted),
    )
