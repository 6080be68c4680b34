"""The reader's highlights and mentions: drawn over the text by the overlay, one of them the
current one (outlined, followed by the caret and by Alt+Up/Down), and repainted only where
they change. A mixin of ReaderView (its other half: the text, hits, fonts and layout)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QRegion

from desktop.services.reader_annotations import ArticleAnnotations, ShownHighlight
from desktop.ui.reader.article_renderer import DocRange

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance
    from PySide6.QtWidgets import QTextBrowser

    from desktop.domain.article import Article
    from desktop.ui.reader.body_map import BodyMap
    from desktop.ui.reader.highlight_overlay import HighlightOverlay

    _Base = QTextBrowser
else:
    _Base = object


class ReaderHighlights(_Base):
    # Set up by ReaderView.
    article: Article | None
    annotations: ArticleAnnotations | None
    body: BodyMap
    overlay: HighlightOverlay
    _select_when_drawn: int | None
    if TYPE_CHECKING:
        current_highlight_changed: SignalInstance
        layout_changed: SignalInstance

        def reveal(self, doc_start: int, doc_end: int) -> None: ...
        def document_offset(self) -> QPointF: ...

    def set_annotations(self, annotations: ArticleAnnotations | None) -> None:
        """Draw these highlights and mentions (of the article shown) over the text."""
        article = self.article
        if annotations is not None and (article is None or article.id != annotations.article_id
                                        or article.body_version != annotations.body_version):
            annotations = None  # loaded for another text: drawing them would misplace them
        self.annotations = annotations
        highlights, mentions = [], []
        if annotations is not None:
            highlights = self._placed(annotations.highlights)
            for m in annotations.mentions:
                doc = self._doc_range(m.start, m.end)
                if doc is not None:
                    mentions.append((m, doc))
        before = self.overlay.current
        self.overlay.set_content(highlights, mentions)
        self._drawn(before)
        self.layout_changed.emit()

    def update_highlights(self, annotations: ArticleAnnotations,
                          fresh: Sequence[ShownHighlight], removed: Sequence[int]) -> None:
        """The same article's annotations with a few highlights made, changed or deleted:
        draw those alone anew (the others keep their measurements and the margin its
        cards, unless a highlight with notes changed)."""
        shown = self.annotations
        if shown is None or (shown.article_id, shown.body_version) != (
                annotations.article_id, annotations.body_version):
            self.set_annotations(annotations)
            return
        self.annotations = annotations
        before = self.overlay.current
        top = self.document_offset().y()
        band = (top, top + self.viewport().height())
        self._drawn(before, self.overlay.update_highlights(self._placed(fresh), removed, band))
        noted = {n.highlight_id for n in annotations.notes}
        if any(h.id in noted for h in fresh) or any(h in noted for h in removed):
            self.layout_changed.emit()  # a card's colour or place follows its highlight

    def _placed(self, highlights: Sequence[ShownHighlight],
                ) -> list[tuple[ShownHighlight, DocRange]]:
        placed = []
        for h in highlights:
            if h.placed:
                doc = self._doc_range(h.start, h.end)
                if doc is not None:
                    placed.append((h, doc))
        return placed

    def _drawn(self, before: int | None, dirty: list[QRectF] | None = None) -> None:
        # A highlight made here becomes the current one once it is drawn.
        waiting = self._select_when_drawn
        if waiting is not None and self.overlay.item(waiting) is not None:
            self._select_when_drawn = None
            self.select_highlight(waiting, reveal=False)
        elif self.overlay.current is None and before is not None:
            self.current_highlight_changed.emit(-1)
            if dirty is not None:
                dirty += self.overlay.area(self.overlay.item(before), measure=False)
        self._repaint_area(dirty)

    def _repaint_area(self, rects: Sequence[QRectF] | None) -> None:
        """Paint again where these (document) rectangles are; None for the whole view. A
        highlight made or selected among a thousand repaints its lines, not the screen."""
        if rects is None:
            self.viewport().update()
            return
        offset = self.document_offset()
        region = QRegion()
        for rect in rects:
            region += rect.translated(-offset).toAlignedRect()
        self.viewport().update(region)

    def _doc_range(self, start: int, end: int) -> DocRange | None:
        doc_start, doc_end = self.body.to_doc(start), self.body.to_doc(end)
        if doc_start is None or doc_end is None or doc_end <= doc_start:
            return None
        return doc_start, doc_end

    def set_show_mentions(self, shown: bool) -> None:
        self.overlay.show_mentions = shown
        self.viewport().update()

    def set_pending(self, span: tuple[int, int] | None) -> None:
        """Draw a highlight that is being saved (dashed) at once, or stop drawing it."""
        dirty = self.overlay.area(self.overlay.pending, measure=False)
        self.overlay.set_pending(None if span is None else self._doc_range(*span))
        self._repaint_area(dirty + self.overlay.area(self.overlay.pending))

    @property
    def current_highlight(self) -> int | None:
        return self.overlay.current

    def select_highlight(self, highlight_id: int | None, reveal: bool = True) -> bool:
        """Make a highlight the current one (outlined, caret at its start)."""
        item = self.overlay.item(highlight_id) if highlight_id is not None else None
        if highlight_id is not None and item is None:
            self._select_when_drawn = highlight_id
            return False
        before = self.overlay.current
        changed = before != highlight_id
        self.overlay.current = highlight_id
        if item is not None and reveal:
            self.reveal(*item.doc_range)
        if changed:
            self.current_highlight_changed.emit(-1 if highlight_id is None else highlight_id)
        self._repaint_current(before)
        return True

    def _repaint_current(self, before: int | None) -> None:
        # The outline moved from one highlight to another.
        overlay = self.overlay
        self._repaint_area(overlay.area(overlay.item(before), measure=False) + overlay.area(
            overlay.item(overlay.current) if overlay.current is not None else None))

    def step_highlight(self, step: int) -> int | None:
        """Select the next (+1) or previous (-1) highlight in reading order, wrapping round."""
        items = self.overlay.items
        if not items:
            return None
        ids = [i.id for i in items]
        current = self.overlay.current
        if current in ids:
            index = (ids.index(current) + step) % len(ids)
        else:
            caret = self.textCursor().position()
            after = [n for n, i in enumerate(items) if i.doc_range[0] > caret]
            before = [n for n, i in enumerate(items) if i.doc_range[0] <= caret]
            if step > 0:
                index = after[0] if after else 0
            else:
                index = before[-1] if before else len(items) - 1
        self.select_highlight(ids[index])
        return ids[index]

    def highlights_at(self, viewport_point: QPointF) -> list[int]:
        return self.overlay.highlights_at(viewport_point + self.document_offset())

    def highlight_top(self, highlight_id: int) -> float | None:
        """The document y of a highlight's first line; None when it is not drawn."""
        return self.overlay.top_of(highlight_id)

    def highlight_rects(self, highlight_id: int) -> list[QRectF]:
        """Where a highlight is drawn, in document coordinates (one rectangle per line)."""
        return self.overlay.rects_of(highlight_id)

    def _caret_moved(self) -> None:
        # The current highlight follows the caret: leaving it picks the innermost one
        # under the caret, if any.
        position = self.textCursor().position()
        current = self.overlay.item(self.overlay.current) if self.overlay.current else None
        if current is not None and current.doc_range[0] <= position <= current.doc_range[1]:
            return
        under = [i for i in self.overlay.items if i.doc_range[0] <= position < i.doc_range[1]]
        innermost = min(under, key=lambda i: (i.length, i.id)).id if under else None
        if innermost != self.overlay.current:
            before = self.overlay.current
            self.overlay.current = innermost
            self.current_highlight_changed.emit(-1 if innermost is None else innermost)
            self._repaint_current(before)
