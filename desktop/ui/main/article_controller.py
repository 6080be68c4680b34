"""The article list in the window: the open project's list with its counts, following
every change to its articles, the selected article in the reader, Enter and Open to read
it, and copying its citation."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelection, QObject, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

from desktop.domain.article import Article
from desktop.domain.citation import format_citation
from desktop.services.article_service import ArticleService
from desktop.services.project import Project
from desktop.ui.articles.article_list_source import ArticleListSource
from desktop.ui.articles.article_table_model import ArticleTableModel
from desktop.ui.common.formatting import format_count
from desktop.ui.main.workspace import Workspace
from desktop.ui.project.project_session import ProjectSession
from desktop.ui.search.search_results_model import SearchResultsModel

StatusMessage = Callable[[str, int], None]
# Preferences > default order of the list: its column and direction.
_SORTS = {
    "newest": (ArticleTableModel.DATE, Qt.SortOrder.DescendingOrder),
    "oldest": (ArticleTableModel.DATE, Qt.SortOrder.AscendingOrder),
    "title": (ArticleTableModel.TITLE, Qt.SortOrder.AscendingOrder),
    "source": (ArticleTableModel.SOURCE, Qt.SortOrder.AscendingOrder),
}


class ArticleController(QObject):
    def __init__(self, session: ProjectSession, workspace: Workspace,
                 articles: ArticleTableModel, results: SearchResultsModel,
                 count_label: QLabel, status: StatusMessage,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.workspace = workspace
        self.articles = articles
        self.results = results
        self.count_label = count_label
        self._status = status
        self._restoring = False
        view = workspace.article_view
        view.open_requested.connect(self.read_article)
        view.selectionModel().selectionChanged.connect(self._article_selected)
        session.data_changed.connect(articles.apply_changes)
        session.articles_stored.connect(lambda _stored: articles.refresh(throttled=True))
        articles.count_changed.connect(self._count_changed)
        articles.loaded.connect(self._select_some)
        articles.failed.connect(session.task_failed)

    def sort_by(self, default_sort: str) -> None:
        """The list in a default order of Preferences ("newest", "oldest", "title", ...)."""
        column, order = _SORTS[default_sort]
        self.workspace.article_view.sortByColumn(column, order)

    def show_project(self, project: Project | None) -> None:
        """List ``project``'s articles (None: no project, an empty list)."""
        source = ArticleListSource(project, self.session.runner) if project else None
        self.articles.attach(source)

    def article(self, article_id: int) -> Article | None:
        return self.session.article(article_id) if self.session.project is not None else None

    def title_of(self, article_id: int) -> str | None:
        article = self.article(article_id)
        return article.title if article else None

    def _count_changed(self, count: int) -> None:
        # Only while a project is open: closing one empties the list without a count.
        self.count_label.setText(self.tr("1 article") if count == 1 else
                                 self.tr("%1 articles").replace("%1", format_count(count)))
        self.workspace.set_article_count(count, True)
        # The first articles of an empty project arrived, or the selected one was deleted.
        self._select_some()

    def _select_some(self) -> None:
        """With nothing selected, the current row (where a deleted article was: the next
        one) or the first; while a search is shown the reader belongs to the results."""
        view = self.workspace.article_view
        if (self.articles.rowCount() and view.selected_article_id() is None
                and not self.workspace.search_bar.query()):
            current = view.currentIndex()
            # Selecting the row again must not show its article anew (the reader would jump
            # to the top, or away from an article opened from elsewhere).
            self._restoring = True
            try:
                view.selectRow(current.row() if current.isValid() else 0)
            finally:
                self._restoring = False

    def _article_selected(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        if self._restoring and self.workspace.reader.article is not None:
            return
        indexes = selected.indexes()
        article_id = self.articles.article_id(indexes[0].row()) if indexes else None
        article = self.article(article_id) if article_id is not None else None
        shown = self.workspace.reader.article
        if article is not None and shown is not None and (shown.id, shown.body_version) == (
                article.id, article.body_version):
            # The list re-selected the row after a change (a highlight, a note): showing
            # the article anew would move the caret and the view back to the top.
            return
        if article is not None:
            self.workspace.reader.show_article(article)

    def delete_selected(self) -> None:
        """Delete the selected article; asks first when highlights or notes hang on it."""
        article_id = self.workspace.article_view.selected_article_id()
        project = self.session.project
        if article_id is None or project is None:
            return
        counts = ArticleService(project).annotation_counts([article_id])
        if counts["highlights"] or counts["notes"]:
            answer = QMessageBox.question(
                self.workspace,
                self.tr("Delete Article"),
                self.tr("This article has %1 highlights and %2 notes. Delete it with its "
                        "highlights? Its notes are kept as project notes, with the passages "
                        "they quoted. Edit > Undo brings everything back.")
                .replace("%1", format_count(counts["highlights"]))
                .replace("%2", format_count(counts["notes"])))
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.session.delete_articles([article_id])

    def open_selected(self) -> None:
        article_id = self.workspace.article_view.selected_article_id()
        if article_id is not None:
            self.read_article(article_id)

    def read_article(self, article_id: int) -> None:
        """Show the article (unless it is already shown, hits and all) and move to it."""
        article = self.article(article_id)
        if article is None:
            return
        reader = self.workspace.reader
        if reader.article is None or reader.article.id != article_id:
            reader.show_article(article)
        reader.setFocus()

    def open_at(self, article_id: int, start: int | None = None,
                end: int | None = None) -> bool:
        """Open an article scrolled to the passage ``[start, end)`` (code points of its
        body), with context above it: for lists of highlights, notes and mentions."""
        self.read_article(article_id)
        reader = self.workspace.reader
        if reader.article is None or reader.article.id != article_id:
            return False
        if start is None or end is None:
            return True
        return reader.scroll_to_span(start, end)

    def open_highlight(self, highlight_id: int) -> bool:
        """Open a highlight's article at the highlight, and select it."""
        project = self.session.project
        highlight = project.store.highlights.get(highlight_id) if project else None
        if highlight is None:
            return False
        self.read_article(highlight.article_id)
        # Opening the article loaded its highlights (synchronously): select this one.
        return self.workspace.reader.select_highlight(highlight_id)

    def copy_citation(self) -> None:
        article = self._focused_article()
        if article is not None:
            QGuiApplication.clipboard().setText(format_citation(article))
            self._status(self.tr("Citation copied"), 3000)

    def copy(self) -> None:
        """Edit > Copy: the focused text's selection, or the citation of the listed article."""
        focus = QApplication.focusWidget()
        if focus in (self.workspace.article_view, self.workspace.result_view):
            self.copy_citation()
        elif focus is not None and hasattr(focus, "copy"):
            focus.copy()

    def _focused_article(self) -> Article | None:
        if QApplication.focusWidget() is self.workspace.result_view:
            hit = self.results.hit(self.workspace.result_view.currentIndex().row())
            return self.article(hit.article_id) if hit and hit.article_id else None
        article_id = self.workspace.article_view.selected_article_id()
        if article_id is not None:
            return self.article(article_id)
        return self.workspace.reader.article
