"""A new version of an article's text, with its highlights and mentions re-anchored."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from desktop.domain.article import Article
from desktop.domain.highlight import AnchorStatus
from desktop.domain.text_quote import TextQuote
from desktop.storage.project_store import ProjectStore

if TYPE_CHECKING:
    from desktop.services.anchor_placer import AnchorPlacer


@dataclass(slots=True)
class TextUpdate:
    reanchored: int = 0  # highlights placed in the new text (moved or not)
    needs_review: int = 0  # highlights that could not be placed with confidence
    mentions_moved: int = 0
    mentions_dropped: int = 0  # recognised mentions whose text is gone


class TextUpdater:
    """Inside the caller's transaction (an import's action): nothing is committed here."""

    def __init__(self, store: ProjectStore, placer: AnchorPlacer | None = None) -> None:
        # Imported here: the fuzzy matcher is needed only when a text is updated, and every
        # import report (so the window, at start) imports this module.
        from desktop.services.anchor_placer import AnchorPlacer

        self._store = store
        self._placer = placer or AnchorPlacer()

    def replace(self, old: Article, new: Article, result: TextUpdate) -> None:
        assert old.id is not None
        version = self._store.articles.replace_text(old.id, new)
        for highlight in self._store.highlights.for_article(old.id):
            if highlight.status is AnchorStatus.DETACHED or highlight.id is None:
                continue
            # Placed from its own selectors, which belong to the text it was made in.
            placed = self._placer.place(new.body, highlight.start, highlight.end,
                                        highlight.quote, len(old.body))
            if placed.status is AnchorStatus.ANCHORED:
                self._store.highlights.move(
                    highlight.id, placed.start, placed.end,
                    TextQuote.cut(new.body, placed.start, placed.end), version,
                    AnchorStatus.ANCHORED)
                result.reanchored += 1
            else:
                candidate = (placed.start, placed.end) if placed.has_candidate else None
                self._store.highlights.set_status(highlight.id, AnchorStatus.NEEDS_REVIEW,
                                                  candidate)
                result.needs_review += 1
        self._mentions(old, new, version, result)

    def _mentions(self, old: Article, new: Article, version: int, result: TextUpdate) -> None:
        db = self._store.connection
        for mention in self._store.entities.mentions_in(old.id or 0):
            quote = TextQuote.cut(old.body, mention.start, mention.end) if (
                0 <= mention.start < mention.end <= len(old.body)) else TextQuote(mention.text)
            placed = self._placer.place(new.body, mention.start, mention.end, quote,
                                        len(old.body))
            if placed.status is AnchorStatus.ANCHORED:
                db.execute(
                    'UPDATE mentions SET start = ?, "end" = ?, text = ?, body_version = ?'
                    " WHERE id = ?",
                    (placed.start, placed.end, new.body[placed.start:placed.end], version,
                     mention.id))
                result.mentions_moved += 1
            else:
                # A name that is no longer in the text is no longer mentioned there.
                db.execute("DELETE FROM mentions WHERE id = ?", (mention.id,))
                result.mentions_dropped += 1
