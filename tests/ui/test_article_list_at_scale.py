"""The article list model at 500,000 articles: every order right, cells read a page at a
time, the selected row following its article, an import and a delete followed row by row.

Qt's model tester walks every row and column on each signal (99 s per check at 500,000
rows with Qt's own C++ tester), so it watches the same model at 2,000 rows here (16 pages),
and at a few dozen in test_article_table_model.py. Timings belong to tests/bench.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPersistentModelIndex, Qt

from desktop.domain.text import sort_key
from desktop.services.article_service import ArticleService
from desktop.services.import_service import ImportService
from desktop.services.project import Project
from desktop.ui.articles.article_list_source import ArticleListSource
from desktop.ui.articles.article_list_view import ArticleListView
from desktop.ui.articles.article_table_model import ArticleTableModel
from desktop.ui.articles.summary_pages import PAGE_ROWS
from desktop.ui.common.task_runner import TaskRunner
from tests.large_projects import (
    SOURCES,
    WORDS,
    published,
    synthetic_project,
    synthetic_source,
    synthetic_title,
)
from tests.ui.conftest import WAIT_MS

COUNT = 500_000
ASC, DESC = Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder


@pytest.fixture(scope="module")
def big_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # About 15 s on the 2-core test machine, once for the module.
    return synthetic_project(tmp_path_factory.mktemp("big") / "project", COUNT)


@pytest.fixture
def runner(qapp) -> Iterator[TaskRunner]:
    runner = TaskRunner()
    yield runner
    runner.wait()


def _expected(column: int, count: int = COUNT) -> list[int]:
    """Ascending order worked out in Python from the formulas that made the rows."""
    ids = range(1, count + 1)
    if column == ArticleTableModel.DATE:
        return sorted(ids, key=lambda i: (published(i) or "", i))
    words = [sort_key(w) for w in WORDS]

    def title(i: int) -> str:
        return f"{words[(i - 1) % len(WORDS)]} {i - 1:07d}"

    if column == ArticleTableModel.TITLE:
        return sorted(ids, key=lambda i: (title(i), i))
    sources = [s.casefold() for s in SOURCES]
    return sorted(ids, key=lambda i: (sources[(i - 1) % len(SOURCES)], title(i), i))


def _sample(model: ArticleTableModel, rows: list[int]) -> list[int | None]:
    return [model.article_id(r) for r in rows]


def test_half_a_million_articles(qtbot, big_project: Path, runner: TaskRunner,
                                 tmp_path: Path) -> None:
    rows = [0, 1, 2, 999, 250_000, 250_001, COUNT - 2, COUNT - 1]
    with Project.open(big_project) as project:
        model = ArticleTableModel()
        model.attach(ArticleListSource(project, runner))
        qtbot.waitUntil(lambda: model.ready, timeout=WAIT_MS)
        assert model.rowCount() == COUNT
        newest_first = _expected(ArticleTableModel.DATE)[::-1]
        assert _sample(model, rows) == [newest_first[r] for r in rows]

        # Cells: the middle and the end read one page each, nothing in between.
        for row in (250_000, COUNT - 1):
            before = model.pages_read
            article_id = newest_first[row]
            assert model.data(model.index(row, 0)) == synthetic_title(article_id)
            assert model.data(model.index(row, 1)) == synthetic_source(article_id)
            assert model.data(model.index(row, 2)) == (published(article_id) or "")
            neighbour = row - 1 if row % PAGE_ROWS else row + 1  # on the same page
            assert model.data(model.index(neighbour, 0)) == synthetic_title(
                newest_first[neighbour])
            assert model.pages_read == before + 1

        view = ArticleListView(model)
        view.resize(600, 400)
        view.show()
        view.selectRow(123_456)
        selected_id = newest_first[123_456]
        selected = QPersistentModelIndex(model.index(123_456, 0))
        assert view.selected_article_id() == selected_id
        for column in (ArticleTableModel.TITLE, ArticleTableModel.SOURCE,
                       ArticleTableModel.DATE):
            ascending = _expected(column)
            for order in (ASC, DESC):
                model.sort(column, order)
                qtbot.waitUntil(lambda c=column, o=order: model.shown_sort == (c, o),
                                timeout=WAIT_MS)
                want = ascending if order == ASC else ascending[::-1]
                assert _sample(model, rows) == [want[r] for r in rows]
                assert model.article_id(selected.row()) == selected_id
                assert model.row_of(selected_id) == want.index(selected_id)
                # The view keeps the selected article and scrolls to where it went.
                assert view.selected_article_id() == selected_id
                assert view.viewport().rect().contains(
                    view.visualRect(view.currentIndex()).center())

        # An import and a delete, followed row by row at this size too.
        model.sort(ArticleTableModel.TITLE, ASC)
        qtbot.waitUntil(lambda: model.shown_sort == (ArticleTableModel.TITLE, ASC),
                        timeout=WAIT_MS)
        inserted: list[tuple[int, int]] = []
        removed: list[tuple[int, int]] = []
        model.rowsInserted.connect(lambda _p, a, b: inserted.append((a, b)))
        model.rowsRemoved.connect(lambda _p, a, b: removed.append((a, b)))
        folder = tmp_path / "new"
        folder.mkdir()
        for n, title in enumerate(("apple 0000000a", "Mango 0300009a", "zzz last")):
            (folder / f"{n}.txt").write_text(f"{title}\n\nBody {n}.", encoding="utf-8")
        report = ImportService(project).import_paths([folder])
        model.apply_changes(report.changes)
        qtbot.waitUntil(lambda: not model.busy, timeout=WAIT_MS)
        assert model.rowCount() == COUNT + 3 and len(inserted) == 3
        new_rows = sorted(model.row_of(i) or -1 for i in report.imported_ids)
        assert new_rows == [a for a, _b in sorted(inserted)]
        for row in new_rows:  # each between the titles it sorts between
            before, here, after = (sort_key(str(model.data(model.index(r, 0))))
                                   for r in (row - 1, row, row + 1))
            assert before < here < after
        assert new_rows[0] == 1  # right after "apple 0000000"
        assert model.article_id(selected.row()) == selected_id

        model.apply_changes(ArticleService(project).delete(report.imported_ids))
        qtbot.waitUntil(lambda: not model.busy, timeout=WAIT_MS)
        assert model.rowCount() == COUNT and sorted(removed) == [(r, r) for r in new_rows]
        assert view.selected_article_id() == selected_id
        view.close()
        model.attach(None)


def test_model_tester_at_2000_articles(qtbot, qtmodeltester, runner: TaskRunner,
                                       tmp_path: Path) -> None:
    with Project.open(synthetic_project(tmp_path / "project", 2_000)) as project:
        model = ArticleTableModel()
        qtmodeltester.check(model)  # Qt's C++ tester: fast enough at this size
        model.attach(ArticleListSource(project, runner))
        qtbot.waitUntil(lambda: model.ready, timeout=WAIT_MS)
        model.sort(ArticleTableModel.SOURCE, ASC)
        qtbot.waitUntil(lambda: model.shown_sort == (ArticleTableModel.SOURCE, ASC),
                        timeout=WAIT_MS)
        assert [model.article_id(r) for r in range(2_000)] == _expected(
            ArticleTableModel.SOURCE, 2_000)
        doomed = [model.article_id(r) or 0 for r in (0, 1, 2, 1_000, 1_999)]
        model.apply_changes(ArticleService(project).delete(doomed))
        qtbot.waitUntil(lambda: not model.busy, timeout=WAIT_MS)
        assert model.rowCount() == 1_995
        model.attach(None)
