"""Search correctness on the real BBC News corpus (2,124 unique articles, ../shared/corpora).

Expected numbers are computed here from the raw files with a tokenizer of the test's own,
not copied from a run of the index.
"""

from __future__ import annotations

import re
import time
from collections import Counter
from collections.abc import Iterator

import pytest

from index import IndexDocument
from tests.bbc_raw import BBC, RawArticle, read_bbc
from tests.unit.index_support import IndexUnderTest, article

pytestmark = [
    pytest.mark.corpus,
    pytest.mark.skipif(not BBC.is_dir(), reason=f"the BBC News corpus is not present at {BBC}"),
]

_WORD = re.compile(r"\w+(?:\.\w+)*")


def _tokens(text: str) -> list[str]:
    return [word.lower() for word in _WORD.findall(text)]


def _has_sequence(tokens: list[str], words: list[str]) -> bool:
    n = len(words)
    return any(tokens[i : i + n] == words for i in range(len(tokens) - n + 1))


def _edits(a: str, b: str) -> int:
    """Levenshtein distance (insertions, deletions, substitutions), as Whoosh's automaton:
    a transposition counts as two edits."""
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


@pytest.fixture(scope="module")
def raw() -> list[RawArticle]:
    return read_bbc()


@pytest.fixture(scope="module")
def bbc(raw, tmp_path_factory: pytest.TempPathFactory) -> Iterator[IndexUnderTest]:
    docs: list[IndexDocument] = [
        article(a.number, a.title, a.body, collection=a.collection) for a in raw
    ]
    created = IndexUnderTest(tmp_path_factory.mktemp("bbc") / "ix", docs)
    yield created
    created.close()


def _matching(raw: list[RawArticle], test) -> set[int]:
    return {a.number for a in raw if test(_tokens(a.title)) or test(_tokens(a.body))}


def test_corpus_has_the_unique_articles(raw):
    assert len(raw) == 2124


@pytest.mark.parametrize("query", ['"interest rates"', "blair brown", "broadband"])
def test_totals_are_exact_at_any_limit(bbc, query):
    small = bbc.search(query, limit=10)
    large = bbc.search(query, limit=3000, snippets=False)
    assert small.error is None and large.error is None
    assert small.total_exact and large.total_exact
    assert small.total == large.total == len(large.hits)
    assert len(small.hits) == 10


def test_blair_brown_total_matches_the_raw_files(bbc, raw):
    # AND across fields: each word in the title or the body.
    expected = {
        a.number
        for a in raw
        if {"blair", "brown"} <= set(_tokens(a.title)) | set(_tokens(a.body))
    }
    assert bbc.search("blair brown", limit=10).total == len(expected)


def test_the_who_is_found_as_a_phrase(bbc, raw):
    expected = _matching(raw, lambda tokens: _has_sequence(tokens, ["the", "who"]))
    results = bbc.search('"The Who"', limit=100)
    assert 0 < len(expected) < 20
    assert {hit.id for hit in results.hits} == expected
    assert results.total == len(expected)


def test_us_is_searchable(bbc, raw):
    exact = _matching(raw, lambda tokens: "us" in tokens)
    assert len(exact) > 100
    assert bbc.search('"US"', limit=10).total == len(exact)
    # Stemmed, "US" also meets "use" and "used": a superset.
    assert bbc.search("US", limit=10).total > len(exact)
    in_titles = {a.number for a in raw if "us" in _tokens(a.title)}
    assert bbc.search('title:"US"', limit=10).total == len(in_titles) > 0
    assert bbc.search("title:US", limit=10).total >= len(in_titles)


@pytest.mark.parametrize("word", ["it", "may", "will"])
def test_former_stop_words_are_searchable(bbc, raw, word):
    exact = _matching(raw, lambda tokens: word in tokens)
    assert bbc.search(f'"{word}"', limit=10).total == len(exact) > 0


@pytest.mark.parametrize(("typo", "word"), [("technolgy", "technology"), ("elecion", "election")])
def test_fuzzy_terms_find_the_real_word(bbc, raw, typo, word):
    def near(tokens: list[str]) -> bool:
        return any(t[:2] == typo[:2] and _edits(t, typo) <= 1 for t in tokens)

    expected = _matching(raw, near)
    with_word = _matching(raw, lambda tokens: word in tokens)
    assert len(with_word) > 50
    assert with_word <= expected
    results = bbc.search(f"{typo}~", limit=3000, snippets=False)
    assert results.error is None
    assert {hit.id for hit in results.hits} == expected
    assert results.total == len(expected)


def test_field_with_phrase(bbc, raw):
    wanted = "losing yourself in online gaming"
    expected = {a.number for a in raw if wanted in " ".join(_tokens(a.title))}
    results = bbc.search('title:"Losing yourself in online gaming"')
    assert results.error is None
    assert len(expected) == 1
    assert {hit.id for hit in results.hits} == expected
    (hit,) = results.hits
    assert [hit.title[s:e].lower() for s, e in hit.title_spans] == [wanted]


def test_phrase_hits_mark_only_the_phrase(bbc):
    results = bbc.search('"interest rates"', limit=100)
    assert results.hits
    phrase = re.compile(r"interest\w*\s+rate\w*", re.IGNORECASE)
    for hit in results.hits:
        body = bbc.texts.documents[hit.key].body
        marked = [body[s:e] for s, e in hit.body_spans]
        assert marked, hit.title
        assert all(phrase.fullmatch(text) for text in marked), marked


def test_collection_facet(bbc, raw):
    counts = Counter(a.collection for a in raw)
    assert bbc.search("collection:sport").total == counts["sport"]
    assert bbc.search("collection:tech broadband").total <= counts["tech"]


def test_a_prefix_with_thousands_of_words_is_capped_and_bounded(bbc):
    started = time.perf_counter()
    results = bbc.search("pr*")
    elapsed = time.perf_counter() - started
    assert elapsed < 10.0
    assert results.error is None
    assert results.notice is not None and "“pr”" in results.notice
    assert not results.total_exact
    assert len(results.hits) == 20


def test_a_search_cut_short_says_so(bbc):
    # A real, very short time limit: whatever it managed is never presented as complete.
    results = bbc.search("the OR a OR of", time_limit=0.001)
    full = bbc.search("the OR a OR of")
    assert full.total_exact and full.total == 2124
    if results.timed_out:
        assert not results.total_exact
        assert results.total <= full.total
        assert results.notice and "stopped" in results.notice
    else:
        assert results.total == full.total


def test_candidate_scan_agrees_with_full_tokenising_on_every_article(raw):
    from index.span_finder import SpanFinder
    from index.span_plan import FieldMarks
    from index.text_analysis import TextAnalysis

    stem = TextAnalysis.stem
    marks = [
        FieldMarks(stems=frozenset(stem(w) for w in ("election", "government", "us", "it"))),
        FieldMarks(exact=frozenset({"technology", "the", "£15.8m", "u.s", "3.5"})),
        FieldMarks(phrases=((("interest", "rate"), 1), (("the", "who"), 1), (("say", "he"), 3))),
        FieldMarks(exact=frozenset(f"pr{c}" for c in "aeiou"), stems=frozenset({"prime"})),
    ]
    differing = [
        (article.number, index)
        for article in raw
        for index, field_marks in enumerate(marks)
        for text in (article.title, article.body)
        if SpanFinder.find(text, field_marks) != SpanFinder.find_by_tokens(text, field_marks)
    ]
    assert differing == []
