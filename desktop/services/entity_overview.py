"""Reading entities for the entity browser, the entity page and the co-occurrence graph.

A stand-in written beside the GUI while the entities' query service (``EntityQueries``)
was being built on another branch: same methods, same arguments, rows as dataclasses.
Only live entities (not deleted, not merged) count, and only mentions that were not
rejected.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass

from desktop.domain.entity import Entity, EntityType
from desktop.storage.project_store import ProjectStore

_SPACES = re.compile(r"\s+")
_LIVE = "e.deleted_at IS NULL AND e.merged_into IS NULL"
_ORDERS = {
    "mentions": "mentions DESC, e.name COLLATE NOCASE",
    "articles": "articles DESC, e.name COLLATE NOCASE",
    "notes": "notes DESC, e.name COLLATE NOCASE",
    "name": "e.name COLLATE NOCASE, e.id",
}


@dataclass(frozen=True, slots=True)
class EntityRow:
    id: int
    name: str
    type: str
    colour: str
    aliases: tuple[str, ...]
    mentions: int
    articles: int
    notes: int
    state: str


@dataclass(frozen=True, slots=True)
class KwicLine:
    mention_id: int
    article_id: int
    title: str
    start: int
    end: int
    left: str
    match: str
    right: str
    state: str


@dataclass(frozen=True, slots=True)
class LinkedItem:
    kind: str  # "note" or "highlight"
    id: int
    article_id: int | None
    text: str


@dataclass(frozen=True, slots=True)
class Neighbour:
    id: int
    name: str
    type: str
    colour: str
    count: int  # articles shared


@dataclass(frozen=True, slots=True)
class EntityPage:
    entity: Entity
    type: EntityType
    aliases: tuple[str, ...]
    description: str
    external_id: str
    mentions: int
    articles: int
    kwic: tuple[KwicLine, ...] = ()
    notes: tuple[LinkedItem, ...] = ()
    highlights: tuple[LinkedItem, ...] = ()
    cooccurring: tuple[Neighbour, ...] = ()
    months: tuple[tuple[str, int], ...] = ()  # ("2019-12", mentions), in date order


@dataclass(frozen=True, slots=True)
class GraphNode:
    id: int
    name: str
    type: str
    colour: str
    articles: int


@dataclass(frozen=True, slots=True)
class CooccurrenceGraph:
    nodes: tuple[GraphNode, ...] = ()
    edges: tuple[tuple[int, int, int], ...] = ()  # (a, b, shared articles), a < b
    truncated: bool = False  # more entities than ``limit_nodes``


class EntityOverview:
    def __init__(self, store: ProjectStore) -> None:
        self._store = store

    @property
    def _db(self) -> sqlite3.Connection:
        return self._store.connection

    def listing(self, type_name: str | None = None, text: str | None = None,
                state: str | None = None, order: str = "mentions",
                limit: int | None = None) -> list[EntityRow]:
        """Live entities with counts; ``text`` matches a name or an alias anywhere in it."""
        where, args = [_LIVE], []  # type: list[str], list[object]
        if type_name:
            where.append("t.name = ? COLLATE NOCASE")
            args.append(type_name)
        if state:
            where.append("e.state = ?")
            args.append(state)
        if text and text.strip():
            pattern = "%" + _escape_like(text.strip()) + "%"
            where.append("(e.name LIKE ? ESCAPE '\\' OR e.id IN (SELECT entity_id FROM"
                         " entity_aliases WHERE alias LIKE ? ESCAPE '\\'))")
            args.extend([pattern, pattern])
        sql = f"""
            WITH counts AS (
                SELECT entity_id, count(*) AS mentions, count(DISTINCT article_id) AS articles
                FROM mentions WHERE state <> 'rejected' GROUP BY entity_id),
            linked AS (
                SELECT target_entity_id AS entity_id, count(*) AS notes FROM links
                WHERE target_entity_id IS NOT NULL GROUP BY target_entity_id)
            SELECT e.id, e.name, t.name, t.colour, e.state,
                   (SELECT group_concat(alias, char(31)) FROM
                       (SELECT alias FROM entity_aliases WHERE entity_id = e.id ORDER BY id)),
                   coalesce(c.mentions, 0) AS mentions, coalesce(c.articles, 0) AS articles,
                   coalesce(l.notes, 0) AS notes
            FROM entities AS e JOIN entity_types AS t ON t.id = e.type_id
            LEFT JOIN counts AS c ON c.entity_id = e.id
            LEFT JOIN linked AS l ON l.entity_id = e.id
            WHERE {" AND ".join(where)}
            ORDER BY {_ORDERS.get(order, _ORDERS["mentions"])}"""
        if limit is not None:
            sql += " LIMIT ?"
            args.append(limit)
        return [EntityRow(int(i), str(n), str(t), str(c), tuple(str(a).split("\x1f")) if a
                          else (), int(m), int(ar), int(no), str(s))
                for i, n, t, c, s, a, m, ar, no in self._db.execute(sql, args)]

    def page(self, entity_id: int, context_chars: int = 60,
             limit: int = 200) -> EntityPage | None:
        entity = self._store.entities.get(entity_id)
        if entity is None or entity.deleted_at is not None:
            return None
        entity_type = next((t for t in self._store.entities.types()
                            if t.id == entity.type_id), EntityType("other", "#8c8c8c"))
        db = self._db
        mentions, articles = db.execute(
            "SELECT count(*), count(DISTINCT article_id) FROM mentions"
            " WHERE entity_id = ? AND state <> 'rejected'", (entity_id,)).fetchone()
        kwic = []
        for m_id, a_id, title, start, end, state, left, match, right in db.execute(
                'SELECT m.id, m.article_id, a.title, m.start, m."end", m.state,'
                " substr(a.body, max(1, m.start + 1 - ?2), min(m.start, ?2)),"
                ' substr(a.body, m.start + 1, m."end" - m.start),'
                ' substr(a.body, m."end" + 1, ?2)'
                " FROM mentions AS m JOIN articles AS a ON a.id = m.article_id"
                " WHERE m.entity_id = ?1 AND m.state <> 'rejected'"
                " AND m.body_version = a.body_version"
                " ORDER BY a.published IS NULL, a.published, m.article_id, m.start LIMIT ?3",
                (entity_id, context_chars, limit)):
            kwic.append(KwicLine(int(m_id), int(a_id), str(title), int(start), int(end),
                                 _one_line(str(left)), _one_line(str(match)),
                                 _one_line(str(right)), str(state)))
        notes = tuple(LinkedItem("note", int(i), None if a is None else int(a),
                                 _first_line(str(title) or str(body)))
                      for i, a, title, body in db.execute(
                          "SELECT n.id, n.article_id, n.title, n.body FROM links AS l"
                          " JOIN notes AS n ON n.id = l.source_note_id"
                          " WHERE l.target_entity_id = ? AND n.deleted_at IS NULL"
                          " ORDER BY n.id", (entity_id,)))
        highlights = tuple(LinkedItem("highlight", int(i), int(a), _one_line(str(q)))
                           for i, a, q in db.execute(
                               "SELECT h.id, h.article_id, h.exact FROM links AS l"
                               " JOIN highlights AS h ON h.id = l.source_highlight_id"
                               " WHERE l.target_entity_id = ? ORDER BY h.id", (entity_id,)))
        cooccurring = tuple(Neighbour(int(i), str(n), str(t), str(c), int(k))
                            for i, n, t, c, k in db.execute(
            f"""WITH mine AS (SELECT DISTINCT article_id FROM mentions
                              WHERE entity_id = ?1 AND state <> 'rejected')
                SELECT e.id, e.name, t.name, t.colour, count(DISTINCT m.article_id) AS k
                FROM mentions AS m JOIN mine USING (article_id)
                JOIN entities AS e ON e.id = m.entity_id
                JOIN entity_types AS t ON t.id = e.type_id
                WHERE m.entity_id <> ?1 AND m.state <> 'rejected' AND {_LIVE}
                GROUP BY e.id ORDER BY k DESC, e.name COLLATE NOCASE LIMIT 50""",
            (entity_id,)))
        months = tuple((str(month), int(count)) for month, count in db.execute(
            "SELECT substr(a.published, 1, 7) AS month, count(*) FROM mentions AS m"
            " JOIN articles AS a ON a.id = m.article_id"
            " WHERE m.entity_id = ? AND m.state <> 'rejected' AND a.published IS NOT NULL"
            " AND length(a.published) >= 7 GROUP BY month ORDER BY month", (entity_id,)))
        return EntityPage(entity, entity_type, entity.aliases, entity.description,
                          entity.external_id, int(mentions), int(articles), tuple(kwic),
                          notes, highlights, cooccurring, months)

    def cooccurrence(self, min_weight: int = 1, types: list[str] | None = None,
                     limit_nodes: int = 2000) -> CooccurrenceGraph:
        """The entities found in the most articles (at most ``limit_nodes``) and the number
        of articles each pair shares (pairs sharing fewer than ``min_weight`` left out)."""
        where, args = [_LIVE], []  # type: list[str], list[object]
        if types:
            where.append(f"t.name IN ({','.join('?' * len(types))}) COLLATE NOCASE")
            args.extend(types)
        rows = self._db.execute(
            f"""SELECT e.id, e.name, t.name, t.colour, count(DISTINCT m.article_id) AS k
                FROM entities AS e JOIN entity_types AS t ON t.id = e.type_id
                JOIN mentions AS m ON m.entity_id = e.id AND m.state <> 'rejected'
                WHERE {" AND ".join(where)}
                GROUP BY e.id ORDER BY k DESC, e.id LIMIT ?""",
            [*args, limit_nodes + 1]).fetchall()
        truncated = len(rows) > limit_nodes
        nodes = tuple(GraphNode(int(i), str(n), str(t), str(c), int(k))
                      for i, n, t, c, k in rows[:limit_nodes])
        db = self._db
        db.execute("CREATE TEMP TABLE IF NOT EXISTS graph_nodes (id INTEGER PRIMARY KEY)")
        db.execute("DELETE FROM graph_nodes")
        db.executemany("INSERT INTO graph_nodes (id) VALUES (?)", [(n.id,) for n in nodes])
        edges = tuple((int(a), int(b), int(w)) for a, b, w in db.execute(
            """WITH ea AS (SELECT DISTINCT m.entity_id, m.article_id FROM mentions AS m
                           JOIN graph_nodes AS g ON g.id = m.entity_id
                           WHERE m.state <> 'rejected')
               SELECT x.entity_id, y.entity_id, count(*) AS w FROM ea AS x
               JOIN ea AS y ON y.article_id = x.article_id AND y.entity_id > x.entity_id
               GROUP BY x.entity_id, y.entity_id HAVING w >= ? ORDER BY w DESC""",
            (max(1, min_weight),)))
        db.execute("DELETE FROM graph_nodes")
        return CooccurrenceGraph(nodes, edges, truncated)


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _one_line(text: str) -> str:
    return _SPACES.sub(" ", text)


def _first_line(text: str) -> str:
    return next((line.strip() for line in text.splitlines() if line.strip()), "")
