"""The co-occurrence graph drawn in a QGraphicsView: one item per entity (coloured by type,
sized by the articles it is in), the edges as a few painter paths (one per strength step:
drawing thousands of line items would cost more than the picture is worth), labels on the
largest nodes only. A click on a node asks for its page; the wheel zooms, dragging pans.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from PySide6.QtCore import QLineF, QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QMouseEvent, QPainter, QPen, QWheelEvent
from PySide6.QtWidgets import (
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QWidget,
)

from desktop.services.entity_views import GraphNode

_MAX_EDGES = 3000  # the strongest are drawn; the rest would only grey the picture
_LABELS = 40
_STEPS = 4
_MAX_FIT_SCALE = 1.4
ID_KEY = 0


class NodeItem(QGraphicsEllipseItem):
    def __init__(self, node: GraphNode, radius: float, point: QPointF) -> None:
        super().__init__(-radius, -radius, 2 * radius, 2 * radius)
        self.node = node
        self.setPos(point)
        self.setBrush(QBrush(QColor(node.colour)))
        self.setPen(QPen(QColor(node.colour).darker(150), 0))
        self.setData(ID_KEY, node.id)
        self.setToolTip(f"{node.name} ({node.type}, {node.articles:,})")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setZValue(2)
        self.setAcceptHoverEvents(False)


class EdgesItem(QGraphicsItem):
    """All the drawn edges as one item, painted with ``drawLines`` per strength step:
    stroking them as painter paths cost over a second for 3,000 long crossing lines."""

    def __init__(self, steps: Sequence[Sequence[QLineF]], colour: QColor) -> None:
        super().__init__()
        self.steps = [list(lines) for lines in steps]
        self.pens = []
        for step in range(len(self.steps)):
            shade = QColor(colour)
            shade.setAlphaF(0.22 + 0.16 * step)
            pen = QPen(shade, 0.6 + 0.9 * step)
            pen.setCosmetic(True)  # the same width at every zoom
            self.pens.append(pen)
        points = [p for lines in self.steps for line in lines for p in (line.p1(), line.p2())]
        xs, ys = [p.x() for p in points], [p.y() for p in points]
        self._bounds = QRectF(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys)) \
            .adjusted(-4, -4, 4, 4) if points else QRectF()
        self.setZValue(1)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(self, painter: QPainter, _option: object, _widget: object = None) -> None:
        # Antialiased, translucent long lines cost most of a frame; thin lines without
        # antialiasing look nearly the same under the circles.
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        for pen, lines in zip(self.pens, self.steps, strict=True):
            if lines:
                painter.setPen(pen)
                painter.drawLines(lines)


class EntityGraphView(QGraphicsView):
    entity_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("entityGraph")
        self.graph_scene = QGraphicsScene(self)
        self.setScene(self.graph_scene)
        self.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.BoundingRectViewportUpdate)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setAccessibleName(self.tr("Entity graph"))
        self.setAccessibleDescription(self.tr(
            "Entities as circles sized by their articles, lines between entities named in the "
            "same articles; click one to open its page"))
        self.nodes: dict[int, NodeItem] = {}
        self.edge_count = 0
        self._pressed_at: QPointF | None = None

    def show_graph(self, nodes: Sequence[GraphNode], points: Sequence[tuple[float, float]],
                   edges: Sequence[tuple[int, int, int]]) -> None:
        """``points[i]`` is where ``nodes[i]`` goes; ``edges`` hold entity ids."""
        scene = self.graph_scene
        scene.clear()
        self.nodes = {}
        # Sized against at least 10 articles: where every entity is in one article, they
        # are all small, not all of the largest size.
        largest = max(10, max((n.articles for n in nodes), default=1))
        for node, (x, y) in zip(nodes, points, strict=True):
            radius = 4.0 + 12.0 * math.sqrt(node.articles / largest)
            item = NodeItem(node, radius, QPointF(x, y))
            scene.addItem(item)
            self.nodes[node.id] = item
        strongest = sorted((e for e in edges if e[0] in self.nodes and e[1] in self.nodes),
                           key=lambda e: -e[2])[:_MAX_EDGES]
        self.edge_count = len(strongest)
        self._draw_edges(strongest)
        for node in sorted(nodes, key=lambda n: -n.articles)[:_LABELS]:
            item = self.nodes[node.id]
            label = QGraphicsSimpleTextItem(node.name)
            label.setBrush(self.palette().text())
            label.setPos(item.pos() + QPointF(item.rect().width() / 2 + 2, -8))
            label.setZValue(3)
            label.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations, True)
            label.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
            scene.addItem(label)
        bounds = scene.itemsBoundingRect().adjusted(-40, -40, 40, 40)
        scene.setSceneRect(bounds)
        self.fit()

    def _draw_edges(self, edges: Sequence[tuple[int, int, int]]) -> None:
        if not edges:
            return
        heaviest = max(w for _a, _b, w in edges)
        steps: list[list[QLineF]] = [[] for _ in range(_STEPS)]
        for a, b, weight in edges:
            step = min(_STEPS - 1, int(_STEPS * math.log1p(weight) / math.log1p(heaviest + 1)))
            steps[step].append(QLineF(self.nodes[a].pos(), self.nodes[b].pos()))
        self.graph_scene.addItem(EdgesItem(steps, self.palette().text().color()))

    def fit(self) -> None:
        """The whole graph in view, never magnified much beyond its natural size (a small
        graph blown up would show giant circles)."""
        rect = self.graph_scene.sceneRect()
        if rect.isEmpty():
            return
        self.fitInView(rect, Qt.AspectRatioMode.KeepAspectRatio)
        if self.transform().m11() > _MAX_FIT_SCALE:
            self.resetTransform()
            self.scale(_MAX_FIT_SCALE, _MAX_FIT_SCALE)
            self.centerOn(rect.center())

    def node_at(self, point: QPointF | QPoint) -> int | None:
        """The entity whose circle is drawn on top at ``point`` (viewport coordinates)."""
        spot = point.toPoint() if isinstance(point, QPointF) else point
        for item in self.items(spot):
            if isinstance(item, NodeItem):
                return item.node.id
        return None

    def wheelEvent(self, event: QWheelEvent) -> None:
        factor = 1.0015 ** event.angleDelta().y()
        self.scale(factor, factor)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._pressed_at = event.position()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        pressed, self._pressed_at = self._pressed_at, None
        if pressed is None or (event.position() - pressed).manhattanLength() > 4:
            return  # a drag to pan, not a click
        entity_id = self.node_at(event.position())
        if entity_id is not None:
            self.entity_requested.emit(entity_id)

    def node_rect(self, entity_id: int) -> QRectF:
        """Where a node is in the viewport (for tests and for keeping it in view)."""
        item = self.nodes[entity_id]
        return self.mapFromScene(item.sceneBoundingRect()).boundingRect().toRectF()
