"""A highlight made in the reader covers exactly the characters selected, whatever the text
holds before them (emoji, CJK beyond the BMP, combining marks, right-to-left scripts, CRLF
source files), and still does after the project is closed and opened again.

The selections are made the way Qt finds text (its own UTF-16 positions and paragraph
separators); the test checks the stored code points against the stored body.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor, QTextDocument

from desktop.services.import_service import ImportService
from desktop.services.project import Project
from desktop.ui.main.main_window import MainWindow
from tests.ui.annotation_support import opened, read, select, wait_for_highlights
from tests.ui.conftest import make_project

# (title, text of the file, passage to highlight: after the hard characters)
ARTICLES = [
    ("Emoji report", "The crowd cheered 🎉👍🏽 and 🇮🇶 flags, then Soleimani spoke at length.",
     "Soleimani spoke"),
    ("CJK report", "漢字とかな、そして𠮷野家の話。\n\n北京で𠀋会議が開かれた。", "会議が開かれた"),
    ("Combining report", "Names: Ja\u0328\u0301nis and q\u0307uark, then the minister resigned.",
     "the minister resigned"),
    ("Mixed scripts", "The sign read مرحبا بالعالم and עברית 🎉 too; then the crowd left.",
     "بالعالم and עברית"),
]
CRLF_TITLE = "Windows file"
CRLF_BYTES = ("Windows file\r\n\r\nFirst 🎉 paragraph with an emoji.\r\n\r\n"
              "Second paragraph holds the target words here.\r\n").encode()


def _project(tmp_path: Path) -> Path:
    files = {f"{i}.txt": f"{title}\n\n{body}\n" for i, (title, body, _p) in enumerate(ARTICLES)}
    path = make_project(tmp_path / "project", files)
    source = tmp_path / "crlf"
    source.mkdir()
    (source / "windows.txt").write_bytes(CRLF_BYTES)
    with Project.open(path) as project:
        ImportService(project).import_paths([source])
    return path


def _highlight_with_h(qtbot, win: MainWindow, count: int) -> None:
    win.reader.setFocus()
    qtbot.keyClick(win.reader, Qt.Key.Key_H)
    wait_for_highlights(qtbot, win, count)


def test_highlights_cover_exactly_the_selected_characters(qtbot, tmp_path: Path) -> None:
    path = _project(tmp_path)
    made: dict[str, tuple[str, tuple[int, int]]] = {}  # title: (passage, selection in Qt)
    with opened(qtbot, path) as win:
        for title, _body, passage in ARTICLES:
            read(qtbot, win, title)
            passage = unicodedata.normalize("NFC", passage)  # as stored and shown
            cursor = select(win.reader, passage)
            made[title] = (passage, (cursor.selectionStart(), cursor.selectionEnd()))
            _highlight_with_h(qtbot, win, 1)
            highlight = win.session.project.store.highlights.for_article(
                win.reader.article.id)[0]
            body = win.reader.article.body
            assert highlight.quote.exact == passage
            assert body[highlight.start:highlight.end] == passage
            assert (highlight.start, highlight.end) == (body.index(passage),
                                                        body.index(passage) + len(passage))
            # Drawn where it was selected, after the emoji shifted Qt's positions.
            assert win.reader.overlay.items[0].doc_range == made[title][1]

        # A CRLF file, and a selection across a paragraph break with an emoji before it.
        read(qtbot, win, CRLF_TITLE)
        document = win.reader.document()
        start = document.find("emoji.", QTextCursor(document),
                              QTextDocument.FindFlag.FindCaseSensitively)
        end = document.find("target words", start, QTextDocument.FindFlag.FindCaseSensitively)
        cursor = QTextCursor(document)
        cursor.setPosition(start.selectionStart())
        cursor.setPosition(end.selectionEnd(), QTextCursor.MoveMode.KeepAnchor)
        win.reader.setTextCursor(cursor)
        selected = (cursor.selectionStart(), cursor.selectionEnd())
        _highlight_with_h(qtbot, win, 1)
        body = win.reader.article.body
        assert "\r" not in body
        expected = body[body.index("emoji."):body.index("target words") + len("target words")]
        assert expected == "emoji.\n\nSecond paragraph holds the target words"
        highlight = win.session.project.store.highlights.for_article(win.reader.article.id)[0]
        assert highlight.quote.exact == expected
        made[CRLF_TITLE] = (expected, selected)

    # Closed and opened again: the same characters, in the store and on screen.
    with Project.open(path) as project:
        for article in project.store.articles.summaries():
            body = project.store.articles.get(article.id).body
            (highlight,) = project.store.highlights.for_article(article.id)
            assert body[highlight.start:highlight.end] == made[article.title][0]
    with opened(qtbot, path) as win:
        for title, (_passage, selection) in made.items():
            read(qtbot, win, title)
            qtbot.waitUntil(lambda: len(win.reader.overlay.items) == 1)
            assert win.reader.overlay.items[0].doc_range == selection
