"""Phrases matched from posting blocks find and score exactly what Whoosh's phrase does."""

from __future__ import annotations

from pathlib import Path

import pytest
from whoosh import query

from index.exact_phrase import ExactPhrase
from index.prescored_matcher import PrescoredMatcher
from index.search_deadline import SearchDeadline, SearchTimedOut
from tests.unit.index_support import IndexUnderTest, article, whoosh_index

# "thes" and "others" are indexed as their stems ("the", "other"), as their article pairs.
WORDS = ("the", "who", "interest", "rate", "oil", "price", "the", "prime", "minister",
         "thes", "others")
PHRASES = (("the", "who"), ("interest", "rate"), ("rate", "interest"), ("the", "the"),
           ("oil", "price", "the"), ("prime", "minist"), ("who", "nobodi"), ("the", "oil", "price"),
           ("the", "other"), ("the", "who", "the"), ("rate", "the", "who"),
           ("the", "who", "interest"), ("the", "other", "the", "who"))


def _matches(matcher) -> dict[int, float]:
    found = {}
    while matcher.is_active():
        found[matcher.id()] = matcher.score()
        matcher.next()
    return found


def _body(n: int) -> str:
    return " ".join(WORDS[(n * k + k // 3) % len(WORDS)] for k in range(3 + n % 17))


@pytest.fixture
def built(tmp_path: Path):
    index = IndexUnderTest(tmp_path / "ix", [article(n, _body(n + 1)[:30], _body(n))
                                             for n in range(1, 500)])
    index.add([article(n, "The Who", _body(n * 5)) for n in range(500, 540)])
    index.delete(list(range(2, 500, 11)))
    yield index
    index.close()


def test_the_same_matches_and_scores_as_whooshs_phrase(built: IndexUnderTest) -> None:
    raw = whoosh_index(built.index)
    with raw.searcher() as searcher:
        assert len(searcher.subsearchers) == 2
        seen = 0
        for sub, _ in searcher.subsearchers:
            for words in PHRASES:
                for field, boost in (("body", 1.0), ("title", 2.0)):
                    ours = ExactPhrase(field, words, SearchDeadline(30), boost=boost)
                    theirs = query.Phrase(field, list(words), boost=boost)
                    want = _matches(theirs.matcher(sub, sub.context()))
                    fast = ours.matcher(sub, sub.context())
                    got = _matches(fast)
                    assert sorted(got) == sorted(want), (field, words)
                    for doc, score in want.items():
                        assert got[doc] == pytest.approx(score, rel=1e-9)
                    assert sorted(ours.matcher(sub, sub.boolean_context()).all_ids()) \
                        == sorted(want)
                    seen += len(want)
                    if want:
                        assert isinstance(fast, PrescoredMatcher)
        assert seen > 50


def test_a_search_counts_phrases_exactly(built: IndexUnderTest) -> None:
    for text in ('"the who"', '"interest rates"', 'title:"the who"', '"oil price" NOT prime',
                 '"the who" OR "prime minister"'):
        small = built.search(text, 3, snippets=False)
        large = built.search(text, 1000, snippets=False)
        assert small.total == large.total == len(large.hits), text
        assert small.total_exact and large.total_exact
        assert text == '"oil price" NOT prime' or large.total > 3, text


def test_the_deadline_stops_a_phrase(built: IndexUnderTest) -> None:
    raw = whoosh_index(built.index)
    with raw.searcher() as searcher:
        sub = searcher.subsearchers[0][0]
        with pytest.raises(SearchTimedOut):
            ExactPhrase("body", ["the", "who"], SearchDeadline(0.0)).matcher(sub, sub.context())


def test_many_encoded_positions_read_at_once_are_whooshs() -> None:
    from itertools import accumulate

    from whoosh import formats

    from index.exact_phrase import _positions_decoder
    from index.text_field import TextField

    positions = formats.Positions()
    lists = [[0], [5], [3, 4, 900], list(range(0, 3000, 2)), [70_000, 70_001, 2**31 - 1],
             [255, 256, 65_535, 65_536]]
    values = [positions.encode(p) for p in lists]
    # The field's own encoder (cached encodings of single positions) is read the same way.
    field = TextField(stemmed=False)
    values += [dict(zip(*field.postings("a b a c")[::3], strict=True))[b"a"]]
    lists.append([0, 2])
    decoded = _positions_decoder(positions)(values)
    assert [list(accumulate(gaps)) for gaps in decoded] == lists
    assert [positions.decode_positions(v) for v in values] == lists


def test_a_search_reads_each_words_postings_once_per_segment(
        built: IndexUnderTest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Counting the matches and scoring them (with and without a weighting) share one
    reading of each word's posting blocks in each segment and field."""
    import index.exact_phrase as exact_phrase

    reads: dict[tuple[int, str, str], int] = {}
    real = exact_phrase.posting_values

    def counted(reader, fieldname, word, wanted=None):
        key = (id(reader), fieldname, word)
        reads[key] = reads.get(key, 0) + 1
        return real(reader, fieldname, word, wanted)

    monkeypatch.setattr(exact_phrase, "posting_values", counted)
    found = built.search('"the who"', 10)
    assert found.total > 10
    assert {(field, word) for _, field, word in reads} >= {("body", "the"), ("body", "who")}
    assert len({reader for reader, _, _ in reads}) == 2  # both segments were read
    assert set(reads.values()) == {1}, reads


def test_comparing_positions_looks_at_the_clock_every_slice_of_documents(
        built: IndexUnderTest, monkeypatch: pytest.MonkeyPatch) -> None:
    """A phrase of common words at hundreds of thousands of articles compares positions in
    as many documents: the time limit and the user's cancel are heard between slices."""
    import index.exact_phrase as exact_phrase

    raw = whoosh_index(built.index)

    def looks(every: int) -> int:
        monkeypatch.setattr(exact_phrase, "_CHECK_EVERY", every)
        calls = 0

        def cancel() -> bool:
            nonlocal calls
            calls += 1
            return False

        with raw.searcher() as searcher:
            sub = searcher.subsearchers[0][0]
            # "who the": no article pair narrows it (see the test after this one).
            ExactPhrase("body", ["who", "the"], SearchDeadline(30, cancel)).matcher(
                sub, sub.context())
        return calls

    once = looks(1_000_000)
    often = looks(8)
    with raw.searcher() as searcher:
        reader = searcher.subsearchers[0][0].reader()
        both = set(reader.postings("body", b"the").all_ids()) & set(
            reader.postings("body", b"who").all_ids())
    assert len(both) > 80  # live documents with both words: each one compared
    assert often - once >= len(both) // 8 - 1


def test_an_article_pair_leaves_only_its_documents_to_read(
        built: IndexUnderTest, monkeypatch: pytest.MonkeyPatch) -> None:
    """"the who" is indexed as a pair (ArticlePairs): the words' blocks are read only where
    the pair is, which is fewer documents than those with both words."""
    import index.exact_phrase as exact_phrase
    from index.posting_blocks import posting_blocks

    wanted_of: dict[str, list[int] | None] = {}
    real = exact_phrase.posting_values

    def recorded(reader, fieldname, word, wanted=None):
        wanted_of[word] = None if wanted is None else list(wanted)
        return real(reader, fieldname, word, wanted)

    monkeypatch.setattr(exact_phrase, "posting_values", recorded)
    raw = whoosh_index(built.index)
    with raw.searcher() as searcher:
        sub = searcher.subsearchers[0][0]
        reader = sub.reader()
        paired = {doc for ids, _ in posting_blocks(reader, "body_pairs", "the who", False)
                  for doc in ids} - set(reader.deleted_docs_set)
        both = set(reader.postings("body", b"the").all_ids()) & set(
            reader.postings("body", b"who").all_ids())
        found = _matches(ExactPhrase("body", ["the", "who"], SearchDeadline(30)).matcher(
            sub, sub.context()))
    assert set(found) <= paired < both
    # Every document with the pair has both words: each word is read in exactly those.
    assert wanted_of["the"] == wanted_of["who"] == sorted(paired)


def test_blocks_without_a_wanted_document_are_not_read(built: IndexUnderTest) -> None:
    from index.posting_blocks import posting_values

    raw = whoosh_index(built.index)
    with raw.searcher() as searcher:
        reader = searcher.subsearchers[0][0].reader()
        every = [list(ids) for ids, _, _ in posting_values(reader, "body", "the")]
        assert len(every) >= 3  # more than 128 documents: several blocks
        docs = [doc for ids in every for doc in ids]
        for wanted in ([docs[0]], [docs[-1]], [every[1][0] - 1, every[1][0]],
                       [every[0][-1] + 1 if every[0][-1] + 1 < every[1][0] else docs[5]],
                       docs[::50], [docs[-1] + 1], []):
            read = [list(ids) for ids, _, _ in posting_values(reader, "body", "the", wanted)]
            # Exactly the blocks whose range (after the last one's end) holds a wanted number.
            expected, first = [], 0
            for ids in every:
                if any(first <= doc <= ids[-1] for doc in wanted):
                    expected.append(ids)
                first = ids[-1] + 1
            assert read == expected, wanted
            assert {doc for ids in read for doc in ids} >= set(wanted) & set(docs)


def test_copies_of_a_phrase_share_its_matches_but_not_each_others_scores(
        built: IndexUnderTest) -> None:
    """A shallow copy (as Whoosh's ``replace`` makes) shares what was found and scores
    with its own boost; a deep copy (``with_boost``) starts afresh and keeps the
    deadline."""
    import copy

    raw = whoosh_index(built.index)
    with raw.searcher() as searcher:
        sub = searcher.subsearchers[0][0]
        plain = ExactPhrase("body", ["the", "who"], SearchDeadline(30))
        first = _matches(plain.matcher(sub, sub.context()))
        doubled = copy.copy(plain)
        doubled.boost = 2.0
        second = _matches(doubled.matcher(sub, sub.context()))
        assert first and sorted(first) == sorted(second)
        for doc, score in first.items():
            assert second[doc] == pytest.approx(2 * score, rel=1e-9)
        tripled = plain.with_boost(3.0)
        assert tripled._memo == {} and tripled._deadline is plain._deadline
        third = _matches(tripled.matcher(sub, sub.context()))
        for doc, score in first.items():
            assert third[doc] == pytest.approx(3 * score, rel=1e-9)
