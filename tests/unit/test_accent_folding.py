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
    # Decomposed accents (as some systems write them) and a dotted capital I.
    4: "E\u0301lection day in Zu\u0308rich and İstanbul.",
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


@pytest.mark.parametrize("text", ["election", "élection", "ELECTION", "Élections",
                                  "e\u0301lection"])
def test_a_word_is_found_with_or_without_its_accents(built: IndexUnderTest, text: str) -> None:
    assert _ids(built, text) == {1, 2, 4}


@pytest.mark.parametrize(("text", "found"), [
    ("zurich", {1, 2, 4}), ("Zürich", {1, 2, 4}), ('"in Zurich"', {1, 2, 4}),
    ("zür*", {1, 2, 4}), ("zür?ch", {1, 2, 4}), ("cafe", {2}), ("café", {2}),
    ("naive", {2}), ("électi*", {1, 2, 4}), ("elecion~", {1, 2, 4}), ("istanbul", {4}),
    ("İstanbul", {4}),
])
def test_phrases_prefixes_and_typos_fold_too(built: IndexUnderTest, text: str,
                                             found: set[int]) -> None:
    assert _ids(built, text) == found, text


def test_letters_that_do_not_decompose_stay_themselves(built: IndexUnderTest) -> None:
    assert _ids(built, "Łódź") == {3}
    assert _ids(built, "lodz") == set()  # "ł" is a letter of its own, not an accented l
    assert fold("łódź") == "łodz"


@pytest.mark.parametrize(("number", "marked"), [
    (1, ["Zürich"]), (2, ["Zurich"]), (4, ["Zu\u0308rich"])])
def test_marks_fall_on_the_accented_words_in_code_points(built: IndexUnderTest, number: int,
                                                       marked: list[str]) -> None:
    found = built.search("zurich", 10)
    hit = next(h for h in found.hits if h.key.endswith(f":{number}"))
    body = BODIES[number]
    assert [body[start:end] for start, end in hit.body_spans] == marked


def test_entity_names_and_keywords_fold_too(tmp_path: Path) -> None:
    index = IndexUnderTest(tmp_path / "ix", [
        article(1, "Talks", "Talks went on.", entities=("Zürich Insurance",),
                keywords=("Économie",)),
        article(2, "Other", "Nothing here.")])
    try:
        assert _ids(index, 'entity:"zurich insurance"') == {1}
        assert _ids(index, "keyword:economie") == {1}
        assert _ids(index, "keyword:Économie") == {1}
    finally:
        index.close()


def test_folding_keeps_every_offset() -> None:
    text = "ÀÉÎÕÜ àéîõü Ǻǻ Ḁḁ Ắắ ẞ"
    assert len(fold(text)) == len(text)
    assert fold(text) == "AEIOU aeiou Aa Aa Aa ẞ"
    assert [word for word, _, _ in TextAnalysis.tokens("Crème brûlée")] == ["creme", "brulee"]
