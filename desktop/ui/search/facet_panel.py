"""Under the search results: how the matches spread over kinds, sources, years and the
entities of their articles; activating a value narrows the search to it."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import QHeaderView, QLabel, QTreeView, QVBoxLayout, QWidget

from desktop.services.facet_service import SearchFacets
from desktop.ui.search.facet_model import CLAUSE_ROLE, FacetModel


class FacetPanel(QWidget):
    narrow_requested = Signal(str)  # the clause to add to the query

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("facetPanel")
        self.model = FacetModel(self)
        self.status = QLabel(self)
        self.status.setObjectName("facetStatus")
        self.status.setWordWrap(True)
        self.view = QTreeView(self)
        self.view.setObjectName("facetTree")
        self.view.setModel(self.model)
        self.view.setUniformRowHeights(True)
        self.view.setRootIsDecorated(True)
        self.view.setAlternatingRowColors(True)
        header = self.view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(FacetModel.LABEL, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(FacetModel.COUNT, QHeaderView.ResizeMode.ResizeToContents)
        self.view.setAccessibleName(self.tr("Refine the results"))
        self.view.setAccessibleDescription(self.tr(
            "What the results are, where they come from and whom they speak of, with counts; "
            "Enter or a double click narrows the search to one"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.status)
        layout.addWidget(self.view, 1)
        self.view.activated.connect(self._activated)
        self.show_facets(None)

    def set_counting(self) -> None:
        self._say(self.tr("Counting…"))

    def show_facets(self, facets: SearchFacets | None) -> None:
        self.model.set_facets(facets)
        self.view.expandAll()
        if facets is None:
            self._say("")
        elif facets.error:
            self._say(self.tr("No breakdown: %1").replace("%1", facets.error))
        elif not facets.complete:
            # Never a part passed off as the whole.
            self._say(self.tr("Counted in part (the time limit ran out): these counts are "
                              "lower bounds."))
        else:
            self._say("")

    def _say(self, text: str) -> None:
        self.status.setText(text)
        self.status.setVisible(bool(text))

    def _activated(self, index: QModelIndex) -> None:
        clause = index.data(CLAUSE_ROLE)
        if isinstance(clause, str) and clause:
            self.narrow_requested.emit(clause)
