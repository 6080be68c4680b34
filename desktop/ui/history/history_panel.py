"""View > History: what changed in the project and when, read from the edit journal (so it
survives restarts), filtered by kind of action, by the open article, and "since…"."""

from __future__ import annotations

from PySide6.QtCore import QDateTime, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QGridLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.change_set import ChangeSet
from desktop.domain.journal_entry import JournalEntry
from desktop.storage.project_store import ProjectStore
from desktop.ui.common.background_load import BackgroundLoad
from desktop.ui.common.formatting import format_count
from desktop.ui.history.history_model import HistoryModel
from desktop.ui.project.project_session import ProjectSession

LIMIT = 2000


class HistoryPanel(QWidget):
    loaded = Signal(int)

    def __init__(self, session: ProjectSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("historyPanel")
        self.session = session
        self.article_id: int | None = None
        self.kind = QComboBox(self)
        self.kind.addItem(self.tr("Every kind of change"), None)
        self.only_article = QCheckBox(self.tr("Only the open article"), self)
        self.use_since = QCheckBox(self.tr("What changed since"), self)
        self.since = QDateTimeEdit(QDateTime.currentDateTime().addDays(-1), self)
        self.since.setCalendarPopup(True)
        self.since.setEnabled(False)
        self.count = QLabel(self)
        for widget, name, description in (
            (self.kind, self.tr("Kind of change"), self.tr("Only this kind of action")),
            (self.only_article, self.tr("Only the open article"),
             self.tr("Only what changed the article in the reader, its highlights and notes")),
            (self.use_since, self.tr("What changed since"),
             self.tr("Only what changed after the moment beside")),
            (self.since, self.tr("Since"), self.tr("The moment from which changes are shown")),
        ):
            widget.setAccessibleName(name)
            widget.setAccessibleDescription(description)
            widget.setToolTip(description)
        self.model = HistoryModel(self)
        self.view = QTableView(self)
        self.view.setObjectName("historyTable")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setTabKeyNavigation(False)
        self.view.verticalHeader().hide()
        self.view.setWordWrap(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(HistoryModel.WHEN, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(HistoryModel.WHAT, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(HistoryModel.CHANGED, QHeaderView.ResizeMode.Stretch)
        self.view.setAccessibleName(self.tr("History"))
        self.view.setAccessibleDescription(self.tr(
            "Every change to the project, newest first, with what it changed"))
        filters = QGridLayout()
        filters.addWidget(self.kind, 0, 0)
        filters.addWidget(self.only_article, 0, 1)
        filters.addWidget(self.use_since, 1, 0)
        filters.addWidget(self.since, 1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(filters)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.count)

        self._load = BackgroundLoad(session, self.tr("Reading the history"), self)
        self._load.loaded.connect(self._loaded)
        self.kind.currentIndexChanged.connect(lambda _i: self.reload())
        self.only_article.toggled.connect(lambda _on: self.reload())
        self.use_since.toggled.connect(self.since.setEnabled)
        self.use_since.toggled.connect(lambda _on: self.reload())
        self.since.dateTimeChanged.connect(lambda _d: self.use_since.isChecked()
                                           and self.reload())
        session.project_opened.connect(lambda _p: self.reload())
        session.project_closed.connect(self._closed)
        session.data_changed.connect(self._data_changed)
        if session.project is not None:  # made while a project is open (first shown now)
            self.reload()

    def focus_chain(self) -> list[QWidget]:
        return [self.kind, self.only_article, self.use_since, self.since, self.view]

    def set_article(self, article_id: int | None) -> None:
        if article_id != self.article_id:
            self.article_id = article_id
            if self.only_article.isChecked():
                self.reload()

    def set_since(self, moment: QDateTime | None) -> None:
        """Show what changed since ``moment`` (None: everything)."""
        if moment is not None:
            self.since.setDateTime(moment)
        self.use_since.setChecked(moment is not None)
        self.reload()

    def reload(self) -> None:
        if self.session.project is None:
            return
        kind = self.kind.currentData()
        article = self.article_id if self.only_article.isChecked() else None
        since = (self.since.dateTime().toUTC().toString("yyyy-MM-ddTHH:mm:ss")
                 if self.use_since.isChecked() else None)
        if self.only_article.isChecked() and article is None:
            self._loaded(([], self._kinds()))
            return

        def job(store: ProjectStore) -> tuple[list[JournalEntry], list[str]]:
            return (store.journal.entries(since=since, kind=kind, article_id=article,
                                          limit=LIMIT), store.journal.kinds())

        self._load.request(job)

    def _kinds(self) -> list[str]:
        return [self.kind.itemData(i) for i in range(1, self.kind.count())]

    def _loaded(self, result: tuple[list[JournalEntry], list[str]]) -> None:
        entries, kinds = result
        if kinds != self._kinds():
            current = self.kind.currentData()
            self.kind.blockSignals(True)
            while self.kind.count() > 1:
                self.kind.removeItem(1)
            for kind in kinds:
                self.kind.addItem(kind.replace("_", " ").capitalize(), kind)
            self.kind.setCurrentIndex(max(self.kind.findData(current), 0))
            self.kind.blockSignals(False)
        self.model.set_entries(entries)
        shown = format_count(len(entries))
        self.count.setText(self.tr("1 change") if len(entries) == 1 else
                           self.tr("The newest %1 changes").replace("%1", shown)
                           if len(entries) >= LIMIT else
                           self.tr("%1 changes").replace("%1", shown))
        self.loaded.emit(len(entries))

    def _closed(self) -> None:
        self._load.cancel()
        self.article_id = None
        self.model.set_entries([])
        self.count.clear()

    def _data_changed(self, _changes: ChangeSet) -> None:
        self.reload()

