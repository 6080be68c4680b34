"""What entity recognition reads and writes in bulk: curated names, the names it may
reuse, rejected strings, existing mentions, and the entity list with its counts."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from desktop.domain.entity import Mention, RejectedName

if TYPE_CHECKING:
    from desktop.storage.project_store import ProjectStore

_LIVE = "e.deleted_at IS NULL AND e.merged_into IS NULL"


@dataclass(frozen=True, slots=True)
class NameRow:
    """One name or alias of a live entity."""

    entity_id: int
    name: str  # as written
    canonical: str  # the entity's name
    type_id: int
    type_name: str
    state: str
    match_case: bool


@dataclass(frozen=True, slots=True)
class EntitySummary:
    id: int
    name: str
    type_name: str
    aliases: tuple[str, ...]
    mentions: int
    articles: int
    state: str


class RecognitionRows:
    def __init__(self, store: ProjectStore) -> None:
        self._store = store

    @property
    def _db(self) -> sqlite3.Connection:
        return self._store.connection

    def names(self) -> Iterator[NameRow]:
        """Every name and alias of every live entity, suggested or confirmed."""
        rows = self._db.execute(
            f"""SELECT e.id, e.name, e.name, e.type_id, t.name, e.state, e.match_case
                FROM entities AS e JOIN entity_types AS t ON t.id = e.type_id WHERE {_LIVE}
                UNION ALL
                SELECT e.id, a.alias, e.name, e.type_id, t.name, e.state, e.match_case
                FROM entity_aliases AS a JOIN entities AS e ON e.id = a.entity_id
                JOIN entity_types AS t ON t.id = e.type_id WHERE {_LIVE}""")
        for e_id, name, canonical, type_id, type_name, state, match_case in rows:
            yield NameRow(int(e_id), str(name), str(canonical), int(type_id), str(type_name),
                          str(state), bool(match_case))

    def rejected(self) -> list[RejectedName]:
        return [RejectedName(str(n), None if t is None else int(t), str(c), str(u), int(i))
                for i, u, n, t, c in self._db.execute(
                    "SELECT id, uuid, name, type_id, created_at FROM rejected_names")]

    def reject(self, name: str, type_id: int | None = None) -> RejectedName:
        with self._store.transaction() as db:
            db.execute("INSERT OR IGNORE INTO rejected_names (name, type_id) VALUES (?, ?)",
                       (name, type_id))
            row = db.execute(
                "SELECT id, uuid, created_at FROM rejected_names WHERE name = ? COLLATE NOCASE"
                " AND coalesce(type_id, 0) = coalesce(?, 0)", (name, type_id)).fetchone()
        return RejectedName(name, type_id, str(row[2]), str(row[1]), int(row[0]))

    def mention_spans(self, article_ids: Sequence[int]) -> dict[int, list[tuple[int, int]]]:
        """The spans that already have a mention (any origin or state), by article."""
        found: dict[int, list[tuple[int, int]]] = {}
        for chunk in _chunks(article_ids, 500):
            marks = ",".join("?" * len(chunk))
            for article, start, end in self._db.execute(
                    f'SELECT article_id, start, "end" FROM mentions WHERE article_id IN ({marks})',
                    chunk):
                found.setdefault(int(article), []).append((int(start), int(end)))
        return found

    def add_mentions(self, mentions: Sequence[Mention]) -> None:
        with self._store.transaction() as db:
            db.executemany(
                'INSERT INTO mentions (entity_id, article_id, start, "end", text, origin, state,'
                " body_version) VALUES (?,?,?,?,?,?,?,?)",
                [(m.entity_id, m.article_id, m.start, m.end, m.text, m.origin.value,
                  m.state.value, m.body_version) for m in mentions])

    def article_ids(self) -> list[int]:
        return [int(r[0]) for r in self._db.execute("SELECT id FROM articles ORDER BY id")]

    def bodies(self, article_ids: Sequence[int]) -> list[tuple[int, int, str]]:
        """(id, body version, body) of the given articles that exist, in the given order."""
        found: dict[int, tuple[int, int, str]] = {}
        for chunk in _chunks(article_ids, 500):
            marks = ",".join("?" * len(chunk))
            for a_id, version, body in self._db.execute(
                    f"SELECT id, body_version, body FROM articles WHERE id IN ({marks})", chunk):
                found[int(a_id)] = (int(a_id), int(version), str(body))
        return [found[i] for i in article_ids if i in found]

    def summaries(self, type_id: int | None = None) -> list[EntitySummary]:
        """Live entities with their counts of (not rejected) mentions and of articles."""
        where = f"{_LIVE}" + (" AND e.type_id = ?" if type_id is not None else "")
        rows = self._db.execute(
            f"""SELECT e.id, e.name, t.name, e.state,
                       (SELECT group_concat(alias, char(31)) FROM
                            (SELECT alias FROM entity_aliases WHERE entity_id = e.id
                             ORDER BY id)),
                       count(m.id), count(DISTINCT m.article_id)
                FROM entities AS e JOIN entity_types AS t ON t.id = e.type_id
                LEFT JOIN mentions AS m ON m.entity_id = e.id AND m.state <> 'rejected'
                WHERE {where}
                GROUP BY e.id ORDER BY count(m.id) DESC, e.name COLLATE NOCASE, e.id""",
            () if type_id is None else (type_id,))
        return [EntitySummary(int(i), str(n), str(t), tuple(str(a).split("\x1f")) if a else (),
                              int(m), int(c), str(s))
                for i, n, t, s, a, m, c in rows]


def _chunks(values: Sequence[int], size: int) -> Iterator[list[int]]:
    for begin in range(0, len(values), size):
        yield list(values[begin:begin + size])
