"""Notes: Markdown text on its own, on an article or on a highlight, with links.

Links live in the text as ordinary Markdown links with our own address scheme, for example
``[Qassem Soleimani](rn://entity/12)`` or ``[the city falls](rn://article/3)``: the editor
inserts them when the user picks from ``[[`` or ``@`` completion, the preview shows them as
chips, and every save brings the link table (which backlinks read) in line with the text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from desktop.domain.change_set import ChangeSet
from desktop.domain.link import Link, LinkEnd, LinkKind
from desktop.domain.note import Note
from desktop.services.highlight_service import AnnotationError
from desktop.services.project import Project
from desktop.storage.project_store import ProjectStore

LINK_SCHEME = "rn"
_LINK = re.compile(r"\]\(rn://(article|highlight|note|entity)/(\d+)\)")
# A note of a megabyte is accepted (pasted sources); beyond that it is refused, clearly.
MAX_NOTE_CHARS = 5_000_000


def link_target(kind: LinkKind, target_id: int) -> str:
    """The address a Markdown link to ``kind`` ``target_id`` uses."""
    return f"{LINK_SCHEME}://{kind.value}/{target_id}"


def links_in(body: str) -> list[LinkEnd]:
    """The targets of the ``rn://`` links in a note's Markdown, in order, once each."""
    seen = dict.fromkeys(LinkEnd(LinkKind(k), int(i)) for k, i in _LINK.findall(body))
    return list(seen)


class NoteService:
    def __init__(self, project: Project, store: ProjectStore | None = None) -> None:
        self.project = project
        self._store = store or project.store

    def create(self, body: str, *, title: str = "", article_id: int | None = None,
               highlight_id: int | None = None) -> tuple[Note, ChangeSet]:
        _check_size(body)
        quote = ""
        if highlight_id is not None:
            highlight = self._store.highlights.get(highlight_id)
            if highlight is None:
                raise AnnotationError(f"There is no highlight with id {highlight_id}.")
            article_id = article_id or highlight.article_id
            quote = highlight.quote.exact
        if article_id is not None and self._store.articles.get(article_id) is None:
            raise AnnotationError(f"There is no article with id {article_id}.")
        with self.project.write_lock, self._store.action("note", "New note") as action:
            note = self._store.notes.add(Note(body=body, title=title, article_id=article_id,
                                              highlight_id=highlight_id, quote=quote))
            assert note.id is not None
            self._sync_links(note.id, body)
        return note, action.change_set()

    def edit(self, note_id: int, body: str, title: str | None = None) -> ChangeSet:
        self._require(note_id)
        _check_size(body)
        with self.project.write_lock, self._store.action("edit_note", "Edit note") as action:
            self._store.notes.edit(note_id, body=body, title=title)
            # The text is the user's and is always kept: a link to something that is gone
            # (an undone entity, an id typed by hand) stays in it as a dead link.
            self._sync_links(note_id, body, strict=False)
        return action.change_set()

    def delete(self, ids: Sequence[int]) -> ChangeSet:
        label = "Delete note" if len(ids) == 1 else f"Delete {len(ids):,} notes"
        with self.project.write_lock, self._store.action("delete_notes", label) as action:
            self._store.notes.soft_delete(ids)
        return action.change_set()

    def backlinks(self, target: LinkEnd) -> list[Link]:
        """Every note and highlight that links to ``target``."""
        return self._store.notes.links_to(target)

    def _sync_links(self, note_id: int, body: str, strict: bool = True) -> None:
        source = LinkEnd(LinkKind.NOTE, note_id)
        wanted = links_in(body)
        missing = [target for target in wanted if not self._exists(target)]
        if missing and strict:
            raise AnnotationError(f"The note links to a {missing[0].kind.value} that does "
                                  f"not exist (id {missing[0].id}).")
        wanted = [target for target in wanted if target not in missing]
        present = {link.target: link for link in self._store.notes.links_from(source)}
        gone = [link.id for target, link in present.items()
                if target not in wanted and link.id is not None]
        self._store.notes.unlink(gone)
        for target in wanted:
            if target not in present:
                self._store.notes.link(Link(source, target))

    def _exists(self, end: LinkEnd) -> bool:
        table = {LinkKind.ARTICLE: "articles", LinkKind.HIGHLIGHT: "highlights",
                 LinkKind.NOTE: "notes", LinkKind.ENTITY: "entities"}[end.kind]
        return self._store.connection.execute(
            f"SELECT 1 FROM {table} WHERE id = ?", (end.id,)).fetchone() is not None

    def _require(self, note_id: int) -> Note:
        note = self._store.notes.get(note_id)
        if note is None or note.deleted_at is not None:
            raise AnnotationError(f"There is no note with id {note_id}.")
        return note


def _check_size(body: str) -> None:
    if len(body) > MAX_NOTE_CHARS:
        raise AnnotationError(
            f"The note is too long ({len(body):,} characters; at most {MAX_NOTE_CHARS:,}).")
