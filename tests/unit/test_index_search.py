"""Query features of SearchIndex.search(): operators, stemming, ranking, errors, limits."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

import index.search_runner
from index import IndexStatus, SearchIndex
from tests.unit.index_support import IndexUnderTest, MemoryTexts, article

FILLER = " ".join(["The committee met again to discuss the budget and the schedule."] * 6)

DOCS = [
    article(1, "Spy story", "The spy was captured yesterday near the border.", "Reuters"),
    article(2, "Word games", "Captured was the word on everyone's lips.", "BBC News"),
    article(
        3,
        "General Soleimani killed",
        "Qasem Soleimani was killed in a drone strike.",
        source="Al Jazeera",
        author="Jane Doe",
        published="2020-01-03",
    ),
    article(4, "Markets", "Stocks rallied while bonds fell. " + FILLER, "Reuters"),
    article(5, "Weather", "Rain tomorrow, sun on Sunday. " + FILLER, "BBC News"),
]


@pytest.fixture
def search_index(tmp_path: Path) -> Iterator[IndexUnderTest]:
    created = IndexUnderTest(tmp_path / "ix", DOCS)
    yield created
    created.close()


def _ids(search_index: IndexUnderTest, query: str) -> set[int]:
    return search_index.ids(query)


def test_hit_carries_stored_fields(search_index):
    results = search_index.search("soleimani")
    assert results.query == "soleimani"
    assert results.total == 1
    (hit,) = results.hits
    assert hit.id == 3
    assert hit.key == "article:3"
    assert hit.kind == "article"
    assert hit.article_id == 3
    assert hit.title == "General Soleimani killed"
    assert hit.source == "Al Jazeera"
    assert hit.published == "2020-01-03"
    assert hit.score > 0
    assert not results.timed_out
    assert results.total_exact
    assert results.notice is None


def test_missing_published_reads_back_as_none(search_index):
    (hit,) = search_index.search("spy").hits
    assert hit.published is None


def test_stemming_matches_other_word_forms(search_index):
    assert _ids(search_index, "capture") == {1, 2}
    assert _ids(search_index, "capturing") == {1, 2}


def test_words_are_anded_by_default(search_index):
    assert _ids(search_index, "spy border") == {1}
    assert _ids(search_index, "spy drone") == set()


def test_or_and_not(search_index):
    assert _ids(search_index, "spy OR drone") == {1, 3}
    assert _ids(search_index, "captured NOT spy") == {2}


def test_phrase_requires_adjacent_words_in_order(search_index):
    assert _ids(search_index, '"was captured"') == {1}
    assert _ids(search_index, '"captured was"') == {2}


def test_field_queries(search_index):
    assert _ids(search_index, "source:reuters") == {1, 4}
    assert _ids(search_index, "author:doe") == {3}
    assert _ids(search_index, "title:spy") == {1}
    assert _ids(search_index, "title:border") == set()


def test_source_is_not_stemmed(search_index):
    # "news" would stem to "new" in a stemmed field; the source field keeps it whole.
    assert _ids(search_index, "source:news") == {2, 5}


def test_prefix_query(search_index):
    assert _ids(search_index, "capt*") == {1, 2}


def test_fuzzy_query_finds_misspelling(search_index):
    assert _ids(search_index, "Soleimany~") == {3}
    assert _ids(search_index, "Soleimanu~") == {3}


def test_fuzzy_query_requires_a_matching_prefix(search_index):
    # One edit away, but the edit is in the guarded prefix.
    assert _ids(search_index, "Xoleimani~") == set()


@pytest.mark.parametrize("query", ["x~", "x~2", "ab~2/9"])
def test_fuzzy_prefix_longer_than_word_does_not_crash(search_index, query):
    # Whoosh's Levenshtein automaton indexes past the word when the prefix is longer.
    results = search_index.search(query)
    assert results.error is None
    assert results.hits == ()


def test_unexpected_engine_failure_marks_the_index_damaged(search_index, monkeypatch, caplog):
    def explode(*args, **kwargs):
        raise RuntimeError("engine broke")

    monkeypatch.setattr(index.search_runner.SearchRunner, "run", explode)
    results = search_index.search("spy")
    assert results.hits == ()
    assert results.error is not None
    assert "rebuilt" in results.error
    # Logged with its traceback for us, and the index flagged so the application rebuilds.
    assert "engine broke" in caplog.text
    check = search_index.index.check()
    assert check.status is IndexStatus.DAMAGED
    assert "engine broke" in check.reason
    monkeypatch.undo()
    assert search_index.search("spy").error  # stays refused until rebuilt
    assert search_index.rebuild(DOCS)
    assert search_index.search("spy").error is None


def test_title_match_outranks_body_only_match(tmp_path):
    docs = [
        article(1, "Budget talks", "Negotiators discuss rocket funding. " + FILLER),
        article(2, "Rocket launch delayed", "Engineers found a fault. " + FILLER),
        article(3, "Short note", "A rocket."),
        article(4, "Another", FILLER),
    ]
    search_index = IndexUnderTest(tmp_path / "ix", docs)
    hits = search_index.search("rocket").hits
    search_index.close()
    assert hits[0].id == 2
    assert {hit.id for hit in hits} == {1, 2, 3}


@pytest.mark.parametrize(
    "query",
    ["title:(", "AND", "OR NOT", "", "   ", '"unclosed phrase', "budget)", "title:", "*a*"],
)
def test_bad_query_returns_error_not_exception(search_index, query):
    results = search_index.search(query)
    assert results.error
    assert results.hits == ()
    assert results.total == 0
    assert results.query == query


def test_parentheses_inside_a_phrase_are_not_syntax(search_index):
    assert search_index.search('"spy (was" OR spy').error is None


def test_total_counts_beyond_limit(tmp_path):
    docs = [article(n, f"Zebra {n}", "zebra crossing") for n in range(1, 8)]
    search_index = IndexUnderTest(tmp_path / "ix", docs)
    results = search_index.search("zebra", limit=3)
    search_index.close()
    assert len(results.hits) == 3
    assert results.total == 7
    assert results.total_exact


def test_add_then_search_finds_new_document(search_index):
    assert _ids(search_index, "platypus") == set()
    search_index.add([article(10, "Platypus found", "A platypus in the river.")])
    assert _ids(search_index, "platypus") == {10}
    assert search_index.index.document_count() == len(DOCS) + 1


def test_add_with_existing_id_replaces_document(search_index):
    search_index.add([article(1, "Spy story", "Rewritten text about a falcon.")])
    assert _ids(search_index, "falcon") == {1}
    assert _ids(search_index, "border") == set()
    assert search_index.index.document_count() == len(DOCS)


def test_delete_removes_documents(search_index):
    search_index.delete([1, 3])
    assert _ids(search_index, "capture") == {2}
    assert _ids(search_index, "soleimani") == set()
    assert search_index.index.document_count() == len(DOCS) - 2


def test_long_lived_searcher_sees_deletes_and_updates(search_index):
    # Search first so this thread holds a searcher from before the commits.
    assert _ids(search_index, "capture") == {1, 2}
    search_index.delete([2])
    assert _ids(search_index, "capture") == {1}
    search_index.add([article(1, "Spy story", "Now about a falcon.")])
    assert _ids(search_index, "capture") == set()
    assert _ids(search_index, "falcon") == {1}


def test_no_duplicate_hits_after_segment_merges(search_index):
    # Many small commits make Whoosh merge segments; a reused reader once listed both the
    # merged segment and its sources, returning every document twice.
    for n in range(12):
        search_index.add([article(100 + n, f"Heron {n}", "bird")])
        results = search_index.search("heron", limit=50)
        ids = [hit.id for hit in results.hits]
        assert len(ids) == len(set(ids)) == n + 1
        assert results.total == n + 1


def test_search_without_index_reports_error(tmp_path):
    search_index = SearchIndex(tmp_path / "nothing")
    results = search_index.search("anything", texts=MemoryTexts())
    assert results.error
    assert results.hits == ()
    assert search_index.document_count() == 0
    assert not (tmp_path / "nothing").exists()


def test_add_without_index_raises_not_ready(tmp_path):
    from index import IndexNotReadyError

    search_index = IndexUnderTest(tmp_path / "nothing")
    with pytest.raises(IndexNotReadyError):
        search_index.add([article(1, "t", "b")])


def test_snippets_false_skips_body_highlighting(search_index):
    (hit,) = search_index.search("spy", snippets=False).hits
    assert hit.snippet.text == ""
    assert hit.body_spans == ()
    assert hit.title_spans == ((0, 3),)
