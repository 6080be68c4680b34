"""The entity browser, page and graph at 2,000 entities and 200,000 mentions. Run with
``make bench``.

Printed against a baseline measured in the same run: one bare pass over every mention's
(entity, article) pair in SQLite, the least that any count per entity has to read.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from desktop.services import entity_queries
from desktop.services.entity_queries import EntityQueries
from desktop.services.project import Project
from tests.bench.entity_projects import build_entity_project


def _best(action: Callable[[], object], repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - started)
    return best


def test_entity_queries_at_2000_entities_and_200000_mentions(tmp_path: Path):
    folder = build_entity_project(tmp_path / "entities")
    with Project.open(folder) as project:
        queries = EntityQueries(project.store)
        db = project.store.connection
        baseline = _best(lambda: db.execute(
            "SELECT entity_id, article_id FROM mentions").fetchall())

        def fresh_graph() -> object:
            entity_queries._EDGE_CACHE.clear()
            return queries.cooccurrence(min_weight=2)

        timings = {
            "listing (all, by mentions)": _best(lambda: queries.listing()),
            "listing (text filter)": _best(lambda: queries.listing(text="ity0001")),
            "page, most mentioned entity": _best(lambda: queries.page(1)),
            "page, typical entity": _best(lambda: queries.page(500)),
            "graph, first (counts edges)": _best(fresh_graph, repeat=1),
            "graph, again (min weight 5)": _best(lambda: queries.cooccurrence(min_weight=5)),
            "graph, places, 200 nodes": _best(
                lambda: queries.cooccurrence(types=["place"], limit_nodes=200)),
        }
    print(f"\nentity queries at 2,000 entities / 200,000 mentions (bare scan of the "
          f"mentions: {baseline * 1000:.0f} ms)")
    for name, seconds in timings.items():
        print(f"  {name:<30} {seconds * 1000:7.0f} ms  x{seconds / baseline:6.1f}")
