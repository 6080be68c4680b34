"""The entity panels of the main window: the entity browser and the entity page as docks
(View > Panels), the co-occurrence graph (View > Entity Graph), recognition (Tools >
Recognise Entities, and after each import), the curation commands of the browser's and
the reader's context menus; and the connections between them and the reader.

The browser and the page start hidden: each is made when its dock is first shown (or it is
asked for), with its modules, not with the window (see :class:`LazyPanel`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QTextCursor
from PySide6.QtWidgets import QDockWidget, QFrame, QMainWindow, QScrollArea, QWidget

from desktop.ui.annotations.passage_opener import PassageOpener
from desktop.ui.common.panel_dock import LazyPanel, panel_dock
from desktop.ui.entities.entity_curation import EntityCuration
from desktop.ui.entities.entity_recognition import EntityRecognition
from desktop.ui.entities.mention_menu import MentionMenu
from desktop.ui.main.main_actions import MainActions
from desktop.ui.project.project_session import ProjectSession
from desktop.ui.reader.reader_view import ReaderView

if TYPE_CHECKING:
    from desktop.ui.entities.entity_browser import EntityBrowser
    from desktop.ui.entities.entity_graph_panel import EntityGraphPanel
    from desktop.ui.entities.entity_page import EntityPageView

Area = Qt.DockWidgetArea
StatusMessage = Callable[[str, int], None]


class EntityDocks(QObject):
    def __init__(self, window: QMainWindow, session: ProjectSession, actions: MainActions,
                 reader: ReaderView, opener: PassageOpener, open_link: Callable[[object], None],
                 status: StatusMessage,
                 beside: tuple[QDockWidget | None, QDockWidget | None] = (None, None)) -> None:
        """``beside``: the docks the browser and the page share their place with (as tabs),
        so that each gets the whole height (the browser) or width (the page)."""
        super().__init__(window)
        self.window = window
        self.session = session
        self.actions = actions
        self.opener = opener
        self.reader = reader
        self._open_link = open_link
        tr = window.tr
        self.curation = EntityCuration(session, window, status)
        self.recognition = EntityRecognition(session, status, self)
        self.graph: EntityGraphPanel | None = None
        self.mention_menu = MentionMenu(reader, self.curation, self.show_entity, self)
        self.browser_dock = self._dock(
            "entityBrowserDock", tr("Entities"), Area.RightDockWidgetArea,
            tr("Show or hide the list of people, organisations and places"), "Ctrl+Shift+E",
            lambda: self.browser.search)
        self.page_dock = self._dock(
            "entityPageDock", tr("Entity"), Area.BottomDockWidgetArea,
            tr("Show or hide the page of the entity last opened"), "Ctrl+Shift+P",
            lambda: self.page.kwic_view)
        self._browser = LazyPanel(self.browser_dock, self._make_browser)
        self._page_scroll = LazyPanel(self.page_dock, self._make_page)
        self._page: EntityPageView | None = None
        # Tabified when first shown, not now: a hidden dock in a tab group still makes the
        # group's tab bar, which takes room from the reader.
        self._beside = dict(zip((d.objectName() for d in self.docks), beside, strict=True))
        self._sized: set[str] = set()
        self._browser_actions()
        actions.entity_graph.triggered.connect(self.show_graph)
        actions.recognise_entities.triggered.connect(lambda: self.recognition.recognise())
        session.project_closed.connect(self._hide)
        session.project_opened.connect(self._project_opened)
        QTimer.singleShot(0, self, self._settle)

    @property
    def docks(self) -> list[QDockWidget]:
        return [self.browser_dock, self.page_dock]

    @property
    def browser(self) -> EntityBrowser:
        return self._browser.get()

    @property
    def page(self) -> EntityPageView:
        self._page_scroll.get()
        assert self._page is not None
        return self._page

    def _make_browser(self) -> EntityBrowser:
        # Imported here: the browser and its model are made when first shown.
        from desktop.ui.entities.entity_browser import EntityBrowser

        browser = EntityBrowser(self.session, self.window)
        for action in self._keyed_actions:
            browser.view.addAction(action)
        browser.context_actions = self._context_actions
        browser.open_requested.connect(self.show_entity)
        return browser

    def _make_page(self) -> QScrollArea:
        from desktop.ui.entities.entity_page import EntityPageView

        page = EntityPageView(self.session, self.curation, self.window)
        page.mention_requested.connect(self._open_mention)
        page.entity_requested.connect(self.show_entity)
        page.link_requested.connect(self._open_link)
        self._page = page
        # The page stacks many parts; in a scroll area its height is the dock's choice, not
        # a minimum that grew the window past the bottom of a laptop's screen.
        page_scroll = QScrollArea(self.window)
        page_scroll.setObjectName("entityPageScroll")
        page_scroll.setWidget(page)
        page_scroll.setWidgetResizable(True)
        page_scroll.setFrameShape(QFrame.Shape.NoFrame)
        return page_scroll

    def focus_chain(self) -> list[QWidget]:
        return [*self.browser.focus_chain(), *self.page.focus_chain()]

    def _dock(self, name: str, title: str, area: Area, tip: str, key: str,
              focus: Callable[[], QWidget]) -> QDockWidget:
        dock = panel_dock(self.window, name, title, None, area, tip, key, focus,
                          self._bring_up)
        dock.hide()  # until asked for (or restored with the window's layout)
        self.actions.add_panel(dock.toggleViewAction())
        return dock

    def _browser_actions(self) -> None:
        """The browser's commands, made now (the menus and the tests find them) and given
        to the browser when it is made."""
        tr = self.window.tr
        curation = self.curation
        self._keyed_actions: list[QAction] = []

        def first() -> int | None:
            ids = self.browser.selected_ids()
            return ids[0] if ids else None

        def act(text: str, tip: str, slot: Callable[[], object],
                key: QKeySequence.StandardKey | str | None = None) -> QAction:
            action = QAction(text, self)
            action.setToolTip(tip)
            action.triggered.connect(lambda _checked=False: slot())
            if key is not None:
                # The browser's own keys: Delete in the search field deletes a character.
                action.setShortcut(QKeySequence(key))
                action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
                self._keyed_actions.append(action)
            return action

        def selected_names() -> list[str]:
            browser = self.browser
            rows = (browser.model.row_at(browser.model.row_of(i))
                    for i in browser.selected_ids())
            return [r.name for r in rows if r is not None]

        self.open_action = act(tr("&Open Page"), tr("The entity's mentions, links and "
                                                     "neighbours"),
                               lambda: self.show_entity(first()) if first() else None)
        self.confirm_action = act(tr("&Confirm"), tr(
            "The selected entities and their suggested mentions are right"),
            lambda: curation.confirm_entities(self.browser.selected_ids(), selected_names()))
        self.rename_action = act(tr("&Rename…"), tr("Give the entity another name"),
                                 lambda: curation.ask_rename(first()) if first() else None,
                                 "F2")
        self.merge_action = act(tr("&Merge Into…"), tr(
            "Make this entity part of another: its names, mentions and links move there"),
            lambda: curation.ask_merge(first()) if first() else None)
        self.split_action = act(tr("&Split Alias…"), tr(
            "Make one of the entity's aliases an entity of its own"),
            lambda: curation.ask_split(first()) if first() else None)
        self.delete_action = act(tr("&Delete…"), tr(
            "Delete the selected entities and their mentions (Edit > Undo brings them back)"),
            lambda: curation.ask_delete(self.browser.selected_ids()),
            QKeySequence.StandardKey.Delete)
        self._context_actions: list[QAction | None] = [
            self.open_action, None, self.confirm_action, self.rename_action,
            self.merge_action, self.split_action, None, self.delete_action]

    # -- opening --------------------------------------------------------------------------

    def show_entity(self, entity_id: int | None) -> None:
        if entity_id is None or self.session.project is None:
            return
        self._bring_up(self.page_dock)
        self.page.show_entity(entity_id)

    def show_graph(self) -> None:
        if self.session.project is None:
            return
        if self.graph is None:
            from desktop.ui.entities.entity_graph_panel import EntityGraphPanel

            self.graph = EntityGraphPanel(self.session, self.window)
            self.graph.entity_requested.connect(self.show_entity)
        self.graph.open_graph()

    def _open_mention(self, article_id: int, start: int, end: int) -> None:
        """The article at the mention, with the mention selected (the reader's caret is
        there, so the context menu's curation commands act on it at once)."""
        self.opener.open(article_id, start, end)
        reader = self.reader
        if reader.article is None or reader.article.id != article_id:
            return
        doc_start, doc_end = reader.body.to_doc(start), reader.body.to_doc(end)
        if doc_start is not None and doc_end is not None:
            cursor = QTextCursor(reader.document())
            cursor.setPosition(doc_start)
            cursor.setPosition(doc_end, QTextCursor.MoveMode.KeepAnchor)
            reader.setTextCursor(cursor)

    def _project_opened(self, project: object) -> None:
        writable = not getattr(project, "read_only", True)
        for action in (self.confirm_action, self.rename_action, self.merge_action,
                       self.split_action, self.delete_action):
            action.setEnabled(writable)

    def _bring_up(self, dock: QDockWidget) -> None:
        """Show a dock in front of its tab group; the first time, with room enough for its
        columns (the docks it shares a place with were sized for narrower lists)."""
        first = dock.objectName() not in self._sized and not dock.isFloating()
        neighbour = self._beside.get(dock.objectName())
        if first and neighbour is not None and neighbour.isVisible() \
                and not neighbour.isFloating() and not self._placed(dock):
            self.window.tabifyDockWidget(neighbour, dock)
        dock.show()
        dock.raise_()
        if not first:
            return
        self._sized.add(dock.objectName())
        # Room for the columns, but never more than a third of the window: the reader
        # keeps the middle (a fixed size squeezed it to a few words a line on a laptop).
        if dock is self.browser_dock:
            self.window.resizeDocks([dock], [min(540, self.window.width() // 3)],
                                    Qt.Orientation.Horizontal)
        else:
            self.window.resizeDocks([dock], [min(360, self.window.height() // 3)],
                                    Qt.Orientation.Vertical)

    def _placed(self, dock: QDockWidget) -> bool:
        """Whether the user (or the window's saved layout) already gave the dock a place
        with others."""
        return bool(self.window.tabifiedDockWidgets(dock))

    def _settle(self) -> None:
        if self.session.project is None:
            self._hide()

    def _hide(self) -> None:
        for dock in self.docks:
            dock.hide()
        if self.graph is not None:
            self.graph.close()
