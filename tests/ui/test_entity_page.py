"""The entity page on the sample project after recognition: mentions in context open the
article at the mention, co-occurring entities open their page, aliases and details are
edited undoably, links from notes show as backlinks; and its models and the timeline."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt

from desktop.domain.link import LinkEnd, LinkKind
from desktop.services.note_service import NoteService
from desktop.ui.entities.entity_page import EntityPageView
from desktop.ui.entities.kwic_model import KwicModel
from desktop.ui.entities.mention_timeline import MentionTimeline, fill_months
from desktop.ui.entities.neighbour_model import NeighbourModel
from desktop.ui.main.main_window import MainWindow
from tests.ui.conftest import WAIT_MS
from tests.ui.entity_support import open_browser, recognise, row_named


def _page_of(qtbot, window: MainWindow, name: str) -> EntityPageView:
    model = open_browser(qtbot, window)
    entity_id = model.row_at(row_named(model, name)).id  # type: ignore[union-attr]
    page = window.entity_docks.page
    window.entity_docks.show_entity(entity_id)
    qtbot.waitUntil(lambda: page.page is not None and page.page.entity.id == entity_id,
                    timeout=WAIT_MS)
    return page


def _wait_page(qtbot, page: EntityPageView, check) -> None:
    qtbot.waitUntil(lambda: page.page is not None and check(page.page), timeout=WAIT_MS)


def test_mentions_in_context_open_the_article_at_the_mention(qtbot, window: MainWindow) -> None:
    recognise(qtbot, window)
    page = _page_of(qtbot, window, "Ghasem Soleimani")
    assert page.title.text() == "Ghasem Soleimani"
    kwic = page.kwic
    assert kwic.rowCount() >= 3
    first = kwic.line(0)
    assert first is not None and first.match == "Ghasem Soleimani"
    assert first.left.endswith("Quds Force, Gen ")
    assert kwic.index(0, KwicModel.MATCH).data() == "Ghasem Soleimani"
    # A click on the second line (a bare "Soleimani") selects it in the reader.
    window.reader.show_placeholder()
    second = kwic.line(1)
    assert second is not None and second.match == "Soleimani"
    rect = page.kwic_view.visualRect(kwic.index(1, KwicModel.MATCH))
    qtbot.mouseClick(page.kwic_view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: window.reader.article is not None, timeout=WAIT_MS)
    span = window.reader.selection_span()
    assert span is not None and span[:2] == (second.start, second.end)
    assert window.reader.article.body[span[0]:span[1]] == "Soleimani"


def test_cooccurring_entities_open_their_page(qtbot, window: MainWindow) -> None:
    recognise(qtbot, window)
    page = _page_of(qtbot, window, "Najaf")
    neighbours = page.neighbours
    names = [neighbours.index(r).data() for r in range(neighbours.rowCount())]
    assert "Karbala (1)" in names and "Ghasem Soleimani (1)" in names
    row = names.index("Karbala (1)")
    rect = page.neighbour_view.visualRect(neighbours.index(row))
    qtbot.mouseClick(page.neighbour_view.viewport(), Qt.MouseButton.LeftButton,
                     pos=rect.center())
    _wait_page(qtbot, page, lambda p: p.entity.name == "Karbala")
    assert page.title.text() == "Karbala"


def test_aliases_and_details_are_edited_undoably(qtbot, window: MainWindow) -> None:
    recognise(qtbot, window)
    page = _page_of(qtbot, window, "Ghasem Soleimani")
    before = page.page.mentions  # type: ignore[union-attr]
    stack = window.session.undo_stack
    qtbot.keyClicks(page.alias_field, "Qassem Soleimani")
    qtbot.mouseClick(page.add_alias_button, Qt.MouseButton.LeftButton)
    _wait_page(qtbot, page, lambda p: "Qassem Soleimani" in p.aliases)
    assert page.aliases.stringList() == ["Qassem Soleimani"]
    assert stack.undoText() == "Add alias “Qassem Soleimani”"
    page.description.setPlainText("Commander of the Quds Force")
    page.identifier.setText("Q708365")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    _wait_page(qtbot, page, lambda p: p.external_id == "Q708365")
    assert page.page.description == "Commander of the Quds Force"  # type: ignore[union-attr]
    assert stack.undoText() == "Describe “Ghasem Soleimani”"
    stack.undo()
    _wait_page(qtbot, page, lambda p: p.external_id == "")
    stack.undo()
    _wait_page(qtbot, page, lambda p: p.aliases == ())
    assert page.page.mentions == before  # type: ignore[union-attr]


def test_the_page_shows_the_notes_that_link_to_it(qtbot, window: MainWindow) -> None:
    recognise(qtbot, window)
    model = open_browser(qtbot, window)
    kerry = model.row_at(row_named(model, "John Kerry"))
    assert kerry is not None
    project = window.session.project
    note, _changes = NoteService(project).create(
        f"Kerry warned [John Kerry](rn://entity/{kerry.id})", title="Kerry in Baghdad")
    page = _page_of(qtbot, window, "John Kerry")
    assert page.backlinks.model.rowCount() == 1
    assert page.backlinks.model.links[0].source == LinkEnd(LinkKind.NOTE, note.id)
    # A note's link to the entity opens this page (the entity card is gone).
    window.entity_docks.page_dock.hide()
    window.open_link(f"rn://entity/{kerry.id}")
    assert window.entity_docks.page_dock.isVisible()


def test_the_page_models_pass_the_model_tester(qtmodeltester, qtbot,
                                               window: MainWindow) -> None:
    recognise(qtbot, window)
    page = _page_of(qtbot, window, "Iraq")
    assert page.kwic.rowCount() > 0 and page.neighbours.rowCount() > 0
    qtmodeltester.check(page.kwic, force_py=True)
    other = NeighbourModel()
    other.set_neighbours(page.page.cooccurring)  # type: ignore[union-attr]
    qtmodeltester.check(other, force_py=True)


def test_timeline_fills_the_months_between_and_paints_bars(qtbot) -> None:
    assert fill_months([("2019-11", 2), ("2020-02", 5)]) == [
        ("2019-11", 2), ("2019-12", 0), ("2020-01", 0), ("2020-02", 5)]
    assert fill_months([("undated", 3)]) == []
    timeline = MentionTimeline()
    qtbot.addWidget(timeline)
    timeline.resize(240, 90)
    timeline.set_months([("2019-11", 2), ("2020-02", 5)], "#4f8fd8")
    assert "7 mentions from 2019-11 to 2020-02" in timeline.accessibleDescription()
    image = timeline.grab().toImage()
    tall = timeline.bar_rect(3)
    short = timeline.bar_rect(0)
    # The February bar is coloured higher up than the November one.
    probe_y = int(tall.top() + tall.height() * 0.3)
    assert image.pixelColor(QPoint(int(tall.center().x()), probe_y)).name() == "#4f8fd8"
    assert image.pixelColor(QPoint(int(short.center().x()), probe_y)).name() != "#4f8fd8"
    assert timeline.month_at(tall.center().x()) == 3


def test_the_page_and_the_list_fit_a_laptop_screen(qtbot, window: MainWindow) -> None:
    # Opening the page once grew a 1280x800 window past the bottom of the screen: its parts
    # stacked made a minimum height the window had to meet. They scroll now.
    recognise(qtbot, window)
    _page_of(qtbot, window, "John Kerry")
    qtbot.waitUntil(lambda: window.entity_docks.page_dock.isVisible(), timeout=WAIT_MS)
    assert window.minimumSizeHint().height() < 760
