"""The main window: article list and search results on the left, the reader on the right."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QItemSelection, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop import APP_NAME, __version__
from desktop.domain.article import ArticleSummary
from desktop.services.import_report import ImportReport
from desktop.services.project import Project
from desktop.ui.app_settings import AppSettings
from desktop.ui.article_table_model import ArticleTableModel
from desktop.ui.progress_panel import ProgressPanel
from desktop.ui.project_session import ProjectSession
from desktop.ui.reader_view import ReaderView
from desktop.ui.search_result_delegate import SearchResultDelegate
from desktop.ui.search_results_model import SearchResultsModel
from index import SearchResults

_SEARCH_DELAY_MS = 250  # wait for a pause in typing before searching


class MainWindow(QMainWindow):
    ARTICLES_TAB, RESULTS_TAB = 0, 1

    def __init__(self, settings: AppSettings | None = None) -> None:
        super().__init__()
        self.settings = settings or AppSettings()
        self.session = ProjectSession(self)
        self.articles = ArticleTableModel(self)
        self.results = SearchResultsModel(self)
        self._build_widgets()
        self._build_menus()
        self._connect()
        self._restore_state()
        self._update_title()

    # -- construction -------------------------------------------------------------------

    def _build_widgets(self) -> None:
        self.search_field = QLineEdit(self)
        self.search_field.setObjectName("searchField")
        self.search_field.setPlaceholderText(
            self.tr('Search articles: words, "a phrase", title:word, word*, word~')
        )
        self.search_field.setClearButtonEnabled(True)

        self.article_view = QTableView(self)
        self.article_view.setObjectName("articleList")
        self.article_view.setModel(self.articles)
        self.article_view.setSortingEnabled(True)
        self.article_view.sortByColumn(ArticleTableModel.DATE, Qt.SortOrder.DescendingOrder)
        self.article_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.article_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.article_view.verticalHeader().hide()
        # Fixed row heights keep scrolling through 100k rows cheap (no per-row measuring).
        self.article_view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.article_view.setWordWrap(False)
        self.article_view.setAlternatingRowColors(True)
        header = self.article_view.horizontalHeader()
        header.setSectionResizeMode(ArticleTableModel.TITLE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(ArticleTableModel.SOURCE, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(ArticleTableModel.DATE, QHeaderView.ResizeMode.Interactive)

        self.result_view = QListView(self)
        self.result_view.setObjectName("resultList")
        self.result_view.setModel(self.results)
        self.result_view.setItemDelegate(SearchResultDelegate(self.result_view))
        self.result_view.setWordWrap(True)
        self.result_view.setAlternatingRowColors(True)
        self.result_view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)

        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.article_view, self.tr("Articles"))
        self.tabs.addTab(self.result_view, self.tr("Results"))

        left = QWidget(self)
        layout = QVBoxLayout(left)
        layout.setContentsMargins(6, 6, 0, 6)
        layout.addWidget(self.search_field)
        layout.addWidget(self.tabs)

        self.reader = ReaderView(self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.reader)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([440, 660])
        self.setCentralWidget(self.splitter)

        self.count_label = QLabel(self)
        self.progress = ProgressPanel(self)
        self.statusBar().addWidget(self.count_label)
        self.statusBar().addPermanentWidget(self.progress)

        self.search_timer = QTimer(self)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(_SEARCH_DELAY_MS)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.new_action = self._action(self.tr("&New Project…"), QKeySequence.StandardKey.New,
                                       self.new_project)
        self.open_action = self._action(self.tr("&Open Project…"), QKeySequence.StandardKey.Open,
                                        self.open_project_dialog)
        self.recent_menu = file_menu.addMenu(self.tr("Open &Recent"))
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self.import_action = self._action(self.tr("&Import Files…"), QKeySequence("Ctrl+I"),
                                          self.import_files_dialog)
        self.import_folder_action = self._action(self.tr("Import &Folder…"),
                                                 QKeySequence("Ctrl+Shift+I"),
                                                 self.import_folder_dialog)
        self.quit_action = self._action(self.tr("&Quit"), QKeySequence.StandardKey.Quit,
                                        self.close)
        self.find_action = self._action(self.tr("&Find"), QKeySequence.StandardKey.Find,
                                        self.focus_search)
        file_menu.insertAction(self.recent_menu.menuAction(), self.new_action)
        file_menu.insertAction(self.recent_menu.menuAction(), self.open_action)
        file_menu.addSeparator()
        file_menu.addAction(self.import_action)
        file_menu.addAction(self.import_folder_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        self.addAction(self.find_action)
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        help_menu.addAction(self._action(self.tr("&About Research Notes"), None, self.show_about))

    def _action(self, text: str, shortcut: QKeySequence | QKeySequence.StandardKey | None,
                slot: object) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(slot)
        return action

    def _connect(self) -> None:
        self.search_field.textChanged.connect(lambda _text: self.search_timer.start())
        self.search_field.returnPressed.connect(self.run_search)
        self.search_timer.timeout.connect(self.run_search)
        self.article_view.selectionModel().selectionChanged.connect(self._article_selected)
        self.result_view.selectionModel().selectionChanged.connect(self._result_selected)
        s = self.session
        s.project_opened.connect(self._project_opened)
        s.project_closed.connect(self._project_closed)
        s.open_failed.connect(self._show_error)
        s.task_failed.connect(self._show_error)
        s.articles_loaded.connect(self._articles_loaded)
        s.search_finished.connect(self._search_finished)
        s.import_finished.connect(self._import_finished)
        s.task_started.connect(self.progress.track)
        s.index_ready.connect(lambda: self.statusBar().showMessage(self.tr("Ready"), 2000))
        s.index_cancelled.connect(lambda: self.statusBar().showMessage(
            self.tr("The search index was not built; it will be built when you search."), 15000))

    # -- project ------------------------------------------------------------------------

    def open_project(self, path: Path) -> bool:
        return self.session.open(path)

    def new_project(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("New Project: choose an empty folder"))
        if folder:
            self.session.create(Path(folder))

    def open_project_dialog(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Open Project"))
        if folder:
            self.session.open(Path(folder))

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = self.settings.recent_projects()
        for path in recent:
            action = self.recent_menu.addAction(str(path))
            action.triggered.connect(lambda _checked=False, p=path: self.session.open(p))
        if not recent:
            self.recent_menu.addAction(self.tr("No recent projects")).setEnabled(False)

    def _project_opened(self, project: Project) -> None:
        self.settings.add_recent_project(project.path)
        self.reader.show_placeholder()
        self.results.set_results(None)
        self._update_title()
        self._set_project_actions(True)

    def _project_closed(self) -> None:
        self.articles.set_articles([])
        self.results.set_results(None)
        self.reader.show_placeholder(self.tr("No project is open."))
        self._update_title()
        self._set_project_actions(False)

    def _set_project_actions(self, enabled: bool) -> None:
        for action in (self.import_action, self.import_folder_action):
            action.setEnabled(enabled)
        self.search_field.setEnabled(enabled)

    def _update_title(self) -> None:
        project = self.session.project
        self.setWindowTitle(f"{project.name} — {APP_NAME}" if project else APP_NAME)

    # -- articles -----------------------------------------------------------------------

    def _articles_loaded(self, rows: list[ArticleSummary]) -> None:
        selected = self._selected_article_id()
        self.articles.set_articles(rows)
        count = len(rows)
        self.count_label.setText(self._articles_text(count))
        self.tabs.setTabText(self.ARTICLES_TAB, self.tr("Articles (%1)").replace("%1", str(count)))
        row = self.articles.row_of(selected) if selected is not None else None
        if row is None and count and self.session.project is not None:
            row = 0
        if row is not None and not self.search_field.text().strip():
            self.article_view.selectRow(row)

    def _selected_article_id(self) -> int | None:
        rows = self.article_view.selectionModel().selectedRows()
        return self.articles.article_id(rows[0].row()) if rows else None

    def _article_selected(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        if not indexes:
            return
        article_id = self.articles.article_id(indexes[0].row())
        article = self.session.article(article_id) if article_id is not None else None
        if article is not None:
            self.reader.show_article(article)

    # -- search -------------------------------------------------------------------------

    def focus_search(self) -> None:
        self.search_field.setFocus()
        self.search_field.selectAll()

    def run_search(self) -> None:
        self.search_timer.stop()
        if self.session.project is None:
            return
        query = self.search_field.text().strip()
        if not query:
            self.results.set_results(None)
            self.tabs.setTabText(self.RESULTS_TAB, self.tr("Results"))
            self.tabs.setCurrentIndex(self.ARTICLES_TAB)
            return
        self.session.search(query)

    def _search_finished(self, results: SearchResults) -> None:
        if results.query != self.search_field.text().strip():
            return  # typed on since: a newer search is on its way
        self.results.set_results(results)
        self.tabs.setCurrentIndex(self.RESULTS_TAB)
        if results.error:
            self.tabs.setTabText(self.RESULTS_TAB, self.tr("Results"))
            self.statusBar().showMessage(results.error, 8000)
            return
        shown = len(results.hits)
        # A count cut short by a limit is a lower bound and is shown as one, never as a fact.
        count = f"{results.total:,}" if results.total_exact else f"≥{results.total:,}"
        label = self.tr("Results (%1)").replace("%1", count)
        self.tabs.setTabText(self.RESULTS_TAB, label)
        if not results.total_exact:
            message = self.tr("At least %1 articles match").replace("%1", f"{results.total:,}")
        elif results.total == 1:
            message = self.tr("1 article matches")
        else:
            message = self.tr("%1 articles match").replace("%1", f"{results.total:,}")
        if shown < results.total and not results.timed_out:
            message += self.tr(" (showing the best %1)").replace("%1", str(shown))
        if results.notice:
            message += " — " + results.notice
        self.statusBar().showMessage(message, 15000 if results.notice else 8000)
        if shown:
            self.result_view.setCurrentIndex(self.results.index(0, 0))

    def _result_selected(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        hit = self.results.hit(indexes[0].row()) if indexes else None
        if hit is None:
            return
        if hit.article_id is None:
            return  # not tied to an article (later kinds, such as entities)
        article = self.session.article(hit.article_id)
        if article is not None:
            self.reader.show_article(article, hit.title_spans, hit.body_spans)

    # -- import -------------------------------------------------------------------------

    def import_files_dialog(self) -> None:
        files, _filter = QFileDialog.getOpenFileNames(
            self, self.tr("Import Files"), "",
            self.tr("Text articles (*.txt *.text);;All files (*)"))
        if files:
            self.session.import_paths([Path(f) for f in files])

    def import_folder_dialog(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Import Folder"))
        if folder:
            self.session.import_paths([Path(folder)])

    def _import_finished(self, report: ImportReport) -> None:
        self.statusBar().showMessage(report.summary(), 15000)
        if report.failed:
            box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Import"),
                              self.tr("Some files could not be imported."),
                              QMessageBox.StandardButton.Ok, self)
            box.setInformativeText(report.summary())
            box.setDetailedText("\n".join(f"{p.path}: {p.reason}" for p in report.failed))
            box.setObjectName("importProblems")
            box.open()
        if self.search_field.text().strip():
            self.run_search()

    # -- misc ---------------------------------------------------------------------------

    def _articles_text(self, count: int) -> str:
        # Spelled out per number: "%n" plurals need a translator loaded to read well.
        text = self.tr("1 article") if count == 1 else self.tr("%1 articles")
        return text.replace("%1", f"{count:,}")

    def _show_error(self, message: str) -> None:
        self.statusBar().showMessage(message, 15000)
        box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME, message,
                          QMessageBox.StandardButton.Ok, self)
        box.setObjectName("errorMessage")
        box.open()

    def show_about(self) -> None:
        QMessageBox.about(
            self, self.tr("About Research Notes"),
            self.tr("<h3>Research Notes %1</h3><p>Read, search, highlight and annotate "
                    "collections of news articles. Your projects stay on your own disk.</p>"
                    ).replace("%1", __version__))

    def _restore_state(self) -> None:
        geometry = self.settings.state("geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1180, 760)
        splitter = self.settings.state("splitter")
        if splitter is not None:
            self.splitter.restoreState(splitter)
        header = self.settings.state("articleHeader")
        if header is not None:
            self.article_view.horizontalHeader().restoreState(header)

    def save_state(self) -> None:
        self.settings.set_state("geometry", self.saveGeometry())
        self.settings.set_state("splitter", self.splitter.saveState())
        self.settings.set_state("articleHeader", self.article_view.horizontalHeader().saveState())
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        self.session.close()
        super().closeEvent(event)


