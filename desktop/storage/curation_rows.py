"""The bulk writes of entity curation: mention states, aliases, merges, moves.

Each method runs inside the caller's transaction (a savepoint when one is open), so a
service can combine several into one user action and one undo step.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Final

from desktop.domain.entity import MentionState

if TYPE_CHECKING:
    from desktop.storage.project_store import ProjectStore

_NOW: Final = "strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now')"
# Columns a curation edit may set on an entity.
_EDITABLE: Final = frozenset({"name", "type_id", "description", "external_id", "state",
                              "match_case", "merged_into", "deleted_at"})
# SQLite's default limit on host parameters is 32,766; stay well below it.
_CHUNK: Final = 500


class CurationRows:
    def __init__(self, store: ProjectStore) -> None:
        self._store = store

    @property
    def _db(self) -> sqlite3.Connection:
        return self._store.connection

    # -- mentions -----------------------------------------------------------------------

    def mention_entities(self, mention_ids: Sequence[int]) -> dict[int, int]:
        """{mention id: entity id} for the mentions that exist."""
        found: dict[int, int] = {}
        for chunk in _chunks(mention_ids):
            marks = ",".join("?" * len(chunk))
            for m_id, e_id in self._db.execute(
                    f"SELECT id, entity_id FROM mentions WHERE id IN ({marks})", chunk):
                found[int(m_id)] = int(e_id)
        return found

    def suggested_with_text(self, text: str, article_id: int | None) -> list[int]:
        """Suggested mentions whose text is exactly ``text`` (in one article or anywhere)."""
        sql = "SELECT id FROM mentions WHERE text = ? AND state = 'suggested'"
        params: tuple[object, ...] = (text,)
        if article_id is not None:
            sql += " AND article_id = ?"
            params += (article_id,)
        return [int(r[0]) for r in self._db.execute(sql + " ORDER BY id", params)]

    def set_mention_state(self, mention_ids: Sequence[int], state: MentionState) -> None:
        with self._store.transaction() as db:
            for chunk in _chunks(mention_ids):
                marks = ",".join("?" * len(chunk))
                db.execute(f"UPDATE mentions SET state = ?, updated_at = {_NOW}"
                           f" WHERE id IN ({marks}) AND state <> ?",
                           (state.value, *chunk, state.value))

    def confirm_entities(self, entity_ids: Sequence[int]) -> None:
        """Suggested entities become confirmed (the user accepted one of their mentions)."""
        with self._store.transaction() as db:
            for chunk in _chunks(entity_ids):
                marks = ",".join("?" * len(chunk))
                db.execute(f"UPDATE entities SET state = 'confirmed', updated_at = {_NOW}"
                           f" WHERE id IN ({marks}) AND state = 'suggested'", chunk)

    def retire_unmentioned(self, entity_ids: Sequence[int]) -> None:
        """Soft-delete the *suggested* entities among ``entity_ids`` that are left without a
        mention that is not rejected: recognition made them, the user turned all of them
        down, so they would only clutter the entity list."""
        with self._store.transaction() as db:
            for chunk in _chunks(entity_ids):
                marks = ",".join("?" * len(chunk))
                db.execute(
                    f"UPDATE entities SET deleted_at = {_NOW} WHERE id IN ({marks})"
                    " AND state = 'suggested' AND deleted_at IS NULL AND NOT EXISTS"
                    " (SELECT 1 FROM mentions AS m WHERE m.entity_id = entities.id"
                    "  AND m.state <> 'rejected')", chunk)

    def mentions_of(self, entity_id: int) -> list[tuple[int, str, str]]:
        """(id, text, origin) of every mention of an entity."""
        return [(int(i), str(t), str(o)) for i, t, o in self._db.execute(
            "SELECT id, text, origin FROM mentions WHERE entity_id = ? ORDER BY id",
            (entity_id,))]

    def move_mentions(self, mention_ids: Sequence[int], entity_id: int) -> None:
        with self._store.transaction() as db:
            for chunk in _chunks(mention_ids):
                marks = ",".join("?" * len(chunk))
                db.execute(f"UPDATE mentions SET entity_id = ?, updated_at = {_NOW}"
                           f" WHERE id IN ({marks})", (entity_id, *chunk))

    def delete_mentions(self, mention_ids: Sequence[int]) -> None:
        with self._store.transaction() as db:
            for chunk in _chunks(mention_ids):
                marks = ",".join("?" * len(chunk))
                db.execute(f"DELETE FROM mentions WHERE id IN ({marks})", chunk)

    # -- rejected names -----------------------------------------------------------------

    def forget_rejection(self, name: str) -> None:
        """The user confirmed ``name`` after all: recognition may suggest it again."""
        with self._store.transaction() as db:
            db.execute("DELETE FROM rejected_names WHERE name = ? COLLATE NOCASE", (name,))

    # -- aliases ------------------------------------------------------------------------

    def aliases(self, entity_id: int) -> list[str]:
        return [str(r[0]) for r in self._db.execute(
            "SELECT alias FROM entity_aliases WHERE entity_id = ? ORDER BY id", (entity_id,))]

    def add_aliases(self, entity_id: int, aliases: Sequence[str]) -> None:
        with self._store.transaction() as db:
            db.executemany(
                "INSERT OR IGNORE INTO entity_aliases (entity_id, alias) VALUES (?, ?)",
                [(entity_id, a) for a in aliases])

    def remove_aliases(self, entity_id: int, aliases: Sequence[str]) -> None:
        with self._store.transaction() as db:
            db.executemany("DELETE FROM entity_aliases WHERE entity_id = ? AND alias = ?",
                           [(entity_id, a) for a in aliases])

    def candidate_articles(self, surface: str, match_case: bool) -> Iterator[
            tuple[int, int, str]]:
        """(id, body version, body) of the articles that may contain ``surface``.

        SQLite narrows the collection first (``instr`` is exact; ``LIKE`` ignores the case
        of ASCII letters only), so the word-boundary matching in Python reads only the
        articles worth reading. A name with non-ASCII letters matched in any case cannot be
        narrowed that way, so every article is read.
        """
        if match_case:
            where, params = "instr(body, ?) > 0", (surface,)
        elif surface.isascii():
            where, params = "body LIKE ? ESCAPE '\\'", (f"%{_like(surface)}%",)
        else:
            where, params = "1", ()
        last = 0
        while True:
            rows = self._db.execute(
                f"SELECT id, body_version, body FROM articles WHERE id > ? AND {where}"
                " ORDER BY id LIMIT 200", (last, *params)).fetchall()
            if not rows:
                return
            for a_id, version, body in rows:
                yield int(a_id), int(version), str(body)
            last = int(rows[-1][0])

    # -- entities -----------------------------------------------------------------------

    def update_entity(self, entity_id: int, **values: object) -> None:
        unknown = set(values) - _EDITABLE
        if unknown:
            raise ValueError(f"entities have no editable {sorted(unknown)}")
        assignments = ", ".join(f"{name} = ?" for name in values)
        with self._store.transaction() as db:
            db.execute(f"UPDATE entities SET {assignments}, updated_at = {_NOW} WHERE id = ?",
                       (*values.values(), entity_id))

    def soft_delete(self, entity_ids: Sequence[int]) -> None:
        with self._store.transaction() as db:
            for chunk in _chunks(entity_ids):
                marks = ",".join("?" * len(chunk))
                db.execute(f"UPDATE entities SET deleted_at = {_NOW}, updated_at = {_NOW}"
                           f" WHERE id IN ({marks}) AND deleted_at IS NULL", chunk)

    def merge_into(self, source_id: int, into_id: int) -> None:
        """Mentions, links and earlier merges of ``source_id`` move to ``into_id``; note
        texts that link to the source are pointed at the target (the link table follows
        the text, so a later edit of the note must not bring the old link back)."""
        with self._store.transaction() as db:
            db.execute(f"UPDATE mentions SET entity_id = ?, updated_at = {_NOW}"
                       " WHERE entity_id = ?", (into_id, source_id))
            # Both may have marked the same words (a manual entity over a suggestion):
            # one mention per span is left, the most decided one (confirmed, suggested,
            # rejected), so counts and the reader's marks do not double.
            db.execute(
                """DELETE FROM mentions WHERE id IN (
                     SELECT id FROM (
                       SELECT id, row_number() OVER (
                         PARTITION BY article_id, start, "end"
                         ORDER BY CASE state WHEN 'confirmed' THEN 0
                                             WHEN 'suggested' THEN 1 ELSE 2 END, id) AS rank
                       FROM mentions WHERE entity_id = ?)
                     WHERE rank > 1)""", (into_id,))
            # A note or highlight linked to both keeps one link, to the target.
            db.execute(
                "DELETE FROM links WHERE target_entity_id = ?1 AND EXISTS (SELECT 1 FROM"
                " links AS o WHERE o.target_entity_id = ?2 AND o.source_note_id IS"
                " links.source_note_id AND o.source_highlight_id IS links.source_highlight_id)",
                (source_id, into_id))
            db.execute("UPDATE links SET target_entity_id = ? WHERE target_entity_id = ?",
                       (into_id, source_id))
            db.execute("UPDATE entities SET merged_into = ? WHERE merged_into = ?",
                       (into_id, source_id))
            old, new = f"](rn://entity/{source_id})", f"](rn://entity/{into_id})"
            db.execute(
                f"UPDATE notes SET body = replace(body, ?1, ?2), updated_at = {_NOW}"
                " WHERE instr(body, ?1) > 0", (old, new))


def _like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _chunks(values: Sequence[int]) -> Iterator[list[int]]:
    for begin in range(0, len(values), _CHUNK):
        yield list(values[begin:begin + _CHUNK])
