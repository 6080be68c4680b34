"""What the reader draws over one article: its highlights with their codes, its notes and its
entity mentions, read in a few queries (an article with 1,000 highlights and 200 notes
loads in milliseconds, so the reader reads it on the GUI thread, like the article itself).

Also decides whether an action's change set concerns the article shown, so that the reader
reloads only when it must (an import of 10,000 other articles does not touch it).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from desktop.domain.article import Article
from desktop.domain.change_set import ChangeSet, Op
from desktop.domain.highlight import AnchorStatus
from desktop.domain.note import Note
from desktop.storage.project_store import ProjectStore

# Drawn for a highlight without codes (the first colour of the code palette).
UNCODED_COLOUR = "#ffd54f"
_BATCH = 500


@dataclass(frozen=True, slots=True)
class ShownHighlight:
    id: int
    start: int  # code points of the stored body, end exclusive
    end: int
    quote: str
    status: AnchorStatus
    code_ids: tuple[int, ...] = ()
    codes: tuple[str, ...] = ()
    colours: tuple[str, ...] = ()  # one per code, in code-book order
    entities: tuple[str, ...] = ()
    note: str = ""  # the first line of its newest note

    @property
    def placed(self) -> bool:
        """Drawn in the text: anchored in the article's current body."""
        return self.status is AnchorStatus.ANCHORED


@dataclass(frozen=True, slots=True)
class ShownMention:
    id: int
    entity_id: int
    start: int
    end: int
    name: str
    type_name: str
    colour: str
    state: str


@dataclass(frozen=True, slots=True)
class ArticleAnnotations:
    article_id: int
    body_version: int
    # Reading order. Highlights that need review or were detached are here too (their
    # notes are still the article's) but the reader does not draw them in the text.
    highlights: tuple[ShownHighlight, ...] = ()
    notes: tuple[Note, ...] = ()  # live notes, oldest first
    mentions: tuple[ShownMention, ...] = ()

    @property
    def placed(self) -> tuple[ShownHighlight, ...]:
        return tuple(h for h in self.highlights if h.placed)

    def highlight(self, highlight_id: int) -> ShownHighlight | None:
        return next((h for h in self.highlights if h.id == highlight_id), None)

    def notes_of(self, highlight_id: int) -> list[Note]:
        return [n for n in self.notes if n.highlight_id == highlight_id]


class Affects(enum.Enum):
    NOTHING = 0
    ANNOTATIONS = 1  # highlights, codes, notes, mentions or links of the article
    ARTICLE = 2  # the article itself: its text was replaced, or it is gone


class ReaderAnnotations:
    def __init__(self, store: ProjectStore) -> None:
        self._store = store

    def load(self, article: Article) -> ArticleAnnotations:
        assert article.id is not None
        db = self._store.connection
        aid = article.id
        codes: dict[int, list[tuple[int, str, str]]] = {}
        for h_id, c_id, name, colour in db.execute(
                "SELECT hc.highlight_id, c.id, c.name, c.colour FROM highlight_codes AS hc"
                " JOIN highlights AS h ON h.id = hc.highlight_id"
                " JOIN codes AS c ON c.id = hc.code_id"
                " WHERE h.article_id = ? AND c.deleted_at IS NULL ORDER BY c.position, c.id",
                (aid,)):
            codes.setdefault(int(h_id), []).append((int(c_id), str(name), str(colour)))
        entities: dict[int, list[str]] = {}
        for h_id, name in db.execute(
                "SELECT l.source_highlight_id, e.name FROM links AS l"
                " JOIN highlights AS h ON h.id = l.source_highlight_id"
                " JOIN entities AS e ON e.id = l.target_entity_id"
                " WHERE h.article_id = ? AND e.deleted_at IS NULL ORDER BY l.id", (aid,)):
            entities.setdefault(int(h_id), []).append(str(name))
        notes = sorted(self._store.notes.live(article_id=aid),
                       key=lambda n: (n.created_at, n.id or 0))
        newest: dict[int, Note] = {}
        for note in notes:
            if note.highlight_id is not None:
                previous = newest.get(note.highlight_id)
                if previous is None or _changed_at(note) >= _changed_at(previous):
                    newest[note.highlight_id] = note
        highlights = []
        for h_id, start, end, exact, status, version in db.execute(
                'SELECT id, start, "end", exact, status, body_version FROM highlights'
                " WHERE article_id = ? ORDER BY start, id", (aid,)):
            state = AnchorStatus(str(status))
            if state is AnchorStatus.ANCHORED and int(version) != article.body_version:
                state = AnchorStatus.NEEDS_REVIEW  # never drawn where it may not belong
            own = codes.get(int(h_id), [])
            note = newest.get(int(h_id))
            highlights.append(ShownHighlight(
                id=int(h_id), start=int(start), end=int(end), quote=str(exact), status=state,
                code_ids=tuple(c[0] for c in own), codes=tuple(c[1] for c in own),
                colours=tuple(c[2] for c in own), entities=tuple(entities.get(int(h_id), ())),
                note=_first_line(note.body) if note else ""))
        return ArticleAnnotations(aid, article.body_version, tuple(highlights), tuple(notes),
                                  tuple(self._mentions(article)))

    def _mentions(self, article: Article) -> list[ShownMention]:
        rows = self._store.connection.execute(
            'SELECT m.id, m.entity_id, m.start, m."end", e.name, t.name, t.colour, m.state'
            " FROM mentions AS m JOIN entities AS e ON e.id = m.entity_id"
            " JOIN entity_types AS t ON t.id = e.type_id"
            " WHERE m.article_id = ? AND m.state <> 'rejected' AND m.body_version = ?"
            " AND e.deleted_at IS NULL ORDER BY m.start, m.id",
            (article.id, article.body_version))
        return [ShownMention(int(i), int(e), int(s), int(t), str(n), str(tn), str(c), str(st))
                for i, e, s, t, n, tn, c, st in rows]

    # -- does a change concern the article shown? -----------------------------------------

    def affects(self, changes: ChangeSet, shown: ArticleAnnotations) -> Affects:
        aid = shown.article_id
        if aid in changes.updated("articles") or aid in changes.deleted("articles"):
            return Affects.ARTICLE
        highlight_ids = {h.id for h in shown.highlights}
        note_ids = {n.id for n in shown.notes}
        mention_ids = {m.id for m in shown.mentions}
        checks = (
            ("highlights", highlight_ids, "article_id", aid),
            ("notes", note_ids, "article_id", aid),
            ("mentions", mention_ids, "article_id", aid),
        )
        for table, known, column, value in checks:
            if self._touches(changes, table, known, column, {value}):
                return Affects.ANNOTATIONS
        # Rows that hang on the article's highlights (and on highlights just made in it).
        highlight_ids |= set(changes.created("highlights"))
        if self._touches(changes, "highlight_codes", set(), "highlight_id", highlight_ids):
            return Affects.ANNOTATIONS
        if self._touches(changes, "links", set(), "source_highlight_id", highlight_ids):
            return Affects.ANNOTATIONS
        # A code recoloured or renamed, an entity renamed: cheap to reload, rare.
        shown_codes = {c for h in shown.highlights for c in h.code_ids}
        if any(i in shown_codes for op in Op for i in changes.ids("codes", op)):
            return Affects.ANNOTATIONS
        named = shown.mentions or any(h.entities for h in shown.highlights)
        if named and {"entities", "entity_types"} & set(changes.tables()):
            return Affects.ANNOTATIONS
        return Affects.NOTHING

    def _touches(self, changes: ChangeSet, table: str, known: set[int | None], column: str,
                 values: set[int]) -> bool:
        if table not in changes.tables() or not values:
            return False
        unknown: list[int] = []
        for change in changes:
            if change.table != table:
                continue
            if change.row_id in known:
                return True
            before = change.before or {}
            if column in before and before[column] in values:
                return True  # moved away from, or deleted out of, this article
            if change.op is not Op.DELETE:
                unknown.append(change.row_id)
        return self._any_with(table, unknown, column, values)

    def _any_with(self, table: str, ids: Sequence[int], column: str,
                  values: Iterable[int]) -> bool:
        wanted = set(values)
        db = self._store.connection
        for first in range(0, len(ids), _BATCH):
            chunk = list(ids[first:first + _BATCH])
            marks = ",".join("?" * len(chunk))
            if len(wanted) <= _BATCH:
                # SQLite answers yes or no in one row: this runs on the GUI thread after
                # every change set, and a recognition's holds tens of thousands of
                # mentions; a row per mention meant waiting for the interpreter lock
                # once per row while the worker threads ran (half a second).
                found = db.execute(
                    f"SELECT 1 FROM {table} WHERE id IN ({marks}) AND {column} IN"
                    f" ({','.join('?' * len(wanted))}) LIMIT 1", [*chunk, *wanted]).fetchone()
                if found:
                    return True
                continue
            for (value,) in db.execute(
                    f"SELECT {column} FROM {table} WHERE id IN ({marks})", chunk):
                if value in wanted:
                    return True
        return False


def _changed_at(note: Note) -> tuple[str, int]:
    return (note.updated_at or note.created_at, note.id or 0)


def _first_line(body: str) -> str:
    return next((line.strip() for line in body.splitlines() if line.strip()), "")
