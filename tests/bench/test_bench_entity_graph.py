"""Opening the entity graph with 2,000 entities. Run with ``make bench``.

A project of 5,000 articles (bulk SQL) whose entities are mentioned with a skewed
frequency (a few in many articles, most in a few), eight entities an article. Timed, each
the best of three: the co-occurrence query (worker; cold, and again with another weight,
which the query service answers from the edges it kept), the layout (worker, with its
time budget), building the scene and painting it once (the GUI thread's share), and the
sum (cold query, layout, drawing).
Printed as ratios against the same steps with 200 entities measured in the same run.
"""

from __future__ import annotations

import random
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop.services import entity_queries
from desktop.services.entity_queries import EntityQueries
from desktop.services.project import DB_NAME, Project
from desktop.ui.entities.entity_graph_panel import lay_out
from desktop.ui.entities.entity_graph_view import EntityGraphView
from tests.bench.bench_table import BenchTable
from tests.large_projects import synthetic_project

ARTICLES = 5_000
PER_ARTICLE = 8


def _project(folder: Path, entities: int) -> Path:
    synthetic_project(folder, ARTICLES)
    rng = random.Random(entities)
    weights = [1 / (rank + 1) ** 0.8 for rank in range(entities)]
    db = sqlite3.connect(folder / DB_NAME, isolation_level=None)
    try:
        db.execute("BEGIN")
        types = [int(r[0]) for r in db.execute("SELECT id FROM entity_types ORDER BY id")]
        db.executemany("INSERT INTO entities (id, name, type_id, state) VALUES (?, ?, ?, ?)",
                       [(i + 1, f"Entity {i:05d}", types[i % 3], "suggested")
                        for i in range(entities)])
        rows = []
        for article in range(1, ARTICLES + 1):
            chosen = set(rng.choices(range(entities), weights, k=PER_ARTICLE))
            rows.extend((e + 1, article, 0, 5, "Name") for e in chosen)
        db.executemany('INSERT INTO mentions (entity_id, article_id, start, "end", text)'
                       " VALUES (?, ?, ?, ?, ?)", rows)
        db.execute("COMMIT")
    finally:
        db.close()
    return folder


def _best(action: Callable[[], object], repeat: int = 3) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(repeat):
        started = time.perf_counter()
        result = action()
        best = min(best, time.perf_counter() - started)
    return best, result


def _steps(qapp, folder: Path) -> dict[str, float]:
    project = Project.open(folder)
    try:
        store = project.connect(read_only=True)
        def cold() -> object:
            entity_queries._EDGE_CACHE.clear()  # as after a change to the mentions
            return EntityQueries(store).cooccurrence()

        query_s, graph = _best(cold)
        warm_s, _ = _best(lambda: EntityQueries(store).cooccurrence(min_weight=2))
        store.close()
        layout_s, laid_out = _best(lambda: lay_out(graph))  # type: ignore[arg-type]
        view = EntityGraphView()
        view.resize(1000, 700)
        view.show()

        def draw() -> None:
            view.show_graph(graph.nodes, laid_out.points, laid_out.edges)  # type: ignore
            view.viewport().grab()
            qapp.processEvents()

        draw_s, _ = _best(draw)
        view.close()
        nodes, edges = len(graph.nodes), len(graph.edges)  # type: ignore[union-attr]
    finally:
        project.close()
    return {"query": query_s, "query again (another weight)": warm_s,
            "layout": layout_s, "draw": draw_s,
            "total": query_s + layout_s + draw_s, "nodes": nodes, "edges": edges}


@pytest.mark.filterwarnings("ignore")
def test_entity_graph_with_2000_entities(qapp, tmp_path: Path) -> None:
    small = _steps(qapp, _project(tmp_path / "small", 200))
    large = _steps(qapp, _project(tmp_path / "large", 2000))
    table = BenchTable("Entity graph: 2,000 entities against 200 (5,000 articles)")
    table.note(f"200 entities: {small['nodes']:.0f} nodes, {small['edges']:,.0f} edges; "
               f"2,000 entities: {large['nodes']:.0f} nodes, {large['edges']:,.0f} edges "
               "(the 3,000 strongest drawn)")
    for step in ("query", "query again (another weight)", "layout", "draw", "total"):
        table.add(f"{step} (s)", f"{large[step]:.3f}", f"{small[step]:.3f}",
                  f"x{large[step] / max(small[step], 1e-9):.1f}")
    print("\n" + table.render())
