"""The breakdown under the search results: counted after each search, narrowed by a click."""

from __future__ import annotations

from desktop.ui.main.main_window import MainWindow
from desktop.ui.search.facet_model import CLAUSE_ROLE, FacetModel
from tests.ui.conftest import WAIT_MS


def _groups(model: FacetModel) -> dict[str, dict[str, int]]:
    return {g.title: {v.label: v.count for v in g.values} for g in model.groups}


def test_facets_follow_the_search_and_a_value_narrows_it(qtbot, qtmodeltester,
                                                         sample_window: MainWindow) -> None:
    window = sample_window
    panel = window.workspace.facet_panel
    window.search_field.setText("Soleimani")
    window.run_search()
    qtbot.waitUntil(lambda: bool(panel.model.groups), timeout=WAIT_MS)
    qtmodeltester.check(panel.model)
    # The getting-started box of a nearly empty project gives the results its room.
    assert window.workspace.getting_started.isHidden()
    groups = _groups(panel.model)
    # The sample's article, its highlight and its note all say "Soleimani".
    assert groups["Kind"] == {"Articles": 1, "Highlights": 1, "Notes": 1}
    assert "Ghasem Soleimani" in groups["People"]
    assert window.results.results is not None
    assert sum(groups["Kind"].values()) == window.results.results.total
    # Narrowing to the notes: the clause joins the query, the search runs again.
    model = panel.model
    kind_row = next(r for r, g in enumerate(model.groups) if g.title == "Kind")
    parent = model.index(kind_row, 0)
    notes = next(model.index(r, 0, parent) for r in range(model.rowCount(parent))
                 if model.index(r, 0, parent).data() == "Notes")
    assert notes.data(CLAUSE_ROLE) == "kind:note"
    panel.view.activated.emit(notes)
    qtbot.waitUntil(lambda: window.results.results is not None
                    and window.results.results.query == "Soleimani kind:note", timeout=WAIT_MS)
    assert window.search_field.text() == "Soleimani kind:note"
    assert [window.results.hit(r).kind for r in range(window.results.rowCount())] == ["note"]
    qtbot.waitUntil(lambda: "Kind" not in _groups(panel.model) and bool(panel.model.groups),
                    timeout=WAIT_MS)
    # Clearing the search clears the breakdown.
    window.search_field.clear()
    window.run_search()
    qtbot.waitUntil(lambda: not panel.model.groups, timeout=WAIT_MS)
    assert not window.workspace.getting_started.isHidden()
