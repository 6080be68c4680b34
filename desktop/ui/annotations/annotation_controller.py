"""Annotating in the reader: highlighting the selection (H, or a number key for a code),
putting codes on and off the current highlight, deleting it, asking for a note on it, and
moving between highlights. Every change is a service call run by
:meth:`ProjectSession.perform` in the writer worker, so it is undoable and the reader, the
margin and the lists follow from ``data_changed``.

The reader shows a highlight being saved at once (dashed), so the key press feels
immediate even when the writer is busy with an import and the highlight has to wait.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from desktop.domain.article import Article
from desktop.domain.change_set import ChangeSet
from desktop.domain.highlight import Highlight
from desktop.services.code_service import CodeService
from desktop.services.highlight_service import HighlightService
from desktop.services.reader_annotations import (
    Affects,
    ArticleAnnotations,
    ReaderAnnotations,
    ShownHighlight,
)
from desktop.ui.annotations.annotation_actions import AnnotationActions
from desktop.ui.project.project_session import ProjectSession
from desktop.ui.reader.reader_panel import ReaderPanel

StatusMessage = Callable[[str, int], None]
_QUOTE_CHARS = 40
_SHORT, _LONG = 4000, 8000  # status bar message times, ms


class AnnotationController(QObject):
    # The user asked for a note: on the highlight (its id) or on the article (-1). The
    # window opens an editor; until the notes panel's editor exists, a small dialog.
    note_requested = Signal(int, int)  # article id, highlight id (-1: the article)
    highlight_created = Signal(int)  # a highlight made here has been stored (its id)

    def __init__(self, session: ProjectSession, panel: ReaderPanel,
                 actions: AnnotationActions, status: StatusMessage,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.panel = panel
        self.reader = panel.view
        self.actions = actions
        self._status = status
        self._code_ids: list[int] = []  # the code book's first nine, for the number keys
        a = actions
        a.highlight.triggered.connect(lambda: self.highlight())
        for number, action in enumerate(a.codes):
            action.triggered.connect(lambda _checked=False, n=number: self.code_key(n))
        a.add_note.triggered.connect(self.add_note)
        a.delete_highlight.triggered.connect(self.delete_highlight)
        a.next_highlight.triggered.connect(lambda: self._step(+1))
        a.previous_highlight.triggered.connect(lambda: self._step(-1))
        a.show_mentions.toggled.connect(self.reader.set_show_mentions)
        a.show_margin.toggled.connect(panel.set_margin_wanted)
        a.attach(self.reader, panel.margin)
        self.reader.context_actions = a.context_items
        self.reader.content_changed.connect(self._content_changed)
        self.reader.annotation_source = self._load
        session.data_changed.connect(self._data_changed)
        session.project_opened.connect(lambda _project: self.reload_codes())

    # -- loading ------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the open article's highlights, notes and mentions again and draw them."""
        article, project = self.reader.article, self.session.project
        if article is None or project is None:
            return
        self.reader.set_annotations(ReaderAnnotations(project.store).load(article))

    def _load(self, article: Article) -> ArticleAnnotations | None:
        project = self.session.project
        return ReaderAnnotations(project.store).load(article) if project is not None else None

    def reload_codes(self) -> None:
        project = self.session.project
        nodes = CodeService(project).tree() if project is not None else []
        first = [n.code for n in nodes[:len(self.actions.codes)]]
        self._code_ids = [c.id or 0 for c in first]
        self.actions.set_codes([(c.name, c.colour) for c in first])

    def _content_changed(self) -> None:
        if self.reader.article is not None and self.reader.annotations is None:
            self.reload()

    def _data_changed(self, changes: ChangeSet) -> None:
        project = self.session.project
        if project is None:
            return
        if "codes" in changes.tables():
            self.reload_codes()
        shown = self.reader.annotations
        article = self.reader.article
        if article is None or article.id is None:
            return
        if shown is None:
            affects = Affects.ARTICLE if article.id in changes.updated("articles") or (
                article.id in changes.deleted("articles")) else Affects.ANNOTATIONS
        else:
            affects = ReaderAnnotations(project.store).affects(changes, shown)
        if affects is Affects.ARTICLE:
            fresh = self.session.article(article.id)
            if fresh is None:
                self.reader.show_placeholder(self.tr("The article was deleted."))
                return
            self.reader.replace_article(fresh)
            self.reload()
        elif affects is Affects.ANNOTATIONS:
            self._update(changes)

    def _update(self, changes: ChangeSet) -> None:
        # Highlights made, recoded or deleted: only those are read and drawn again (one
        # highlight on an article with a thousand stays quick); anything else, all anew.
        article, project, shown = self.reader.article, self.session.project, self.reader.annotations
        if article is None or project is None:
            return
        reader_annotations = ReaderAnnotations(project.store)
        update = reader_annotations.highlight_update(changes, shown) if shown else None
        if shown is None or update is None:
            self.reload()
            return
        ids, removed = update
        fresh = reader_annotations.load_highlights(article, ids)
        self.reader.update_highlights(shown.with_highlights(fresh, removed), fresh, removed)

    # -- highlighting -------------------------------------------------------------------

    def highlight(self, code_id: int | None = None,
                  then: Callable[[Highlight], None] | None = None) -> bool:
        """Highlight the reader's selection (with a code); False when there is nothing to
        highlight (the status bar says why)."""
        reader = self.reader
        article = reader.article
        if article is None or article.id is None or self.session.project is None:
            self._status(self.tr("Open an article to highlight in it."), _SHORT)
            return False
        if not reader.textCursor().hasSelection():
            self._status(self.tr("Select the passage to highlight first (Shift+arrows, or "
                                 "drag with the mouse)."), _SHORT)
            return False
        span = reader.selection_span()
        if span is None:
            # Highlights are anchored in the article's text; the headline and byline are
            # not part of it (they change with metadata, not with the text).
            self._status(self.tr("Only the article's text can be highlighted, not its "
                                 "headline or byline."), _LONG)
            return False
        start, end, clipped = span
        article_id, version = article.id, article.body_version
        codes = [code_id] if code_id is not None else []
        quote = " ".join(article.body[start:end].split())
        if len(quote) > _QUOTE_CHARS:
            quote = quote[:_QUOTE_CHARS - 1] + "…"
        reader.set_pending((start, end))
        cursor = reader.textCursor()
        cursor.setPosition(cursor.selectionEnd())
        reader.setTextCursor(cursor)  # the selection has become the highlight
        task = self.session.perform(
            self.tr("Highlight “%1”").replace("%1", quote),
            lambda project, store: HighlightService(project, store).create(
                article_id, start, end, code_ids=codes, body_version=version))
        task.signals.finished.connect(lambda result: self._highlighted(result[0], then))
        task.signals.failed.connect(lambda _message: reader.set_pending(None))
        if clipped:
            self._status(self.tr("The headline was left out: only the article's text can be "
                                 "highlighted."), _LONG)
        return True

    def _highlighted(self, highlight: Highlight, then: Callable[[Highlight], None] | None) -> None:
        self.reader.set_pending(None)
        if highlight.id is None:
            return
        if self.reader.article is not None and self.reader.article.id == highlight.article_id:
            self.reader.select_highlight(highlight.id, reveal=False)
        self.highlight_created.emit(highlight.id)
        if then is not None:
            then(highlight)

    def code_key(self, index: int) -> None:
        """Number key ``index + 1``: highlight the selection with that code, or put the code
        on (or take it off) the current highlight."""
        if index >= len(self._code_ids):
            return
        code_id = self._code_ids[index]
        if self.reader.textCursor().hasSelection():
            self.highlight(code_id)
            return
        current = self._current()
        if current is None:
            self._status(self.tr("Select a passage, or put the caret in a highlight, to "
                                 "give it a code."), _SHORT)
            return
        name = self.actions.codes[index].text().split(" ", 1)[-1].replace("&&", "&")
        if code_id in current.code_ids:
            remaining = [c for c in current.code_ids if c != code_id]
            self.session.perform(
                self.tr("Remove code “%1”").replace("%1", name),
                lambda project, store: HighlightService(project, store).set_codes(
                    current.id, remaining))
        else:
            self.session.perform(
                self.tr("Add code “%1”").replace("%1", name),
                lambda project, store: HighlightService(project, store).add_code(
                    [current.id], code_id))

    def delete_highlight(self) -> None:
        current = self._current()
        if current is None:
            self._status(self.tr("Put the caret in a highlight (or click it) to delete it."),
                         _SHORT)
            return
        self.session.perform(self.tr("Delete highlight"),
                             lambda project, store: HighlightService(project, store)
                             .delete([current.id]))

    def add_note(self) -> None:
        """N: a note on the current highlight; on a selection (highlighted first); or, with
        neither, on the article."""
        article = self.reader.article
        if article is None or article.id is None:
            self._status(self.tr("Open an article to write a note on it."), _SHORT)
            return
        if self.reader.textCursor().hasSelection():
            self.highlight(then=lambda h: self.note_requested.emit(h.article_id, h.id or -1))
            return
        current = self._current()
        self.note_requested.emit(article.id, current.id if current is not None else -1)

    def _current(self) -> ShownHighlight | None:
        annotations = self.reader.annotations
        current = self.reader.current_highlight
        if annotations is None or current is None:
            return None
        return annotations.highlight(current)

    def _step(self, step: int) -> None:
        if self.reader.step_highlight(step) is None:
            self._status(self.tr("This article has no highlights yet."), _SHORT)
        elif not self.panel.margin.hasFocus():
            self.reader.setFocus()  # the keys for the highlight (Delete, N) work from there

