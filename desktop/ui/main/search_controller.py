"""Searching from the window: the search field's queries go to the session, results come
back to the results list, the selected hit opens in the reader with its words marked, and
a query that cannot be run is explained beside the field."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelection, QObject
from PySide6.QtWidgets import QAbstractItemView

from desktop.domain.article import Article
from desktop.domain.link import LinkEnd, LinkKind
from desktop.services.facet_service import FacetService, SearchFacets
from desktop.ui.common.background_load import BackgroundLoad
from desktop.ui.common.formatting import format_count
from desktop.ui.main.workspace import Workspace
from desktop.ui.project.project_session import ProjectSession
from desktop.ui.search.search_results_model import SearchResultsModel
from index import SearchHit, SearchResults

StatusMessage = Callable[[str, int], None]


class SearchController(QObject):
    def __init__(self, session: ProjectSession, workspace: Workspace,
                 results: SearchResultsModel, status: StatusMessage,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.workspace = workspace
        self.results = results
        self._status = status
        # Opens a note in the notes panel (set by the window once its docks exist).
        self.open_annotation: Callable[[LinkEnd], None] | None = None
        # Enter was pressed before the results arrived: move into them when they do.
        self._focus_on_arrival = False
        # The query being searched again because the index changed, if any.
        self._refreshing: str | None = None
        self._reselecting = False
        # How many hits the current query shows: a page, more as the user scrolls on.
        self._limit = SearchResultsModel.PAGE
        # The query whose next page is on its way: its answer only adds rows.
        self._extending: str | None = None
        # The result last opened from the list (picked, or first of a search), kept when a
        # refresh leaves it off the page: the next refresh did not find it picked and
        # moved the reader to the first result (a new user's trial, during an import).
        self._shown_key: str | None = None
        # Why the index is being rebuilt, kept in the status bar while searches are refused
        # (the refused search's answer cleared it at once: a new user's check).
        self._damage_reason = ""
        results.more_wanted.connect(self._more)
        bar = workspace.search_bar
        bar.search_requested.connect(self.search)
        bar.enter_pressed.connect(self._enter_pressed)
        bar.down_pressed.connect(self.focus_results)
        session.search_finished.connect(self._search_finished)
        # New documents became searchable (an import was indexed): the shown results may be
        # incomplete, so the query runs again without another keystroke.
        session.index_updated.connect(self.refresh)
        # Found damaged: the results on screen may be wrong; the search answers so now.
        session.index_damaged.connect(self._damaged)
        workspace.result_view.selectionModel().selectionChanged.connect(self._result_selected)
        # The breakdown of each search's matches, counted in a worker after the results.
        self._facets = BackgroundLoad(session, self.tr("Counting the results"), self)
        self._facets.loaded.connect(self._facets_loaded)
        workspace.facet_panel.narrow_requested.connect(self.narrow)
        session.project_closed.connect(self._closed)
        # Enter (or a double click) on a result: read it.
        workspace.result_view.activated.connect(lambda _index: workspace.reader.setFocus())

    def _damaged(self, reason: str) -> None:
        self._damage_reason = reason
        self.refresh()

    def _closed(self) -> None:
        self.workspace.facet_panel.show_facets(None)
        self._shown_key = None  # keys repeat across projects ("article:12")

    def search(self, query: str) -> None:
        if self.session.project is None:
            return
        if not query:
            self._focus_on_arrival = False
            self.results.set_results(None)
            self.workspace.set_result_count(None)
            self._status("", 0)  # the last search's count and notes are no longer true
            self.workspace.search_bar.show_error("")
            self.workspace.tabs.setCurrentIndex(Workspace.ARTICLES_TAB)
            self.workspace.reader.clear_hits()
            self._facets.cancel()
            self.workspace.facet_panel.show_facets(None)
            return
        shown = self.results.results
        if shown is not None and shown.query == query and not shown.error:
            return  # already on screen (Enter after the results of typing arrived)
        self._refreshing = None  # the user's search: its answer is theirs
        self._extending = None
        self._shown_key = None
        self._limit = SearchResultsModel.PAGE
        self.session.search(query, self._limit)

    def refresh(self) -> None:
        """Search again because the index changed (articles imported, recognised, edited):
        the answer updates the list without taking the user anywhere."""
        query = self.workspace.search_bar.query()
        if query and self.session.project is not None:
            shown = self.results.results
            # Only results on screen are refreshed: a query typed but not yet answered is
            # the user's own search, and its answer goes to the Results tab as usual.
            self._refreshing = query if shown is not None and shown.query == query else None
            self.session.search(query, self._limit)

    def _more(self, limit: int) -> None:
        """The user scrolled to the end of the results: the next page, below them (the
        best 50 were all a search could show: 65 matches, and the last 15 out of reach)."""
        query = self.workspace.search_bar.query()
        shown = self.results.results
        if not query or shown is None or shown.query != query or self.session.project is None:
            self.results.cancel_fetch()
            return
        self._limit = limit
        self._refreshing = query  # keeps the tab, the pick and the place in the list
        self._extending = query
        self.session.search(query, limit)

    def _search_finished(self, results: SearchResults) -> None:
        bar = self.workspace.search_bar
        if results.query != bar.query():
            return  # typed on since: a newer search is on its way
        # A refresh keeps the tab the user is on and the result they picked (during an
        # import the index changes every few seconds: each answer moved them back to the
        # first result of the Results tab). Results that had nothing picked on screen
        # pick their first, as a search does.
        refreshed = self._refreshing == results.query
        self._refreshing = None
        paged = self._extending == results.query
        self._extending = None
        picked = self._shown_key if refreshed else None
        if not refreshed and not paged:
            # A new list starts at its top. Left where the last one ended (its 362nd
            # row), the view was at the end of the new one at once and asked for its
            # next page (a new user saw "the best 100" for a fresh query).
            self.workspace.result_view.scrollToTop()
        # Rows only added below (the next page): the pick and the place stay as they are.
        # Otherwise (a refresh landed first, or the top changed) as a refresh: the pick
        # is found again.
        extending = self.results.set_results(results) and paged
        if not refreshed:
            self.workspace.tabs.setCurrentIndex(Workspace.RESULTS_TAB)
        if results.error:
            self._focus_on_arrival = False
            bar.show_error(results.error)
            self.workspace.set_result_count(None)
            # The error is said under the field; older counts are gone (the reason for a
            # rebuild stays: the field says only that the index is being rebuilt).
            self._status(self._damage_reason, 30000 if self._damage_reason else 0)
            # The marks in the reader belong to the previous query: drop them.
            self.workspace.reader.clear_hits()
            self._facets.cancel()
            self.workspace.facet_panel.show_facets(None)
            return
        bar.show_error("")
        self._damage_reason = ""  # answered: rebuilt
        if not extending:
            self._count_facets(results.query)  # a longer list has the same matches
        shown = len(results.hits)
        self.workspace.set_result_count(results.total, exact=results.total_exact)
        # A count cut short by a limit is a lower bound and is shown as one, never as a fact.
        if not results.total_exact:
            message = self.tr("At least %1 results").replace("%1", format_count(results.total))
        elif results.total == 1:
            message = self.tr("1 result")
        else:
            message = self.tr("%1 results").replace("%1", format_count(results.total))
        if shown < results.total and not results.timed_out:
            message += self.tr(" (showing the best %1)").replace("%1", format_count(shown))
        if results.notice:
            message += " — " + results.notice
        self._status(message, 15000 if results.notice else 8000)
        if extending:
            return
        on_results = self.workspace.tabs.currentIndex() == Workspace.RESULTS_TAB
        if refreshed and (picked is not None or not on_results):
            row = next((n for n, hit in enumerate(results.hits) if hit.key == picked), None)
            if row is not None:
                # The same result again: the reader keeps it as it is (and its scroll).
                self._reselecting = True
                try:
                    self.workspace.result_view.setCurrentIndex(self.results.index(row, 0))
                finally:
                    self._reselecting = False
        elif shown and not paged:
            self.workspace.result_view.setCurrentIndex(self.results.index(0, 0))
        else:
            self.workspace.reader.clear_hits()
        if self._focus_on_arrival:
            self._focus_on_arrival = False
            self.focus_results()

    def _enter_pressed(self) -> None:
        shown = self.results.results
        if shown is not None and shown.query == self.workspace.search_bar.query():
            self.focus_results()
        else:
            self._focus_on_arrival = True

    def focus_results(self) -> None:
        """Down or Enter in the search field: into the list on show, at its first row."""
        tabs = self.workspace.tabs
        view: QAbstractItemView = (self.workspace.result_view
                                   if tabs.currentIndex() == Workspace.RESULTS_TAB
                                   else self.workspace.article_view)
        view.setFocus()
        model = view.model()
        if model is not None and model.rowCount() and not view.currentIndex().isValid():
            view.setCurrentIndex(model.index(0, 0))

    def narrow(self, clause: str) -> None:
        """Add a facet's clause to the query (once) and search again."""
        bar = self.workspace.search_bar
        query = bar.query()
        if clause not in query:
            bar.field.setText(f"{query} {clause}".strip())
            bar.search_now()

    def _count_facets(self, query: str) -> None:
        project = self.session.project
        if project is None:
            return
        self.workspace.facet_panel.set_counting()
        self._facets.request(lambda store: FacetService(project, store).facets(query))

    def _facets_loaded(self, facets: SearchFacets) -> None:
        shown = self.results.results
        if shown is not None and facets.query == shown.query:
            self.workspace.facet_panel.show_facets(facets)

    def _result_selected(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        if self._reselecting:
            return
        indexes = selected.indexes()
        hit = self.results.hit(indexes[0].row()) if indexes else None
        if hit is None or self.session.project is None:
            return
        self._shown_key = hit.key
        if hit.kind == "note":
            # Its words are in the note, not the article: show the note, and the article
            # it is about without marks that would point at the wrong words.
            article = (self.session.article(hit.article_id)
                       if hit.article_id is not None else None)
            if article is not None:
                self.workspace.reader.show_article(article)
            else:  # a notebook note: the last article and its marks are not what was found
                self.workspace.reader.show_placeholder(self.tr(
                    "This note is in the project notebook, not on an article: it is open in "
                    "the Notes panel."))
            if self.open_annotation is not None:
                self.open_annotation(LinkEnd(LinkKind.NOTE, hit.id))
            return
        if hit.article_id is None:
            return  # not tied to an article (later kinds, such as entities)
        article = self.session.article(hit.article_id)
        if article is None:
            return
        if hit.kind == "highlight":
            self._show_highlight(article, hit)
        else:
            self.workspace.reader.show_article(article, hit.title_spans, hit.body_spans)

    def _show_highlight(self, article: Article, hit: SearchHit) -> None:
        """A highlight hit's spans are offsets into its quote: move them to where the
        passage is in the article (if it is still there as quoted), and scroll to it."""
        project = self.session.project
        highlight = project.store.highlights.get(hit.id) if project is not None else None
        if highlight is None:
            self.workspace.reader.show_article(article, hit.title_spans)
            return
        start = highlight.start
        intact = article.body[start:highlight.end] == highlight.quote.exact
        spans = tuple((start + a, start + b) for a, b in hit.body_spans) if intact else ()
        self.workspace.reader.show_article(article, hit.title_spans, spans)
        self.workspace.reader.scroll_to_span(highlight.start, highlight.end)
