"""Draws the entity panels in a real window system (run under Xvfb by
``tests/ui/test_entity_screenshots.py``): the sample project after recognition with the
entity browser and an entity's page, mentions framed in the reader, and the graph.

Usage: ``python -m tests.ui.entity_screenshots OUTPUT_DIR``, with the user folders (HOME,
XDG_*) pointed at a temporary place, so this is a first run.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from desktop.app import configure_application, create_main_window
from desktop.ui.main.main_window import MainWindow
from tests.support import SEEDS
from tests.ui.screenshot_series import SIZE, save, settle, wait

SHOTS = ("entities.png", "entity-graph.png")


def main(out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication([sys.argv[0]])
    configure_application(app)
    window = create_main_window(None, SEEDS)
    assert isinstance(window, MainWindow)
    window.resize(*SIZE)
    window.show()
    wait(app, lambda: window.articles.rowCount() == 1 and window.session.index_is_ready)
    docks = window.entity_docks
    found: list[object] = []
    docks.recognition.finished.connect(found.append)
    window.main_actions.recognise_entities.trigger()
    wait(app, lambda: bool(found))
    window.main_actions.annotate.show_mentions.setChecked(True)
    docks.browser_dock.toggleViewAction().trigger()
    model = docks.browser.model
    wait(app, lambda: not model.loading and model.rowCount() > 0)
    row = next(r for r in range(model.rowCount()) if model.row_at(r).name == "Ghasem Soleimani")
    entity_id = model.row_at(row).id
    docks.browser.view.selectRow(row)
    docks.show_entity(entity_id)
    wait(app, lambda: docks.page.page is not None and docks.page.page.entity.id == entity_id)
    settle(app, 1.0)  # the docks' new sizes laid out
    save(app, window, out / "entities.png")
    window.main_actions.entity_graph.trigger()
    graph = docks.graph
    assert graph is not None
    wait(app, lambda: not graph.loading and graph.last is not None)
    save(app, graph, out / "entity-graph.png")
    graph.close()
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
