"""The article list's access to one open project: orders computed in the list worker (never
on the GUI thread), pages of titles read on the GUI thread by primary key."""

from __future__ import annotations

from collections.abc import Sequence, Set

from PySide6.QtCore import QObject, Signal

from desktop.domain.article import ArticleSummary
from desktop.services.article_orders import ArticleOrders, OrderHead, OrderUpdate, ShownOrder
from desktop.services.cancel_token import CancelToken, Progress
from desktop.services.project import Project
from desktop.ui.common.task_runner import TaskRunner


class ArticleListSource(QObject):
    order_ready = Signal(object)  # OrderUpdate
    head_ready = Signal(object)  # OrderHead
    order_failed = Signal(str)

    def __init__(self, project: Project, runner: TaskRunner,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self._runner = runner
        self._closed = False

    def request(self, column: str, descending: bool, shown: ShownOrder | None,
                watched: Set[int]) -> None:
        """Compute ``column``'s order (following ``shown`` when it is the same order);
        ``order_ready`` delivers it unless the source was closed meanwhile."""
        project = self.project

        def job(_progress: Progress, _cancel: CancelToken) -> OrderUpdate:
            store = project.connect(read_only=True)
            try:
                return ArticleOrders(store).update(column, descending, shown, watched)
            finally:
                store.close()

        task = self._runner.read_list(job, self.tr("Reading the article list"))
        task.signals.finished.connect(self._deliver)
        task.signals.failed.connect(self._failed)

    def request_head(self, column: str, descending: bool, limit: int) -> None:
        """The first ``limit`` rows of an order and the article count, quickly (asked
        before the whole order, in the same worker, so it arrives first)."""
        project = self.project

        def job(_progress: Progress, _cancel: CancelToken) -> OrderHead:
            store = project.connect(read_only=True)
            try:
                return ArticleOrders(store).head(column, descending, limit)
            finally:
                store.close()

        task = self._runner.read_list(job, self.tr("Reading the article list"))
        # A failure needs no report of its own: the whole order, asked next, says it.
        task.signals.finished.connect(self._deliver_head)

    def summaries(self, ids: Sequence[int]) -> dict[int, ArticleSummary]:
        # By primary key on the GUI thread's connection: about a millisecond a page.
        return self.project.store.articles.summaries_for(ids)

    def close(self) -> None:
        """Results still on their way are dropped (the project is being closed)."""
        self._closed = True

    @property
    def closed(self) -> bool:
        return self._closed

    def _deliver(self, update: OrderUpdate) -> None:
        if not self._closed:
            self.order_ready.emit(update)

    def _deliver_head(self, head: OrderHead) -> None:
        if not self._closed:
            self.head_ready.emit(head)

    def _failed(self, message: str) -> None:
        # The runner has logged the traceback already.
        if not self._closed:
            self.order_failed.emit(message)
