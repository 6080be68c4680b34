"""The article list: Title, Source and Date of every article of the open project, in the
order the user picked, backed by SQL.

The model holds the ids in list order and nothing else per row (4 MB at 500,000 articles);
cells are read a page at a time for the rows a view shows (``SummaryPages``). Orders come
from the list worker (``ArticleListSource``); a re-sort is one layout change (persistent
indexes, the selection and the current row follow their articles), at once when the order
was read ahead. After a change the worker works out the steps from the shown order
(``OrderDiff``), replayed as row removals and insertions, or as one layout change when they
are many and scattered (as Qt's sort-filter proxy does when its filter changes the count).

No ``canFetchMore``/``fetchMore``: they grow the row count as a view scrolls, for sources
whose size is unknown or costly. Here the count is known with the ids and a row costs
nothing until painted, so the scroll bar is true and End, or a drag to the middle, gets
there at once, reading one page.
"""

from __future__ import annotations

import time
from array import array
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)

from desktop.domain.change_set import ChangeSet
from desktop.domain.order_diff import Run, rows_of, runs
from desktop.services.article_orders import COLUMNS, OrderHead, OrderUpdate, ShownOrder
from desktop.ui.articles.article_list_source import ArticleListSource
from desktop.ui.articles.summary_pages import SummaryPages
from desktop.ui.common.one_call_per_cell import OneCallPerCell

Index = QModelIndex | QPersistentModelIndex
Spec = tuple[int, Qt.SortOrder]
ARTICLE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
_DISPLAY = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)
_LAYOUT = QAbstractItemModel.LayoutChangeHint
# The overload that carries the hint (a plain emit() picks the one without arguments).
_PARENTS = "QList<QPersistentModelIndex>"
# More runs of inserted or removed rows than this become one layout change: each run is a
# signal the view handles and a move of the id array.
MAX_RUNS = 32
MAX_QUICK_DELETES = 5_000
# An import's batches are followed at most this often (each is a relayout and a repaint
# of the list on the GUI thread): the list grows in steady steps, not in a flicker.
MIN_FOLLOW_S = 0.5


@dataclass(frozen=True, slots=True)
class _Request:
    kind: str  # "show" (an order for the view, maybe following the shown one) or "prefetch"
    spec: Spec
    generation: int
    watched: frozenset[int]
    started: float


class ArticleTableModel(OneCallPerCell, QAbstractTableModel):
    TITLE, SOURCE, DATE = range(3)
    count_changed = Signal(int)  # rows came or went (also when the list is first shown)
    loaded = Signal()  # the open project's list is shown for the first time
    resorted = Signal()  # the rows are in a new order: a view brings its current row back
    failed = Signal(str)
    # Below this many articles every order is computed in well under 100 ms when asked for.
    prefetch_min_rows = 50_000
    prefetch_delay_ms = 1_000
    # Beyond this many articles, the first rows are shown while the whole order is read
    # (up to a second at 500,000): the window is usable at once. Below it, the whole order
    # comes in a few tens of milliseconds, and the list appears complete at once.
    head_min_rows = 20_000
    head_rows = 500

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._headers = (self.tr("Title"), self.tr("Source"), self.tr("Date"))
        self._spec: Spec = (self.DATE, Qt.SortOrder.DescendingOrder)
        self._source: ArticleListSource | None = None
        self._pages: SummaryPages | None = None
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.timeout.connect(self._continue)
        self._prefetch_timer = QTimer(self)
        self._prefetch_timer.setSingleShot(True)
        self._prefetch_timer.timeout.connect(self._prefetch)
        self._forget_state()

    def _forget_state(self) -> None:
        self._ids: array[int] = array("q")
        self._shown: Spec | None = None  # the order of _ids; None until the first arrives
        self._position = -1  # the journal position _ids reflects
        self._orders: dict[str, array[int]] = {}  # ascending orders as of _position
        self._generation = 0  # counts changes to _ids: a diff applies to the ids it was made from
        self._in_flight: _Request | None = None
        self._dirty = False  # articles changed after the shown order was read
        self._urgent = False  # ...by an action the user waits to see (not an import batch)
        self._not_before = 0.0  # no import-batch refresh before this (monotonic seconds)
        self._row_memo: dict[int, int] = {}

    # -- the project ----------------------------------------------------------------------

    def attach(self, source: ArticleListSource | None) -> None:
        """Show ``source``'s articles (None: an empty list, no project open)."""
        if self._source is not None:
            self._source.close()
            self._source.order_ready.disconnect(self._order_ready)
            self._source.order_failed.disconnect(self._order_failed)
            self._source.head_ready.disconnect(self._head_ready)
        self._retry.stop()
        self._prefetch_timer.stop()
        self.beginResetModel()
        self._forget_state()
        self._source = source
        self._pages = SummaryPages(source.summaries) if source is not None else None
        self.endResetModel()
        if source is not None:
            source.order_ready.connect(self._order_ready)
            source.order_failed.connect(self._order_failed)
            source.head_ready.connect(self._head_ready)
            column, order = self._spec
            source.request_head(COLUMNS[column], order == Qt.SortOrder.DescendingOrder,
                                self.head_rows)
            self._continue()

    @property
    def ready(self) -> bool:
        """The project's list has been shown (it may be empty)."""
        return self._shown is not None

    @property
    def busy(self) -> bool:
        """The list is not up to date yet: the order asked for is being computed, or
        articles changed and the list has not followed (orders read ahead do not count)."""
        return self._dirty or (self._in_flight is not None and self._in_flight.kind == "show")

    @property
    def pages_read(self) -> int:
        """How many pages of titles were read for this project (benchmarks, tests)."""
        return self._pages.pages_read if self._pages is not None else 0

    @property
    def stored_orders(self) -> tuple[str, ...]:
        """The columns whose orders are at hand for an instant re-sort."""
        return tuple(self._orders)

    @property
    def shown_sort(self) -> Spec | None:
        """The column and direction of the rows as shown (the asked ones once ready)."""
        return self._shown

    def apply_changes(self, changes: ChangeSet) -> None:
        """An action changed data: follow it if it touched articles. Deleted articles
        leave at once; where new or restored ones go, the list worker works out."""
        if "articles" not in changes.tables():
            return
        if self._pages is not None:
            self._pages.forget(changes.updated("articles"))
        deleted = set(changes.deleted("articles"))
        # Up to a few thousand: finding their rows is one scan of the ids, 30 ms at 500,000.
        if deleted and len(deleted) <= MAX_QUICK_DELETES and self._shown is not None:
            removed = runs(rows_of(self._ids, deleted))
            if len(removed) <= MAX_RUNS:
                self._remove(removed)
                self.count_changed.emit(len(self._ids))
        self.refresh()

    def refresh(self, throttled: bool = False) -> None:
        """Articles changed: bring the list up to date (the rows that changed only).

        ``throttled``: an import's batch. Following one costs the worker about the time of
        reading an order (up to a second at 500,000 articles), so batches are followed at
        most every other such time, leaving the import most of the processor.
        """
        if self._source is not None:
            self._dirty = True
            self._urgent |= not throttled
            self._continue()

    # -- the public surface ---------------------------------------------------------------

    def article_id(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, article_id: int) -> int | None:
        """The row listing ``article_id``: a search of the id array in C (a few ms at
        500,000 rows), remembered until the rows change."""
        row = self._row_memo.get(article_id)
        if row is None:
            try:
                row = self._ids.index(article_id)
            except ValueError:
                return None
            if len(self._row_memo) > 1_000:
                self._row_memo.clear()
            self._row_memo[article_id] = row
        return row

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.row() >= len(self._ids):
            return None
        if role == ARTICLE_ID_ROLE:
            return self._ids[index.row()]
        if role not in _DISPLAY or self._pages is None:
            return None
        summary = self._pages.summary(self._ids, index.row())
        if summary is None:  # deleted since its id was listed; the refresh removes the row
            return ""
        if index.column() == self.TITLE:
            return summary.title
        if index.column() == self.SOURCE:
            return summary.source
        return summary.published or ""

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self._headers)
        ):
            return self._headers[section]
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if 0 <= column < len(self._headers):
            self._spec = (column, Qt.SortOrder(order))
            self._continue()

    # -- asking the worker ----------------------------------------------------------------

    def _continue(self) -> None:
        """Do what is wanted next: show the asked order, follow changes, or prefetch."""
        if self._source is None or self._in_flight is not None:
            return
        if self._shown != self._spec:
            cached = None if self._dirty or self._shown is None else self._cached(self._spec)
            if cached is None:
                self._ask("show", self._spec)
                return
            rows: dict[int, int] = {}
            if self._shown[0] == self._spec[0]:
                # The same column the other way round: every row is mirrored, no search.
                last = len(self._ids) - 1
                rows = {self._ids[i.row()]: last - i.row() for i in self.persistentIndexList()
                        if 0 <= i.row() <= last}
            self._show(cached, rows, frozenset(rows), sort=True)
            self._shown = self._spec
            self.resorted.emit()
        if self._dirty:
            wait = 0.0 if self._urgent else self._not_before - time.monotonic()
            if wait > 0:
                self._retry.start(int(wait * 1000) + 1)
            else:
                self._ask("show", self._spec)
            return
        if len(self._ids) >= self.prefetch_min_rows and len(self._orders) < len(COLUMNS):
            self._prefetch_timer.start(self.prefetch_delay_ms)

    def _cached(self, spec: Spec) -> array[int] | None:
        """The order asked for, computed earlier; a copy, since the shown ids change in
        place as articles come and go (1 ms at 500,000, the reversal 2 ms more)."""
        ascending = self._orders.get(COLUMNS[spec[0]])
        if ascending is None:
            return None
        ids = array(ascending.typecode, ascending)
        if spec[1] == Qt.SortOrder.DescendingOrder:
            ids.reverse()
        return ids

    def _prefetch(self) -> None:
        if self._source is None or self._in_flight is not None or self._dirty:
            return
        missing = [c for c in COLUMNS if c not in self._orders]
        if missing and self._shown == self._spec:
            column = COLUMNS.index(missing[0])
            self._ask("prefetch", (column, Qt.SortOrder.AscendingOrder))

    def _ask(self, kind: str, spec: Spec) -> None:
        assert self._source is not None
        column, order = spec
        shown = None
        if kind == "show" and self._shown == spec:
            # A copy: the worker reads it while the view may still change the list.
            shown = ShownOrder(COLUMNS[column], order == Qt.SortOrder.DescendingOrder,
                               array(self._ids.typecode, self._ids), self._position)
        watched = frozenset(
            self._ids[i.row()] for i in self.persistentIndexList()
            if 0 <= i.row() < len(self._ids)) if kind == "show" else frozenset()
        if kind == "show":
            self._dirty = self._urgent = False  # the worker reads what the articles are now
        self._in_flight = _Request(kind, spec, self._generation, watched, time.monotonic())
        self._source.request(COLUMNS[column], order == Qt.SortOrder.DescendingOrder, shown,
                             watched)

    def _order_failed(self, message: str) -> None:
        self._in_flight = None
        self.failed.emit(message)

    def _head_ready(self, head: OrderHead) -> None:
        """Show the first rows until the whole order comes (only the first time, in the
        order still asked for, and only for a long list)."""
        column, order = self._spec
        if (self._shown is not None or len(self._ids) or head.total < self.head_min_rows
                or (head.column, head.descending)
                != (COLUMNS[column], order == Qt.SortOrder.DescendingOrder)):
            return
        self.beginResetModel()
        self._ids = head.ids
        self._changed()
        self.endResetModel()

    def _order_ready(self, update: OrderUpdate) -> None:
        request, self._in_flight = self._in_flight, None
        if request is None:
            return
        if request.kind == "show":
            # Following a batch costs the worker what this took: leave it at least as long
            # idle, so an import into a huge project never has the list busy all along.
            now = time.monotonic()
            self._not_before = now + max(MIN_FOLLOW_S, now - request.started)
        if update.ascending is not None and (update.position == self._position or (
                request.kind == "show" and request.spec == self._spec)):
            if update.position != self._position:
                self._orders = {}
            self._orders[update.column] = update.ascending
        if request.kind == "show" and request.spec == self._spec and update.ids is not None:
            self._apply(update, request)
        self._continue()

    # -- changing the rows ----------------------------------------------------------------

    def _apply(self, update: OrderUpdate, request: _Request) -> None:
        assert update.ids is not None and self._pages is not None
        first = self._shown is None
        sort = self._shown != request.spec
        if update.position != self._position and update.diff is None:
            self._pages.clear()  # too many changes to say which: read every page again
        self._position = update.position
        self._shown = request.spec
        diff = update.diff
        if first:
            head = len(self._ids)
            if head and update.ids[:head] == self._ids:
                # The first rows were shown already: the rest come after them, and a row
                # the user picked meanwhile stays picked.
                if len(update.ids) > head:
                    self.beginInsertRows(QModelIndex(), head, len(update.ids) - 1)
                    self._ids = update.ids
                    self._changed()
                    self.endInsertRows()
                else:
                    self._ids = update.ids
                    self._changed()
            else:
                self.beginResetModel()
                self._ids = update.ids
                self._changed()
                self.endResetModel()
        elif (diff is not None and request.generation == self._generation
              and diff.run_count <= MAX_RUNS):
            self._follow(update)
        else:
            # The worker found the watched rows only when it had no diff to offer.
            watched = request.watched if diff is None else frozenset()
            self._show(update.ids, update.rows, watched, sort=sort)
        self.count_changed.emit(len(self._ids))
        if first:
            self.loaded.emit()
        elif sort:
            self.resorted.emit()

    def _follow(self, update: OrderUpdate) -> None:
        """Replay the worker's steps: removals, moves of changed rows, insertions."""
        diff, new = update.diff, update.ids
        assert diff is not None and new is not None and self._pages is not None
        self._remove(diff.removed)
        if diff.reordered is not None:
            self._show(diff.reordered, {}, frozenset(), sort=False)
        self._own_ids()
        root = QModelIndex()
        for first, last in diff.inserted:
            self.beginInsertRows(root, first, last)
            self._ids[first:first] = new[first:last + 1]
            self._changed()
            self.endInsertRows()
        if self._ids != new:
            # Articles changed without a journal entry (none of ours does): trust the order.
            self._show(new, update.rows, frozenset(update.rows), sort=False)
        self._pages.forget(new[row] for row in diff.updated_rows)
        last_column = len(self._headers) - 1
        for row in diff.updated_rows:
            self.dataChanged.emit(self.index(row, 0), self.index(row, last_column))

    def _own_ids(self) -> None:
        """Before changing the ids in place: a copy if they are also a stored order."""
        if any(order is self._ids for order in self._orders.values()):
            self._ids = array(self._ids.typecode, self._ids)

    def _remove(self, removed: Sequence[Run]) -> None:
        self._own_ids()
        root = QModelIndex()
        for first, last in reversed(removed):
            self.beginRemoveRows(root, first, last)
            del self._ids[first:last + 1]
            self._changed()
            self.endRemoveRows()

    def _show(self, ids: array[int], rows: dict[int, int], watched: frozenset[int],
              sort: bool) -> None:
        """Put ``ids`` in place in one layout change; persistent indexes follow their
        article (``rows``: where the worker found the ``watched`` ones), or become invalid
        when it is no longer listed."""
        hint = _LAYOUT.VerticalSortHint if sort else _LAYOUT.NoLayoutChangeHint
        self.layoutAboutToBeChanged[_PARENTS, _LAYOUT].emit([], hint)
        old = self.persistentIndexList()
        old_ids = [self._ids[i.row()] if 0 <= i.row() < len(self._ids) else None for i in old]
        self._ids = ids
        self._changed()
        moved = []
        for article_id, index in zip(old_ids, old, strict=True):
            row = None
            if article_id is not None:
                row = rows.get(article_id) if article_id in watched else self.row_of(article_id)
            moved.append(self.index(row, index.column()) if row is not None else QModelIndex())
        self.changePersistentIndexList(old, moved)
        self.layoutChanged[_PARENTS, _LAYOUT].emit([], hint)

    def _changed(self) -> None:
        self._generation += 1
        self._row_memo.clear()
