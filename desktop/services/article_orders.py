"""The article list's orders, computed where the list asks (a worker thread, with its own
connection): a new order after a header click, or the steps that bring a shown order up to
date after articles were imported, deleted or restored."""

from __future__ import annotations

from array import array
from collections.abc import Set
from dataclasses import dataclass, field
from typing import Final

from desktop.domain.order_diff import OrderDiff, diff_orders, rows_of
from desktop.storage.article_order import ArticleOrder
from desktop.storage.project_store import ProjectStore

# Sortable list columns (keys of article_rows.SORT_ORDERS).
COLUMNS: Final = ("title", "source", "published")
# Beyond this many changed articles, the list is replaced wholesale rather than followed
# row by row (reading and replaying the changes would cost more than it saves).
MAX_FOLLOWED_CHANGES: Final = 5_000


@dataclass(frozen=True, slots=True)
class ShownOrder:
    """What a list shows: ids in ``column``'s order (reversed when ``descending``), as of
    journal ``position``."""

    column: str
    descending: bool
    ids: array[int]
    position: int


@dataclass(frozen=True, slots=True)
class OrderHead:
    """The first rows of an order and how many articles there are: what a list can show
    while the whole order (up to a second at 500,000 articles) is still being read."""

    column: str
    descending: bool
    ids: array[int]
    total: int


@dataclass(frozen=True, slots=True)
class OrderUpdate:
    column: str
    descending: bool
    position: int
    # The new order in the asked direction and ascending (the same object when ascending);
    # both None when nothing changed since the shown order.
    ids: array[int] | None
    ascending: array[int] | None
    # Steps from the shown order to ``ids``, when it was the same order and the changes
    # were few enough to follow.
    diff: OrderDiff | None = None
    # The rows that the watched ids have in ``ids`` (absent: no longer listed); empty when
    # there is a diff to follow.
    rows: dict[int, int] = field(default_factory=dict)

    @property
    def unchanged(self) -> bool:
        return self.ids is None


class ArticleOrders:
    def __init__(self, store: ProjectStore) -> None:
        self._store = store
        self._order = ArticleOrder(store)

    def head(self, column: str, descending: bool, limit: int) -> OrderHead:
        """The first ``limit`` ids of the order (in one transaction with the count)."""
        db = self._store.connection
        db.execute("BEGIN")
        try:
            ids = self._store.articles.first_ids(column, descending, limit)
            total = int(db.execute("SELECT count(*) FROM articles").fetchone()[0])
        finally:
            db.execute("COMMIT")
        return OrderHead(column, descending, ids, total)

    def update(self, column: str, descending: bool, shown: ShownOrder | None = None,
               watched: Set[int] = frozenset()) -> OrderUpdate:
        """``column``'s order in the given direction; with ``shown`` in that same order,
        the steps from it (or nothing at all, when no article changed since)."""
        same = shown is not None and (shown.column, shown.descending) == (column, descending)
        if same and shown is not None and self._order.position() == shown.position:
            return OrderUpdate(column, descending, shown.position, None, None)
        snapshot = self._order.snapshot(column)
        ascending = snapshot.ids
        ids = ascending
        if descending:
            ids = array(ascending.typecode, ascending)
            ids.reverse()
        diff = None
        if same and shown is not None:
            changes = self._order.changes(shown.position, snapshot.position,
                                          MAX_FOLLOWED_CHANGES)
            if changes is not None:
                diff = diff_orders(shown.ids, ids, changes)
        # A followed diff moves watched rows with row signals; only a new order needs them.
        rows = {} if diff is not None else {ids[row]: row for row in rows_of(ids, set(watched))}
        return OrderUpdate(column, descending, snapshot.position, ids, ascending, diff, rows)
