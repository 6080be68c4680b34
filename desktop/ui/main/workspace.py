"""The window's working area while a project is open: the search field, the article list
and search results on the left (with a getting-started box while the project is nearly
empty), the reader on the right."""

from __future__ import annotations

import itertools

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QListView,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.articles.article_list_view import ArticleListView
from desktop.ui.articles.article_table_model import ArticleTableModel
from desktop.ui.common.formatting import format_count
from desktop.ui.project.welcome_panel import WelcomePanel
from desktop.ui.reader.reader_panel import ReaderPanel
from desktop.ui.search.facet_panel import FacetPanel
from desktop.ui.search.search_bar import SearchBar
from desktop.ui.search.search_result_delegate import SearchResultDelegate
from desktop.ui.search.search_results_model import SearchResultsModel

# Below this many articles the project still looks empty: the getting-started box stays,
# with the list shortened beside it (the sample project has one article).
FEW_ARTICLES = 5


class Workspace(QSplitter):
    ARTICLES_TAB, RESULTS_TAB = 0, 1

    def __init__(self, articles: ArticleTableModel, results: SearchResultsModel,
                 getting_started_actions: list[QAction], syntax: QAction,
                 parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setObjectName("mainSplitter")
        self.search_bar = SearchBar(self)
        self.article_view = ArticleListView(articles, self)

        self.result_view = QListView(self)
        self.result_view.setObjectName("resultList")
        self.result_view.setModel(results)
        self.result_view.setItemDelegate(SearchResultDelegate(self.result_view))
        self.result_view.setWordWrap(True)
        self.result_view.setAlternatingRowColors(True)
        self.result_view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.result_view.setAccessibleName(self.tr("Search results"))
        self.result_view.setAccessibleDescription(self.tr(
            "The articles that match the search, best first, with the matching passage; "
            "the selected one opens in the reader"))

        # Below the results, how they break down (kinds, sources, years, entities).
        self.facet_panel = FacetPanel(self)
        self.results_page = QSplitter(Qt.Orientation.Vertical, self)
        self.results_page.setObjectName("resultsSplitter")
        self.results_page.addWidget(self.result_view)
        self.results_page.addWidget(self.facet_panel)
        self.results_page.setStretchFactor(0, 3)
        self.results_page.setStretchFactor(1, 2)
        self.results_page.setChildrenCollapsible(False)

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("listTabs")
        self.tabs.addTab(self.article_view, self.tr("Articles"))
        self.tabs.addTab(self.results_page, self.tr("Results"))
        self.tabs.tabBar().setAccessibleName(self.tr("Lists"))
        self.tabs.tabBar().setAccessibleDescription(
            self.tr("Switch between the article list and the search results"))

        self.getting_started = WelcomePanel(True, getting_started_actions, syntax, self)
        self._few_articles = False
        self.tabs.currentChanged.connect(lambda _index: self._show_getting_started())
        # Above the lists: a project on read-only media opens for reading, and says so.
        self.read_only_banner = QLabel(self.tr(
            "This project is read-only: you can read and search it, but not change it. "
            "To work in it, copy the folder somewhere you can write to and open the copy."),
            self)
        self.read_only_banner.setObjectName("readOnlyBanner")
        self.read_only_banner.setWordWrap(True)
        self.read_only_banner.setAccessibleName(self.tr("Read-only project"))
        self.read_only_banner.hide()

        self.left = QWidget(self)
        self.left.setObjectName("listsPanel")
        layout = QVBoxLayout(self.left)
        layout.setContentsMargins(6, 6, 0, 6)
        layout.addWidget(self.read_only_banner)
        layout.addWidget(self.search_bar)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.getting_started)

        self.reader_panel = ReaderPanel(self)
        self.reader = self.reader_panel.view
        self.addWidget(self.left)
        self.addWidget(self.reader_panel)
        self.setStretchFactor(0, 2)
        self.setStretchFactor(1, 3)
        self.setSizes([440, 660])
        self.setChildrenCollapsible(False)
        self._set_tab_order()

    def _set_tab_order(self) -> None:
        # Search, then the lists, then the reader and its bars, then the getting-started box:
        # the order in which a reader works, not the order in which widgets were made.
        chain: list[QWidget] = [
            self.search_bar.field, self.tabs.tabBar(), self.article_view, self.result_view,
            self.facet_panel.view,
            self.reader_panel.find_bar.field, self.reader, self.reader_panel.previous_button,
            self.reader_panel.next_button, *self.getting_started.buttons,
            self.getting_started.syntax_link,
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def set_article_count(self, count: int, has_project: bool) -> None:
        self.tabs.setTabText(self.ARTICLES_TAB, self.tr("Articles (%1)").replace(
            "%1", format_count(count)))
        self.getting_started.set_article_count(count)
        self._few_articles = has_project and count < FEW_ARTICLES
        self._show_getting_started()

    def _show_getting_started(self) -> None:
        # Not over the results: a search wants the room for its hits and their breakdown.
        self.getting_started.setVisible(
            self._few_articles and self.tabs.currentIndex() == self.ARTICLES_TAB)

    def set_result_count(self, total: int | None, exact: bool = True) -> None:
        count = "" if total is None else format_count(total) if exact else f"≥{format_count(total)}"
        text = self.tr("Results") if total is None else self.tr("Results (%1)").replace(
            "%1", count)
        self.tabs.setTabText(self.RESULTS_TAB, text)

    def show_read_only(self, read_only: bool) -> None:
        self.read_only_banner.setVisible(read_only)

    def reset(self) -> None:
        """Forget the previous project's search and article (a project was switched)."""
        self.search_bar.reset()
        self.set_result_count(None)
        self.tabs.setTabText(self.ARTICLES_TAB, self.tr("Articles"))
        self.tabs.setCurrentIndex(self.ARTICLES_TAB)
        self.reader_panel.find_bar.reset()
        self.reader.show_placeholder()
