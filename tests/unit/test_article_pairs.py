"""Article pairs: what a text indexes and what a phrase asks for are the same pairs."""

from __future__ import annotations

import random

from index.article_pairs import ARTICLES, COMMON_WORDS, ArticlePairs
from index.pair_field import PairField
from index.text_analysis import TextAnalysis


def test_an_article_before_a_common_word_is_a_pair() -> None:
    stems = TextAnalysis.stems("The Who played the first night; THE OTHERS, a Beatles "
                               "tribute, an old hall, thes who: the")
    # "thes" stems to "the", as it does in a phrase typed: "thes who" is found by "the who"
    # (and counted once).
    assert ArticlePairs.of_stems(stems) == ["the who", "the first", "the other", "an old"]
    assert ArticlePairs.of_stems(TextAnalysis.stems("Ans Who")) == ["an who"]


def test_a_text_holds_the_pairs_of_every_phrase_it_holds() -> None:
    vocabulary = [*ARTICLES, *COMMON_WORDS[:40], "beatles", "minister", "who's", "others",
                  "as", "ans", "thes"]
    chance = random.Random(6)
    for _ in range(300):
        text = " ".join(chance.choice(vocabulary) for _ in range(chance.randrange(0, 30)))
        stems = TextAnalysis.stems(text)
        held = set(ArticlePairs.of_stems(stems))
        asked: set[str] = set()
        for start in range(len(stems)):
            for end in range(start + 2, min(start + 5, len(stems)) + 1):
                asked.update(ArticlePairs.of_stems(stems[start:end]))
        # Every pair a phrase of the text asks for is held, and every pair held is asked
        # for by the two words it is made of.
        assert asked == held, text


def test_the_field_yields_each_pair_once_without_positions() -> None:
    postings = list(PairField().index("The Who and the who; the first"))
    assert postings == [(b"the who", 1, 1.0, b""), (b"the first", 1, 1.0, b"")]
    # Made of stems, as the stemmed field's words and a phrase's are.
    assert [term for term, *_ in PairField().index("THE OTHERS, thes who")] == [
        b"the other", b"the who"]
