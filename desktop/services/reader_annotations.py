"""What the reader draws over one article: its highlights with their codes, its notes and its
entity mentions, read in a few queries (an article with 1,000 highlights and 200 notes
loads in milliseconds, so the reader reads it on the GUI thread, like the article itself).

Also decides whether an action's change set concerns the article shown, so that the reader
reloads only when it must (an import of 10,000 other articles does not touch it).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace

from desktop.domain.article import Article
from desktop.domain.change_set import ChangeSet, Op
from desktop.domain.highlight import AnchorStatus
from desktop.domain.note import Note, preview_line
from desktop.storage.project_store import ProjectStore
from desktop.storage.rows_for_ids import id_batches, rows_for_ids

# Drawn for a highlight without codes (the first colour of the code palette).
UNCODED_COLOUR = "#ffd54f"
_STATUS = {s.value: s for s in AnchorStatus}


# Not frozen: a frozen dataclass is built three times slower, and an article's thousand
# highlights are built each time it is opened. Treat it as a value all the same.
@dataclass(slots=True)
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
    _by_id: dict[int, ShownHighlight] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # The reader, the margin and the tool tips look highlights up by id, often.
        object.__setattr__(self, "_by_id", {h.id: h for h in self.highlights})

    @property
    def placed(self) -> tuple[ShownHighlight, ...]:
        return tuple(h for h in self.highlights if h.placed)

    def highlight(self, highlight_id: int) -> ShownHighlight | None:
        return self._by_id.get(highlight_id)

    def with_highlights(self, fresh: Iterable[ShownHighlight],
                        removed: Iterable[int] = ()) -> ArticleAnnotations:
        """These annotations with ``fresh`` highlights put in (new, or read again) and
        ``removed`` taken out; notes and mentions as they are."""
        fresh = list(fresh)
        gone = set(removed) | {h.id for h in fresh}
        highlights = [h for h in self.highlights if h.id not in gone] + fresh
        highlights.sort(key=lambda h: (h.start, h.id))
        return replace(self, highlights=tuple(highlights))

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
        aid = article.id
        notes = sorted(self._store.notes.live(article_id=aid),
                       key=lambda n: (n.created_at, n.id or 0))
        newest: dict[int, Note] = {}
        for note in notes:
            if note.highlight_id is not None:
                previous = newest.get(note.highlight_id)
                if previous is None or _changed_at(note) >= _changed_at(previous):
                    newest[note.highlight_id] = note
        # Shown in tool tips: words, not Markdown.
        first_lines = {h: preview_line(n.body) for h, n in newest.items()}
        highlights = self._highlights(article, "h.article_id = ?", (aid,), first_lines)
        return ArticleAnnotations(aid, article.body_version, tuple(highlights), tuple(notes),
                                  tuple(self._mentions(article)))

    def load_highlights(self, article: Article, ids: Sequence[int]) -> list[ShownHighlight]:
        """Some of the article's highlights read again (after they were made, recoded or
        tagged), for the reader to put in without reading the others."""
        found: list[ShownHighlight] = []
        db = self._store.connection
        for chunk in id_batches(ids):
            marks = ",".join("?" * len(chunk))
            first_lines: dict[int, str] = {}
            for h_id, body, _changed, _nid in sorted(db.execute(
                    "SELECT highlight_id, body, coalesce(updated_at, created_at), id FROM notes"
                    f" WHERE deleted_at IS NULL AND highlight_id IN ({marks})", chunk),
                    key=lambda r: (r[2], r[3])):
                first_lines[int(h_id)] = preview_line(str(body))  # the newest wins
            found += self._highlights(article, f"h.article_id = ? AND h.id IN ({marks})",
                                      (article.id, *chunk), first_lines)
        return found

    def _highlights(self, article: Article, where: str, params: tuple[object, ...],
                    first_lines: dict[int, str]) -> list[ShownHighlight]:
        db = self._store.connection
        # The code book is small: read it whole and join in Python, instead of joining and
        # sorting a row per highlight and code in SQL.
        book = {int(c_id): (position, int(c_id), str(name), str(colour))
                for c_id, position, name, colour in db.execute(
                    "SELECT id, position, name, colour FROM codes WHERE deleted_at IS NULL")}
        # A highlight's codes come as one text of ids with its row; highlights share a few
        # sets of codes, each put in code-book order once (an article opened with a
        # thousand highlights: a lookup each, not a sort and three tuples each).
        sets: dict[str | None, tuple[tuple[int, ...], tuple[str, ...], tuple[str, ...]]] = {
            None: ((), (), ())}

        def code_set(ids: str) -> tuple[tuple[int, ...], tuple[str, ...], tuple[str, ...]]:
            own = sorted(c for c in (book.get(int(i)) for i in ids.split(",")) if c)
            found = sets[ids] = (tuple(c[1] for c in own), tuple(c[2] for c in own),
                                 tuple(c[3] for c in own))
            return found

        entities: dict[int, list[str]] = {}
        for h_id, name in db.execute(
                "SELECT l.source_highlight_id, e.name FROM highlights AS h"
                " JOIN links AS l ON l.source_highlight_id = h.id"
                " JOIN entities AS e ON e.id = l.target_entity_id"
                f" WHERE {where} AND e.deleted_at IS NULL ORDER BY l.id", params):
            entities.setdefault(int(h_id), []).append(str(name))
        version = article.body_version
        highlights = []
        no_entities: tuple[str, ...] = ()
        for h_id, start, end, exact, status, made_in, code_ids in db.execute(
                'SELECT h.id, h.start, h."end", h.exact, h.status, h.body_version,'
                " (SELECT group_concat(hc.code_id) FROM highlight_codes AS hc"
                "  WHERE hc.highlight_id = h.id)"
                f" FROM highlights AS h WHERE {where} ORDER BY h.start, h.id", params):
            state = _STATUS[status]
            if state is AnchorStatus.ANCHORED and made_in != version:
                state = AnchorStatus.NEEDS_REVIEW  # never drawn where it may not belong
            ids, names, colours = sets.get(code_ids) or code_set(code_ids)
            named = entities.get(h_id)
            highlights.append(ShownHighlight(
                h_id, start, end, exact, state, ids, names, colours,
                tuple(named) if named else no_entities, first_lines.get(h_id, "")))
        return highlights

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

    def highlight_update(self, changes: ChangeSet, shown: ArticleAnnotations,
                         ) -> tuple[list[int], list[int]] | None:
        """For a change that only makes, recodes or deletes highlights (the commonest by
        far), which of the article's highlights to read again and which are gone, so the
        reader redraws those alone; None when the annotations must be read again whole
        (notes, mentions, links, codes or the article changed)."""
        if not set(changes.tables()) <= {"highlights", "highlight_codes"}:
            return None
        aid = shown.article_id
        gone: list[int] = []
        touched: list[int] = []
        unknown: list[int] = []
        for change in changes:
            before = change.before or {}
            if change.table == "highlights":
                if change.op is Op.DELETE:
                    if before.get("article_id") == aid:
                        gone.append(change.row_id)
                elif shown.highlight(change.row_id) is not None:
                    touched.append(change.row_id)
                else:
                    unknown.append(change.row_id)
            elif change.op is Op.DELETE:
                touched.append(int(before.get("highlight_id", 0) or 0))  # type: ignore[call-overload]
            else:
                found = self._column("highlight_codes", [change.row_id], "highlight_id")
                touched.extend(found)
        # Highlights not drawn yet (just made): those of this article.
        candidates = set(unknown) | {h for h in touched if shown.highlight(h) is None}
        mine = set(self._column("highlights", sorted(candidates), "id", article_id=aid))
        fresh = {h for h in touched if shown.highlight(h) is not None} | mine
        return sorted(fresh - set(gone)), gone

    def _column(self, table: str, ids: Sequence[int], column: str,
                article_id: int | None = None) -> list[int]:
        extra = "" if article_id is None else f" AND article_id = {int(article_id)}"
        return [int(v) for (v,) in rows_for_ids(
            self._store.connection, f"SELECT {column} FROM {table} WHERE id IN ({{ids}}){extra}",
            ids)]

    def _touches(self, changes: ChangeSet, table: str, known: set[int | None], column: str,
                 values: set[int]) -> bool:
        """Whether ``changes`` made, changed or removed a row of ``table`` whose ``column``
        is (or was) one of ``values``. Runs on the GUI thread after every action, and a
        recognition's change set holds a row per mention (a million at 50,000 articles):
        only the rows shown, the rows now in the article and the updates and deletes are
        looked at, never every row of the change set."""
        if table not in changes.tables() or not values:
            return False
        if any(row_id is not None and changes.has(table, row_id) for row_id in known):
            return True
        for change in changes.altered(table):
            before = change.before or {}
            if column in before and before[column] in values:
                return True  # moved away from, or deleted out of, this article
        # Rows in the article now that the change set made or changed (an index serves
        # each of these queries: the article's rows, or a highlight's codes and links).
        return any(changes.has(table, row_id, Op.INSERT, Op.UPDATE)
                   for row_id in self._rows_with(table, column, values))

    def _rows_with(self, table: str, column: str, values: Iterable[int]) -> Iterator[int]:
        for (row_id,) in rows_for_ids(self._store.connection,
                                      f"SELECT id FROM {table} WHERE {column} IN ({{ids}})",
                                      sorted(values)):
            yield int(row_id)


def _changed_at(note: Note) -> tuple[str, int]:
    return (note.updated_at or note.created_at, note.id or 0)
