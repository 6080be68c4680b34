"""Needs Review: highlights whose article's text changed so that re-anchoring could not
place them with confidence. Nothing moves silently: the user accepts the candidate,
selects the passage again in the reader (then Re-anchor to Selection), or detaches it."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.change_set import ChangeSet
from desktop.services.highlight_service import HighlightService
from desktop.ui.annotations.passage_opener import PassageOpener
from desktop.ui.annotations.review_model import ReviewItem, ReviewModel, load_review_items
from desktop.ui.common.background_load import BackgroundLoad
from desktop.ui.common.formatting import format_count
from desktop.ui.project.project_session import ProjectSession


class ReviewPanel(QWidget):
    loaded = Signal(int)
    count_changed = Signal(int)

    def __init__(self, session: ProjectSession, opener: PassageOpener,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reviewPanel")
        self.session = session
        self.opener = opener
        self.model = ReviewModel(self)
        self.view = QTableView(self)
        self.view.setObjectName("reviewTable")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setTabKeyNavigation(False)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(ReviewModel.OLD_QUOTE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(ReviewModel.CANDIDATE, QHeaderView.ResizeMode.Stretch)
        self.view.setAccessibleName(self.tr("Highlights that need review"))
        self.view.setAccessibleDescription(self.tr(
            "Each highlight's quote as it was and the best match in the article's changed "
            "text"))
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.accept_button = QPushButton(self.tr("&Accept"), self)
        self.reselect_button = QPushButton(self.tr("&Re-select…"), self)
        self.reanchor_button = QPushButton(self.tr("Re-anchor to &Selection"), self)
        self.detach_button = QPushButton(self.tr("&Detach"), self)
        for button, tip in (
            (self.accept_button, self.tr("Anchor the highlight to the best match shown")),
            (self.reselect_button, self.tr("Open the article to select the passage again")),
            (self.reanchor_button, self.tr("Anchor the highlight to the passage selected in "
                                           "the reader")),
            (self.detach_button, self.tr("Keep the highlight's quote, codes and notes without "
                                         "a place in the text")),
        ):
            button.setToolTip(tip)
            button.setAccessibleName(button.text().replace("&", "").rstrip("…"))
            button.setAccessibleDescription(tip)
        buttons = QHBoxLayout()
        for button in (self.accept_button, self.reselect_button, self.reanchor_button,
                       self.detach_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.summary)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)

        self._load = BackgroundLoad(session, self.tr("Listing highlights to review"), self)
        self._load.loaded.connect(self._loaded)
        self.accept_button.clicked.connect(lambda: self.accept_candidate())
        self.reselect_button.clicked.connect(lambda: self.reselect())
        self.reanchor_button.clicked.connect(lambda: self.reanchor_to_selection())
        self.detach_button.clicked.connect(lambda: self.detach())
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._update())
        self.view.activated.connect(lambda _index: self.reselect())
        session.project_opened.connect(lambda _p: self.reload())
        session.project_closed.connect(self._closed)
        session.data_changed.connect(self._data_changed)
        self._update()

    def focus_chain(self) -> list[QWidget]:
        return [self.view, self.accept_button, self.reselect_button, self.reanchor_button,
                self.detach_button]

    def reload(self) -> None:
        if self.session.project is not None:
            self._load.request(load_review_items)

    def _loaded(self, items: list[ReviewItem]) -> None:
        current = self.current()
        self.model.set_items(items)
        row = next((i for i, item in enumerate(items)
                    if current and item.highlight.id == current.highlight.id), 0)
        if items:
            self.view.selectRow(min(row, len(items) - 1))
        count = len(items)
        self.summary.setText(
            self.tr("No highlight needs review.") if not count else
            self.tr("1 highlight could not be placed with confidence after its article "
                    "changed.") if count == 1 else
            self.tr("%1 highlights could not be placed with confidence after their article "
                    "changed.").replace("%1", format_count(count)))
        self._update()
        self.loaded.emit(count)
        self.count_changed.emit(count)

    def _closed(self) -> None:
        self._load.cancel()
        self.model.set_items([])
        self.summary.clear()
        self._update()

    def _data_changed(self, changes: ChangeSet) -> None:
        if "highlights" in changes.tables() or "articles" in changes.tables():
            self.reload()

    def current(self) -> ReviewItem | None:
        return self.model.item(self.view.currentIndex().row())

    def _update(self) -> None:
        project = self.session.project
        writable = project is not None and not project.read_only
        item = self.current()
        self.accept_button.setEnabled(writable and item is not None
                                      and item.candidate is not None)
        for button in (self.reselect_button, self.reanchor_button, self.detach_button):
            button.setEnabled(writable and item is not None)

    # -- settling -----------------------------------------------------------------------

    def accept_candidate(self) -> None:
        item = self.current()
        if item is None or item.candidate is None:
            return
        start, end = item.candidate
        highlight_id = item.highlight.id
        self.session.perform(self.tr("Accept re-anchored highlight"),
                             lambda project, store: HighlightService(project, store)
                             .reselect(highlight_id, start, end))

    def reselect(self) -> None:
        item = self.current()
        if item is None:
            return
        if item.candidate is not None:
            self.opener.open(item.highlight.article_id, *item.candidate)
        else:
            self.opener.open(item.highlight.article_id)

    def reanchor_to_selection(self) -> bool:
        """Anchor the current highlight to the reader's selection; False (with a message)
        when the reader shows another article or nothing is selected."""
        item = self.current()
        if item is None:
            return False
        span = self.opener.selected_span()
        if span is None or span[0] != item.highlight.article_id:
            self.summary.setText(self.tr("Select the passage in “%1” in the reader first "
                                         "(Re-select opens it).")
                                 .replace("%1", item.highlight.article_title))
            return False
        _article, start, end = span
        highlight_id = item.highlight.id
        self.session.perform(self.tr("Re-anchor highlight"),
                             lambda project, store: HighlightService(project, store)
                             .reselect(highlight_id, start, end))
        return True

    def detach(self) -> None:
        item = self.current()
        if item is None:
            return
        highlight_id = item.highlight.id
        self.session.perform(self.tr("Detach highlight"),
                             lambda project, store: HighlightService(project, store)
                             .detach(highlight_id))

