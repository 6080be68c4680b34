"""Pairs of an article and a common word ("the who", "the first"), indexed as terms of their own.

A phrase is matched by reading its words' postings with their positions. When every word
of a phrase is common, that is most of the index: "The Who" at 50,000 articles read the
positions of "the" and "who" in the 25,000 articles holding both, a quarter of a second,
to find 120. Indexing the pair itself answers which articles hold it from one short
posting list; the words' positions are then read only in those.

Only an article followed by a common word makes a pair: the pairs of every word side by
side would double the index, and a phrase with a rarer word is quick anyway (the rarer
word's few articles are the only ones whose positions are read). Articles before common
words are a few pairs per article (1% more postings in the body), and they are the
phrases of common words people search: names of bands, books and films ("The Who", "The
Others", "A Few Good Men") and "the first", "the new", "the last".
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import compress
from typing import Final

from index.text_analysis import TextAnalysis

# Compared as stems, which are these words themselves.
ARTICLES: Final = ("the", "a", "an")

# The commonest words of English news (function words, then the most frequent verbs, nouns
# and adjectives), as typed; their stems are compared.
COMMON_WORDS: Final = (
    "a", "about", "after", "again", "against", "all", "also", "am", "an", "and", "any",
    "are", "as", "at", "back", "be", "because", "been", "before", "being", "best", "between",
    "big", "both", "but", "by", "can", "could", "day", "did", "do", "does", "down", "during",
    "each", "end", "even", "every", "few", "first", "for", "from", "get", "go", "good",
    "government", "great", "had", "has", "have", "he", "her", "here", "high", "him", "his",
    "how", "i", "if", "in", "into", "is", "it", "its", "just", "last", "like", "little",
    "long", "made", "make", "man", "many", "may", "me", "men", "more", "most", "much",
    "must", "my", "new", "next", "no", "not", "now", "number", "of", "off", "old", "on",
    "one", "only", "or", "other", "others", "our", "out", "over", "own", "people", "right",
    "said", "same", "says", "see", "she", "should", "so", "some", "such", "take", "than",
    "that", "the", "their", "them", "then", "there", "these", "they", "this", "those",
    "three", "through", "time", "to", "top", "two", "under", "up", "us", "very", "want",
    "was", "way", "we", "week", "well", "were", "what", "when", "where", "which", "while",
    "who", "why", "will", "with", "world", "would", "year", "years", "you", "your",
)

# Joins the two words of a pair term: no token holds a space, so no word is a pair.
_JOIN: Final = " "
_ARTICLES: Final = frozenset(map(TextAnalysis.stem, ARTICLES))
_COMMON: Final = frozenset(map(TextAnalysis.stem, COMMON_WORDS))


class ArticlePairs:
    """Which pairs a text holds and which a phrase needs, from one definition."""

    @staticmethod
    def of_stems(stems: Sequence[str]) -> list[str]:
        """The distinct pair terms in a run of the stemmed analyzer's terms (a text's, or a
        phrase's), in order of first appearance: an article's stem, then a common stem
        ("ans" stems to "an" in a text as in a phrase: compared as stems, the pairs of a
        text are those of every phrase it holds)."""
        found: dict[str, None] = {}
        # Where the articles are, found in C (a few words in a hundred): ``at`` is the
        # number of the word after one.
        for at in compress(range(1, len(stems)), map(_ARTICLES.__contains__, stems)):
            following = stems[at]
            if following in _COMMON:
                found[stems[at - 1] + _JOIN + following] = None
        return list(found)

    @staticmethod
    def settings() -> dict[str, object]:
        """JSON-ready description (part of the index meta file: a change rebuilds)."""
        return {"articles": list(ARTICLES), "common": list(COMMON_WORDS), "join": _JOIN}
