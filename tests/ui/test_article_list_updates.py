"""The article list in the window: sorted by a header click, growing while an import runs,
and keeping the selected article through both."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt

from desktop.domain.change_set import ChangeSet
from desktop.ui.articles.article_table_model import ArticleTableModel
from desktop.ui.main.main_window import MainWindow
from tests.support import SEED_TITLE
from tests.ui.conftest import WAIT_MS, make_project


def _write(folder: Path, titles: list[str]) -> Path:
    folder.mkdir()
    for n, title in enumerate(titles):
        (folder / f"{n:04d}.txt").write_text(f"{title}\n\nWhat happened to {title}.\n",
                                             encoding="utf-8")
    return folder


def _import(qtbot, window: MainWindow, folder: Path) -> None:
    with qtbot.waitSignal(window.session.import_finished, timeout=WAIT_MS):
        window.session.import_paths([folder])
    # Recognition follows every import as an action of its own: done before the test acts.
    qtbot.waitUntil(lambda: window.entity_docks.recognition.active is None, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not window.articles.busy, timeout=WAIT_MS)
    if window.report_dialog is not None:
        window.report_dialog.close()


def _click_header(qtbot, window: MainWindow, column: int) -> None:
    header = window.article_view.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    wanted = (column, header.sortIndicatorOrder())
    qtbot.waitUntil(lambda: window.articles.shown_sort == wanted, timeout=WAIT_MS)


def _titles(window: MainWindow) -> list[str]:
    model = window.articles
    return [model.data(model.index(row, ArticleTableModel.TITLE))
            for row in range(model.rowCount())]


def test_a_header_click_sorts_titles_without_leading_quotes_and_case(
        qtbot, window: MainWindow, tmp_path: Path) -> None:
    _import(qtbot, window, _write(tmp_path / "titles", [
        '"Zebra" crossing', "apple pie", "Mango season", "'banana' split", "«Yak» herds"]))
    _click_header(qtbot, window, ArticleTableModel.TITLE)
    expected = ["apple pie", "'banana' split", "Mango season", SEED_TITLE, "«Yak» herds",
                '"Zebra" crossing']
    if window.article_view.horizontalHeader().sortIndicatorOrder() == Qt.SortOrder.DescendingOrder:
        expected.reverse()
    assert _titles(window) == expected
    _click_header(qtbot, window, ArticleTableModel.TITLE)  # the other way round
    assert _titles(window) == expected[::-1]


def test_the_selected_article_survives_an_import_and_a_resort(
        qtbot, window: MainWindow, tmp_path: Path) -> None:
    view = window.article_view
    seed = view.selected_article_id()
    assert seed is not None and window.reader.article is not None
    _import(qtbot, window, _write(tmp_path / "news", [f"Aardvark story {n}" for n in range(6)]))
    assert window.articles.rowCount() == 7
    assert view.selected_article_id() == seed
    assert view.currentIndex().row() == window.articles.row_of(seed)
    for column in (ArticleTableModel.TITLE, ArticleTableModel.SOURCE, ArticleTableModel.TITLE):
        _click_header(qtbot, window, column)
        assert view.selected_article_id() == seed
        assert view.currentIndex().row() == window.articles.row_of(seed)
    assert window.reader.article is not None and window.reader.article.id == seed
    # Sorted by title the seed ("Sunni...") comes after the six "Aardvark" stories or before.
    assert window.articles.row_of(seed) in (0, 6)


def test_the_list_grows_while_an_import_runs(qtbot, window: MainWindow, tmp_path: Path) -> None:
    folder = _write(tmp_path / "many", [f"Story number {n}" for n in range(900)])
    seen: list[tuple[int, bool]] = []
    window.articles.count_changed.connect(
        lambda count: seen.append((count, window.session.active_import is not None)))
    _import(qtbot, window, folder)
    assert window.articles.rowCount() == 901
    during = [count for count, importing in seen if importing]
    # The import stores 200 articles a batch; the list showed some before the end.
    assert during and 1 < min(during) < 901
    assert "901 articles" in window.count_label.text()
    assert window.tabs.tabText(MainWindow.ARTICLES_TAB) == "Articles (901)"


def test_the_first_articles_of_an_empty_project_open_in_the_reader(
        qtbot, window: MainWindow, tmp_path: Path) -> None:
    empty = make_project(tmp_path / "empty")
    with qtbot.waitSignal(window.articles.loaded, timeout=WAIT_MS):
        assert window.open_project(empty)
    assert window.articles.rowCount() == 0 and window.reader.article is None
    _import(qtbot, window, _write(tmp_path / "first", ["Only story"]))
    assert window.article_view.selected_article_id() == window.articles.article_id(0)
    assert window.reader.article is not None and window.reader.article.title == "Only story"


def test_a_delete_its_undo_and_redo_are_followed_row_by_row(qtbot, window: MainWindow,
                                                              tmp_path: Path) -> None:
    _import(qtbot, window, _write(tmp_path / "news", [f"Story {n}" for n in range(4)]))
    model = window.articles
    events: list[str] = []
    model.rowsRemoved.connect(lambda *_: events.append("remove"))
    model.rowsInserted.connect(lambda *_: events.append("insert"))
    model.modelReset.connect(lambda: events.append("reset"))
    model.layoutChanged.connect(lambda *_: events.append("layout"))
    announced: list[ChangeSet] = []
    window.session.data_changed.connect(announced.append)
    view = window.article_view
    view.selectRow(2)
    doomed = view.selected_article_id()
    after = model.article_id(3)
    with qtbot.waitSignal(window.session.data_changed, timeout=WAIT_MS):
        window.session.delete_articles([doomed or 0])
    assert model.rowCount() == 4 and events == ["remove"]  # at once
    qtbot.waitUntil(lambda: not model.busy, timeout=WAIT_MS)
    # The next article is selected in its place.
    assert view.selected_article_id() == after and window.count_label.text() == "4 articles"
    window.session.undo_stack.undo()
    qtbot.waitUntil(lambda: model.rowCount() == 5 and not model.busy, timeout=WAIT_MS)
    assert model.article_id(2) == doomed and events == ["remove", "insert"]
    window.session.undo_stack.redo()
    qtbot.waitUntil(lambda: model.rowCount() == 4 and not model.busy, timeout=WAIT_MS)
    assert events == ["remove", "insert", "remove"]
    assert [c.deleted("articles") for c in announced] == [(doomed,), (), (doomed,)]
