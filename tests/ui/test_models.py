"""The search results model passes Qt's model tester (the article list has its own tests)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex

from desktop.ui.search.search_results_model import HIT_ROLE, SNIPPET_HTML_ROLE, SearchResultsModel
from index import SearchHit, SearchResults, Snippet


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
