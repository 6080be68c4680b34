"""Bounded queries: refused patterns, length caps, capped expansion, deadlines, cancel."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from index import SearchIndex
from index.query_builder import MAX_QUERY_CHARS, MAX_QUERY_WORDS
from index.search_runner import CANCELLED
from index.term_expander import MAX_EXPANSIONS
from tests.unit.index_support import IndexUnderTest, article, whoosh_index

# Many words sharing the prefix "pr": more than the expansion cap. Each document holds 40
# rare words (one document each) and the ten "prhot" words, which are the most common.
RARE_PER_DOC = 40
DOC_COUNT = 30
HOT = [f"prhot{n}" for n in range(10)]


def _docs() -> list:
    docs = []
    for n in range(DOC_COUNT):
        rare = " ".join(f"prrare{n:03d}x{k:02d}" for k in range(RARE_PER_DOC))
        hot = " ".join(HOT) if n < 5 else ""
        docs.append(article(n + 1, f"Document {n}", f"{hot} {rare} filler words"))
    return docs


@pytest.fixture(scope="module")
def searchable(tmp_path_factory: pytest.TempPathFactory) -> Iterator[IndexUnderTest]:
    created = IndexUnderTest(tmp_path_factory.mktemp("limits") / "ix", _docs())
    yield created
    created.close()


def test_the_synthetic_index_exceeds_the_cap():
    assert DOC_COUNT * RARE_PER_DOC + len(HOT) > MAX_EXPANSIONS


@pytest.mark.parametrize("query", ["*a*", "**", "?x", "a*", "*", "title:*", "x?z*", "title:?ab"])
def test_leading_wildcards_are_refused_with_a_hint(searchable, query):
    started = time.perf_counter()
    results = searchable.search(query)
    assert time.perf_counter() - started < 1.0
    assert results.error is not None
    assert "at least 2 letters" in results.error
    assert results.hits == ()


def test_two_letters_before_a_wildcard_are_enough(searchable):
    assert searchable.search("pr*").error is None
    assert searchable.search("prh?t1").total == 5


def test_prefix_expansion_is_capped_and_says_so(searchable):
    results = searchable.search("pr*", limit=50)
    assert results.error is None
    assert results.notice == (
        f"Only the {MAX_EXPANSIONS} most common words starting with “pr” were searched."
    )
    # Some documents match only through words that were left out: the count is a floor.
    assert not results.total_exact
    assert 0 < results.total < DOC_COUNT
    # The most common words were kept: every hot word is marked in a document holding them.
    hot_hit = next(hit for hit in results.hits if hit.id == 1)
    body = searchable.texts.documents[hot_hit.key].body
    marked = {body[s:e] for s, e in hot_hit.body_spans}
    assert set(HOT) <= marked
    # Ties are broken alphabetically, so the last document's rare words were left out.
    assert DOC_COUNT not in {hit.id for hit in results.hits}


def test_uncapped_prefix_is_exact_without_notice(searchable):
    results = searchable.search("prhot*")
    assert results.notice is None
    assert results.total_exact
    assert results.total == 5


def test_too_many_pattern_words_are_refused(searchable):
    results = searchable.search("pra* prb* prc* prd* pre* prf*")
    assert results.error is not None
    assert "at most 5" in results.error


def test_a_two_thousand_word_phrase_is_refused_at_once(searchable):
    phrase = '"' + " ".join(f"word{n}" for n in range(2000)) + '"'
    started = time.perf_counter()
    results = searchable.search(phrase)
    assert time.perf_counter() - started < 1.0
    assert results.error is not None
    assert "too long" in results.error or "too many words" in results.error


def test_word_count_is_capped(searchable):
    at_cap = " OR ".join(["filler"] * (MAX_QUERY_WORDS // 2))
    assert searchable.search(at_cap).error is None
    over = " ".join(f"w{n}" for n in range(MAX_QUERY_WORDS + 1))
    results = searchable.search(over)
    assert results.error is not None
    assert f"at most {MAX_QUERY_WORDS}" in results.error
    # The apostrophe is explained only under a query that has one.
    assert "apostrophe" not in results.error
    assert "apostrophe" in (searchable.search(over + " Brown's").error or "")


def test_query_length_is_capped(searchable):
    results = searchable.search("x" * (MAX_QUERY_CHARS + 1))
    assert results.error is not None
    assert "too long" in results.error


@pytest.mark.parametrize("query", ["\ud83d", "otter \udcff", "\udc80abc OR x"])
def test_lone_surrogates_get_a_clear_message(searchable, query):
    results = searchable.search(query)
    assert results.error is not None
    assert "invalid character" in results.error
    assert results.hits == ()


def test_time_limit_covers_expansion(searchable):
    # A deadline already over: the expansion is the first thing that looks at the clock.
    results = searchable.search("pr*", time_limit=0.0)
    assert results.timed_out
    assert not results.total_exact
    assert results.hits == ()
    assert results.notice is not None and "stopped" in results.notice


def test_time_limit_covers_matcher_building_and_collecting(searchable):
    results = searchable.search("filler", time_limit=0.0)
    assert results.timed_out
    assert results.error is None
    assert not results.total_exact
    assert results.total < DOC_COUNT


def test_cancel_stops_the_search_while_collecting(tmp_path):
    docs = [article(n, f"Otter {n}", "otter river") for n in range(1, 401)]
    searchable = IndexUnderTest(tmp_path / "ix", docs)
    calls: list[int] = []

    def cancel() -> bool:
        calls.append(1)
        # First look: before the matcher is built; then one look per 128 matches collected.
        return len(calls) == 3

    results = searchable.search("otter", cancel=cancel)
    searchable.close()
    assert results.error == CANCELLED
    assert results.hits == ()
    assert len(calls) == 3  # stopped at that look, mid-collection, and looked no more


def test_cancel_that_never_fires_changes_nothing(searchable):
    results = searchable.search("filler", cancel=lambda: False)
    assert results.error is None
    assert results.total == DOC_COUNT and results.total_exact


def test_cancel_before_anything_ran(searchable):
    assert searchable.search("filler", cancel=lambda: True).error == CANCELLED


def test_spans_are_bounded_on_huge_bodies(tmp_path):
    # The index holds a short article; the database now holds a 30 MB body for it (the
    # spans and snippet come from the database, so this is what a search must cope with).
    searchable = IndexUnderTest(tmp_path / "ix", [article(1, "Giant", "needle at the start")])
    filler = "hay " * (30_000_000 // 4)
    huge = "needle at the start " + filler + " needle at the end"
    searchable.texts.put([article(1, "Giant", huge)])
    started = time.perf_counter()
    results = searchable.search("needle")
    elapsed = time.perf_counter() - started
    searchable.close()
    (hit,) = results.hits
    assert elapsed < 3.0
    assert hit.body_spans[0] == (0, 6)
    assert all(end <= SearchIndex.MARKED_CHARS for _, end in hit.body_spans)
    assert hit.snippet.spans


def test_expansion_is_also_capped_by_postings(searchable):
    from whoosh import query

    from index.expanded_terms import ExpandedTerms
    from index.search_deadline import SearchDeadline
    from index.term_expander import TermExpander

    # Each hot word is in 5 documents, each rare one in 1: a budget of 12 postings keeps
    # the two most common words (10 postings), never a third (15).
    expander = TermExpander(cap=500, postings=12)
    with whoosh_index(searchable.index).searcher() as searcher:
        expansion = expander.expand(
            query.Prefix("body_exact", "pr"), searcher, SearchDeadline(5.0)
        )
        single = TermExpander(cap=500, postings=1).expand(
            query.Prefix("body_exact", "prhot"), searcher, SearchDeadline(5.0)
        )
    assert isinstance(expansion.query, ExpandedTerms)
    assert expansion.query.words == ("prhot0", "prhot1")
    assert expansion.notices == ("Only the 2 most common words starting with “pr” were searched.",)
    # The most common word is kept even when it alone exceeds the budget.
    assert single.query.words == ("prhot0",)
    assert single.notices == ("Only the most common word starting with “prhot” was searched.",)


def test_a_fuzzy_term_keeps_the_word_as_typed_first(tmp_path):
    from whoosh import query

    from index.search_deadline import SearchDeadline
    from index.term_expander import TermExpander

    docs = [article(n, "t", "farm here") for n in range(1, 6)] + [article(9, "t", "a form")]
    searchable = IndexUnderTest(tmp_path / "ix", docs)
    with whoosh_index(searchable.index).searcher() as searcher:
        fuzzy = query.FuzzyTerm("body_exact", "form", maxdist=1, prefixlength=1)
        expansion = TermExpander(cap=500, postings=1).expand(fuzzy, searcher, SearchDeadline(5))
    searchable.close()
    # "farm" (one letter away) is in five documents, "form" in one: "form" stays.
    assert expansion.query.words == ("form",)
    assert expansion.notices == ("Only the most common word similar to “form” was searched.",)
