"""Scores computed for every match at once equal the scores of Whoosh's own matchers, for
every query shape the search box produces, across segments and deleted documents; the
shapes whose score is not a plain sum are left to Whoosh."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from whoosh import query

from index.bulk_scorer import BulkScorer
from index.doc_counter import DocCounter
from index.exact_phrase import ExactPhrase
from index.index_document import IndexDocument
from index.index_schema import IndexSchema
from index.query_builder import QueryBuilder
from index.search_deadline import SearchDeadline
from index.term_expander import TermExpander
from tests.unit.index_support import IndexUnderTest, article, whoosh_index

WORDS = ("oil", "price", "market", "bank", "rate", "interest", "minister", "election",
         "the", "who", "mobile", "phone", "prices", "falls")
# Each of these is scored in bulk (the assertion below checks that it was not left out).
SUMMED = (
    "oil", "the", "oil price", "oil OR bank", '"interest rate"', '"the who" OR mobile',
    "title:oil", "minist*", "electon~", "oil ANDNOT price", "oil ANDMAYBE price",
    "(oil AND market) OR (bank AND rate)", '"mobile phone" AND price', "nothingatall OR oil",
    "(oil OR (bank AND rate)) ANDMAYBE (market AND falls)", "author:reuters OR oil",
    "kind:article",
)
# NOT inside AND adds Whoosh's inverse matcher's weight; a boosted group multiplies.
LEFT_TO_WHOOSH = ("oil NOT price", "(oil market)^2")


def _text(number: int) -> str:
    return " ".join(w for k, w in enumerate(WORDS) if (number >> (k % 7)) & 1 or k == number % 14)


@pytest.fixture
def segmented(tmp_path: Path) -> Iterator[IndexUnderTest]:
    def made(n: int, title: str, body: str) -> IndexDocument:
        # A few articles by an author whose name is also searched as a word.
        return article(n, title, body, author="" if n % 5 else "Reuters Desk")

    built = IndexUnderTest(tmp_path / "ix", [made(n, f"Title {WORDS[n % 14]}", _text(n))
                                              for n in range(1, 120)])
    built.add([made(n, f"Late {WORDS[n % 14]}", _text(n * 3) + " the who")
               for n in range(120, 160)])
    built.delete([*range(1, 120, 7), 121, 130])
    built.add([made(n, "Later oil", _text(n + 5)) for n in range(160, 175)])
    yield built
    built.close()


def _whoosh_scores(q: query.Query, searcher) -> dict[int, float]:
    matcher = q.matcher(searcher, searcher.context())
    found = {}
    while matcher.is_active():
        found[matcher.id()] = matcher.score()
        matcher.next()
    return found


def _queries(searcher, texts: tuple[str, ...]) -> Iterator[tuple[str, query.Query]]:
    builder = QueryBuilder(IndexSchema.build())
    for text in texts:
        deadline = SearchDeadline(30.0)
        expanded = TermExpander().expand(builder.parse(text), searcher, deadline).query
        yield text, expanded.accept(ExactPhrase.replacing(deadline))


def test_every_match_gets_whooshs_score(segmented: IndexUnderTest) -> None:
    raw = whoosh_index(segmented.index)
    with raw.searcher() as searcher:
        assert len(searcher.subsearchers) > 1
        assert any(s.reader().has_deletions() for s, _ in searcher.subsearchers)
        matched = 0
        for text, q in _queries(searcher, SUMMED):
            for sub, _ in searcher.subsearchers:
                scored = BulkScorer(SearchDeadline(30.0)).scored(q, sub, sub.weighting)
                assert scored is not None, text
                ids, scores = scored
                want = _whoosh_scores(q, sub)
                assert ids == sorted(want), text
                for doc, score in zip(ids, scores, strict=True):
                    assert score == pytest.approx(want[doc], rel=1e-9), (text, doc)
                matched += len(ids)
        assert matched > 500  # the queries match something to compare


def test_other_scores_are_left_to_whoosh(segmented: IndexUnderTest) -> None:
    raw = whoosh_index(segmented.index)
    with raw.searcher() as searcher:
        for text, q in _queries(searcher, LEFT_TO_WHOOSH):
            sub = searcher.subsearchers[0][0]
            assert BulkScorer(SearchDeadline(30.0)).scored(q, sub, sub.weighting) is None, text
            # And such a search still answers, ranked as Whoosh ranks it.
            assert segmented.search(text, 5).error is None


def test_a_number_field_term_is_left_to_whoosh_and_counted(segmented: IndexUnderTest) -> None:
    raw = whoosh_index(segmented.index)
    with raw.searcher() as searcher:
        for q in (query.Term("article_num", 5),
                  query.Or([query.Term("body", "nothingatall"), query.Term("article_num", 12)])):
            counted = want = 0
            for sub, _ in searcher.subsearchers:
                assert BulkScorer(SearchDeadline(30.0)).scored(q, sub, sub.weighting) is None
                counted += DocCounter(SearchDeadline(30.0)).count(q, sub)
                want += len(list(q.docs(sub)))
            assert counted == want == 1, q


def test_the_kinds_filter_leaves_scores_alone(segmented: IndexUnderTest) -> None:
    # The filter used to add 1.0 to every score where Whoosh scored it, 0 elsewhere.
    for text in ("oil", "oil price", '"the who" OR mobile', *LEFT_TO_WHOOSH):
        plain = segmented.search(text, 10, snippets=False)
        kept = segmented.search(text, 10, snippets=False, kinds={"article"})
        assert kept.total == plain.total > 0, text
        assert [(h.key, h.score) for h in kept.hits] == [(h.key, h.score) for h in plain.hits]
        assert not segmented.search(text, 10, snippets=False, kinds={"note"}).hits


def test_the_top_hits_are_whooshs_at_any_limit(segmented: IndexUnderTest) -> None:
    raw = whoosh_index(segmented.index)
    with raw.searcher() as searcher:
        for text, q in _queries(searcher, SUMMED + LEFT_TO_WHOOSH):
            hits = searcher.search(q, limit=None)
            everything = sorted((-hit.score, hit.docnum) for hit in hits)
            for limit in (3, 500):
                results = segmented.search(text, limit, snippets=False)
                assert results.error is None and results.total_exact, text
                assert results.total == len(everything), (text, limit)
                want = [pytest.approx(-score, rel=1e-9) for score, _ in everything[:limit]]
                assert [hit.score for hit in results.hits] == want, (text, limit)
