"""The highlights panel at 100,000 highlights: filters, paging, bulk actions with undo,
and a click that opens the article at the passage."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QDate

from desktop.storage.highlight_listing import HighlightFilter
from desktop.ui.annotations.highlight_table_model import PAGE, HighlightTableModel
from desktop.ui.annotations.highlights_panel import HighlightsPanel
from tests.annotation_support import build_highlight_project
from tests.ui.annotation_support import highlights_panel_on
from tests.ui.conftest import WAIT_MS

COUNT = 100_000


@pytest.fixture(scope="module")
def big_project(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    folder = tmp_path_factory.mktemp("highlights") / "big"
    codes = build_highlight_project(folder, articles=200, highlights=COUNT)
    return folder, codes


@pytest.fixture
def panel(qtbot, big_project) -> Iterator[HighlightsPanel]:
    yield from highlights_panel_on(qtbot, big_project[0])


def _wait_loaded(qtbot, panel: HighlightsPanel, change) -> int:
    with qtbot.waitSignal(panel.loaded, timeout=WAIT_MS) as loaded:
        change()
    return loaded.args[0]


def test_whole_project_then_filtered_by_code_including_the_codes_below(
        qtbot, panel: HighlightsPanel, big_project) -> None:
    _folder, codes = big_project
    store = panel.session.project.store
    assert _wait_loaded(qtbot, panel, lambda: panel.filters.set_project_wide(True)) == COUNT
    assert panel.model.rowCount() == COUNT and panel.count_label.text() == "100,000 highlights"
    # Only the pages looked at are fetched: the first and the last row.
    last = panel.model.index(COUNT - 1, HighlightTableModel.QUOTE).data()
    first = panel.model.row(0)
    assert first is not None and last
    assert len(panel.model._rows) == 2 * PAGE  # two pages of rows, not 100,000 rows
    expected_first = store.highlight_listing.rows(HighlightFilter(), limit=1)[0]
    assert first.id == expected_first.id

    politics = codes["Politics"]
    count = _wait_loaded(qtbot, panel, lambda: panel.filters.set_code(politics))
    below = store.highlight_listing.count(HighlightFilter(code_ids=(politics,
                                                                    codes["Elections"])))
    only_own = store.highlight_listing.count(HighlightFilter(code_ids=(politics,)))
    assert count == below > only_own
    for row in (0, count // 2, count - 1):
        shown = panel.model.row(row)
        assert shown is not None
        assert {"Politics", "Elections"} & set(shown.codes)


def test_text_note_and_date_filters(qtbot, panel: HighlightsPanel) -> None:
    store = panel.session.project.store
    _wait_loaded(qtbot, panel, lambda: panel.filters.set_project_wide(True))
    with_note = _wait_loaded(qtbot, panel, lambda: panel.filters.note.setCurrentIndex(1))
    assert with_note == store.highlight_listing.count(HighlightFilter(has_note=True))
    assert 0 < with_note < COUNT
    assert all(panel.model.row(r).note for r in range(0, min(with_note, PAGE), 17))

    def type_text() -> None:
        panel.filters.text.setText("Note 42 on")
        panel.filters.flush()

    found = _wait_loaded(qtbot, panel, type_text)
    assert found == store.highlight_listing.count(
        HighlightFilter(has_note=True, text="Note 42 on")) >= 1
    assert panel.model.row(0).note.startswith("Note 42")

    panel.filters.text.clear()
    panel.filters.flush()
    qtbot.waitUntil(lambda: panel.model.rowCount() == with_note, timeout=WAIT_MS)
    tomorrow = QDate.currentDate().addDays(1)
    panel.filters.since.setDate(tomorrow)
    assert _wait_loaded(qtbot, panel, lambda: panel.filters.use_since.setChecked(True)) == 0
    panel.filters.since.setDate(QDate.currentDate().addDays(-1))
    qtbot.waitUntil(lambda: panel.model.rowCount() == with_note, timeout=WAIT_MS)


def test_this_article_scope_follows_the_reader(qtbot, panel: HighlightsPanel) -> None:
    store = panel.session.project.store
    article_id = store.highlight_listing.rows(HighlightFilter(), limit=1)[0].article_id
    count = _wait_loaded(qtbot, panel, lambda: panel.set_article(article_id))
    assert count == store.highlight_listing.count(HighlightFilter(article_id=article_id))
    assert {panel.model.row(r).article_id for r in range(count)} == {article_id}
    starts = [panel.model.row(r).start for r in range(count)]
    assert starts == sorted(starts)  # in reading order


def test_bulk_add_and_remove_a_code_and_delete_each_one_undoable_step(
        qtbot, panel: HighlightsPanel, big_project) -> None:
    _folder, codes = big_project
    session = panel.session
    store = session.project.store
    article_id = store.highlight_listing.rows(HighlightFilter(), limit=1)[0].article_id
    _wait_loaded(qtbot, panel, lambda: panel.set_article(article_id))
    panel.view.selectRow(0)
    panel.view.selectionModel().select(
        panel.model.index(2, 0), panel.view.selectionModel().SelectionFlag.Select
        | panel.view.selectionModel().SelectionFlag.Rows)
    ids = panel.selected_ids()
    assert len(ids) == 2
    other = codes["Other"]
    codes_before = store.highlights.codes_of(ids)

    with qtbot.waitSignal(panel.loaded, timeout=WAIT_MS):
        panel.add_code(other)
    assert all(other in c for c in store.highlights.codes_of(ids).values())
    assert session.undo_stack.undoText() == "Add code “Other” to 2 highlights"
    assert panel.selected_ids() == ids  # the selection survives the reload

    with qtbot.waitSignal(panel.loaded, timeout=WAIT_MS):
        panel.remove_code(other)
    assert all(other not in c for c in store.highlights.codes_of(ids).values())

    with qtbot.waitSignal(panel.loaded, timeout=WAIT_MS):
        panel.delete_selected(ask=False)
    assert store.highlights.many(ids) == {}
    assert session.undo_stack.undoText() == "Delete 2 highlights"
    for _ in range(3):
        with qtbot.waitSignal(panel.loaded, timeout=WAIT_MS):
            session.undo_stack.undo()
    assert set(store.highlights.many(ids)) == set(ids)
    assert store.highlights.codes_of(ids) == codes_before


def test_rows_read_are_kept_and_only_those_changed_are_read_again(
        qtbot, panel: HighlightsPanel, big_project, monkeypatch: pytest.MonkeyPatch) -> None:
    _folder, codes = big_project
    session = panel.session
    listing = session.project.store.highlight_listing
    article_id = listing.rows(HighlightFilter(), limit=1)[0].article_id
    count = _wait_loaded(qtbot, panel, lambda: panel.set_article(article_id))
    before = [panel.model.row(r) for r in range(count)]
    fetched: list[int] = []
    by_ids = listing.by_ids
    monkeypatch.setattr(listing, "by_ids", lambda ids: (fetched.extend(ids), by_ids(ids))[1])
    panel.view.selectRow(0)
    panel.view.selectionModel().select(
        panel.model.index(2, 0), panel.view.selectionModel().SelectionFlag.Select
        | panel.view.selectionModel().SelectionFlag.Rows)
    changed = set(panel.selected_ids())

    with qtbot.waitSignal(panel.loaded, timeout=WAIT_MS):
        panel.add_code(codes["Other"])
    after = [panel.model.row(r) for r in range(count)]
    assert sorted(fetched) == sorted(changed)  # the two recoded rows, not the page
    for old, new in zip(before, after, strict=True):
        assert new is not None and old is not None and new.id == old.id
        assert ("Other" in new.codes) == (new.id in changed or "Other" in old.codes)
        if new.id not in changed:
            assert new == old

    with qtbot.waitSignal(panel.loaded, timeout=WAIT_MS):
        session.undo_stack.undo()
    assert [panel.model.row(r) for r in range(count)] == before


def test_a_row_asks_for_its_highlight(qtbot, panel: HighlightsPanel) -> None:
    store = panel.session.project.store
    article_id = store.highlight_listing.rows(HighlightFilter(), limit=1)[0].article_id
    _wait_loaded(qtbot, panel, lambda: panel.set_article(article_id))
    row = panel.model.row(1)
    with qtbot.waitSignal(panel.highlight_requested, timeout=WAIT_MS) as asked:
        panel.view.clicked.emit(panel.model.index(1, HighlightTableModel.QUOTE))
    assert asked.args == [row.article_id, row.id]
