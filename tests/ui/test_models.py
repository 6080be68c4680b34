"""The list models pass Qt's model tester and behave at 100k rows."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from desktop.domain.article import ArticleSummary
from desktop.ui.article_table_model import ARTICLE_ID_ROLE, ArticleTableModel
from desktop.ui.search_results_model import HIT_ROLE, SNIPPET_HTML_ROLE, SearchResultsModel
from index import SearchHit, SearchResults, Snippet


def _summaries(n: int) -> list[ArticleSummary]:
    # Deterministic but scrambled dates and titles, some undated, some with odd scripts.
    titles = ["Zebra 🦓 crossing", "alpha", "Ärger im Amt", "東京", "مرحبا", "beta"]
    return [
        ArticleSummary(
            id=i,
            title=f"{titles[i % len(titles)]} {i}",
            source=["BBC", "Reuters", ""][i % 3],
            published=None if i % 7 == 0 else f"20{(i * 37) % 25:02d}-0{1 + i % 9}-1{i % 10}",
        )
        for i in range(1, n + 1)
    ]


def test_article_model_passes_model_tester(qtmodeltester) -> None:
    model = ArticleTableModel()
    model.set_articles(_summaries(50))
    qtmodeltester.check(model, force_py=True)
    model.sort(ArticleTableModel.TITLE, Qt.SortOrder.AscendingOrder)
    qtmodeltester.check(model, force_py=True)


def test_article_model_columns_and_ids() -> None:
    model = ArticleTableModel()
    rows = _summaries(10)
    model.set_articles(rows)
    assert model.rowCount() == 10 and model.columnCount() == 3
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(3)]
    assert headers == ["Title", "Source", "Date"]
    for row in range(model.rowCount()):
        article_id = model.data(model.index(row, 0), ARTICLE_ID_ROLE)
        summary = next(s for s in rows if s.id == article_id)
        assert model.data(model.index(row, 0)) == summary.title
        assert model.data(model.index(row, 1)) == summary.source
        assert model.data(model.index(row, 2)) == (summary.published or "")
        assert model.article_id(row) == article_id and model.row_of(article_id) == row


def test_sort_by_each_column_at_100k_rows_keeps_persistent_indexes() -> None:
    model = ArticleTableModel()
    rows = _summaries(100_000)
    model.set_articles(rows)
    assert model.rowCount() == 100_000
    tracked_id = 4242
    persistent = QPersistentModelIndex(model.index(model.row_of(tracked_id), 0))
    for column, key in (
        (ArticleTableModel.TITLE, lambda s: (s.title.casefold(), s.id)),
        (ArticleTableModel.SOURCE, lambda s: (s.source.casefold(), s.title.casefold(), s.id)),
        (ArticleTableModel.DATE, lambda s: (s.published or "", s.id)),
    ):
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            model.sort(column, order)
            expected = sorted(rows, key=key, reverse=order == Qt.SortOrder.DescendingOrder)
            shown = [model.article_id(r) for r in (0, 1, 500, 99_999)]
            assert shown == [expected[r].id for r in (0, 1, 500, 99_999)]
            assert model.article_id(persistent.row()) == tracked_id


def _hit(i: int, title: str) -> SearchHit:
    return SearchHit(
        key=f"article:{i}", kind="article", id=i, article_id=i, score=10.0 - i, title=title,
        source="BBC", published="2005-01-0" + str(i),
        snippet=Snippet(text="a <b> & Soleimani here", spans=((8, 17),)),
        title_spans=(), body_spans=((8, 17),),
    )


def test_results_model_passes_model_tester(qtmodeltester) -> None:
    model = SearchResultsModel()
    hits = tuple(_hit(i, f"Title {i}") for i in range(1, 6))
    model.set_results(SearchResults(query="x", total=5, hits=hits))
    qtmodeltester.check(model, force_py=True)
    model.set_results(None)
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == 0


def test_results_model_roles() -> None:
    model = SearchResultsModel()
    hits = (_hit(1, "First"), _hit(2, "Second"))
    model.set_results(SearchResults(query="x", total=2, hits=hits))
    index = model.index(1, 0)
    assert model.data(index) == "Second"
    assert model.data(index, HIT_ROLE) is hits[1]
    snippet = model.data(index, SNIPPET_HTML_ROLE)
    assert "<b>Soleimani</b>" in snippet and "&lt;b&gt; &amp;" in snippet
    assert model.rowCount(model.index(0, 0)) == 0 and model.hit(5) is None
    assert model.data(QModelIndex()) is None
