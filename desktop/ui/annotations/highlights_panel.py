"""The highlights panel: the open article's highlights or the whole project's, filtered,
paged; a click opens the article at the passage; bulk actions on the selected rows (add a
code, remove a code, delete), each one undoable step."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QMessageBox,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.change_set import ChangeSet
from desktop.services.highlight_service import HighlightService
from desktop.services.touched_highlights import touched_highlights
from desktop.storage.highlight_listing import HighlightFilter, HighlightRow
from desktop.storage.project_store import ProjectStore
from desktop.ui.annotations.code_tree_model import CodeTreeModel
from desktop.ui.annotations.highlight_filter_bar import HighlightFilterBar
from desktop.ui.annotations.highlight_table_model import HighlightTableModel
from desktop.ui.common.background_load import BackgroundLoad
from desktop.ui.common.formatting import format_count
from desktop.ui.project.project_session import ProjectSession

_TABLES = ("highlights", "highlight_codes", "notes", "links", "codes", "articles", "entities")


@dataclass(frozen=True, slots=True)
class _Uncoded:
    """The list of a filter without its code filter, as of the last change set that
    touched what it depends on (``where.tables()``)."""
    where: HighlightFilter
    newest_first: bool
    ids: tuple[int, ...]


class HighlightsPanel(QWidget):
    # (article id, start, end): the user wants to read the passage.
    highlight_requested = Signal(int, int)  # a row was opened: its article, its highlight
    loaded = Signal(int)  # the number of highlights listed
    note_requested = Signal(int)  # highlight id: write a note on it

    def __init__(self, session: ProjectSession, codes: CodeTreeModel,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("highlightsPanel")
        self.session = session
        self.codes = codes
        self.article_id: int | None = None
        self.newest_first = False
        self._uncoded: _Uncoded | None = None
        self.filters = HighlightFilterBar(codes, self)
        self.model = HighlightTableModel(parent=self)
        self.view = QTableView(self)
        self.view.setObjectName("highlightTable")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setTabKeyNavigation(False)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(HighlightTableModel.QUOTE, QHeaderView.ResizeMode.Stretch)
        header.setSectionsClickable(True)
        header.setToolTip(self.tr("Click Created to list the newest first"))
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.setAccessibleName(self.tr("Highlights"))
        self.view.setAccessibleDescription(self.tr(
            "Highlights with their article, quote, codes, note and entities; Enter or a click "
            "opens the article at the passage"))
        self.count_label = QLabel(self)
        self.count_label.setObjectName("highlightCount")

        self.add_code_button = self._menu_button(self.tr("Add Code"),
                                                 self.tr("Put a code on the selected highlights"))
        self.remove_code_button = self._menu_button(
            self.tr("Remove Code"), self.tr("Take a code off the selected highlights"))
        self.delete_action = QAction(self.tr("&Delete Highlights"), self)
        self.delete_action.setToolTip(self.tr("Delete the selected highlights (Edit > Undo "
                                              "brings them back)"))
        self.delete_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.delete_action.triggered.connect(self.delete_selected)
        self.view.addAction(self.delete_action)
        self.delete_button = QToolButton(self)
        self.delete_button.setDefaultAction(self.delete_action)
        self.delete_button.setAccessibleName(self.tr("Delete highlights"))
        self.delete_button.setAccessibleDescription(self.delete_action.toolTip())

        bulk = QHBoxLayout()
        bulk.setContentsMargins(0, 0, 0, 0)
        bulk.addWidget(self.count_label, 1)
        for button in (self.add_code_button, self.remove_code_button, self.delete_button):
            bulk.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.filters)
        layout.addWidget(self.view, 1)
        layout.addLayout(bulk)

        self._load = BackgroundLoad(session, self.tr("Listing highlights"), self)
        self._load.loaded.connect(self._listed)
        self.filters.changed.connect(self.reload)
        header.sectionClicked.connect(self._header_clicked)
        self.view.activated.connect(self._open_row)
        self.view.clicked.connect(self._open_row)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.view.selectionModel().selectionChanged.connect(
            lambda *_: self._update_actions())
        session.project_opened.connect(self._opened)
        session.project_closed.connect(self._closed)
        session.data_changed.connect(self._data_changed)
        self._update_actions()
        self._show_count(None)

    def _menu_button(self, text: str, tip: str) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(tip)
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        button.setMenu(QMenu(button))
        button.menu().aboutToShow.connect(lambda b=button: self._fill_code_menu(b))
        button.setAccessibleName(text)
        button.setAccessibleDescription(tip)
        return button

    def focus_chain(self) -> list[QWidget]:
        f = self.filters
        return [f.scope, f.code, f.text, f.note, f.use_since, f.since, f.use_until, f.until,
                self.view, self.add_code_button, self.remove_code_button, self.delete_button]

    # -- what is listed -----------------------------------------------------------------

    def set_article(self, article_id: int | None) -> None:
        """The reader shows another article (the scope "This article" follows it)."""
        if article_id == self.article_id:
            return
        self.article_id = article_id
        if not self.filters.project_wide():
            self.reload()

    def reload(self) -> None:
        project = self.session.project
        if project is None:
            return
        where = self.filters.highlight_filter(self.article_id)
        if where.article_id is None and not self.filters.project_wide():
            self._load.cancel()
            self._ids_loaded([])  # no article open: nothing of "this article" to list
            return
        # Filtering by a code filters the list without it, kept from the last listing
        # (~2x faster than SQL testing every highlight against the code's): switching codes,
        # or recoding under one, lists no more than the code's highlights.
        uncoded = replace(where, code_ids=())
        newest = self.newest_first
        kept = self._uncoded
        known = (kept.ids if kept is not None and kept.where == uncoded
                 and kept.newest_first == newest else None)

        def job(store: ProjectStore) -> tuple[_Uncoded, list[int] | tuple[int, ...]]:
            listing = store.highlight_listing
            order = known if known is not None else tuple(
                listing.ids(uncoded, newest_first=newest))
            ids = listing.with_codes(order, where.code_ids) if where.code_ids else order
            return _Uncoded(uncoded, newest, order), ids

        self._load.request(job)

    def _listed(self, result: tuple[_Uncoded, Sequence[int]]) -> None:
        # Only the answer to the latest request arrives, and every change set that makes a
        # kept list stale also makes a new request: this one was listed after the change.
        self._uncoded, ids = result
        self._ids_loaded(ids)

    def _ids_loaded(self, ids: Sequence[int]) -> None:
        project = self.session.project
        if project is None:
            return
        self.model.set_fetch(project.store.highlight_listing.by_ids)
        if list(ids) == self.model.ids:
            # Same rows: keep selection and scrolling; those that changed were forgotten
            # when their change arrived.
            self.model.refresh(set())
        else:
            selected = set(self.selected_ids())
            self.model.set_ids(ids)
            self._reselect(selected)
        self._show_count(len(ids))
        self._update_actions()
        self.loaded.emit(len(ids))

    def _reselect(self, ids: set[int]) -> None:
        if not ids or len(ids) > 1000:
            return
        selection = QItemSelection()
        for highlight_id in ids:
            row = self.model.row_of(highlight_id)
            if row is not None:
                selection.select(self.model.index(row, 0),
                                 self.model.index(row, self.model.columnCount() - 1))
        self.view.selectionModel().select(selection,
                                          QItemSelectionModel.SelectionFlag.ClearAndSelect)

    def _show_count(self, count: int | None) -> None:
        if count is None:
            self.count_label.clear()
        else:
            self.count_label.setText(self.tr("1 highlight") if count == 1 else
                                     self.tr("%1 highlights").replace("%1", format_count(count)))

    def _header_clicked(self, section: int) -> None:
        self.newest_first = (section == HighlightTableModel.CREATED and not self.newest_first)
        self.view.horizontalHeader().setSortIndicatorShown(self.newest_first)
        if self.newest_first:
            self.view.horizontalHeader().setSortIndicator(section,
                                                          Qt.SortOrder.DescendingOrder)
        self.reload()

    def _opened(self, _project: object) -> None:
        self._uncoded = None
        self.model.set_fetch(None)
        self.model.forget()  # another project's rows
        self.model.set_ids([])
        self.reload()
        self._update_actions()

    def _closed(self) -> None:
        self._load.cancel()
        self._uncoded = None
        self.article_id = None
        self.model.set_fetch(None)
        self.model.set_ids([])
        self.model.forget()
        self._show_count(None)
        self._update_actions()

    def _data_changed(self, changes: ChangeSet) -> None:
        tables = set(changes.tables())
        if self._uncoded is not None and tables & self._uncoded.where.tables():
            self._uncoded = None  # highlights added, moved or gone (or notes): list again
        if tables & set(_TABLES):
            project = self.session.project
            self.model.forget(touched_highlights(project.store, changes)
                              if project is not None else None)
            self.reload()

    # -- reading a passage --------------------------------------------------------------

    def _open_row(self, index: QModelIndex) -> None:
        row = self.model.row(index.row())
        if row is None:
            return
        # One that is not anchored opens its article alone (its position belongs to an
        # older text): the opener finds it is not drawn.
        self.highlight_requested.emit(row.article_id, row.id)

    # -- bulk actions -------------------------------------------------------------------

    def selected_ids(self) -> list[int]:
        rows = sorted({i.row() for i in self.view.selectionModel().selectedRows()})
        return [self.model.ids[r] for r in rows if r < len(self.model.ids)]

    def selected_rows(self) -> list[HighlightRow]:
        rows = sorted({i.row() for i in self.view.selectionModel().selectedRows()})
        return [r for r in (self.model.row(i) for i in rows) if r is not None]

    def _update_actions(self) -> None:
        project = self.session.project
        writable = project is not None and not project.read_only
        selected = bool(self.view.selectionModel().hasSelection())
        for widget in (self.add_code_button, self.remove_code_button):
            widget.setEnabled(writable and selected)
        self.delete_action.setEnabled(writable and selected)

    def _fill_code_menu(self, button: QToolButton) -> None:
        menu = button.menu()
        menu.clear()
        adding = button is self.add_code_button
        present: set[int] = set()
        if not adding:
            for row in self.selected_rows():
                present.update(row.code_ids)
        for code in self.codes.codes():
            if adding or code.id in present:
                node = self.codes.node(code.id or 0)
                action = menu.addAction("    " * (node.depth if node else 0) + code.name)
                action.triggered.connect(
                    lambda _=False, c=code.id, a=adding: (self.add_code if a else
                                                          self.remove_code)(c or 0))
        if menu.isEmpty():
            menu.addAction(self.tr("No codes")).setEnabled(False)

    def add_code(self, code_id: int, ids: Sequence[int] | None = None) -> None:
        ids = list(ids if ids is not None else self.selected_ids())
        code = self.codes.code(code_id)
        if not ids or code is None:
            return
        self.session.perform(
            self.tr("Add code “%1” to %2 highlights").replace("%1", code.name)
            .replace("%2", format_count(len(ids))),
            lambda project, store: HighlightService(project, store).add_code(ids, code_id))

    def remove_code(self, code_id: int, ids: Sequence[int] | None = None) -> None:
        ids = list(ids if ids is not None else self.selected_ids())
        code = self.codes.code(code_id)
        if not ids or code is None:
            return
        self.session.perform(
            self.tr("Remove code “%1” from %2 highlights").replace("%1", code.name)
            .replace("%2", format_count(len(ids))),
            lambda project, store: HighlightService(project, store).remove_code(ids, code_id))

    def delete_selected(self, ask: bool = True) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        if ask and len(ids) > 1:
            answer = QMessageBox.question(
                self, self.tr("Delete Highlights"),
                self.tr("Delete %1 highlights? Notes written on them are kept with their "
                        "quotes. Edit > Undo brings them back.").replace(
                    "%1", format_count(len(ids))))
            if answer != QMessageBox.StandardButton.Yes:
                return
        label = (self.tr("Delete highlight") if len(ids) == 1 else
                 self.tr("Delete %1 highlights").replace("%1", format_count(len(ids))))
        self.session.perform(
            label, lambda project, store: HighlightService(project, store).delete(ids))

    def _context_menu(self, position: object) -> None:
        menu = QMenu(self)
        add = menu.addMenu(self.tr("Add Code"))
        remove = menu.addMenu(self.tr("Remove Code"))
        for submenu, button in ((add, self.add_code_button), (remove, self.remove_code_button)):
            self._fill_code_menu(button)
            for action in button.menu().actions():
                submenu.addAction(action)
            submenu.setEnabled(button.isEnabled())
        menu.addSeparator()
        note = menu.addAction(self.tr("Write a &Note on It"))
        note.setToolTip(self.tr("A new note attached to this highlight"))
        current = self.model.highlight_id(self.view.currentIndex().row())
        note.setEnabled(current is not None and self.delete_action.isEnabled())
        note.triggered.connect(lambda: current is not None and self.note_requested.emit(current))
        menu.addAction(self.delete_action)
        menu.popup(self.view.viewport().mapToGlobal(position))  # type: ignore[arg-type]
