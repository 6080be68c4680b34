"""View > Entity Graph: the co-occurrence graph with its filters (the least number of
shared articles for a line, the types shown). The entities and their pairs are read and
laid out in the session's reader worker; the window shows the result when it arrives."""

from __future__ import annotations

import time
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.change_set import ChangeSet
from desktop.services.entity_queries import EntityQueries
from desktop.services.entity_views import CooccurrenceGraph
from desktop.ui.common.formatting import format_count
from desktop.ui.entities.entity_graph_view import EntityGraphView
from desktop.ui.entities.graph_layout import separate, spiral, spring
from desktop.ui.project.project_session import ProjectSession

_LAYOUT_SECONDS = 1.0
_SPACING = 60.0  # room for the largest circles (32 across), a gap and a label
_WATCHED = frozenset({"entities", "mentions", "entity_types"})


@dataclass(frozen=True, slots=True)
class LaidOutGraph:
    graph: CooccurrenceGraph
    points: list[tuple[float, float]]
    edges: list[tuple[int, int, int]]  # (entity a, entity b, shared articles)
    seconds: float


def lay_out(graph: CooccurrenceGraph, seconds: float = _LAYOUT_SECONDS) -> LaidOutGraph:
    started = time.perf_counter()
    index = {n.id: i for i, n in enumerate(graph.nodes)}
    weighted = [(e.a, e.b, e.weight) for e in graph.edges]
    edges = [(index[a], index[b], w) for a, b, w in weighted[:5000]
             if a in index and b in index]
    points = separate(spring(spiral(len(graph.nodes), _SPACING), edges, seconds=seconds,
                             spacing=_SPACING), _SPACING)
    return LaidOutGraph(graph, points, weighted, time.perf_counter() - started)


class EntityGraphPanel(QDialog):
    entity_requested = Signal(int)
    shown_graph = Signal(int, int)  # nodes, edges drawn

    def __init__(self, session: ProjectSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("entityGraphWindow")
        self.setWindowTitle(self.tr("Entity Graph"))
        self.setWindowFlag(Qt.WindowType.Window, True)
        self.session = session
        self._serial = 0
        self.loading = False
        self.last: LaidOutGraph | None = None
        self.view = EntityGraphView(self)
        self.min_weight = QSpinBox(self)
        self.min_weight.setRange(1, 1000)
        self.min_weight.setPrefix(self.tr("Shared articles ≥ "))
        self.min_weight.setAccessibleName(self.tr("Least shared articles"))
        self.min_weight.setAccessibleDescription(self.tr(
            "Draw a line only between entities named together in at least this many articles"))
        self.type_boxes: dict[str, QCheckBox] = {}
        self.types_row = QHBoxLayout()
        self.fit_button = QPushButton(self.tr("Fit"), self)
        self.fit_button.setAccessibleName(self.tr("Fit the graph"))
        self.fit_button.setToolTip(self.tr("Show the whole graph"))
        self.status = QLabel(self)
        top = QHBoxLayout()
        top.addWidget(self.min_weight)
        top.addLayout(self.types_row)
        top.addStretch(1)
        top.addWidget(self.fit_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.status)
        self.min_weight.valueChanged.connect(lambda _v: self.reload())
        self.fit_button.clicked.connect(self.view.fit)
        self.view.entity_requested.connect(self.entity_requested)
        QShortcut(QKeySequence("Ctrl+0"), self, self.view.fit)
        session.data_changed.connect(self._changed)
        session.project_closed.connect(self.close)
        self.resize(900, 640)

    def open_graph(self) -> None:
        self._fill_types()
        self.show()
        self.raise_()
        self.activateWindow()
        self.reload()

    def _fill_types(self) -> None:
        project = self.session.project
        if project is None:
            return
        names = [t.name for t in project.store.entities.types()]
        if list(self.type_boxes) == names:
            return
        for box in self.type_boxes.values():
            self.types_row.removeWidget(box)
            box.deleteLater()
        self.type_boxes = {}
        for name in names:
            box = QCheckBox(name.capitalize(), self)
            box.setChecked(True)
            box.setAccessibleName(self.tr("Show %1").replace("%1", name))
            box.setToolTip(self.tr("Show or hide the %1 entities").replace("%1", name))
            box.toggled.connect(lambda _on: self.reload())
            self.types_row.addWidget(box)
            self.type_boxes[name] = box

    def chosen_types(self) -> list[str] | None:
        chosen = [n for n, box in self.type_boxes.items() if box.isChecked()]
        return None if len(chosen) == len(self.type_boxes) else chosen

    def reload(self) -> None:
        project = self.session.project
        if project is None or not self.isVisible():
            return
        self._serial += 1
        serial, weight, types = self._serial, self.min_weight.value(), self.chosen_types()
        self.loading = True
        self.status.setText(self.tr("Drawing the graph…"))

        def job(_progress: object, cancel: object) -> tuple[int, LaidOutGraph | None]:
            if serial != self._serial:
                return serial, None
            store = project.connect(read_only=True)
            try:
                graph = EntityQueries(store).cooccurrence(weight, types)
            finally:
                store.close()
            return serial, lay_out(graph)

        task = self.session.runner.read(job, self.tr("Drawing the entity graph"))
        task.signals.finished.connect(self._arrived)
        task.signals.failed.connect(self.session.task_failed)

    def _arrived(self, outcome: tuple[int, LaidOutGraph | None]) -> None:
        serial, laid_out = outcome
        if serial != self._serial or laid_out is None:
            return
        self.loading = False
        self.last = laid_out
        graph = laid_out.graph
        self.view.show_graph(graph.nodes, laid_out.points, laid_out.edges)
        text = self.tr("%1 entities, %2 links").replace(
            "%1", format_count(len(graph.nodes))).replace("%2", format_count(len(graph.edges)))
        if self.view.edge_count < len(graph.edges):
            text += self.tr(" (the %1 strongest drawn)").replace(
                "%1", format_count(self.view.edge_count))
        if graph.nodes_left_out:
            text += self.tr("; %1 entities in fewer articles left out").replace(
                "%1", format_count(graph.nodes_left_out))
        if not graph.nodes and self.min_weight.value() > 1:
            text = self.tr("No two entities share %1 articles; lower the number to see "
                           "more.").replace("%1", format_count(self.min_weight.value()))
        self.status.setText(text)
        self.shown_graph.emit(len(graph.nodes), self.view.edge_count)

    def _changed(self, changes: ChangeSet) -> None:
        if self.isVisible() and _WATCHED & set(changes.tables()):
            self.reload()
