"""The highlights panel filtered by a code follows every change as SQL would list it.

The code filter is applied in memory to the list without it, kept from the last listing;
these tests compare the panel, after each change set, with the list SQL gives for the same
filter (same rows, same order), and check when the kept list is used and when it is read
again.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from desktop.services.highlight_service import HighlightService
from desktop.services.note_service import NoteService
from desktop.storage.highlight_listing import HighlightFilter, HighlightListing
from desktop.ui.annotations.highlight_table_model import HighlightTableModel
from desktop.ui.annotations.highlights_panel import HighlightsPanel
from tests.annotation_support import build_highlight_project
from tests.ui.annotation_support import highlights_panel_on
from tests.ui.conftest import WAIT_MS


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    folder = tmp_path_factory.mktemp("code-filter") / "p"
    return folder, build_highlight_project(folder, articles=13, highlights=3000)


@pytest.fixture
def codes(built) -> dict[str, int]:
    return built[1]


@pytest.fixture
def listed(monkeypatch: pytest.MonkeyPatch) -> list[HighlightFilter]:
    """The filters whose lists HighlightListing.ids read (in the panel's worker)."""
    calls: list[HighlightFilter] = []
    real = HighlightListing.ids

    def counting(self: HighlightListing, where: HighlightFilter | None = None,
                 **options: bool) -> list[int]:
        where = where or HighlightFilter()
        calls.append(where)
        return real(self, where, **options)

    monkeypatch.setattr(HighlightListing, "ids", counting)
    return calls


@pytest.fixture
def panel(qtbot, built, tmp_path: Path, listed) -> Iterator[HighlightsPanel]:
    folder = tmp_path / "p"
    shutil.copytree(built[0], folder)  # each test changes its own copy
    yield from highlights_panel_on(qtbot, folder)


def _sql_list(panel: HighlightsPanel, where: HighlightFilter | None = None) -> list[int]:
    """What SQL lists for the panel's filter (or ``where``), the list order spelled out here
    rather than taken from the code under test."""
    store = panel.session.project.store  # type: ignore[union-attr]
    where = where or panel.filters.highlight_filter(panel.article_id)
    assert where.has_note is not False and not where.text  # not spelled out below
    marks = ",".join("?" * len(where.code_ids))
    rows = store.connection.execute(
        "SELECT h.id FROM highlights AS h WHERE (? OR h.article_id = ?)"
        f" AND (? OR h.id IN (SELECT highlight_id FROM highlight_codes WHERE code_id IN"
        f" ({marks or 'NULL'})))"
        " AND (? OR EXISTS (SELECT 1 FROM notes AS n WHERE n.highlight_id = h.id"
        " AND n.deleted_at IS NULL))"
        f" ORDER BY {'h.id DESC' if panel.newest_first else 'h.article_id, h.start, h.id'}",
        (where.article_id is None, where.article_id, not where.code_ids, *where.code_ids,
         where.has_note is not True))
    return [h_id for (h_id,) in rows]


def _with_code(panel: HighlightsPanel, code_id: int) -> list[int]:
    return _sql_list(panel, HighlightFilter(code_ids=(code_id,)))


def _wait(qtbot, panel: HighlightsPanel, change: Callable[[], object]) -> None:
    with qtbot.waitSignal(panel.loaded, timeout=WAIT_MS):
        change()


def _perform(qtbot, panel: HighlightsPanel, call: Callable[[HighlightService], object]) -> None:
    _wait(qtbot, panel, lambda: panel.session.perform(
        "change", lambda project, store: call(HighlightService(project, store))))


def _codes_of(panel: HighlightsPanel, highlight_id: int) -> list[int]:
    store = panel.session.project.store  # type: ignore[union-attr]
    return store.highlights.codes_of([highlight_id])[highlight_id]


def test_the_list_filtered_by_a_code_follows_every_change(
        qtbot, panel: HighlightsPanel, codes: dict[str, int], listed) -> None:
    _wait(qtbot, panel, lambda: panel.filters.set_project_wide(True))
    assert len(panel.model.ids) == 3000
    listed.clear()
    _wait(qtbot, panel, lambda: panel.filters.set_code(codes["Politics"]))
    assert listed == []  # the list without the code, kept from opening it, was filtered
    first = list(panel.model.ids)
    assert first == _sql_list(panel) and 0 < len(first) < 3000
    assert first != sorted(first)  # a list in id order would not pass these tests

    # A recode: the kept list is still right, the code's highlights are read again.
    outside = next(h for h in _with_code(panel, codes["Violence"]) if h not in first)
    outside_codes = _codes_of(panel, outside)
    _perform(qtbot, panel, lambda s: s.add_code([outside], codes["Elections"]))
    assert listed == []
    assert outside in panel.model.ids and panel.model.ids == _sql_list(panel)
    inside = first[len(first) // 2]
    _perform(qtbot, panel, lambda s: s.set_codes(inside, [codes["Other"]]))
    assert inside not in panel.model.ids and panel.model.ids == _sql_list(panel)

    # New and moved highlights change the list without the code: it is listed again.
    article_id = panel.model.row(0).article_id  # type: ignore[union-attr]
    _perform(qtbot, panel, lambda s: s.create(article_id, 500, 520,
                                              code_ids=[codes["Elections"]]))
    assert len(listed) == 1 and not listed[0].code_ids
    new_id = max(_sql_list(panel, HighlightFilter()))
    assert new_id not in first and new_id in panel.model.ids
    assert panel.model.ids == _sql_list(panel)
    moved = first[-1]
    was = panel.model.ids.index(moved)
    _perform(qtbot, panel, lambda s: s.reselect(moved, 0, 7))
    assert panel.model.ids == _sql_list(panel)
    assert panel.model.ids.index(moved) < was  # to the top of its article's highlights

    gone = first[3]
    _perform(qtbot, panel, lambda s: s.delete([gone]))
    assert gone not in panel.model.ids and panel.model.ids == _sql_list(panel)

    for _ in range(5):
        _wait(qtbot, panel, panel.session.undo_stack.undo)
        assert panel.model.ids == _sql_list(panel)
    assert panel.model.ids == first
    assert _codes_of(panel, outside) == outside_codes


def test_a_note_filter_with_a_code_follows_a_new_note(
        qtbot, panel: HighlightsPanel, codes: dict[str, int], listed) -> None:
    _wait(qtbot, panel, lambda: panel.filters.set_project_wide(True))
    _wait(qtbot, panel, lambda: panel.filters.note.setCurrentIndex(1))  # with a note
    _wait(qtbot, panel, lambda: panel.filters.set_code(codes["Violence"]))
    before = list(panel.model.ids)
    assert before == _sql_list(panel)
    everyone = _with_code(panel, codes["Violence"])
    without = next(h for h in everyone if h not in before)
    listed.clear()
    _wait(qtbot, panel, lambda: panel.session.perform(
        "note", lambda project, store: NoteService(project, store).create(
            "A new thought", highlight_id=without)))
    assert len(listed) == 1  # a note changes what "with a note" lists: listed again
    assert without in panel.model.ids and panel.model.ids == _sql_list(panel)


def test_newest_first_and_switching_codes(
        qtbot, panel: HighlightsPanel, codes: dict[str, int], listed) -> None:
    _wait(qtbot, panel, lambda: panel.filters.set_project_wide(True))
    _wait(qtbot, panel, lambda: panel.view.horizontalHeader().sectionClicked.emit(
        HighlightTableModel.CREATED))
    assert panel.newest_first and panel.model.ids == sorted(panel.model.ids, reverse=True)
    listed.clear()
    for name in ("Violence", "Politics", "Other"):
        _wait(qtbot, panel, lambda n=name: panel.filters.set_code(codes[n]))
        assert panel.model.ids == _sql_list(panel) and panel.model.ids
    assert listed == []  # one listing without a code served every code
    _wait(qtbot, panel, lambda: panel.view.horizontalHeader().sectionClicked.emit(
        HighlightTableModel.ARTICLE))
    assert not panel.newest_first and panel.model.ids == _sql_list(panel)
    assert len(listed) == 1  # another order: listed again


def test_this_article_with_a_code(qtbot, panel: HighlightsPanel, codes: dict[str, int]) -> None:
    _wait(qtbot, panel, lambda: panel.filters.set_code(codes["Politics"]))
    coded = _with_code(panel, codes["Politics"])[0]
    article_id = panel.session.project.store.highlights.get(coded).article_id  # type: ignore[union-attr]
    _wait(qtbot, panel, lambda: panel.set_article(article_id))
    assert panel.model.ids and panel.model.ids == _sql_list(panel)
    starts = [panel.model.row(r).start for r in range(len(panel.model.ids))]  # type: ignore[union-attr]
    assert starts == sorted(starts)
