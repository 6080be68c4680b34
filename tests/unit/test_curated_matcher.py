"""The project's curated names found by the Aho-Corasick automaton."""

from __future__ import annotations

from desktop.entities.curated_matcher import CuratedMatcher, CuratedName
from desktop.entities.recognizer import ORGANISATION, PERSON


def spans(matcher: CuratedMatcher, text: str) -> list[tuple[str, str]]:
    return [(s.text, s.name) for s in matcher.find(text)]


def test_names_match_on_word_boundaries_only():
    matcher = CuratedMatcher([CuratedName("Iran", "place", "Iran")])
    assert spans(matcher, "Iran, Iranian, Iran's, (Iran) Tehran-Iran xIran Iran_") == [
        ("Iran", "Iran"), ("Iran", "Iran"), ("Iran", "Iran"), ("Iran", "Iran")]


def test_case_counts_unless_the_user_said_otherwise():
    matcher = CuratedMatcher([
        CuratedName("ISIS", ORGANISATION, "Islamic State"),
        CuratedName("soleimani", PERSON, "Qassem Soleimani", match_case=False)])
    assert spans(matcher, "Isis and ISIS; SOLEIMANI and Soleimani") == [
        ("ISIS", "Islamic State"), ("SOLEIMANI", "Qassem Soleimani"),
        ("Soleimani", "Qassem Soleimani")]


def test_the_longest_leftmost_name_wins_and_spans_never_overlap():
    matcher = CuratedMatcher([
        CuratedName("Islamic State", ORGANISATION, "ISIL"),
        CuratedName("Islamic State of Iraq and the Levant", ORGANISATION, "ISIL"),
        CuratedName("Iraq", "place", "Iraq"),
        CuratedName("Levant", "place", "Levant")])
    text = "the Islamic State of Iraq and the Levant, then the Islamic State in Iraq"
    assert [s.text for s in matcher.find(text)] == [
        "Islamic State of Iraq and the Levant", "Islamic State", "Iraq"]


def test_positions_survive_characters_whose_lower_case_is_longer():
    matcher = CuratedMatcher([CuratedName("kerry", PERSON, "John Kerry", match_case=False)])
    text = "İİİ Kerry met KERRY"
    found = matcher.find(text)
    assert [text[s.start:s.end] for s in found] == ["Kerry", "KERRY"]


def test_a_hundred_thousand_aliases_are_all_found():
    names = [CuratedName(f"Name{n:06d} Alias", PERSON, f"Person {n}", entity_id=n)
             for n in range(100_000)]
    matcher = CuratedMatcher(names)
    assert len(matcher) == 100_000
    text = " ".join(f"saw Name{n:06d} Alias today" for n in range(0, 100_000, 997))
    found = matcher.find(text)
    assert [s.entity_id for s in found] == list(range(0, 100_000, 997))


def test_empty_and_duplicate_names_are_ignored():
    matcher = CuratedMatcher([CuratedName("  ", PERSON, "x"), CuratedName("A  B", PERSON, "1"),
                              CuratedName("A B", PERSON, "2")])
    assert len(matcher) == 1 and spans(matcher, "A B") == [("A B", "1")]
    assert CuratedMatcher([]).find("anything") == []
