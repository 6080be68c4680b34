"""A note's first line as plain words, for tool tips, lists and table cells."""

from __future__ import annotations

import pytest

from desktop.domain.note import preview_line


@pytest.mark.parametrize(("body", "shown"), [
    ("Doubling **budget** now", "Doubling budget now"),
    ("\n\n## Heading\n\nA longer note.", "Heading"),
    ("> quoted from *elsewhere*", "quoted from elsewhere"),
    ("- first point\n- second point", "first point"),
    ("1. item one", "item one"),
    ("[Jack Straw](rn://entity/125) met [them](https://example.org/x)", "Jack Straw met them"),
    ("![a chart](https://example.org/c.png) above", "a chart above"),
    ("__bold__, _italic_, `code`, ~~gone~~ and ***both***",
     "bold, italic, code, gone and both"),
    ("snake_case_name and a * b stay", "snake_case_name and a * b stay"),
    ("   \n\t\n", ""),
    ("\r\n\r\n  Plain words from Windows\r\nnext line", "Plain words from Windows"),
    ("No markup at all, a plain sentence", "No markup at all, a plain sentence"),
    ("\n" * 3 + "last line only", "last line only"),
    ("2.5 percent rose", "2.5 percent rose"),
    ("First line\rsecond line\rthird", "First line"),  # any break splitlines() knows
    ("Heading\u2028**second**", "Heading"),
])
def test_first_line_reads_as_words(body: str, shown: str) -> None:
    assert preview_line(body) == shown
