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


def test_the_next_page_is_asked_once_and_added_below(qtmodeltester) -> None:
    model = SearchResultsModel()
    hits = tuple(_hit(i, f"Title {i}") for i in range(1, 121))
    model.set_results(SearchResults(query="x", total=120, hits=hits[:50]))
    asked: list[int] = []
    model.more_wanted.connect(asked.append)
    assert model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    model.fetchMore(QModelIndex())  # the view asks again before the answer: one request
    assert asked == [100] and not model.canFetchMore(QModelIndex())
    inserted: list[tuple[int, int]] = []
    model.rowsInserted.connect(lambda _parent, first, last: inserted.append((first, last)))
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))
    assert model.set_results(SearchResults(query="x", total=120, hits=hits[:100]))
    assert inserted == [(50, 99)] and resets == []
    # A refresh whose top changed (a new article ranks first): a reset, not rows added.
    changed = (_hit(500, "New"), *hits[:119])
    assert not model.set_results(SearchResults(query="x", total=121, hits=changed[:100]))
    assert resets == [True] and model.rowCount() == 100
    qtmodeltester.check(model, force_py=True)  # (it asks for more itself: checked last)


def test_a_page_that_brings_nothing_more_stops_the_asking(qtmodeltester) -> None:
    model = SearchResultsModel()
    hits = tuple(_hit(i, f"Title {i}") for i in range(1, 61))
    # 65 counted, 60 there (5 dropped as stale when their texts were asked for).
    model.set_results(SearchResults(query="x", total=65, hits=hits[:50]))
    model.fetchMore(QModelIndex())
    assert model.set_results(SearchResults(query="x", total=65, hits=hits))
    assert model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))
    assert not model.set_results(SearchResults(query="x", total=65, hits=hits))
    assert resets == [] and model.rowCount() == 60  # the rows stay where they are
    assert not model.canFetchMore(QModelIndex())  # and the view is not asked again
    # A new query starts afresh.
    model.set_results(SearchResults(query="y", total=65, hits=hits[:50]))
    assert model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    model.cancel_fetch()  # the query changed before the page was asked for
    assert model.canFetchMore(QModelIndex())
    qtmodeltester.check(model, force_py=True)
