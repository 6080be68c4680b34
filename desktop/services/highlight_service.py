"""Highlighting passages: create, recode, tag, delete, and settle re-anchoring reviews.

Every method is one user action (one transaction, one journal entry) and returns its
change set for the undo stack and the models. Quotes are always cut from the stored body
(never from a widget's selection, whose paragraph separators differ).
"""

from __future__ import annotations

from collections.abc import Sequence

from desktop.domain.article import Article
from desktop.domain.change_set import ChangeSet
from desktop.domain.highlight import AnchorStatus, Highlight
from desktop.domain.link import Link, LinkEnd, LinkKind
from desktop.domain.note import Note
from desktop.domain.text_quote import TextQuote
from desktop.services.project import Project
from desktop.storage.project_store import ProjectStore
from desktop.storage.rows_for_ids import execute_for_ids
from desktop.storage.storage_errors import ProjectError

_LABEL_CHARS = 40


class AnnotationError(ProjectError):
    """An annotation cannot be made as asked; the message says why."""


def check_version(article: Article, body_version: int | None) -> None:
    """Positions taken from one version of an article's text are refused on another: an
    update imported while a highlight or mention waited to be saved would otherwise put it
    on other words, silently."""
    if body_version is not None and body_version != article.body_version:
        raise AnnotationError(
            f"The text of “{article.title}” changed (a newer version was imported) before "
            "this could be saved. Select the passage again in the new text.")


class HighlightService:
    def __init__(self, project: Project, store: ProjectStore | None = None) -> None:
        self.project = project
        self._store = store or project.store

    def create(
        self,
        article_id: int,
        start: int,
        end: int,
        *,
        code_ids: Sequence[int] = (),
        note: str = "",
        entity_ids: Sequence[int] = (),
        body_version: int | None = None,
    ) -> tuple[Highlight, ChangeSet]:
        """Highlight ``[start, end)`` (code points of the stored body, end exclusive).
        ``body_version``: the text the positions were taken from (the reader's); refused if
        the article's text has changed since."""
        article, quote = self._passage(article_id, start, end, body_version)
        self._check_codes(code_ids)
        with self.project.write_lock, self._store.action(
                "highlight", self.label(article_id, start, end)) as action:
            highlight = self._store.highlights.add(Highlight(
                article_id=article_id, start=start, end=end, quote=quote,
                body_version=article.body_version))
            assert highlight.id is not None
            self._store.highlights.add_codes(highlight.id, code_ids)
            if note.strip():
                self._store.notes.add(Note(body=note, article_id=article_id,
                                           highlight_id=highlight.id, quote=quote.exact))
            for entity_id in entity_ids:
                self._store.notes.link(Link(LinkEnd(LinkKind.HIGHLIGHT, highlight.id),
                                            LinkEnd(LinkKind.ENTITY, entity_id)))
        return highlight, action.change_set()

    def label(self, article_id: int, start: int, end: int) -> str:
        """The name of the action that highlights ``[start, end)``, for the journal and
        Edit > Undo; raises :class:`AnnotationError` as :meth:`create` would for a passage
        that is not in the article (callers check a passage with it before changing
        anything else)."""
        return f"Highlight “{_short(self._passage(article_id, start, end)[1].exact)}”"

    def delete(self, ids: Sequence[int]) -> ChangeSet:
        """Delete highlights; notes written on them are kept, with the passage they quoted."""
        count = len(ids)
        label = "Delete highlight" if count == 1 else f"Delete {count:,} highlights"
        with self.project.write_lock, self._store.action("delete_highlights", label) as action:
            db = self._store.connection
            # Batch by batch (SQLite builds may allow as few as 999 or 32,766 variables in
            # one statement), all in this one transaction: still one step to undo.
            execute_for_ids(
                db,
                "UPDATE notes SET quote = (SELECT exact FROM highlights AS h"
                " WHERE h.id = notes.highlight_id)"
                " WHERE highlight_id IN ({ids}) AND quote = ''",
                ids)
            self._store.highlights.delete(ids)
        return action.change_set()

    def set_codes(self, highlight_id: int, code_ids: Sequence[int]) -> ChangeSet:
        """Give the highlight exactly these codes (recode)."""
        self._check_codes(code_ids)
        current = set(self._store.highlights.codes_of([highlight_id])[highlight_id])
        wanted = list(dict.fromkeys(code_ids))
        with self.project.write_lock, self._store.action("recode", "Change codes") as action:
            self._store.highlights.remove_codes(highlight_id,
                                                [c for c in current if c not in wanted])
            self._store.highlights.add_codes(highlight_id,
                                             [c for c in wanted if c not in current])
        return action.change_set()

    def add_code(self, highlight_ids: Sequence[int], code_id: int) -> ChangeSet:
        """Put one more code on highlights (a number key in the reader, a bulk action)."""
        self._check_codes([code_id])
        with self.project.write_lock, self._store.action("recode", "Add code") as action:
            self._store.highlights.add_code_to(highlight_ids, code_id)
        return action.change_set()

    def remove_code(self, highlight_ids: Sequence[int], code_id: int) -> ChangeSet:
        """Take one code off highlights (a bulk action in the highlights panel)."""
        with self.project.write_lock, self._store.action("recode", "Remove code") as action:
            self._store.highlights.remove_code_from(highlight_ids, code_id)
        return action.change_set()

    def tag_entities(self, highlight_id: int, entity_ids: Sequence[int]) -> ChangeSet:
        with self.project.write_lock, self._store.action("link", "Tag with entities") as action:
            for entity_id in entity_ids:
                self._store.notes.link(Link(LinkEnd(LinkKind.HIGHLIGHT, highlight_id),
                                            LinkEnd(LinkKind.ENTITY, entity_id)))
        return action.change_set()

    # -- settling re-anchoring reviews ---------------------------------------------------

    def reselect(self, highlight_id: int, start: int, end: int) -> ChangeSet:
        """Anchor the highlight to ``[start, end)`` of its article's current text (the user
        accepted the suggested candidate or selected the passage again)."""
        highlight = self._require(highlight_id)
        article = self._store.articles.get(highlight.article_id)
        assert article is not None  # a highlight's article cannot be gone (cascade)
        if not 0 <= start < end <= len(article.body):
            raise AnnotationError("The new passage is not inside the article's text.")
        quote = TextQuote.cut(article.body, start, end)
        with self.project.write_lock, self._store.action("reanchor", "Re-anchor highlight") \
                as action:
            self._store.highlights.move(highlight_id, start, end, quote, article.body_version,
                                        AnchorStatus.ANCHORED)
        return action.change_set()

    def detach(self, highlight_id: int) -> ChangeSet:
        """Give up the position but keep the highlight, its quote, codes and notes."""
        self._require(highlight_id)
        with self.project.write_lock, self._store.action("detach", "Detach highlight") as action:
            self._store.highlights.set_status(highlight_id, AnchorStatus.DETACHED)
        return action.change_set()

    def _require(self, highlight_id: int) -> Highlight:
        highlight = self._store.highlights.get(highlight_id)
        if highlight is None:
            raise AnnotationError(f"There is no highlight with id {highlight_id}.")
        return highlight

    def _passage(self, article_id: int, start: int, end: int,
                 body_version: int | None = None) -> tuple[Article, TextQuote]:
        article = self._store.articles.get(article_id)
        if article is None:
            raise AnnotationError(f"There is no article with id {article_id}.")
        check_version(article, body_version)
        if start >= end:
            raise AnnotationError("Select some text to highlight: the selection is empty.")
        if start < 0 or end > len(article.body):
            raise AnnotationError(
                f"The passage [{start}, {end}) is outside the article's text "
                f"({len(article.body):,} characters).")
        return article, TextQuote.cut(article.body, start, end)

    def _check_codes(self, code_ids: Sequence[int]) -> None:
        for code_id in code_ids:
            code = self._store.codes.get(code_id)
            if code is None or code.deleted_at is not None:
                raise AnnotationError(f"There is no code with id {code_id}.")


def _short(text: str) -> str:
    line = " ".join(text.split())
    return line if len(line) <= _LABEL_CHARS else line[:_LABEL_CHARS - 1] + "…"
