"""TextField gives Whoosh exactly the postings the analyzer would, only faster."""

from __future__ import annotations

import pytest
from whoosh import fields

from index.index_schema import IndexSchema
from index.text_analysis import TextAnalysis
from index.text_field import TextField

TEXTS = [
    "",
    "   ,;  ",
    "The Who played; the who? THE WHO!",
    "U.S.A. rates rose 3.14% in the U.S. and the UK, said Mr. Brown's aides.",
    "Capturing captured captures: the capture of running runners ran.",
    "東京は日本の首都です Tokyo 東京",
    "İstanbul ŞEHİR straße STRASSE Ǆemal ǅ",
    "שָׁלוֹם עולם and مَرْحَبًا بالعالم",
    "e\u0301le\u0300ve cafe\u0301 naïve",
    "ÉLECTION à Zürich: Ærø, Łódź, Đặng Văn Ħal, ǅemal, Ǿ",
    "It cost £15.8m — in total, “quoted”",
    "Prices rose 5% to £3 — Café owners in Zu\u0308rich and İzmir",
    "word " * 300 + "end",
    "a.b.c .d e. ..f g..h",
]

SETTINGS = [
    dict(stemmed=True, phrase=True, field_boost=2.0),
    dict(stemmed=True, phrase=True, field_boost=1.0),
    dict(stemmed=False, phrase=False, field_boost=1.0),
    dict(stemmed=False, phrase=True, field_boost=1.0),
]


def _postings(field: fields.FieldType, text: str) -> list[tuple[bytes, int, float, bytes]]:
    return sorted(field.index(text))


@pytest.mark.parametrize("settings", SETTINGS, ids=str)
@pytest.mark.parametrize("text", TEXTS)
def test_same_postings_as_the_analyzer(settings: dict, text: str) -> None:
    fast = TextField(**settings)
    analyzer = (TextAnalysis.stemmed_analyzer() if settings["stemmed"]
                else TextAnalysis.exact_analyzer())
    plain = fields.TEXT(analyzer=analyzer, phrase=settings["phrase"],
                        field_boost=settings["field_boost"])
    expected = _postings(plain, text)
    assert _postings(fast, text) == expected
    # And again, with the words of this text already cached by a twin field.
    TextAnalysis.words(text)
    assert _postings(fast, text) == expected
    if text.strip(" ,;"):
        assert expected  # the comparison is about something


def test_a_twin_reads_the_cache_only_for_the_same_text_object() -> None:
    first = "alpha beta"
    TextAnalysis.words(first)
    other = "".join(["gamma", " delta"])  # another object
    assert TextAnalysis.words(other) == ["gamma", "delta"]
    assert TextAnalysis.words(first) == ["alpha", "beta"]


def test_schema_uses_it_for_the_analysed_text_fields() -> None:
    schema = IndexSchema.build()
    for name in ("title", "title_exact", "body", "body_exact", "source", "author"):
        assert isinstance(schema[name], TextField), name
    assert schema["title"].stemmed and not schema["body_exact"].stemmed
