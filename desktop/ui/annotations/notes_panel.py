"""The notes panel: the notes of the open article or of the whole project (filtered by
links, text and date), what links to the open article, and the note editor below."""

from __future__ import annotations

from PySide6.QtCore import QDate, QItemSelection, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHeaderView,
    QLineEdit,
    QMenu,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.change_set import ChangeSet
from desktop.domain.link import LinkEnd, LinkKind
from desktop.services.note_service import NoteService
from desktop.storage.note_listing import NoteFilter, NoteRow
from desktop.ui.annotations.backlinks_view import BacklinksView
from desktop.ui.annotations.note_editor import NoteEditor
from desktop.ui.annotations.note_list_model import NoteListModel
from desktop.ui.common.background_load import BackgroundLoad
from desktop.ui.project.project_session import ProjectSession

_TABLES = ("notes", "links", "articles")


class NotesPanel(QWidget):
    loaded = Signal(int)

    def __init__(self, session: ProjectSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("notesPanel")
        self.session = session
        self.article_id: int | None = None
        self._select_after_load: int | None = None
        self.scope = QComboBox(self)
        self.scope.addItem(self.tr("This article"), "article")
        self.scope.addItem(self.tr("All notes"), "project")
        self.scope.setCurrentIndex(1)
        self.links = QComboBox(self)
        self.links.addItem(self.tr("With or without links"), None)
        self.links.addItem(self.tr("With links"), True)
        self.links.addItem(self.tr("Without links"), False)
        self.text = QLineEdit(self)
        self.text.setPlaceholderText(self.tr("Filter by text"))
        self.text.setClearButtonEnabled(True)
        self.use_since = QCheckBox(self.tr("Changed since"), self)
        self.since = QDateEdit(QDate.currentDate().addDays(-7), self)
        self.since.setCalendarPopup(True)
        self.since.setEnabled(False)
        self.new_button = QToolButton(self)
        self.new_button.setText(self.tr("New Note"))
        self.new_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        menu = QMenu(self.new_button)
        self.new_notebook = menu.addAction(self.tr("In the Project &Notebook"))
        self.new_on_article = menu.addAction(self.tr("On the Open &Article"))
        self.new_button.setMenu(menu)
        self.delete_button = QToolButton(self)
        self.delete_button.setText(self.tr("Delete Note"))
        for widget, name, description in (
            (self.scope, self.tr("Notes of"), self.tr("The open article's notes, or all")),
            (self.links, self.tr("Link filter"), self.tr("Notes that link to something, or "
                                                         "not")),
            (self.text, self.tr("Note text filter"), self.tr("Only notes containing this "
                                                             "text")),
            (self.use_since, self.tr("Changed since a date"),
             self.tr("Only notes changed on or after the date beside")),
            (self.since, self.tr("Since date"), self.tr("The first day shown")),
            (self.new_button, self.tr("New note"),
             self.tr("A new note in the notebook; the arrow offers a note on the open "
                     "article")),
            (self.delete_button, self.tr("Delete note"),
             self.tr("Delete the selected note (Edit > Undo brings it back)")),
        ):
            widget.setAccessibleName(name)
            widget.setAccessibleDescription(description)
            widget.setToolTip(description)
        self.model = NoteListModel(self)
        self.view = QTableView(self)
        self.view.setObjectName("noteList")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setTabKeyNavigation(False)
        self.view.verticalHeader().hide()
        self.view.setWordWrap(False)
        self.view.horizontalHeader().setSectionResizeMode(NoteListModel.TITLE,
                                                          QHeaderView.ResizeMode.Stretch)
        for column in (NoteListModel.LINKS, NoteListModel.CHANGED):
            self.view.horizontalHeader().setSectionResizeMode(
                column, QHeaderView.ResizeMode.ResizeToContents)
        self.view.setAccessibleName(self.tr("Notes"))
        self.view.setAccessibleDescription(self.tr("Notes, most recently changed first; the "
                                                   "selected one opens in the editor below"))
        self.article_links = BacklinksView(self, self.tr("The open article is linked from"))
        self.article_links.setObjectName("articleBacklinks")
        self.editor = NoteEditor(session, self)

        # Short rows, so that the panel fits a narrow dock beside the reader (the widest
        # row sets the width below which the reader would have to give way).
        filters = QGridLayout()
        filters.addWidget(self.scope, 0, 0)
        filters.addWidget(self.links, 0, 1)
        filters.addWidget(self.text, 1, 0, 1, 2)
        filters.addWidget(self.use_since, 2, 0)
        filters.addWidget(self.since, 2, 1)
        filters.addWidget(self.new_button, 3, 0)
        filters.addWidget(self.delete_button, 3, 1)
        top = QWidget(self)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addLayout(filters)
        top_layout.addWidget(self.view, 1)
        top_layout.addWidget(self.article_links)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.setObjectName("notesSplit")
        split.addWidget(top)
        split.addWidget(self.editor)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)  # writing needs more room than the list
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(split)

        self._load = BackgroundLoad(session, self.tr("Listing notes"), self)
        self._load.loaded.connect(self._loaded)
        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(250)
        self._typing.timeout.connect(self.reload)
        self.text.textChanged.connect(lambda _t: self._typing.start())
        self.scope.currentIndexChanged.connect(lambda _i: self.reload())
        self.links.currentIndexChanged.connect(lambda _i: self.reload())
        self.use_since.toggled.connect(self.since.setEnabled)
        self.use_since.toggled.connect(lambda _on: self.reload())
        self.since.dateChanged.connect(lambda _d: self.use_since.isChecked() and self.reload())
        self.new_button.clicked.connect(lambda: self.new_note())
        self.new_notebook.triggered.connect(lambda: self.new_note())
        self.new_on_article.triggered.connect(lambda: self.new_note(article_id=self.article_id))
        self.delete_button.clicked.connect(self.delete_current)
        self.view.selectionModel().selectionChanged.connect(self._selected)
        session.project_opened.connect(lambda _p: self.reload())
        session.project_closed.connect(self._closed)
        session.closing.connect(self.editor.save)
        session.data_changed.connect(self._data_changed)
        self._update_actions()
        if session.project is not None:  # made while a project is open (first shown now)
            self.reload()

    def focus_chain(self) -> list[QWidget]:
        e = self.editor
        return [self.scope, self.links, self.text, self.use_since, self.since,
                self.new_button, self.delete_button, self.view, self.article_links.list,
                e.title, e.text, e.preview, e.backlinks.list]

    # -- listing ------------------------------------------------------------------------

    def set_article(self, article_id: int | None) -> None:
        if article_id == self.article_id:
            return
        self.article_id = article_id
        project = self.session.project
        self.article_links.show_for(project.store if project else None,
                                    LinkEnd(LinkKind.ARTICLE, article_id)
                                    if article_id is not None else None)
        self._update_actions()
        if self.scope.currentData() == "article":
            self.reload()

    def note_filter(self) -> NoteFilter:
        return NoteFilter(
            article_id=self.article_id if self.scope.currentData() == "article" else None,
            has_links=self.links.currentData(),
            text=self.text.text().strip(),
            since=self.since.date().toString("yyyy-MM-dd") if self.use_since.isChecked()
            else None)

    def reload(self) -> None:
        if self.session.project is None:
            return
        where = self.note_filter()
        if self.scope.currentData() == "article" and self.article_id is None:
            self._loaded([])
            return
        self._load.request(lambda store: store.note_listing.rows(where))

    def _loaded(self, rows: list[NoteRow]) -> None:
        wanted = self._select_after_load
        if wanted is None and self.editor.note is not None:
            wanted = self.editor.note.id
        self.model.set_rows(rows)
        row = self.model.row_of(wanted) if wanted is not None else None
        if row is not None:
            self.view.selectRow(row)
            if self._select_after_load is not None:
                self._select_after_load = None
                self.editor.text.setFocus()
        self._update_actions()
        self.loaded.emit(len(rows))

    def _closed(self) -> None:
        self._load.cancel()
        self.article_id = None
        self.model.set_rows([])
        self.article_links.show_for(None, None)
        self._update_actions()

    def _data_changed(self, changes: ChangeSet) -> None:
        # A highlight made shows in no note (none is on it yet, or the notes table says
        # so); one changed or deleted may show in the notes on it.
        highlights = changes.updated("highlights") or changes.deleted("highlights")
        if highlights or any(table in changes.tables() for table in _TABLES):
            self.reload()
            project = self.session.project
            if project is not None and self.article_id is not None:
                self.article_links.show_for(project.store,
                                            LinkEnd(LinkKind.ARTICLE, self.article_id))

    def _selected(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        note_id = self.model.note_id(indexes[0].row()) if indexes else None
        if note_id is not None:
            self.editor.open_note(note_id)
        self._update_actions()

    def _update_actions(self) -> None:
        project = self.session.project
        writable = project is not None and not project.read_only
        self.new_button.setEnabled(writable)
        self.new_on_article.setEnabled(writable and self.article_id is not None)
        self.delete_button.setEnabled(writable and self.view.selectionModel().hasSelection())

    # -- actions ------------------------------------------------------------------------

    def open_note(self, note_id: int) -> None:
        """Show a note in the editor (a chip or a backlink asked for it)."""
        row = self.model.row_of(note_id)
        if row is not None:
            self.view.selectRow(row)
        else:
            self.editor.open_note(note_id)

    def new_note(self, article_id: int | None = None, highlight_id: int | None = None,
                 body: str = "") -> None:
        """A new note (undoable), then open it in the editor to write."""
        if self.session.project is None:
            return
        self.editor.save()
        label = (self.tr("New note on a highlight") if highlight_id is not None else
                 self.tr("New note on an article") if article_id is not None else
                 self.tr("New note"))
        task = self.session.perform(
            label, lambda project, store: NoteService(project, store).create(
                body, article_id=article_id, highlight_id=highlight_id))
        task.signals.finished.connect(lambda result: self._created(result[0].id))

    def _created(self, note_id: int) -> None:
        self._select_after_load = note_id
        self.editor.open_note(note_id)
        self.editor.text.setFocus()

    def delete_current(self) -> None:
        note_id = self.model.note_id(self.view.currentIndex().row())
        if note_id is None:
            return
        if self.editor.note is not None and self.editor.note.id == note_id:
            self.editor.save()
        self.session.perform(self.tr("Delete note"),
                             lambda project, store: NoteService(project, store).delete(
                                 [note_id]))
