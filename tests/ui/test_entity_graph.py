"""View > Entity Graph on the sample project after recognition (nodes, edges, filters, a click
opens the page), the layout on its own, and the read query behind it."""

from __future__ import annotations

import math

from PySide6.QtCore import Qt

from desktop.services.entity_queries import EntityQueries
from desktop.ui.entities.entity_graph_panel import EntityGraphPanel
from desktop.ui.entities.graph_layout import spiral, spring
from desktop.ui.main.main_window import MainWindow
from tests.ui.conftest import WAIT_MS
from tests.ui.entity_support import recognise


def _open_graph(qtbot, window: MainWindow) -> EntityGraphPanel:
    window.main_actions.entity_graph.trigger()
    graph = window.entity_docks.graph
    assert graph is not None and graph.isVisible()
    qtbot.waitUntil(lambda: not graph.loading and graph.last is not None, timeout=WAIT_MS)
    return graph


def test_the_graph_shows_every_entity_and_a_click_opens_its_page(
        qtbot, window: MainWindow) -> None:
    recognise(qtbot, window)
    graph = _open_graph(qtbot, window)
    nodes = graph.last.graph.nodes  # type: ignore[union-attr]
    entities = len(EntityQueries(window.session.project.store).listing())
    assert len(nodes) == entities and len(graph.view.nodes) == entities
    # One article: every pair of entities shares it.
    assert graph.view.edge_count == entities * (entities - 1) // 2
    assert f"{entities} entities" in graph.status.text()
    kerry = next(n for n in nodes if n.name == "John Kerry")
    item = graph.view.nodes[kerry.id]
    assert item.brush().color().name() == "#4f8fd8"  # a person
    graph.view.centerOn(item)
    point = graph.view.node_rect(kerry.id).center().toPoint()
    assert graph.view.node_at(point) == kerry.id  # not hidden under another
    qtbot.mouseClick(graph.view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    page = window.entity_docks.page
    qtbot.waitUntil(lambda: page.page is not None and page.page.entity.id == kerry.id,
                    timeout=WAIT_MS)


def test_filters_by_weight_and_type(qtbot, window: MainWindow) -> None:
    recognise(qtbot, window)
    graph = _open_graph(qtbot, window)
    everything = len(graph.view.nodes)
    graph.type_boxes["place"].setChecked(False)
    qtbot.waitUntil(lambda: not graph.loading and len(graph.view.nodes) < everything,
                    timeout=WAIT_MS)
    assert {i.node.type for i in graph.view.nodes.values()} <= {"person", "organisation",
                                                                 "event", "other"}
    graph.min_weight.setValue(2)  # no two entities share two articles here
    qtbot.waitUntil(lambda: not graph.loading and graph.view.edge_count == 0, timeout=WAIT_MS)
    # Only entities with such ties are drawn; with none, the panel says why it is empty.
    assert not graph.view.nodes
    assert "No two entities share 2 articles" in graph.status.text()


def test_the_layout_separates_nodes_and_pulls_linked_ones_together() -> None:
    count = 60
    # Two groups of 30, each a chain of strong links, no link between the groups.
    edges = [(i, i + 1, 5) for i in range(29)] + [(i, i + 1, 5) for i in range(30, 59)]
    points = spring(spiral(count), edges, seconds=5, rounds=80)
    assert len(points) == count and all(map(math.isfinite, (c for p in points for c in p)))

    def distance(a: int, b: int) -> float:
        return math.dist(points[a], points[b])

    linked = sum(distance(a, b) for a, b, _w in edges) / len(edges)
    apart = [distance(a, b) for a in range(count) for b in range(a + 1, count)]
    assert min(apart) > 1.0  # nobody on top of anybody
    assert linked < sum(apart) / len(apart)  # linked nodes sit closer than the average pair
