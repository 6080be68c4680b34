"""Code-point spans of matched terms and the snippets built around them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from index import IndexDocument, SearchHit, Snippet
from index.snippet_maker import SnippetMaker
from tests.unit.index_support import IndexUnderTest, article


@pytest.fixture
def search_index(tmp_path: Path) -> Iterator[IndexUnderTest]:
    created = IndexUnderTest(tmp_path / "ix")
    yield created
    created.close()


def _one_hit(search_index: IndexUnderTest, doc: IndexDocument, query: str) -> SearchHit:
    search_index.rebuild([doc])
    results = search_index.search(query)
    assert results.error is None, results.error
    assert len(results.hits) == 1, f"{query!r} should match exactly one document"
    return results.hits[0]


def _marked(text: str, spans: tuple[tuple[int, int], ...]) -> list[str]:
    return [text[start:end] for start, end in spans]


def test_span_after_emoji_is_in_code_points(search_index):
    body = "👍🏽 Soleimani spoke to reporters."
    hit = _one_hit(search_index, article(1, "👍🏽 Soleimani", body), "soleimani")
    # U+1F44D U+1F3FD and a space: three code points (UTF-16 would say five).
    assert hit.body_spans == ((3, 12),)
    assert hit.title_spans == ((3, 12),)
    assert _marked(hit.snippet.text, hit.snippet.spans) == ["Soleimani"]


def test_span_after_zwj_emoji_sequence(search_index):
    body = "👩‍👩‍👧 family 🇫🇷 Macron said"
    hit = _one_hit(search_index, article(1, "x", body), "macron")
    assert _marked(body, hit.body_spans) == ["Macron"]
    assert _marked(hit.snippet.text, hit.snippet.spans) == ["Macron"]


def test_stemmed_match_marks_the_whole_surface_word(search_index):
    body = "The spy was captured. Capturing spies is hard; the capture made news."
    hit = _one_hit(search_index, article(1, "x", body), "capture")
    assert _marked(body, hit.body_spans) == ["captured", "Capturing", "capture"]


def test_cjk_span(search_index):
    body = "昨日、東京で国際会議が開かれた。京都ではない。"
    hit = _one_hit(search_index, article(1, "会議", body), "東京")
    assert _marked(body, hit.body_spans)[0] == "東京"
    assert "東京" in _marked(hit.snippet.text, hit.snippet.spans)


def test_cjk_query_is_a_phrase(search_index):
    # Both characters occur, but never side by side: no match.
    search_index.rebuild([article(1, "t", "京都と東北")])
    assert search_index.search("東京").hits == ()


def test_arabic_span(search_index):
    body = "قال الرئيس إن السلام ممكن في المنطقة."
    hit = _one_hit(search_index, article(1, "خبر", body), "السلام")
    assert _marked(body, hit.body_spans) == ["السلام"]
    assert _marked(hit.snippet.text, hit.snippet.spans) == ["السلام"]


def test_hebrew_span_with_points(search_index):
    body = "הממשלה אישרה את התקציב. שָׁלוֹם לכולם."
    hit = _one_hit(search_index, article(1, "חדשות", body), "התקציב")
    assert _marked(body, hit.body_spans) == ["התקציב"]
    # Combining points do not split a word: the pointed word is one token.
    hit = search_index.search("שָׁלוֹם").hits[0]
    assert _marked(body, hit.body_spans) == ["שָׁלוֹם"]


def test_lowercasing_that_changes_length_keeps_offsets(search_index):
    body = "We flew to İstanbul and then to Ankara."
    hit = _one_hit(search_index, article(1, "trip", body), "ankara")
    assert _marked(body, hit.body_spans) == ["Ankara"]
    hit = search_index.search("İstanbul").hits[0]
    assert _marked(body, hit.body_spans) == ["İstanbul"]


def test_multi_paragraph_body(search_index):
    body = "First paragraph about cats.\n\nSecond paragraph mentions zebras here.\n\nThird one."
    hit = _one_hit(search_index, article(1, "animals", body), "zebras")
    assert _marked(body, hit.body_spans) == ["zebras"]
    assert "\n" not in hit.snippet.text
    assert _marked(hit.snippet.text, hit.snippet.spans) == ["zebras"]


def test_fuzzy_match_is_marked(search_index):
    body = "Qasem Soleimani was killed."
    hit = _one_hit(search_index, article(1, "x", body), "Soleimanu~")
    assert _marked(body, hit.body_spans) == ["Soleimani"]


def test_field_query_marks_only_that_field(search_index):
    doc = article(1, "Zebra news", "A zebra escaped.")
    hit = _one_hit(search_index, doc, "title:zebra")
    assert hit.title_spans == ((0, 5),)
    assert hit.body_spans == ()


def test_title_only_hit_uses_body_opening(search_index):
    body = "Opening words of the article. " * 20
    hit = _one_hit(search_index, article(1, "Unicorn", body), "unicorn")
    assert hit.body_spans == ()
    assert hit.snippet.spans == ()
    assert hit.snippet.text.startswith("Opening words of the article.")
    assert hit.snippet.text.endswith("…")
    assert len(hit.snippet.text) <= 210


def test_snippet_html_escapes_markup(search_index):
    body = "Tom & Jerry <script>alert(1)</script> met a zebra."
    hit = _one_hit(search_index, article(1, "x", body), "zebra")
    html = hit.snippet.html()
    assert "&amp;" in html
    assert "&lt;script&gt;" in html
    assert "<script>" not in html
    assert "<b>zebra</b>" in html


def test_long_body_snippet_is_cut_at_words_around_the_match(search_index):
    words = [f"word{n}" for n in range(300)]
    words[150] = "needle"
    body = " ".join(words)
    hit = _one_hit(search_index, article(1, "x", body), "needle")
    text = hit.snippet.text
    assert text.startswith("… ")
    assert text.endswith(" …")
    assert len(text) <= 300
    assert _marked(text, hit.snippet.spans) == ["needle"]
    # Every piece between the ellipses is a whole word from the body.
    assert all(piece in words for piece in text.strip("… ").split())


def test_two_fragments_for_distant_terms(search_index):
    body = "alpha " + "filler " * 100 + "omega " + "tail " * 100
    hit = _one_hit(search_index, article(1, "x", body), "alpha omega")
    text = hit.snippet.text
    assert " … " in text
    assert _marked(text, hit.snippet.spans) == ["alpha", "omega"]
    assert len(text) <= 300


def test_snippet_maker_maps_offsets_across_collapsed_whitespace():
    body = "a\n\n\nb   c\td  zebra\n\nend"
    start = body.index("zebra")
    snippet = SnippetMaker().make(body, [(start, start + 5)])
    assert snippet.text == "a b c d zebra end"
    assert _marked(snippet.text, snippet.spans) == ["zebra"]


def test_snippet_maker_on_empty_body():
    assert SnippetMaker().make("  \n ", []) == Snippet("", ())


def test_snippet_mark_ignores_overlapping_and_out_of_range_spans():
    assert Snippet.mark("a<b", [(0, 1), (0, 2), (2, 9)]) == "<b>a</b>&lt;b"
    assert Snippet("x & y", ((4, 5),)).html() == "x &amp; <b>y</b>"


# -- phrases mark only where the phrase occurs -------------------------------------------

RATES = (
    "Interest rates rose again. The rate was expected; interest in bonds fell. "
    "Higher interest rates hurt, the central bank said of its rates."
)


def test_phrase_marks_only_the_phrase(search_index):
    hit = _one_hit(search_index, article(1, "Interest rates rise", RATES), '"interest rates"')
    assert _marked(RATES, hit.body_spans) == ["Interest rates", "interest rates"]
    assert _marked("Interest rates rise", hit.title_spans) == ["Interest rates"]
    assert _marked(hit.snippet.text, hit.snippet.spans) == ["Interest rates", "interest rates"]


def test_phrase_and_a_lone_term_mark_both(search_index):
    hit = _one_hit(search_index, article(1, "x", RATES), '"interest rates" rate')
    assert _marked(RATES, hit.body_spans) == [
        "Interest rates", "rate", "interest rates", "rates"
    ]


def test_phrase_with_slop_marks_its_words_where_they_occur_together(search_index):
    body = "Rates of interest rose. Elsewhere interest was low."
    hit = _one_hit(search_index, article(1, "x", body), '"rates interest"~3')
    assert _marked(body, hit.body_spans) == ["Rates", "interest"]


def test_negated_terms_are_not_marked(search_index):
    body = "The spy was captured near the border."
    hit = _one_hit(search_index, article(1, "x", body), "captured NOT drone")
    assert _marked(body, hit.body_spans) == ["captured"]
    hit = search_index.search("spy ANDNOT drone").hits[0]
    assert _marked(body, hit.body_spans) == ["spy"]


def test_quoted_word_marks_only_that_form(search_index):
    body = "Using tools, the US used what it uses."
    hit = _one_hit(search_index, article(1, "x", body), '"US"')
    assert _marked(body, hit.body_spans) == ["US"]
    hit = search_index.search("US").hits[0]
    assert _marked(body, hit.body_spans) == ["Using", "US", "used", "uses"]


def test_prefix_marks_the_expanded_words_only(search_index):
    body = "A runner was running; we run."
    hit = _one_hit(search_index, article(1, "x", body), "runn*")
    assert _marked(body, hit.body_spans) == ["runner", "running"]


def test_span_finder_stops_at_its_limit():
    from index.span_finder import SpanFinder
    from index.span_plan import FieldMarks

    text = "zebra " * 10 + "zebracrossing zebra"
    marks = FieldMarks(stems=frozenset({"zebra"}))
    assert len(SpanFinder.find(text, marks)) == 11
    # A token cut by the limit is not marked as a shorter word.
    cut = text.index("zebracrossing") + 5
    spans = SpanFinder.find(text, marks, limit=cut)
    assert len(spans) == 10
    assert all(end <= cut for _, end in spans)


TRICKY = (
    "U.S. and u.s.a said: a..b x.y 東京都 e\u0301te\u0301 café... 3.14 ab.cd. end "
    "Interest rates, interest-rate; RATES of interest. שָׁלוֹם reelection elections"
)


@pytest.mark.parametrize(
    "marks",
    [
        {"exact": {"u.s", "a", "b", "x.y", "東", "3.14", "cd", "ab.cd", "end"}},
        {"exact": {"e\u0301te\u0301", "café", "שָׁלוֹם"}},
        {"stems": {"elect", "interest", "rate"}},
        {"phrases": ((("interest", "rate"), 1), (("東", "京"), 1), (("rate", "interest"), 3))},
        {"stems": {"u.s", "said"}, "exact": {"end"}, "phrases": ((("a", "b"), 1),)},
    ],
)
@pytest.mark.parametrize("limit", [None, 40, 61, 200])
def test_candidate_scan_agrees_with_full_tokenising(marks, limit):
    from index.span_finder import SpanFinder
    from index.span_plan import FieldMarks

    field_marks = FieldMarks(
        stems=frozenset(marks.get("stems", ())),
        exact=frozenset(marks.get("exact", ())),
        phrases=tuple(marks.get("phrases", ())),
    )
    expected = SpanFinder.find_by_tokens(TRICKY, field_marks, limit)
    assert expected or limit is not None, "the marks should find something in the text"
    assert SpanFinder.find(TRICKY, field_marks, limit) == expected
