"""Re-anchoring a passage after its article's text changed: kept, moved, or sent to review,
never silently moved to a look-alike."""

from __future__ import annotations

import pytest

from desktop.domain.highlight import AnchorStatus
from desktop.domain.text_quote import TextQuote
from desktop.services.anchor_placer import AnchorPlacer

OLD = ("Sunni militants captured a strategic northern Iraqi city on Saturday. The commander "
       "of Iran's elite Quds Force, Gen Ghasem Soleimani, is in Iraq, consulting with officials "
       "on how to roll back the insurgents. Baghdad is tense.")
PASSAGE = "Gen Ghasem Soleimani"


def place(new: str, old: str = OLD, passage: str = PASSAGE):
    start = old.index(passage)
    end = start + len(passage)
    quote = TextQuote.cut(old, start, end)
    placed = AnchorPlacer.place(new, start, end, quote, len(old))
    return placed, new[placed.start:placed.end] if placed.has_candidate else None


def test_unchanged_text_keeps_the_position():
    placed, text = place(OLD)
    assert (placed.status, placed.method, text) == (AnchorStatus.ANCHORED, "position", PASSAGE)


@pytest.mark.parametrize("edit", [
    lambda t: "BREAKING: " + t,  # text added before
    lambda t: t.replace("on Saturday", "early on Saturday morning"),
    lambda t: t + " More follows.",  # text added after
    lambda t: t.replace("Sunni militants", "Militants"),
])
def test_edits_elsewhere_move_the_passage_with_its_text(edit):
    placed, text = place(edit(OLD))
    assert placed.status is AnchorStatus.ANCHORED
    assert text == PASSAGE


def test_a_light_edit_inside_the_passage_is_followed_fuzzily():
    placed, text = place(OLD.replace("Ghasem", "Ghassem"))
    assert placed.status is AnchorStatus.ANCHORED and placed.method == "fuzzy"
    assert text == "Gen Ghassem Soleimani"


def test_a_passage_that_is_gone_needs_review_without_a_candidate():
    new = "Sunni militants captured a city. Baghdad is tense. Officials met on Sunday."
    placed, text = place(new)
    assert placed.status is AnchorStatus.NEEDS_REVIEW
    assert text is None


def test_a_look_alike_elsewhere_is_not_taken_silently():
    # The passage's sentence was rewritten; the same words remain in another context.
    new = ("Sunni militants captured a strategic northern Iraqi city on Saturday. Baghdad is "
           "tense. A profile of Gen Ghasem Soleimani appeared in a magazine last year.")
    placed, text = place(new)
    assert placed.status is AnchorStatus.NEEDS_REVIEW
    assert text == PASSAGE  # offered as the candidate, for the user to accept


def test_a_repeated_passage_is_placed_by_its_context():
    old = "Tea. The vote passed. Coffee. The vote passed. Cake."
    start = old.rindex("The vote passed")
    quote = TextQuote.cut(old, start, start + 15)
    new = "Intro. " + old
    placed = AnchorPlacer.place(new, start, start + 15, quote, len(old))
    assert placed.status is AnchorStatus.ANCHORED
    assert new[placed.start - 8:placed.start] == "Coffee. "


@pytest.mark.parametrize("prefix",
                         ["👍🏽🎉 ", "東京で会議。", "e\u0301te\u0301 ", "مرحبا بالعالم "])
def test_positions_are_code_points_after_emoji_cjk_combining_marks_and_rtl(prefix):
    placed, text = place(prefix + OLD)
    assert placed.status is AnchorStatus.ANCHORED
    assert text == PASSAGE
    assert placed.start == len(prefix) + OLD.index(PASSAGE)


def test_cjk_passage_moves_with_its_text():
    old = "昨日、東京で国際会議が開かれた。首相が演説した。"
    placed, text = place("速報：" + old, old=old, passage="国際会議")
    assert placed.status is AnchorStatus.ANCHORED and text == "国際会議"


def test_a_rewritten_sentence_beside_a_unique_passage_keeps_it_anchored():
    """The whole sentence before the passage changed (its prefix no longer matches), but the
    passage occurs once and its suffix is intact: the same passage, not a look-alike."""
    old = "The minister resigned on Monday. Protesters gathered in the capital."
    new = "UPDATE: late on Monday the minister resigned. Protesters gathered in the capital."
    placed, text = place(new, old, "Protesters gathered")
    assert (placed.status, text) == (AnchorStatus.ANCHORED, "Protesters gathered")


def test_a_unique_passage_with_both_sides_changed_goes_to_review():
    old = "The minister resigned on Monday. Protesters gathered in the capital at noon."
    new = "Nobody expected it, but protests began. Protesters gathered near the river later on."
    placed, text = place(new, old, "Protesters gathered")
    assert placed.status is AnchorStatus.NEEDS_REVIEW and text == "Protesters gathered"
