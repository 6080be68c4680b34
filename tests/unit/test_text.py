"""normalise_text / normalise_inline / content_hash: the canonical stored form of text."""

import pytest

from desktop.domain.text import (
    content_hash,
    decode_html_entities,
    normalise_inline,
    normalise_line_ends,
    normalise_text,
)
from tests.support import SEED_FILE

# Lines of typical hard-wrap width (40..100 characters).
WRAPPED = (
    "The committee met on Tuesday to discuss the\n"
    "proposal, which had been delayed twice since\n"
    "the spring because of a dispute over funding.\n"
)
WRAPPED_JOINED = (
    "The committee met on Tuesday to discuss the proposal, which had been delayed twice since"
    " the spring because of a dispute over funding."
)


def test_line_ends_crlf_and_lone_cr_become_lf():
    assert normalise_line_ends("a\r\nb\rc\nd") == "a\nb\nc\nd"
    # A CRLF pair is one line end, not two.
    assert normalise_line_ends("a\r\n\r\nb") == "a\n\nb"


def test_normalise_text_has_no_carriage_returns():
    crlf = "One.\r\n\r\nTwo.\rThree.\r\n"
    result = normalise_text(crlf)
    assert "\r" not in result
    assert result == "One.\n\nTwo.\n\nThree."


def test_crlf_lf_and_cr_versions_normalise_identically():
    lf = "Para one.\n\nPara two line.\n\n" + WRAPPED
    assert normalise_text(lf.replace("\n", "\r\n")) == normalise_text(lf)
    assert normalise_text(lf.replace("\n", "\r")) == normalise_text(lf)


def test_nfc_composes_combining_accents():
    result = normalise_text("Caf" + "e\u0301 au lait")
    assert result == "Café au lait"
    assert len(result) == len("Café au lait")
    assert normalise_inline("  Re\u0301sume\u0301  ") == "Résumé"


def test_trailing_and_leading_spaces_are_removed():
    assert normalise_text("  Line one.   \n\nLine two.\t \n") == "Line one.\n\nLine two."


def test_runs_of_spaces_inside_a_line_collapse():
    assert normalise_text("Two  spaces\tand a tab.") == "Two spaces and a tab."


def test_runs_of_blank_lines_collapse_to_one():
    assert normalise_text("A.\n\n\n\n\nB.") == "A.\n\nB."
    # "Blank" lines holding only white space count as blank too.
    assert normalise_text("A.\n   \n\t\n\nB.") == "A.\n\nB."


def test_leading_and_trailing_blank_lines_are_dropped():
    assert normalise_text("\n\n\nBody.\n\n\n") == "Body."


def test_empty_and_blank_text_normalise_to_empty():
    assert normalise_text("") == ""
    assert normalise_text(" \n\r\n\t\n") == ""


def test_hard_wrapped_block_is_joined_into_one_paragraph():
    assert normalise_text(WRAPPED) == WRAPPED_JOINED


def test_hard_wrapped_blocks_stay_separate_paragraphs():
    result = normalise_text(WRAPPED + "\n" + WRAPPED)
    assert result == WRAPPED_JOINED + "\n\n" + WRAPPED_JOINED


def test_one_paragraph_per_line_is_kept():
    long_lines = [
        "Sunni militants captured a strategic northern Iraqi city along the highway to Syria"
        " today, sending thousands of residents fleeing for safety.",
        "US Secretary of State John Kerry said today that American drone strikes are an option"
        " in a bid to halt the dramatic sweep by insurgents.",
        "The officials, who spoke on condition of anonymity, also said that US aircraft have"
        " flown reconnaissance missions over Iraq.",
    ]
    assert all(len(line) > 100 for line in long_lines)
    assert normalise_text("\n".join(long_lines)) == "\n\n".join(long_lines)


def test_short_lines_are_not_joined():
    text = "Name: Ann\nAge: 31\nTown: Cork\n"
    assert normalise_text(text) == "Name: Ann\n\nAge: 31\n\nTown: Cork"


def test_invisible_characters_are_dropped():
    assert normalise_text("\ufeffHello\u200b world") == "Hello world"
    assert normalise_inline("\ufeffTitle") == "Title"


def test_nbsp_led_line_in_seed_becomes_its_own_paragraph():
    raw = SEED_FILE.read_text(encoding="utf-8")
    assert "\n\u00a0In the mid-2000s" in raw  # the oddity this test is about
    paragraphs = normalise_text(raw).split("\n\n")
    assert all("\u00a0" not in p for p in paragraphs)
    starts = [i for i, p in enumerate(paragraphs) if p.startswith("In the mid-2000s'")]
    assert len(starts) == 1
    before = paragraphs[starts[0] - 1]
    assert before.startswith("Soleimani is one of the most powerful figures")
    assert before.endswith("involved in external operations.")


def test_seed_paragraphs_are_single_lines_without_outer_space():
    result = normalise_text(SEED_FILE.read_text(encoding="utf-8"))
    for paragraph in result.split("\n\n"):
        assert paragraph
        assert "\n" not in paragraph
        assert paragraph == paragraph.strip()
        assert "  " not in paragraph


@pytest.mark.parametrize(
    "text",
    [
        WRAPPED,
        "A.\r\n\r\n\r\nB.  \rC.",
        "Caf" + "e\u0301\n\n\n\u00a0Indented\n",
        "Emoji 🎉 and 中文 and العربية\n\nעברית",
    ],
)
def test_normalise_text_is_idempotent(text):
    once = normalise_text(text)
    assert normalise_text(once) == once


def test_normalise_inline_collapses_all_white_space():
    assert normalise_inline("  A\n headline\t\u00a0here  ") == "A headline here"


def test_content_hash_ignores_white_space_and_case():
    base = content_hash("Markets rally", "Shares rose sharply.\n\nTraders cheered.")
    assert base == content_hash("  MARKETS   rally ", "shares rose SHARPLY. Traders\ncheered.")
    variant = "Shares rose sharply.\r\n\r\n\r\nTraders cheered. "
    assert base == content_hash("Markets rally", variant)


def test_content_hash_ignores_unicode_composition():
    assert content_hash("Caf" + "e\u0301", "Body") == content_hash("Café", "body")


def test_content_hash_differs_for_different_text():
    base = content_hash("Markets rally", "Shares rose sharply.")
    assert base != content_hash("Markets rally", "Shares fell sharply.")
    assert base != content_hash("Markets fall", "Shares rose sharply.")
    assert base != content_hash("Markets rally", "Shares rose sharply!")


def test_content_hash_keeps_title_and_body_apart():
    assert content_hash("ab", "c") != content_hash("a", "bc")


def test_content_hash_is_a_sha256_hex_digest():
    digest = content_hash("t", "b")
    assert len(digest) == 64
    assert int(digest, 16) >= 0


@pytest.mark.parametrize(("written", "decoded"), [
    ("&#163;1.8m indecency fine for Viacom", "£1.8m indecency fine for Viacom"),  # BBC title
    ("Beyonc&#233; and Caf&eacute;", "Beyoncé and Café"),
    ("&#x1F600; smile", "😀 smile"),
    ("Fish &amp; chips", "Fish & chips"),
    ("&amp;lt; stays one level deep", "&lt; stays one level deep"),
])
def test_html_references_are_decoded(written, decoded):
    assert decode_html_entities(written) == decoded


@pytest.mark.parametrize("text", [
    "AT&T and R&D",  # ampersands without a reference
    "&copy2004 without a semicolon",
    "&nosuchentity; is not an entity",
    "&#5; &#0; &#xD800; control, NUL and surrogate references are data",
    "",
])
def test_text_without_decodable_references_is_unchanged(text):
    assert decode_html_entities(text) == text
