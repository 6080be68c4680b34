"""The article list: a table of title, source and date, with a context menu and Enter to
read the article."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QContextMenuEvent, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMenu, QTableView, QWidget

from desktop.ui.articles.article_table_model import ArticleTableModel
from desktop.ui.articles.missing_value_delegate import MissingValueDelegate


class ArticleListView(QTableView):
    open_requested = Signal(int)  # an article id: read it (Enter, double click, Open)

    def __init__(self, model: ArticleTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("articleList")
        self.setModel(model)
        self.setSortingEnabled(True)
        self.sortByColumn(ArticleTableModel.DATE, Qt.SortOrder.DescendingOrder)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.verticalHeader().hide()
        # Fixed row heights keep scrolling through 100k rows cheap (no per-row measuring).
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.setWordWrap(False)
        self.setAlternatingRowColors(True)
        self.setTabKeyNavigation(False)  # Tab moves between panes, arrows within the list
        header = self.horizontalHeader()
        header.setSectionResizeMode(ArticleTableModel.TITLE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(ArticleTableModel.SOURCE, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(ArticleTableModel.DATE, QHeaderView.ResizeMode.Interactive)
        # Until the user sizes them (the window keeps their widths): source and date as
        # wide as what they usually hold, so that the title has the rest, not a third.
        metrics = self.fontMetrics()
        room = 3 * metrics.horizontalAdvance("M")  # padding and the sort arrow
        header.resizeSection(ArticleTableModel.SOURCE, metrics.horizontalAdvance("BBC News") + room)
        header.resizeSection(ArticleTableModel.DATE, metrics.horizontalAdvance("2026-11-26") + room)
        missing = MissingValueDelegate(self)
        self.setItemDelegateForColumn(ArticleTableModel.SOURCE, missing)
        self.setItemDelegateForColumn(ArticleTableModel.DATE, missing)
        self.setAccessibleName(self.tr("Article list"))
        self.setAccessibleDescription(self.tr(
            "The project's articles by title, source and date; Enter opens the selected "
            "one, the context menu key offers more"))
        self._context_actions: list[QAction] = []
        self.doubleClicked.connect(lambda index: self._open(index.row()))
        # A re-sort moves the selected article somewhere else: keep it in sight.
        model.resorted.connect(self._show_current)

    def article_model(self) -> ArticleTableModel:
        model = self.model()
        assert isinstance(model, ArticleTableModel)
        return model

    def set_context_actions(self, actions: list[QAction]) -> None:
        self._context_actions = actions

    def selected_article_id(self) -> int | None:
        rows = self.selectionModel().selectedRows()
        return self.article_model().article_id(rows[0].row()) if rows else None

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        index = self.indexAt(event.pos())
        if index.isValid():
            self.selectRow(index.row())
        if self.selected_article_id() is None:
            return
        menu = QMenu(self)
        for action in self._context_actions:
            if action.isVisible():
                menu.addAction(action)
        menu.exec(event.globalPos())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            current = self.currentIndex()
            if current.isValid():
                self._open(current.row())
                return
        super().keyPressEvent(event)

    def _show_current(self) -> None:
        current = self.currentIndex()
        if current.isValid():
            self.scrollTo(current, QAbstractItemView.ScrollHint.PositionAtCenter)

    def _open(self, row: int) -> None:
        article_id = self.article_model().article_id(row)
        if article_id is not None:
            self.open_requested.emit(article_id)
