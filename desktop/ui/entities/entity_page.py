"""One entity's page: its name, type and state, aliases (add, remove, split out), description
and identifier (editable), a timeline of mentions per month, its mentions in context (a
click opens the article at the mention), the entities found in the same articles (a click
opens their page) and the notes and highlights that link to it.

The page is read in the session's reader worker and shown when it arrives; it follows the
project's changes (an undo, a merge, a new alias) while it is open.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QStringListModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.change_set import ChangeSet
from desktop.domain.link import LinkEnd, LinkKind
from desktop.services.entity_queries import EntityQueries
from desktop.services.entity_views import EntityPage, KwicLine
from desktop.services.highlight_service import AnnotationError
from desktop.ui.annotations.backlinks_view import BacklinksView
from desktop.ui.common.formatting import format_count
from desktop.ui.entities.entity_curation import EntityCuration
from desktop.ui.entities.kwic_model import KwicModel, LeftElideDelegate
from desktop.ui.entities.mention_timeline import MentionTimeline
from desktop.ui.entities.neighbour_model import NeighbourModel
from desktop.ui.project.project_session import ProjectSession

_WATCHED = frozenset({"entities", "entity_aliases", "entity_types", "mentions", "links",
                      "notes", "highlights", "articles"})


class EntityPageView(QWidget):
    mention_requested = Signal(int, int, int)  # article id, start, end
    entity_requested = Signal(int)
    link_requested = Signal(object)  # LinkEnd of a note or highlight linking here
    loaded = Signal(object)  # EntityPage, or None when the entity is gone

    def __init__(self, session: ProjectSession, curation: EntityCuration,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("entityPage")
        self.session = session
        self.curation = curation
        self.entity_id: int | None = None
        self.page: EntityPage | None = None
        self._serial = 0
        self._build()
        self._connect()
        self._show(None)

    # -- widgets --------------------------------------------------------------------------

    def _build(self) -> None:
        tr = self.tr
        self.title = QLabel(self)
        self.title.setObjectName("entityTitle")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary = QLabel(self)
        self.rename_button = self._button(tr("Rename…"), tr("Rename the entity"),
                                          tr("Give the entity another name"))
        self.type_box = QComboBox(self)
        self.type_box.setAccessibleName(tr("Entity type"))
        self.type_box.setAccessibleDescription(tr("Change what kind of entity this is"))
        self.aliases = QStringListModel(self)
        self.alias_view = QListView(self)
        self.alias_view.setObjectName("aliasList")
        self.alias_view.setModel(self.aliases)
        self.alias_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.alias_view.setMaximumHeight(80)
        self.alias_view.setAccessibleName(tr("Aliases"))
        self.alias_view.setAccessibleDescription(tr("Other names the entity is found by"))
        self.alias_field = QLineEdit(self)
        self.alias_field.setPlaceholderText(tr("New alias"))
        self.alias_field.setAccessibleName(tr("New alias"))
        self.alias_field.setAccessibleDescription(tr(
            "Another name of the entity; the articles are searched for it again"))
        self.add_alias_button = self._button(tr("Add"), tr("Add alias"),
                                             tr("Add the alias and find its mentions"))
        self.remove_alias_button = self._button(tr("Remove"), tr("Remove alias"),
                                                tr("Remove the selected alias"))
        self.split_button = self._button(tr("Split Out"), tr("Split alias"),
                                         tr("Make the selected alias an entity of its own"))
        self.description = QPlainTextEdit(self)
        self.description.setObjectName("entityDescription")
        self.description.setMaximumHeight(64)
        self.description.setTabChangesFocus(True)
        self.description.setAccessibleName(tr("Description"))
        self.description.setAccessibleDescription(tr("What you know of the entity"))
        self.identifier = QLineEdit(self)
        self.identifier.setObjectName("entityIdentifier")
        self.identifier.setPlaceholderText(tr("Wikidata QID or a web address"))
        self.identifier.setAccessibleName(tr("Identifier"))
        self.identifier.setAccessibleDescription(tr(
            "An identifier elsewhere, such as a Wikidata QID (Q42) or a web address"))
        self.save_button = self._button(tr("Save Details"), tr("Save details"),
                                        tr("Save the description and the identifier"))
        self.timeline = MentionTimeline(self)
        self.kwic = KwicModel(self)
        self.kwic_view = QTableView(self)
        self.kwic_view.setObjectName("kwicTable")
        self.kwic_view.setModel(self.kwic)
        self.kwic_view.setItemDelegateForColumn(KwicModel.LEFT, LeftElideDelegate(self))
        self.kwic_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.kwic_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.kwic_view.setTabKeyNavigation(False)
        self.kwic_view.setWordWrap(False)
        self.kwic_view.setShowGrid(False)
        self.kwic_view.verticalHeader().hide()
        self.kwic_view.verticalHeader().setDefaultSectionSize(
            self.kwic_view.fontMetrics().height() + 4)
        header = self.kwic_view.horizontalHeader()
        header.setSectionResizeMode(KwicModel.LEFT, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(KwicModel.MATCH, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(KwicModel.RIGHT, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(KwicModel.ARTICLE, QHeaderView.ResizeMode.Interactive)
        self.kwic_view.setAccessibleName(tr("Mentions in context"))
        self.kwic_view.setAccessibleDescription(tr(
            "Each mention with the text around it; Enter opens the article at the mention"))
        self.mentions_heading = QLabel(tr("Mentions"), self)
        self.neighbours = NeighbourModel(self)
        self.neighbour_view = QListView(self)
        self.neighbour_view.setObjectName("cooccurringList")
        self.neighbour_view.setModel(self.neighbours)
        self.neighbour_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.neighbour_view.setAccessibleName(tr("Found with"))
        self.neighbour_view.setAccessibleDescription(tr(
            "Entities named in the same articles, with the articles in common; Enter opens "
            "one's page"))
        self.backlinks = BacklinksView(self, tr("Linked from"))
        self.backlinks.list.setMaximumHeight(16777215)
        self._lay_out()

    def _button(self, text: str, name: str, tip: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setAccessibleName(name)
        button.setToolTip(tip)
        button.setAccessibleDescription(tip)
        return button

    def _lay_out(self) -> None:
        tr = self.tr
        about = QWidget(self)
        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        heading = QHBoxLayout()
        heading.addWidget(self.title, 1)
        heading.addWidget(self.rename_button)
        alias_row = QHBoxLayout()
        alias_row.addWidget(self.alias_field, 1)
        alias_row.addWidget(self.add_alias_button)
        alias_buttons = QHBoxLayout()
        alias_buttons.addWidget(self.remove_alias_button)
        alias_buttons.addWidget(self.split_button)
        alias_buttons.addStretch(1)
        form.addRow(tr("Type:"), self.type_box)
        form.addRow(tr("Aliases:"), self.alias_view)
        form.addRow("", alias_buttons)
        form.addRow("", alias_row)
        form.addRow(tr("Description:"), self.description)
        form.addRow(tr("Identifier:"), self.identifier)
        form.addRow("", self.save_button)
        about_layout = QVBoxLayout(about)
        about_layout.setContentsMargins(0, 0, 0, 0)
        about_layout.addLayout(heading)
        about_layout.addWidget(self.summary)
        about_layout.addLayout(form)
        about_layout.addWidget(QLabel(tr("Mentions per month"), about))
        about_layout.addWidget(self.timeline)
        about_layout.addStretch(1)
        middle = QWidget(self)
        middle_layout = QVBoxLayout(middle)
        middle_layout.setContentsMargins(0, 0, 0, 0)
        middle_layout.addWidget(self.mentions_heading)
        middle_layout.addWidget(self.kwic_view, 1)
        side = QWidget(self)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(QLabel(tr("Found with"), side))
        side_layout.addWidget(self.neighbour_view, 2)
        side_layout.addWidget(self.backlinks, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        for part in (about, middle, side):
            self.splitter.addWidget(part)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 5)
        self.splitter.setStretchFactor(2, 2)
        self.placeholder = QLabel(tr("Open an entity from the entity list, a note's link "
                                     "or the graph to see its page."), self)
        self.placeholder.setWordWrap(True)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.placeholder)
        layout.addWidget(self.splitter, 1)

    def focus_chain(self) -> list[QWidget]:
        return [self.rename_button, self.type_box, self.alias_view, self.remove_alias_button,
                self.split_button, self.alias_field, self.add_alias_button, self.description,
                self.identifier, self.save_button, self.kwic_view, self.neighbour_view,
                self.backlinks.list]

    def _connect(self) -> None:
        self.kwic_view.activated.connect(self._mention_activated)
        self.kwic_view.clicked.connect(self._mention_activated)
        self.neighbour_view.activated.connect(self._neighbour_activated)
        self.neighbour_view.clicked.connect(self._neighbour_activated)
        self.backlinks.open_requested.connect(self.link_requested)
        self.add_alias_button.clicked.connect(self._add_alias)
        self.alias_field.returnPressed.connect(self._add_alias)
        self.remove_alias_button.clicked.connect(self._remove_alias)
        self.split_button.clicked.connect(self._split_alias)
        self.save_button.clicked.connect(self._save_details)
        self.rename_button.clicked.connect(
            lambda: self.curation.ask_rename(self.entity_id) if self.entity_id else None)
        self.type_box.activated.connect(self._type_chosen)
        self.session.data_changed.connect(self._changed)
        self.session.project_closed.connect(lambda: self.show_entity(None))

    # -- loading --------------------------------------------------------------------------

    def show_entity(self, entity_id: int | None) -> None:
        self.entity_id = entity_id
        if entity_id is None or self.session.project is None:
            self._show(None)
            return
        self.reload()

    def reload(self) -> None:
        project, entity_id = self.session.project, self.entity_id
        if project is None or entity_id is None:
            return
        self._serial += 1
        serial = self._serial

        def job(_progress: object, _cancel: object) -> tuple[int, EntityPage | None]:
            store = project.connect(read_only=True)
            try:
                return serial, EntityQueries(store).page(entity_id)
            except AnnotationError:
                return serial, None  # deleted meanwhile
            finally:
                store.close()

        task = self.session.runner.read(job, self.tr("Reading the entity"))
        task.signals.finished.connect(self._arrived)
        task.signals.failed.connect(self.session.task_failed)

    def _arrived(self, outcome: tuple[int, EntityPage | None]) -> None:
        serial, page = outcome
        if serial == self._serial and self.session.project is not None:
            self._show(page)
            self.loaded.emit(page)

    def _changed(self, changes: ChangeSet) -> None:
        if self.entity_id is None or not _WATCHED & set(changes.tables()):
            return
        project = self.session.project
        entity = project.store.entities.get(self.entity_id) if project else None
        if entity is not None and entity.merged_into is not None:
            self.entity_id = entity.merged_into  # merged away: follow it
        self.reload()

    def _show(self, page: EntityPage | None) -> None:
        self.page = page
        self.placeholder.setVisible(page is None)
        self.splitter.setVisible(page is not None)
        if page is None:
            self.kwic.set_lines([])
            self.neighbours.set_neighbours([])
            self.aliases.setStringList([])
            self.timeline.set_months([])
            return
        entity = page.entity
        self.title.setText(entity.name)
        suggested = entity.state.value == "suggested"
        state = self.tr("suggested by recognition") if suggested else self.tr("confirmed")
        self.summary.setText(self.tr("%1 mentions in %2 articles, %3").replace(
            "%1", format_count(page.mentions)).replace("%2", format_count(page.articles))
            .replace("%3", state))
        self._fill_types(page.type.name)
        self.aliases.setStringList(list(page.aliases))
        if not self.description.hasFocus():
            self.description.setPlainText(page.description)
        if not self.identifier.hasFocus():
            self.identifier.setText(page.external_id)
        self.timeline.set_months([(m.month, m.mentions) for m in page.months],
                                 page.type.colour)
        self.kwic.set_lines(page.kwic)
        shown = len(page.kwic)
        self.mentions_heading.setText(
            self.tr("Mentions (%1)").replace("%1", format_count(page.mentions))
            if shown >= page.mentions else
            self.tr("Mentions (the first %1 of %2)").replace("%1", format_count(shown))
            .replace("%2", format_count(page.mentions)))
        self.neighbours.set_neighbours(page.cooccurring)
        project = self.session.project
        self.backlinks.show_for(project.store if project else None,
                                LinkEnd(LinkKind.ENTITY, entity.id or 0))
        read_only = project is None or project.read_only
        for widget in (self.rename_button, self.type_box, self.alias_field,
                       self.add_alias_button, self.remove_alias_button, self.split_button,
                       self.save_button):
            widget.setEnabled(not read_only)

    def _fill_types(self, current: str) -> None:
        project = self.session.project
        if project is None:
            return
        self.type_box.clear()
        for entity_type in project.store.entities.types():
            self.type_box.addItem(entity_type.name.capitalize(), entity_type.name)
        self.type_box.setCurrentIndex(max(0, self.type_box.findData(current)))

    # -- commands -------------------------------------------------------------------------

    def _mention_activated(self, index: QModelIndex) -> None:
        line = index.data(KwicModel.LINE_ROLE)
        if isinstance(line, KwicLine):
            self.mention_requested.emit(line.article_id, line.start, line.end)

    def _neighbour_activated(self, index: QModelIndex) -> None:
        entity_id = index.data(NeighbourModel.ID_ROLE)
        if entity_id is not None:
            self.entity_requested.emit(int(entity_id))

    def _selected_alias(self) -> str | None:
        index = self.alias_view.currentIndex()
        return str(index.data()) if index.isValid() else None

    def _add_alias(self) -> None:
        if self.entity_id is not None and self.alias_field.text().strip():
            self.curation.add_alias(self.entity_id, self.alias_field.text())
            self.alias_field.clear()

    def _remove_alias(self) -> None:
        alias = self._selected_alias()
        if self.entity_id is not None and alias:
            self.curation.remove_alias(self.entity_id, alias)

    def _split_alias(self) -> None:
        alias = self._selected_alias()
        if self.entity_id is not None and alias:
            self.curation.split_alias(self.entity_id, alias)

    def _save_details(self) -> None:
        page = self.page
        if page is None or self.entity_id is None:
            return
        description = self.description.toPlainText().strip()
        identifier = self.identifier.text().strip()
        if (description, identifier) != (page.description, page.external_id):
            self.curation.describe(self.entity_id, description, identifier, page.entity.name)

    def _type_chosen(self, _index: int) -> None:
        page = self.page
        chosen = str(self.type_box.currentData() or "")
        if page is not None and self.entity_id is not None and chosen \
                and chosen != page.type.name:
            self.curation.set_type(self.entity_id, chosen, page.entity.name)
