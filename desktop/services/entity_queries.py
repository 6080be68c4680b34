"""What the entity browser, the entity page and the co-occurrence graph show: read-only,
aggregated in SQLite.

Sized for 2,000 entities and 200,000 mentions (see ``tests/bench``): every count is a
``GROUP BY`` over the mentions (a covering index makes the scans index-only), the
keyword-in-context lines cut their text with ``substr`` in SQL instead of reading whole
bodies into Python, and the graph's edges count the distinct (entity, article) pairs
that SQLite reads from that index (see :meth:`EntityQueries._all_edges`). Rejected
mentions, deleted entities and entities merged away never count.
"""

from __future__ import annotations

import sqlite3
from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from itertools import combinations
from operator import itemgetter
from typing import Final

from desktop.domain.note import plain_links
from desktop.services.entity_views import (
    CoEntity,
    CooccurrenceGraph,
    EntityPage,
    EntityRow,
    GraphEdge,
    GraphNode,
    KwicLine,
    LinkedHighlight,
    LinkedNote,
    MentionMark,
    MonthCount,
)
from desktop.services.highlight_service import AnnotationError
from desktop.storage.project_store import ProjectStore

__all__ = [
    "ORDERS", "CoEntity", "CooccurrenceGraph", "EntityPage", "EntityQueries", "EntityRow",
    "GraphEdge", "GraphNode", "KwicLine", "LinkedHighlight", "LinkedNote", "MentionMark",
    "MonthCount",
]

_LIVE: Final = "e.deleted_at IS NULL AND e.merged_into IS NULL"
_COUNTED: Final = "state <> 'rejected'"
# The browser's sort orders: most first for counts, then by name.
ORDERS: Final = {
    "mentions": "mentions DESC, e.name COLLATE NOCASE, e.id",
    "articles": "articles DESC, e.name COLLATE NOCASE, e.id",
    "notes": "notes DESC, e.name COLLATE NOCASE, e.id",
    "name": "e.name COLLATE NOCASE, e.id",
    "type": "t.position, t.name, e.name COLLATE NOCASE, e.id",
}
# A merge chain longer than this is a loop made by hand in the database; stop following.
_MAX_MERGE_HOPS: Final = 50


class EntityQueries:
    def __init__(self, store: ProjectStore) -> None:
        self._store = store

    @property
    def _db(self) -> sqlite3.Connection:
        return self._store.connection

    # -- the browser --------------------------------------------------------------------

    def listing(self, type_name: str | None = None, text: str | None = None,
                state: str | None = None, order: str = "mentions",
                limit: int | None = None) -> list[EntityRow]:
        """Live entities with their counts. ``text`` matches any part of the name or of an
        alias, in any case; ``type_name`` and ``state`` filter; ``order`` is one of
        :data:`ORDERS`."""
        if order not in ORDERS:
            raise AnnotationError(f"Entities cannot be sorted by “{order}” "
                                  f"(choose {', '.join(ORDERS)}).")
        where, params = [_LIVE], []
        if type_name:
            where.append("t.name = ? COLLATE NOCASE")
            params.append(type_name.strip())
        if state:
            where.append("e.state = ?")
            params.append(state)
        if text and text.strip():
            pattern = f"%{_like(' '.join(text.split()))}%"
            where.append("(e.name LIKE ? ESCAPE '\\' OR EXISTS (SELECT 1 FROM entity_aliases"
                         " AS x WHERE x.entity_id = e.id AND x.alias LIKE ? ESCAPE '\\'))")
            params += [pattern, pattern]
        sql = f"""
            WITH counts AS (
                SELECT entity_id, count(*) AS mentions, count(DISTINCT article_id) AS articles
                FROM mentions WHERE {_COUNTED} GROUP BY entity_id),
            linked AS (
                SELECT l.target_entity_id AS entity_id,
                       count(DISTINCT n.id) AS notes,
                       count(DISTINCT l.source_highlight_id) AS highlights
                FROM links AS l LEFT JOIN notes AS n
                     ON n.id = l.source_note_id AND n.deleted_at IS NULL
                WHERE l.target_entity_id IS NOT NULL GROUP BY l.target_entity_id)
            SELECT e.id, e.name, t.name, t.colour,
                   (SELECT group_concat(alias, char(31)) FROM
                        (SELECT alias FROM entity_aliases WHERE entity_id = e.id ORDER BY id)),
                   coalesce(c.mentions, 0) AS mentions, coalesce(c.articles, 0) AS articles,
                   coalesce(k.notes, 0) AS notes, coalesce(k.highlights, 0), e.state
            FROM entities AS e JOIN entity_types AS t ON t.id = e.type_id
            LEFT JOIN counts AS c ON c.entity_id = e.id
            LEFT JOIN linked AS k ON k.entity_id = e.id
            WHERE {' AND '.join(where)}
            ORDER BY {ORDERS[order]}"""
        if limit is not None:
            sql += " LIMIT ?"
            params.append(max(0, int(limit)))
        return [EntityRow(int(i), str(n), str(t), str(c), _split(a), int(m), int(ar), int(no),
                          int(h), str(s))
                for i, n, t, c, a, m, ar, no, h, s in self._db.execute(sql, params)]

    # -- the reader ---------------------------------------------------------------------

    def marks(self, article_id: int) -> list[MentionMark]:
        """The mentions to mark in an article, in reading order: suggested and confirmed
        ones of live entities (rejected ones and deleted entities are not shown)."""
        rows = self._db.execute(
            f"""SELECT m.id, m.start, m."end", e.id, e.name, t.name, t.colour, m.state,
                       m.origin, m.body_version <> a.body_version
                FROM mentions AS m JOIN entities AS e ON e.id = m.entity_id
                JOIN entity_types AS t ON t.id = e.type_id
                JOIN articles AS a ON a.id = m.article_id
                WHERE m.article_id = ? AND m.{_COUNTED} AND {_LIVE}
                ORDER BY m.start, m.id""", (article_id,))
        return [MentionMark(int(i), int(s), int(e), int(ei), str(n), str(t), str(c), str(st),
                            str(o), bool(stale))
                for i, s, e, ei, n, t, c, st, o, stale in rows]

    # -- the entity page ----------------------------------------------------------------

    def resolve(self, entity_id: int) -> int | None:
        """The entity that ``entity_id`` was merged into (through any chain of merges), or
        ``entity_id`` itself; None if there is no such entity."""
        current = entity_id
        for _ in range(_MAX_MERGE_HOPS):
            row = self._db.execute("SELECT merged_into FROM entities WHERE id = ?",
                                   (current,)).fetchone()
            if row is None:
                return None
            if row[0] is None:
                return current
            current = int(row[0])
        return current

    def page(self, entity_id: int, context_chars: int = 60, limit: int = 200,
             cooccurring: int = 50) -> EntityPage:
        """Everything the entity page shows. A merged entity's page is its target's; a
        deleted one still has a page (``page.entity.deleted_at`` says so)."""
        resolved = self.resolve(entity_id)
        entity = None if resolved is None else self._store.entities.get(resolved)
        if entity is None or entity.id is None:
            raise AnnotationError(f"There is no entity with id {entity_id}.")
        e_id = entity.id
        entity_type = next(t for t in self._store.entities.types() if t.id == entity.type_id)
        mentions, articles = self._db.execute(
            f"SELECT count(*), count(DISTINCT article_id) FROM mentions"
            f" WHERE entity_id = ? AND {_COUNTED}", (e_id,)).fetchone()
        months, undated = self._months(e_id)
        return EntityPage(
            entity=entity, type=entity_type, mentions=int(mentions), articles=int(articles),
            kwic=self._kwic(e_id, max(0, context_chars), max(0, limit)),
            notes=self._notes(e_id), highlights=self._highlights(e_id),
            cooccurring=self._cooccurring(e_id, cooccurring), months=months, undated=undated)

    def _kwic(self, entity_id: int, context: int, limit: int) -> tuple[KwicLine, ...]:
        # The lines are chosen first and cut afterwards: cutting needs the bodies, and an
        # entity with 20,000 mentions must not have all its bodies read to show 200.
        rows = self._db.execute(
            """WITH chosen AS (
                   SELECT m.id, a.published, m.article_id, m.start FROM mentions AS m
                   JOIN articles AS a ON a.id = m.article_id
                   WHERE m.entity_id = ?1 AND m.state <> 'rejected'
                   ORDER BY a.published IS NULL, a.published, m.article_id, m.start
                   LIMIT ?3)
               SELECT m.id, m.article_id, a.title, a.published, m.start, m."end", m.state,
                      m.body_version <> a.body_version,
                      substr(a.body, max(m.start - ?2, 0) + 1, m.start - max(m.start - ?2, 0)),
                      substr(a.body, m.start + 1, m."end" - m.start),
                      substr(a.body, m."end" + 1, ?2)
               FROM chosen JOIN mentions AS m ON m.id = chosen.id
               JOIN articles AS a ON a.id = m.article_id
               ORDER BY chosen.published IS NULL, chosen.published, chosen.article_id,
                        chosen.start""", (entity_id, context, limit))
        return tuple(
            KwicLine(int(i), int(a), str(t), p, int(s), int(e), _flat(str(left)), str(match),
                     _flat(str(right)), str(state), bool(stale))
            for i, a, t, p, s, e, state, stale, left, match, right in rows)

    def _notes(self, entity_id: int) -> tuple[LinkedNote, ...]:
        rows = self._db.execute(
            """SELECT DISTINCT n.id, n.title, substr(n.body, 1, 300), n.article_id,
                      coalesce(n.updated_at, n.created_at) AS changed
               FROM links AS l JOIN notes AS n ON n.id = l.source_note_id
               WHERE l.target_entity_id = ? AND n.deleted_at IS NULL
               ORDER BY changed DESC, n.id DESC""", (entity_id,))
        return tuple(LinkedNote(int(i), str(t), plain_links(str(b)), None if a is None else int(a),
                                str(c))
                     for i, t, b, a, c in rows)

    def _highlights(self, entity_id: int) -> tuple[LinkedHighlight, ...]:
        rows = self._db.execute(
            """SELECT DISTINCT h.id, h.article_id, a.title, h.exact, h.status
               FROM links AS l JOIN highlights AS h ON h.id = l.source_highlight_id
               JOIN articles AS a ON a.id = h.article_id
               WHERE l.target_entity_id = ? ORDER BY h.article_id, h.start""", (entity_id,))
        return tuple(LinkedHighlight(int(i), int(a), str(t), str(q), str(s))
                     for i, a, t, q, s in rows)

    def _cooccurring(self, entity_id: int, limit: int) -> tuple[CoEntity, ...]:
        rows = self._db.execute(
            f"""WITH mine AS (SELECT DISTINCT article_id FROM mentions
                              WHERE entity_id = ?1 AND {_COUNTED})
                SELECT e.id, e.name, t.name, t.colour, count(DISTINCT m.article_id) AS shared
                FROM mine JOIN mentions AS m ON m.article_id = mine.article_id
                JOIN entities AS e ON e.id = m.entity_id
                JOIN entity_types AS t ON t.id = e.type_id
                WHERE m.entity_id <> ?1 AND m.state <> 'rejected' AND {_LIVE}
                GROUP BY e.id ORDER BY shared DESC, e.name COLLATE NOCASE, e.id LIMIT ?2""",
            (entity_id, max(0, limit)))
        return tuple(CoEntity(int(i), str(n), str(t), str(c), int(s)) for i, n, t, c, s in rows)

    def _months(self, entity_id: int) -> tuple[tuple[MonthCount, ...], int]:
        rows = self._db.execute(
            f"""SELECT CASE WHEN a.published GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]*'
                            THEN substr(a.published, 1, 7) END AS month,
                       count(*), count(DISTINCT m.article_id)
                FROM mentions AS m JOIN articles AS a ON a.id = m.article_id
                WHERE m.entity_id = ? AND m.{_COUNTED}
                GROUP BY month ORDER BY month""", (entity_id,)).fetchall()
        undated = sum(int(n) for month, n, _ in rows if month is None)
        return tuple(MonthCount(str(mo), int(n), int(a)) for mo, n, a in rows
                     if mo is not None), undated

    # -- the graph ----------------------------------------------------------------------

    def cooccurrence(self, min_weight: int = 1, types: Sequence[str] | None = None,
                     limit_nodes: int = 2000) -> CooccurrenceGraph:
        """Entities (of ``types``, all if None) as nodes sized by their articles, the
        ``limit_nodes`` most mentioned ones; edges weighted by the articles two nodes share,
        at least ``min_weight``."""
        where, params = [_LIVE], []
        if types is not None:
            if not types:
                return CooccurrenceGraph((), ())
            where.append(f"t.name COLLATE NOCASE IN ({','.join('?' * len(types))})")
            params += [t.strip() for t in types]
        nodes = self._db.execute(
            f"""WITH counts AS (
                    SELECT entity_id, count(DISTINCT article_id) AS n FROM mentions
                    WHERE {_COUNTED} GROUP BY entity_id)
                SELECT e.id, e.name, t.name, t.colour, c.n
                FROM counts AS c JOIN entities AS e ON e.id = c.entity_id
                JOIN entity_types AS t ON t.id = e.type_id
                WHERE {' AND '.join(where)}
                ORDER BY c.n DESC, e.id""", params).fetchall()
        chosen = nodes[:max(0, limit_nodes)]
        edges = self._all_edges()
        # Heaviest first: the edges of at least ``min_weight`` are a prefix. Edge objects
        # are made only for what is returned (there may be 200,000 edges of weight 1).
        heavy = edges[:bisect_right(edges, -max(1, int(min_weight)), key=itemgetter(0))]
        if len(chosen) < len(nodes) or types is not None:
            ids = {int(n[0]) for n in chosen}
            heavy = [e for e in heavy if e[1] in ids and e[2] in ids]
        if min_weight > 1:
            # Asked for strong ties: an entity with none is noise around them (a ring of
            # 1,500 lone dots around a small core), so it is left out.
            linked = {e[1] for e in heavy} | {e[2] for e in heavy}
            chosen = [n for n in chosen if int(n[0]) in linked]
        return CooccurrenceGraph(
            tuple(GraphNode(int(i), str(n), str(t), str(c), int(a)) for i, n, t, c, a in chosen),
            tuple(GraphEdge(a, b, -w) for w, a, b in heavy), len(nodes) - len(chosen))

    def _all_edges(self) -> list[tuple[int, int, int]]:
        """(-weight, a, b) for every two live entities that share articles, heaviest first,
        kept until the mentions change.

        SQLite reads the distinct (entity, article) pairs from a covering index; the pairs
        within each article are counted here. Measured at 2,000 entities and 200,000
        mentions, the SQL self-join of the pairs spent 1.3-2.8 s, nearly all of it sorting
        730,000 joined rows for its GROUP BY; counting them in a dictionary takes about half
        of that. Every change to a mention or an entity writes an outbox row (the search
        index follows the same changes), so the outbox's sequence number tells whether the
        kept edges are still true; a new weight, type or node limit is then only a filter.
        """
        row = self._db.execute("SELECT seq FROM sqlite_sequence WHERE name = 'outbox'"
                               ).fetchone()
        version = (str(self._store.db_path), int(row[0]) if row else 0)
        cached = _EDGE_CACHE.get("edges")
        if cached is not None and cached[0] == version:
            return cached[1]
        live = {int(r[0]) for r in self._db.execute(
            f"SELECT e.id FROM entities AS e WHERE {_LIVE}")}
        # In the order of the covering index (article, start, entity, state): no sort.
        rows = self._db.execute(
            f"SELECT article_id, entity_id FROM mentions WHERE {_COUNTED}"
            " ORDER BY article_id, start")
        counts: Counter[tuple[int, int]] = Counter()
        current, members = None, set()
        for article, entity in rows:
            if article != current:
                counts.update(combinations(sorted(members), 2))
                current, members = article, set()
            if entity in live:
                members.add(entity)
        counts.update(combinations(sorted(members), 2))
        # Heaviest first, then by entity ids: the same order on every run.
        edges = sorted((-w, a, b) for (a, b), w in counts.items())
        _EDGE_CACHE["edges"] = (version, edges)
        return edges


# One project's edge counts (the last asked for), by database path and outbox position.
_EDGE_CACHE: dict[str, tuple[tuple[str, int], list[tuple[int, int, int]]]] = {}


def _split(joined: object) -> tuple[str, ...]:
    return tuple(str(joined).split("\x1f")) if joined else ()


def _flat(text: str) -> str:
    """Line breaks and tabs as spaces, keeping the length (positions stay valid)."""
    return "".join(" " if c.isspace() else c for c in text)


def _like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
