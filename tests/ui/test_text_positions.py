"""Code points ↔ UTF-16, checked against Qt's own counting in a QTextDocument."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QTextCursor, QTextDocument

from desktop.ui.common.text_positions import TextPositions

SAMPLES = [
    "plain ascii text",
    "👍🏽 thumbs then Soleimani",  # emoji with a skin-tone modifier: two astral characters
    "漢字とかな、そして𠮷野家",  # CJK with an astral ideograph
    "مرحبا بالعالم עברית mixed 🎉 end",  # right-to-left scripts and an emoji
    "e\u0301 combining accent and 🇮🇶 flag",
    "🎉🎉🎉",
    "",
]


def _utf16(text: str, code_point: int) -> int:
    return len(text[:code_point].encode("utf-16-le")) // 2


@pytest.mark.parametrize("text", SAMPLES)
def test_to_utf16_matches_encoding(text: str) -> None:
    positions = TextPositions(text)
    for i in range(len(text) + 1):
        assert positions.to_utf16(i) == _utf16(text, i)
    assert positions.utf16_length() == _utf16(text, len(text))


@pytest.mark.parametrize("text", SAMPLES)
def test_round_trip(text: str) -> None:
    positions = TextPositions(text)
    for i in range(len(text) + 1):
        assert positions.from_utf16(positions.to_utf16(i)) == i


def test_middle_of_surrogate_pair_maps_to_character_start() -> None:
    text = "a🎉b"
    positions = TextPositions(text)
    assert positions.to_utf16(1) == 1 and positions.to_utf16(2) == 3
    assert positions.from_utf16(2) == 1  # inside the emoji's surrogate pair


@pytest.mark.parametrize("text", SAMPLES[1:5])
def test_qt_selection_from_code_points_is_the_same_text(text: str) -> None:
    document = QTextDocument()
    document.setPlainText(text)
    positions = TextPositions(text)
    words = [(text.index(w), text.index(w) + len(w)) for w in text.split() if w]
    for start, end in words:
        cursor = QTextCursor(document)
        cursor.setPosition(positions.to_utf16(start))
        cursor.setPosition(positions.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
        assert cursor.selectedText() == text[start:end]
        # and back: Qt's selection bounds become the same code points
        assert positions.from_utf16(cursor.selectionStart()) == start
        assert positions.from_utf16(cursor.selectionEnd()) == end
