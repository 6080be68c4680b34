"""Highlights that need review: the quote as it was, and the best candidate that
re-anchoring found in the article's current text (if any)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from desktop.domain.highlight import AnchorStatus
from desktop.storage.highlight_listing import HighlightFilter, HighlightRow
from desktop.storage.project_store import ProjectStore

Index = QModelIndex | QPersistentModelIndex
_SHOWN_CHARS = 300


@dataclass(frozen=True, slots=True)
class ReviewItem:
    highlight: HighlightRow
    candidate: tuple[int, int] | None  # code points of the current body
    candidate_text: str


def load_review_items(store: ProjectStore, limit: int = 5000) -> list[ReviewItem]:
    """Every highlight waiting for review, with its candidate cut from the current body."""
    rows = store.highlight_listing.rows(HighlightFilter(status=AnchorStatus.NEEDS_REVIEW.value),
                                        limit=limit)
    bodies: dict[int, str] = {}
    items = []
    for row in rows:
        candidate = store.highlights.candidate(row.id)
        text = ""
        if candidate is not None:
            if row.article_id not in bodies:
                article = store.articles.get(row.article_id)
                bodies[row.article_id] = article.body if article else ""
            text = bodies[row.article_id][candidate[0]:candidate[1]]
        items.append(ReviewItem(row, candidate, text))
    return items


class ReviewModel(QAbstractTableModel):
    ARTICLE, OLD_QUOTE, CANDIDATE = range(3)

    def __init__(self, parent: object | None = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self.items: list[ReviewItem] = []
        self._headers = (self.tr("Article"), self.tr("Quote as it was"),
                         self.tr("Best match in the current text"))

    def set_items(self, items: Sequence[ReviewItem]) -> None:
        self.beginResetModel()
        self.items = list(items)
        self.endResetModel()

    def item(self, row: int) -> ReviewItem | None:
        return self.items[row] if 0 <= row < len(self.items) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self.items):
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        item = self.items[index.row()]
        column = index.column()
        if column == self.ARTICLE:
            return item.highlight.article_title
        if column == self.OLD_QUOTE:
            return _short(item.highlight.quote, role)
        if item.candidate is None:
            return self.tr("(no likely place found)")
        return _short(item.candidate_text, role)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self._headers)):
            return self._headers[section]
        return None


def _short(text: str, role: int) -> str:
    if role == Qt.ItemDataRole.ToolTipRole:
        return text[:2000]
    line = " ".join(text[:_SHOWN_CHARS].split())
    return line + ("…" if len(text) > _SHOWN_CHARS else "")
