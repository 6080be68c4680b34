"""Expanded prefix and fuzzy terms, scored in one pass over their posting blocks, score
every document exactly as Whoosh's union of term matchers does."""

from __future__ import annotations

from pathlib import Path

import pytest
from whoosh.matching import UnionMatcher

from index.expanded_terms import ExpandedTerms
from index.prescored_matcher import BLOCK, PrescoredMatcher
from index.search_deadline import SearchDeadline
from tests.unit.index_support import IndexUnderTest, article, whoosh_index

WORDS = ("price", "prices", "priced", "pricing", "prime", "print", "oil")


def _scores(matcher) -> dict[int, float]:
    found = {}
    while matcher.is_active():
        found[matcher.id()] = matcher.score()
        matcher.next()
    return found


@pytest.mark.parametrize("boost", [1.0, 2.0])
def test_the_one_pass_scores_are_the_unions(tmp_path: Path, boost: float) -> None:
    def body(n: int) -> str:
        return " ".join(WORDS[k % 7] for k in range(n % 11 + 1)) + " filler" * (n % 5)

    built = IndexUnderTest(tmp_path / "ix", [article(n, WORDS[n % 7], body(n))
                                             for n in range(1, 400)])
    built.add([article(n, "prices", "priced pricing") for n in range(400, 420)])
    built.delete(list(range(3, 400, 9)))
    raw = whoosh_index(built.index)
    words = ["price", "prices", "priced", "pricing", "prime", "print"]
    with raw.searcher() as searcher:
        assert len(searcher.subsearchers) == 2
        for sub, _ in searcher.subsearchers:
            for field in ("body_exact", "title_exact"):
                expanded = ExpandedTerms(field, words, "pri*", SearchDeadline(30), boost=boost)
                fast = expanded.matcher(sub, sub.context())
                assert isinstance(fast, PrescoredMatcher)
                slow = expanded._union(sub, sub.context())
                want, got = _scores(slow), _scores(fast)
                assert sorted(got) == sorted(want)
                for doc, score in want.items():
                    assert got[doc] == pytest.approx(score, rel=1e-9), doc
                unscored = expanded.matcher(sub, sub.boolean_context())
                assert list(unscored.all_ids()) == sorted(want)
    built.close()


def test_skipping_by_block_quality_keeps_the_best(tmp_path: Path) -> None:
    ids = list(range(0, 2000, 3))
    scores = [((i * 7919) % 1000) / 10 for i in range(len(ids))]
    matcher = PrescoredMatcher(ids, scores)
    best = max(scores)
    # Skipping every block that cannot beat 99.0 lands on blocks that can, never past one.
    matcher.skip_to_quality(99.0)
    assert matcher.is_active() and matcher.block_quality() > 99.0
    assert matcher.max_quality() == best
    matcher.skip_to(ids[-1])
    assert matcher.id() == ids[-1]
    matcher.next()
    assert not matcher.is_active()


def test_a_matcher_run_out_past_a_full_block_answers_the_union() -> None:
    # Found at 50,000 articles: "pr*" failed (and marked the index damaged) when Whoosh's
    # union asked a prefix matcher of exactly two full blocks for its block quality after
    # a skip had run it out.
    low = PrescoredMatcher(list(range(0, 2 * BLOCK)), [1.0] * (2 * BLOCK))
    other = PrescoredMatcher(list(range(1, 4 * BLOCK, 2)), [0.5] * (2 * BLOCK))
    union = UnionMatcher(low, other)
    low.skip_to_quality(5.0)  # runs it out: no block beats 5.0
    assert not low.is_active() and low.block_quality() == 0.0
    assert union.skip_to_quality(5.0) >= 0  # asks the run-out side again: no IndexError
