"""The article list model: backed by SQL, sorted in the database, following change sets row
by row, with persistent indexes that stay on their article. Qt's model tester watches
every step."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from desktop.domain.text import sort_key
from desktop.services.article_service import ArticleService
from desktop.services.history_service import HistoryService
from desktop.services.import_service import ImportService
from desktop.services.project import Project
from desktop.ui.articles.article_list_source import ArticleListSource
from desktop.ui.articles.article_table_model import (
    ARTICLE_ID_ROLE,
    MAX_RUNS,
    ArticleTableModel,
)
from desktop.ui.common.task_runner import TaskRunner
from tests.large_projects import synthetic_project, synthetic_title
from tests.ui.conftest import WAIT_MS

ASC, DESC = Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder
KEYS = {
    ArticleTableModel.TITLE: lambda s: (sort_key(s.title), s.id),
    ArticleTableModel.SOURCE: lambda s: (s.source.casefold(), sort_key(s.title), s.id),
    ArticleTableModel.DATE: lambda s: (s.published or "", s.id),
}


@pytest.fixture
def runner(qapp) -> Iterator[TaskRunner]:
    runner = TaskRunner()
    yield runner
    runner.wait()


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Project]:
    with Project.open(synthetic_project(tmp_path / "project", 60)) as project:
        yield project


def listed(model: ArticleTableModel) -> list[int]:
    return [model.article_id(row) for row in range(model.rowCount())]


def expected(project: Project, column: int, order: Qt.SortOrder) -> list[int]:
    """The order worked out in Python from the stored titles, sources and dates."""
    summaries = list(project.store.articles.summaries())
    return [s.id for s in sorted(summaries, key=KEYS[column], reverse=order == DESC)]


def show(qtbot, model: ArticleTableModel, project: Project, runner: TaskRunner) -> None:
    model.attach(ArticleListSource(project, runner))
    qtbot.waitUntil(lambda: model.ready and not model.busy, timeout=WAIT_MS)


def settle(qtbot, model: ArticleTableModel) -> None:
    qtbot.waitUntil(lambda: not model.busy, timeout=WAIT_MS)


def import_texts(project: Project, folder: Path, titles: list[str]):
    folder.mkdir()
    for n, title in enumerate(titles):
        (folder / f"{n:03d}.txt").write_text(f"{title}\n\nThe story of {title}, told.",
                                             encoding="utf-8")
    return ImportService(project).import_paths([folder])


def test_model_tester_on_empty_small_and_sorted(qtbot, qtmodeltester, project, runner,
                                                tmp_path) -> None:
    model = ArticleTableModel()
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == 0 and not model.ready
    with Project.open(synthetic_project(tmp_path / "empty", 0)) as empty:
        show(qtbot, model, empty, runner)
        assert model.ready and model.rowCount() == 0
    show(qtbot, model, project, runner)
    assert model.rowCount() == 60 and model.columnCount() == 3
    for column in KEYS:
        for order in (ASC, DESC):
            model.sort(column, order)
            qtbot.waitUntil(lambda c=column, o=order: model.shown_sort == (c, o),
                            timeout=WAIT_MS)
            assert listed(model) == expected(project, column, order)
    model.attach(None)
    assert model.rowCount() == 0


def test_cells_show_title_source_and_date_or_nothing(qtbot, project, runner) -> None:
    model = ArticleTableModel()
    show(qtbot, model, project, runner)
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(3)]
    assert headers == ["Title", "Source", "Date"]
    summaries = {s.id: s for s in project.store.articles.summaries()}
    seen_missing = {"source": False, "date": False}
    for row in range(model.rowCount()):
        article_id = model.data(model.index(row, 0), ARTICLE_ID_ROLE)
        summary = summaries[article_id]
        assert model.article_id(row) == article_id and model.row_of(article_id) == row
        assert model.data(model.index(row, 0)) == summary.title
        assert model.data(model.index(row, 1)) == summary.source
        # Empty, so that the list's delegate draws its faint dash.
        assert model.data(model.index(row, 2)) == (summary.published or "")
        seen_missing["source"] |= summary.source == ""
        seen_missing["date"] |= summary.published is None
    assert all(seen_missing.values())
    assert model.row_of(10**9) is None and model.article_id(60) is None
    assert model.data(model.index(0, 0), Qt.ItemDataRole.DecorationRole) is None


def test_changes_insert_and_remove_exactly_their_rows(qtbot, qtmodeltester, project, runner,
                                                       tmp_path) -> None:
    model = ArticleTableModel()
    show(qtbot, model, project, runner)
    model.sort(ArticleTableModel.TITLE, ASC)
    qtbot.waitUntil(lambda: model.shown_sort == (ArticleTableModel.TITLE, ASC), timeout=WAIT_MS)
    qtmodeltester.check(model, force_py=True)
    events: list[tuple[str, int, int]] = []
    model.rowsInserted.connect(lambda _p, a, b: events.append(("insert", a, b)))
    model.rowsRemoved.connect(lambda _p, a, b: events.append(("remove", a, b)))
    model.modelReset.connect(lambda: events.append(("reset", 0, 0)))
    model.layoutChanged.connect(lambda *_: events.append(("layout", 0, 0)))
    untouched = model.article_id(30)
    kept = QPersistentModelIndex(model.index(30, 1))

    report = import_texts(project, tmp_path / "new", ["Aardvark", "(kiwi) 0000007x", "Zulu"])
    model.apply_changes(report.changes)
    settle(qtbot, model)
    assert listed(model) == expected(project, ArticleTableModel.TITLE, ASC)
    inserted = [(a, b) for kind, a, b in events if kind == "insert"]
    assert sorted(model.article_id(r) for a, b in inserted for r in range(a, b + 1)) == sorted(
        report.imported_ids)
    assert {kind for kind, *_ in events} == {"insert"}
    assert model.article_id(kept.row()) == untouched and kept.column() == 1

    events.clear()
    doomed = [report.imported_ids[1], untouched - 1]
    rows_before = sorted(model.row_of(i) for i in doomed)
    deleted = ArticleService(project).delete(doomed)
    model.apply_changes(deleted)
    assert model.rowCount() == 61  # deleted rows leave at once, before the worker answers
    settle(qtbot, model)
    assert sorted(a for kind, a, b in events if kind == "remove") == rows_before
    assert {kind for kind, *_ in events} == {"remove"}
    assert listed(model) == expected(project, ArticleTableModel.TITLE, ASC)
    assert model.article_id(kept.row()) == untouched

    events.clear()
    model.apply_changes(HistoryService(project).undo(deleted, "Delete"))
    settle(qtbot, model)
    assert [kind for kind, *_ in events] == ["insert", "insert"]
    assert listed(model) == expected(project, ArticleTableModel.TITLE, ASC)
    # A change set that touched no article costs nothing.
    events.clear()
    model.apply_changes(type(deleted)())
    assert not model.busy and events == []


def test_a_deleted_selected_article_leaves_no_stale_index(qtbot, qtmodeltester, project,
                                                          runner) -> None:
    model = ArticleTableModel()
    show(qtbot, model, project, runner)
    qtmodeltester.check(model, force_py=True)
    selected = QPersistentModelIndex(model.index(5, 0))
    model.apply_changes(ArticleService(project).delete([model.article_id(5) or 0]))
    settle(qtbot, model)
    assert not selected.isValid() and model.rowCount() == 59


def test_many_scattered_changes_are_one_layout_change(qtbot, qtmodeltester, project, runner,
                                                      tmp_path) -> None:
    model = ArticleTableModel()
    show(qtbot, model, project, runner)
    model.sort(ArticleTableModel.TITLE, ASC)
    qtbot.waitUntil(lambda: model.shown_sort == (ArticleTableModel.TITLE, ASC), timeout=WAIT_MS)
    qtmodeltester.check(model, force_py=True)
    events: list[str] = []
    model.rowsInserted.connect(lambda *_: events.append("insert"))
    model.layoutChanged.connect(lambda *_: events.append("layout"))
    model.modelReset.connect(lambda: events.append("reset"))
    watched_id = model.article_id(7)
    watched = QPersistentModelIndex(model.index(7, 2))
    # Each new title sorts right after an existing one ("apple 0000000" < "apple 0000000b").
    titles = [f"{synthetic_title(i)}b" for i in range(1, MAX_RUNS + 10)]
    report = import_texts(project, tmp_path / "many", titles)
    assert report.imported == len(titles)
    model.apply_changes(report.changes)
    settle(qtbot, model)
    assert events == ["layout"]
    assert listed(model) == expected(project, ArticleTableModel.TITLE, ASC)
    assert model.article_id(watched.row()) == watched_id and watched.column() == 2


def test_persistent_indexes_follow_their_article_through_every_sort(qtbot, qtmodeltester,
                                                                    project, runner) -> None:
    model = ArticleTableModel()
    show(qtbot, model, project, runner)
    qtmodeltester.check(model, force_py=True)
    tracked = [QPersistentModelIndex(model.index(row, row % 3)) for row in (0, 13, 59)]
    ids = [model.article_id(i.row()) for i in tracked]
    resorted: list[bool] = []
    model.resorted.connect(lambda: resorted.append(True))
    for column in KEYS:
        for order in (ASC, DESC):
            model.sort(column, order)
            qtbot.waitUntil(lambda c=column, o=order: model.shown_sort == (c, o),
                            timeout=WAIT_MS)
            assert [model.article_id(i.row()) for i in tracked] == ids
            assert [i.column() for i in tracked] == [0, 1, 2]
    assert len(resorted) == 6


def test_orders_computed_in_the_background_sort_at_once(qtbot, project, runner) -> None:
    model = ArticleTableModel()
    model.prefetch_min_rows = 1  # at 500,000 articles it starts at 50,000
    model.prefetch_delay_ms = 0
    requests: list[str] = []
    source = ArticleListSource(project, runner)
    original = source.request

    def counting(column: str, *args: object) -> None:
        requests.append(column)
        original(column, *args)  # type: ignore[arg-type]

    source.request = counting  # type: ignore[method-assign]
    model.attach(source)
    qtbot.waitUntil(lambda: len(model.stored_orders) == 3, timeout=WAIT_MS)
    assert sorted(requests) == ["published", "source", "title"]
    tracked = QPersistentModelIndex(model.index(17, 1))
    tracked_id = model.article_id(17)
    for order in (DESC, ASC):  # another column, then the same one mirrored
        model.sort(ArticleTableModel.SOURCE, order)
        # No worker asked: the order is shown before sort() returns.
        assert model.shown_sort == (ArticleTableModel.SOURCE, order) and len(requests) == 3
        assert listed(model) == expected(project, ArticleTableModel.SOURCE, order)
        assert model.article_id(tracked.row()) == tracked_id and tracked.column() == 1
    # A change makes the stored orders stale: the next sort asks again.
    model.apply_changes(ArticleService(project).delete([model.article_id(0) or 0]))
    settle(qtbot, model)
    model.sort(ArticleTableModel.TITLE, ASC)
    qtbot.waitUntil(lambda: model.shown_sort == (ArticleTableModel.TITLE, ASC), timeout=WAIT_MS)
    assert listed(model) == expected(project, ArticleTableModel.TITLE, ASC)


def test_results_for_a_closed_project_never_arrive(qtbot, project, runner, tmp_path) -> None:
    model = ArticleTableModel()
    model.attach(ArticleListSource(project, runner))  # its order is being read...
    with Project.open(synthetic_project(tmp_path / "other", 3)) as other:
        show(qtbot, model, other, runner)  # ...when another project replaces it
        runner.wait()
        qtbot.wait(50)
        assert model.rowCount() == 3 and listed(model) == expected(other, *model.shown_sort)


def test_a_failed_read_is_reported(qtbot, project, runner) -> None:
    model = ArticleTableModel()
    source = ArticleListSource(project, runner)
    project.connect = _broken  # type: ignore[method-assign]
    with qtbot.waitSignal(model.failed, timeout=WAIT_MS) as failed:
        model.attach(source)
    assert "disk on fire" in failed.args[0] and not model.busy and not model.ready
    assert model.data(QModelIndex()) is None


def _broken(**_options: object) -> object:
    raise OSError("disk on fire")


def test_a_long_list_shows_its_first_rows_before_the_whole_order(
        qtbot, qtmodeltester, project, runner) -> None:
    model = ArticleTableModel()
    qtmodeltester.check(model, force_py=True)
    # As a 500,000-article project would: 60 counts as long here, and 7 rows come first.
    model.head_min_rows, model.head_rows = 10, 7
    counts: list[int] = []
    model.rowsInserted.connect(lambda *_: counts.append(model.rowCount()))
    model.modelReset.connect(lambda: counts.append(model.rowCount()))
    seen: list[int] = []
    picked: list[QPersistentModelIndex] = []

    def first_rows() -> None:
        if model.rowCount() and not picked:
            seen.extend(listed(model))
            picked.append(QPersistentModelIndex(model.index(3, 0)))

    model.modelReset.connect(first_rows)
    show(qtbot, model, project, runner)
    whole = expected(project, ArticleTableModel.DATE, DESC)
    assert listed(model) == whole
    assert seen == whole[:7]
    assert counts[-2:] == [7, 60]  # the first rows, then the rest inserted after them
    # A row picked among the first stays on its article when the rest arrive.
    assert picked[0].isValid() and picked[0].row() == 3
    assert model.data(picked[0], ARTICLE_ID_ROLE) == whole[3]


def test_a_short_list_appears_whole(qtbot, project, runner) -> None:
    model = ArticleTableModel()
    model.head_rows = 7  # 60 articles: below head_min_rows, no first rows alone
    resets: list[int] = []
    model.modelReset.connect(lambda: resets.append(model.rowCount()))
    show(qtbot, model, project, runner)
    assert listed(model) == expected(project, ArticleTableModel.DATE, DESC)
    assert 7 not in resets


def test_a_painted_cell_asks_python_once_with_the_same_answers(qtbot, project, runner) -> None:
    import sys

    from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

    from desktop.ui.articles.missing_value_delegate import MISSING, MissingValueDelegate

    model = ArticleTableModel()
    show(qtbot, model, project, runner)
    callers: list[str] = []
    original = model.data

    def counting(index, role=Qt.ItemDataRole.DisplayRole):
        # Who asked: Python's multiData (one call into Python per cell), or Qt itself (the
        # frame below is then the test's own, which called into Qt).
        callers.append(sys._getframe(1).f_code.co_name)
        return original(index, role)

    model.data = counting  # type: ignore[method-assign]
    for row in range(model.rowCount()):
        for column in range(3):
            index = model.index(row, column)
            option = QStyleOptionViewItem()
            QStyledItemDelegate().initStyleOption(option, index)
            assert option.text == original(index), (row, column)
            drawn = QStyleOptionViewItem()
            MissingValueDelegate().initStyleOption(drawn, index)
            assert drawn.text == (original(index) or MISSING)
    # Several roles per cell, all answered inside multiData.
    assert len(callers) >= 2 * 5 * model.rowCount() * 3
    assert set(callers) == {"multiData"}
