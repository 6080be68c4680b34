"""Accents do not matter in searches: the index and the query fold Latin diacritics alike,
and marks still fall on the text's own characters."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from index.text_analysis import TextAnalysis, fold
from tests.unit.index_support import IndexUnderTest, article

BODIES = {
    1: "Élection présidentielle: the vote in Zürich 🗳 was calm.",
    2: "A plain election, a café and a naïve question in Zurich.",
    3: "Nothing of the kind here, only Łódź and Straße.",
}


@pytest.fixture
def built(tmp_path: Path) -> Iterator[IndexUnderTest]:
    index = IndexUnderTest(tmp_path / "ix", [article(n, f"Story {n}", body)
                                             for n, body in BODIES.items()])
    yield index
    index.close()


def _ids(index: IndexUnderTest, text: str) -> set[int]:
    found = index.search(text, 10)
    assert found.error is None, (text, found.error)
    return {int(hit.key.rsplit(":", 1)[1]) for hit in found.hits}


@pytest.mark.parametrize("text", ["election", "élection", "ELECTION", "Élections"])
def test_a_word_is_found_with_or_without_its_accents(built: IndexUnderTest, text: str) -> None:
    assert _ids(built, text) == {1, 2}


@pytest.mark.parametrize("text", ["zurich", "Zürich", '"in Zurich"', "zür*", "cafe",
                                  "café", "naive", "électi*", "elecion~"])
def test_phrases_prefixes_and_typos_fold_too(built: IndexUnderTest, text: str) -> None:
    assert _ids(built, text) & {1, 2}, text


def test_letters_that_do_not_decompose_stay_themselves(built: IndexUnderTest) -> None:
    assert _ids(built, "Łódź") == {3}
    assert _ids(built, "lodz") == set()  # "ł" is a letter of its own, not an accented l
    assert fold("łódź") == "łodz"


def test_marks_fall_on_the_accented_words_in_code_points(built: IndexUnderTest) -> None:
    found = built.search("zurich", 10)
    hit = next(h for h in found.hits if h.key.endswith(":1"))
    body = BODIES[1]
    assert [body[start:end] for start, end in hit.body_spans] == ["Zürich"]


def test_folding_keeps_every_offset() -> None:
    text = "ÀÉÎÕÜ àéîõü Ǻǻ Ḁḁ Ắắ ẞ"
    assert len(fold(text)) == len(text)
    assert fold(text) == "AEIOU aeiou Aa Aa Aa ẞ"
    assert [word for word, _, _ in TextAnalysis.tokens("Crème brûlée")] == ["creme", "brulee"]
