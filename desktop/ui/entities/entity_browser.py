"""The entity browser: a search field (name or alias), type and state filters, and the table
of entities. Enter or a double click opens an entity's page; the context menu holds the
curation commands (given by :class:`EntityCuration`)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.common.formatting import format_count
from desktop.ui.entities.entity_table_model import EntityFilter, EntityTableModel
from desktop.ui.project.project_session import ProjectSession

_TYPING_PAUSE_MS = 200


class EntityBrowser(QWidget):
    open_requested = Signal(int)  # entity id

    def __init__(self, session: ProjectSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("entityBrowser")
        self.session = session
        self.model = EntityTableModel(session, self)
        self.context_actions: list[QAction | None] = []
        self.search = QLineEdit(self)
        self.search.setObjectName("entitySearch")
        self.search.setPlaceholderText(self.tr("Find a name or alias"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(self.tr("Find entities"))
        self.search.setAccessibleDescription(self.tr(
            "Lists the entities whose name or an alias contains this text"))
        self.type_box = QComboBox(self)
        self.type_box.setObjectName("entityTypeFilter")
        self.type_box.setAccessibleName(self.tr("Entity type"))
        self.type_box.setAccessibleDescription(self.tr("Lists entities of this type only"))
        self.state_box = QComboBox(self)
        self.state_box.setObjectName("entityStateFilter")
        self.state_box.setAccessibleName(self.tr("Entity state"))
        self.state_box.setAccessibleDescription(self.tr(
            "Suggested by recognition, confirmed by you, or both"))
        for text, value in ((self.tr("Any state"), ""), (self.tr("Suggested"), "suggested"),
                            (self.tr("Confirmed"), "confirmed")):
            self.state_box.addItem(text, value)
        self.count = QLabel(self)
        self.view = QTableView(self)
        self.view.setObjectName("entityTable")
        self.view.setModel(self.model)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(EntityTableModel.MENTIONS, Qt.SortOrder.DescendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setTabKeyNavigation(False)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(
            self.view.fontMetrics().height() + 6)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(EntityTableModel.NAME, QHeaderView.ResizeMode.Stretch)
        metrics = self.view.fontMetrics()
        # Fixed, modest widths (contents-sized columns leave the names no room in a dock).
        for column, sample in ((EntityTableModel.TYPE, "Organisation    "),
                               (EntityTableModel.MENTIONS, "Mentions"),
                               (EntityTableModel.ARTICLES, "Articles"),
                               (EntityTableModel.NOTES, "Notes"),
                               (EntityTableModel.STATE, "Suggested")):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, metrics.horizontalAdvance(sample) + 14)
        self.view.setAccessibleName(self.tr("Entities"))
        self.view.setAccessibleDescription(self.tr(
            "People, organisations and places of the project; Enter opens one's page"))
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        filters = QHBoxLayout()
        filters.setContentsMargins(0, 0, 0, 0)
        filters.addWidget(self.search, 1)
        filters.addWidget(self.type_box)
        filters.addWidget(self.state_box)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(filters)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.count)
        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(_TYPING_PAUSE_MS)
        self._typing.timeout.connect(self._apply_filter)
        self.search.textChanged.connect(lambda _t: self._typing.start())
        self.search.returnPressed.connect(self._apply_filter)
        self.type_box.currentIndexChanged.connect(lambda _i: self._apply_filter())
        self.state_box.currentIndexChanged.connect(lambda _i: self._apply_filter())
        self.view.activated.connect(self._activated)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.model.loaded.connect(self._show_count)
        session.project_opened.connect(lambda _p: self._load_types())
        self._load_types()  # made while a project is open (first shown now): its types

    def focus_chain(self) -> list[QWidget]:
        return [self.search, self.type_box, self.state_box, self.view]

    def _load_types(self) -> None:
        project = self.session.project
        if project is None:
            return
        current = self.type_box.currentData()
        self.type_box.blockSignals(True)
        self.type_box.clear()
        self.type_box.addItem(self.tr("All types"), "")
        for entity_type in project.store.entities.types():
            self.type_box.addItem(entity_type.name.capitalize(), entity_type.name)
        found = self.type_box.findData(current)
        self.type_box.setCurrentIndex(max(found, 0))
        self.type_box.blockSignals(False)

    def _apply_filter(self) -> None:
        self._typing.stop()
        self.model.set_filter(EntityFilter(str(self.type_box.currentData() or ""),
                                           str(self.state_box.currentData() or ""),
                                           self.search.text().strip()))

    def _show_count(self, rows: int) -> None:
        self.count.setText(self.tr("%1 entities").replace("%1", format_count(rows))
                           if rows != 1 else self.tr("1 entity"))

    def _activated(self, index: QModelIndex) -> None:
        entity_id = index.data(EntityTableModel.ID_ROLE)
        if entity_id is not None:
            self.open_requested.emit(int(entity_id))

    def selected_ids(self) -> list[int]:
        rows = sorted({i.row() for i in self.view.selectionModel().selectedRows()})
        if not rows and self.view.currentIndex().isValid():
            rows = [self.view.currentIndex().row()]
        found = (self.model.row_at(r) for r in rows)
        return [r.id for r in found if r is not None]

    def select_entity(self, entity_id: int) -> bool:
        row = self.model.row_of(entity_id)
        if row < 0:
            return False
        self.view.selectRow(row)
        self.view.scrollTo(self.model.index(row, 0))
        return True

    def _context_menu(self, point: QPoint) -> None:
        if not self.context_actions:
            return
        menu = QMenu(self)
        menu.setToolTipsVisible(True)
        for action in self.context_actions:
            if action is None:
                menu.addSeparator()
            else:
                menu.addAction(action)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(self.view.viewport().mapToGlobal(point))
