"""The annotation panels as dock widgets of the main window (code book, highlights, needs
review, notes, history), shown and hidden from View > Panels, kept with the window's
state, and connected to the reader and to each other.

The notes and the history start hidden: they are made when first shown (or asked for),
not with the window (see :class:`LazyPanel`). The code book and the highlights are shown
by default, and the review panel must count what needs review from the start (it shows
itself when something does)."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QObject, Qt, QTimer
from PySide6.QtWidgets import QDockWidget, QMainWindow, QTabBar, QWidget

from desktop.domain.link import LinkEnd, LinkKind
from desktop.ui.annotations.code_book_panel import CodeBookPanel
from desktop.ui.annotations.highlights_panel import HighlightsPanel
from desktop.ui.annotations.passage_opener import PassageOpener
from desktop.ui.annotations.review_panel import ReviewPanel
from desktop.ui.common.app_settings import AppSettings
from desktop.ui.common.formatting import format_count
from desktop.ui.common.panel_dock import LazyPanel, panel_dock
from desktop.ui.main.main_actions import MainActions
from desktop.ui.project.project_session import ProjectSession
from desktop.ui.reader.reader_view import ReaderView

if TYPE_CHECKING:
    from desktop.ui.annotations.notes_panel import NotesPanel
    from desktop.ui.history.history_panel import HistoryPanel

Area = Qt.DockWidgetArea
_SHOWN_KEY = "annotationDocks"  # the panels shown when the last project closed


class AnnotationDocks(QObject):
    def __init__(self, window: QMainWindow, session: ProjectSession, actions: MainActions,
                 reader: ReaderView, read_article: Callable[[int], None],
                 settings: AppSettings, after: QWidget | None = None) -> None:
        """``after``: the last stop of the window's own Tab order; the panels follow it."""
        super().__init__(window)
        self.window = window
        self.settings = settings
        self.session = session
        self.reader = reader
        self.actions = actions
        self.opener = PassageOpener(read_article, reader, self)
        self.code_book = CodeBookPanel(session, window)
        self.highlights = HighlightsPanel(session, self.code_book.model, window)
        self.review = ReviewPanel(session, self.opener, window)
        self._after = after
        # Opens an entity's page (set by the window once the entity panels exist).
        self.entity_opener: Callable[[int], None] | None = None
        tr = window.tr
        self.code_book_dock = self._dock(
            "codeBookDock", tr("Code Book"), self.code_book, Area.RightDockWidgetArea,
            tr("Show or hide the code book: codes with their counts"), "Ctrl+Shift+K",
            lambda: self.code_book.view)
        self.notes_dock = self._dock(
            "notesDock", tr("Notes"), None, Area.RightDockWidgetArea,
            tr("Show or hide the notes and the note editor"), "Ctrl+Shift+N",
            lambda: self.notes.view)
        self.highlights_dock = self._dock(
            "highlightsDock", tr("Highlights"), self.highlights, Area.BottomDockWidgetArea,
            tr("Show or hide the highlights of the article or the whole project"),
            "Ctrl+Shift+H", lambda: self.highlights.view)
        self.review_dock = self._dock(
            "reviewDock", tr("Needs Review"), self.review, Area.BottomDockWidgetArea,
            tr("Show or hide the highlights to check after their article changed"),
            "Ctrl+Shift+R", lambda: self.review.view)
        self.history_dock = self._dock(
            "historyDock", tr("History"), None, Area.RightDockWidgetArea,
            tr("Show or hide what changed in the project and when"), "Ctrl+Shift+Y",
            lambda: self.history.view)
        self._notes = LazyPanel(self.notes_dock, self._make_notes, self._panel_built)
        self._history = LazyPanel(self.history_dock, self._make_history, self._panel_built)
        window.tabifyDockWidget(self.code_book_dock, self.notes_dock)
        window.tabifyDockWidget(self.notes_dock, self.history_dock)
        window.tabifyDockWidget(self.highlights_dock, self.review_dock)
        self.history_dock.hide()
        self.review_dock.hide()
        self.code_book_dock.raise_()
        self.highlights_dock.raise_()
        window.resizeDocks([self.code_book_dock], [320], Qt.Orientation.Horizontal)
        window.resizeDocks([self.highlights_dock], [220], Qt.Orientation.Vertical)
        self._connect()
        self._set_tab_order()
        # After the window has restored its saved layout (which may show the docks).
        QTimer.singleShot(0, self, self._settle)

    @property
    def notes(self) -> NotesPanel:
        return self._notes.get()

    @property
    def history(self) -> HistoryPanel:
        return self._history.get()

    def _make_notes(self) -> NotesPanel:
        # Imported here: the notes panel (its editor, preview and Markdown) is made when
        # first shown, and its modules are loaded then.
        from desktop.ui.annotations.notes_panel import NotesPanel

        notes = NotesPanel(self.session, self.window)
        notes.editor.link_activated.connect(self.open_link)
        notes.editor.backlink_activated.connect(self.open_end)
        notes.article_links.open_requested.connect(self.open_end)
        notes.set_article(self._article_id())
        return notes

    def _make_history(self) -> HistoryPanel:
        from desktop.ui.history.history_panel import HistoryPanel

        history = HistoryPanel(self.session, self.window)
        history.set_article(self._article_id())
        return history

    def _panel_built(self, _panel: QWidget) -> None:
        self._set_tab_order()

    def _set_tab_order(self) -> None:
        chain = [] if self._after is None else [self._after]
        for panel in (self.code_book, self._notes.panel, self.highlights, self.review,
                      self._history.panel):
            if panel is not None:  # a panel not made yet joins the order when it is
                chain.extend(panel.focus_chain())
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    @property
    def docks(self) -> list[QDockWidget]:
        return [self.code_book_dock, self.notes_dock, self.highlights_dock, self.review_dock,
                self.history_dock]

    def _settle(self) -> None:
        if self.session.project is None:
            self._hide_without_project()
        self.name_tab_bars()

    def _hide_without_project(self) -> None:
        """Without a project the panels would be empty: they step aside for the start
        page and come back, as they were, with the next project."""
        shown = [d.objectName() for d in self.docks if not d.isHidden()]
        if shown:
            self.settings.set_state(_SHOWN_KEY, QByteArray(",".join(shown).encode()))
        for dock in self.docks:
            dock.hide()

    def _show_with_project(self) -> None:
        saved = self.settings.state(_SHOWN_KEY)
        if saved is None or any(not d.isHidden() for d in self.docks):
            return
        names = bytes(saved.data()).decode("ascii", "replace").split(",")
        for dock in self.docks:
            if dock.objectName() in names:
                dock.show()
        self.name_tab_bars()

    def name_tab_bars(self) -> None:
        """The tabs Qt makes for docks sharing a place have no names of their own."""
        for bar in self.window.findChildren(QTabBar):
            if bar.parent() is self.window and not bar.accessibleName():
                bar.setAccessibleName(self.window.tr("Panel tabs"))
                bar.setAccessibleDescription(self.window.tr(
                    "Switch between the panels that share this place"))

    def _dock(self, name: str, title: str, panel: QWidget | None, area: Area, tip: str,
              key: str, focus: Callable[[], QWidget]) -> QDockWidget:
        dock = panel_dock(self.window, name, title, panel, area, tip, key, focus,
                          QDockWidget.raise_)
        dock.dockLocationChanged.connect(lambda _area: QTimer.singleShot(0, self.name_tab_bars))
        self.actions.add_panel(dock.toggleViewAction())
        return dock

    def _connect(self) -> None:
        # The panels follow the reader once it has been drawn (the next turn of the event
        # loop): opening an article shows its text first, then its lists.
        self._follow = QTimer(self)
        self._follow.setSingleShot(True)
        self._follow.setInterval(0)
        self._follow.timeout.connect(self._article_shown)
        self.reader.content_changed.connect(self._follow.start)
        self.highlights.highlight_requested.connect(self.opener.open_highlight)
        self.code_book.code_activated.connect(self.show_code)
        self.review.count_changed.connect(self._review_count)
        self.highlights.note_requested.connect(self.write_note_on)
        self.session.project_opened.connect(lambda _p: self._show_with_project())
        self.session.project_closed.connect(self._hide_without_project)

    def _article_id(self) -> int | None:
        article = self.reader.article
        return article.id if article is not None else None

    def _article_shown(self) -> None:
        article_id = self._article_id()
        self.highlights.set_article(article_id)
        for panel in (self._notes.panel, self._history.panel):
            if panel is not None:
                panel.set_article(article_id)

    def _review_count(self, count: int) -> None:
        title = self.window.tr("Needs Review")
        self.review_dock.setWindowTitle(f"{title} ({format_count(count)})" if count else title)
        if count and self.review_dock.isHidden():
            # Highlights were not placed with confidence: the user must see that they wait.
            self.review_dock.show()

    def write_note_on(self, highlight_id: int) -> None:
        self.notes_dock.show()
        self.notes_dock.raise_()
        self.notes.new_note(highlight_id=highlight_id)

    def show_code(self, code_id: int) -> None:
        """The project's highlights with this code (and those below it)."""
        self.highlights_dock.show()
        self.highlights_dock.raise_()
        self.highlights.filters.set_project_wide(True)
        self.highlights.filters.set_code(code_id)

    # -- following links ----------------------------------------------------------------

    def open_link(self, kind: LinkKind, target_id: int) -> None:
        self.open_end(LinkEnd(kind, target_id))

    def open_end(self, end: LinkEnd) -> None:
        project = self.session.project
        if project is None:
            return
        if end.kind is LinkKind.ARTICLE:
            self.opener.open(end.id)
        elif end.kind is LinkKind.NOTE:
            self.notes_dock.show()
            self.notes_dock.raise_()
            self.notes.open_note(end.id)
        elif end.kind is LinkKind.HIGHLIGHT:
            highlight = project.store.highlights.get(end.id)
            if highlight is not None:
                self.opener.open(highlight.article_id, highlight.start, highlight.end)
        else:
            self.show_entity(end.id)

    def show_entity(self, entity_id: int) -> None:
        if self.session.project is not None and self.entity_opener is not None:
            self.entity_opener(entity_id)
