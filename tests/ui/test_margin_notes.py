"""Margin notes: cards at the height of their highlights, pushed down without overlapping,
article notes at the top, scrolling with the text, chosen by mouse or keyboard; Markdown
rendered without loading anything (raw HTML shown as text, images as links)."""

from __future__ import annotations

import itertools

from PySide6.QtCore import QPoint, QPointF, Qt

from desktop.domain.highlight import AnchorStatus
from desktop.services.highlight_service import HighlightService
from desktop.services.note_service import NoteService
from desktop.services.project import Project
from desktop.ui.common.safe_text_document import SafeTextDocument
from desktop.ui.main.main_window import MainWindow
from desktop.ui.reader.margin_notes import MarginNotes
from tests.support import SEEDS
from tests.ui.annotation_support import opened
from tests.ui.conftest import WAIT_MS, make_project

ALIGNED_PX = 3


def _annotated_project(tmp_path) -> tuple[object, dict[str, int]]:
    """The seed article with three highlights, notes on them (two on the first) and one
    note on the article itself."""
    path = make_project(tmp_path / "project", {
        "seed.txt": (SEEDS / "000_17b1025494a7ebc6.txt").read_text(encoding="utf-8")})
    ids: dict[str, int] = {}
    with Project.open(path) as project:
        body = project.store.articles.get(1).body
        service, notes = HighlightService(project), NoteService(project)
        for key, passage in (("kerry", "John Kerry said today"),
                             ("najaf", "holy cities of Najaf and Karbala"),
                             ("quds", "His Quds Force is a secretive branch")):
            start = body.index(passage)
            ids[key] = service.create(1, start, start + len(passage))[0].id
        ids["note_kerry"] = notes.create("What did **Kerry** mean?",
                                         highlight_id=ids["kerry"])[0].id
        ids["note_kerry_2"] = notes.create("A second thought on it.",
                                           highlight_id=ids["kerry"])[0].id
        ids["note_najaf"] = notes.create("Shrines: see [the article](rn://article/1).",
                                         highlight_id=ids["najaf"])[0].id
        ids["note_quds"] = notes.create("Quds Force, again.", highlight_id=ids["quds"])[0].id
        ids["note_article"] = notes.create("Read with the 2014 timeline.", article_id=1)[0].id
    return path, ids


def _margin(win: MainWindow) -> MarginNotes:
    return win.workspace.reader_panel.margin


def _highlight_top_in_margin(win: MainWindow, highlight_id: int) -> float:
    rect = win.reader.highlight_rects(highlight_id)[0]
    y = rect.top() - win.reader.document_offset().y()
    viewport = win.reader.viewport()
    return _margin(win).mapFromGlobal(viewport.mapToGlobal(QPoint(0, round(y)))).y()


def test_cards_sit_beside_their_highlights_without_overlapping(qtbot, tmp_path) -> None:
    path, ids = _annotated_project(tmp_path)
    with opened(qtbot, path) as win:
        win.resize(1200, 520)
        margin = _margin(win)
        qtbot.waitUntil(lambda: margin.isVisible() and len(margin.cards) == 5, timeout=WAIT_MS)
        qtbot.waitUntil(lambda: margin.fully_rendered, timeout=WAIT_MS)
        notes = [c.note.id for c in margin.cards]
        # The article's own note first, at the top; then in reading order.
        assert notes == [ids["note_article"], ids["note_kerry"], ids["note_kerry_2"],
                         ids["note_najaf"], ids["note_quds"]]
        assert margin.cards[0].label == "On the article"
        rects = [margin.card_rect(i) for i in range(len(margin.cards))]
        for upper, lower in itertools.pairwise(rects):
            assert upper.bottom() < lower.top()  # pushed down, never overlapping
        # The first card of each highlight is level with it (unless pushed down).
        for i, key in ((1, "kerry"), (3, "najaf"), (4, "quds")):
            top = _highlight_top_in_margin(win, ids[key])
            if i == 1 or rects[i - 1].bottom() + 10 < top:
                assert abs(rects[i].top() - top) <= ALIGNED_PX, (key, rects[i].top(), top)
            else:
                assert rects[i].top() > top
        assert rects[2].top() > rects[1].bottom()  # the second note on Kerry, below the first

        # The margin scrolls with the text.
        bar = win.reader.verticalScrollBar()
        assert bar.maximum() > 120
        before, old = margin.card_rect(4).top(), bar.value()
        bar.setValue(old + 120)
        assert abs(margin.card_rect(4).top() - (before - (bar.value() - old))) < 0.5


def test_clicking_or_choosing_a_card_selects_its_highlight(qtbot, tmp_path) -> None:
    path, ids = _annotated_project(tmp_path)
    with opened(qtbot, path) as win:
        margin = _margin(win)
        qtbot.waitUntil(lambda: margin.isVisible() and len(margin.cards) == 5
                        and margin.fully_rendered, timeout=WAIT_MS)
        activated: list[int] = []
        margin.note_activated.connect(activated.append)
        corner = margin.card_rect(3).topLeft().toPoint() + QPoint(5, 3)  # not on its link
        qtbot.mouseClick(margin, Qt.MouseButton.LeftButton, pos=corner)
        assert win.reader.current_highlight == ids["najaf"]
        assert activated == [ids["note_najaf"]]
        # Keyboard: Up moves to the card above, Enter chooses it.
        margin.setFocus()
        qtbot.keyClick(margin, Qt.Key.Key_Up)
        qtbot.keyClick(margin, Qt.Key.Key_Return)
        assert win.reader.current_highlight == ids["kerry"]
        assert activated[-1] == ids["note_kerry_2"]
        # The reader's current highlight marks its card.
        win.reader.select_highlight(ids["quds"])
        assert margin._focus == 4


def test_notes_of_passages_that_need_review_go_to_the_top(qtbot, tmp_path) -> None:
    path, ids = _annotated_project(tmp_path)
    with Project.open(path) as project:
        project.store.highlights.set_status(ids["quds"], AnchorStatus.NEEDS_REVIEW)
    with opened(qtbot, path) as win:
        margin = _margin(win)
        qtbot.waitUntil(lambda: len(margin.cards) == 5, timeout=WAIT_MS)
        assert [c.label for c in margin.cards[:2]] == ["On the article", "Passage needs review"]
        assert margin.cards[1].note.id == ids["note_quds"]
        assert ids["quds"] not in {i.id for i in win.reader.overlay.items}  # not drawn


def test_markdown_with_raw_html_and_remote_images_loads_nothing(qtbot, tmp_path) -> None:
    body = ("Look: <img src=\"http://example.com/track.png\"> <script>alert(1)</script>\n\n"
            "![the map](https://example.com/map.png) and <iframe src=\"http://x/\"></iframe>\n\n"
            "[linked article](rn://article/1) and [web](https://example.com/page)")
    path = make_project(tmp_path / "p", {"a.txt": "Title\n\nSome text to annotate here.\n"})
    with Project.open(path) as project:
        NoteService(project).create(body, article_id=1)
    with opened(qtbot, path) as win:
        margin = _margin(win)
        qtbot.waitUntil(lambda: margin.fully_rendered and len(margin.cards) == 1,
                        timeout=WAIT_MS)
        win.grab()  # painted, too
        document = margin.cards[0].document
        assert isinstance(document, SafeTextDocument)
        assert document.refused == []  # nothing was even asked for
        text = document.toPlainText()
        assert '<img src="http://example.com/track.png">' in text  # shown, not obeyed
        assert "<script>alert(1)</script>" in text
        assert "Image: the map" in text
        html = document.toHtml()
        assert "<img" not in html and "example.com/map.png" in html  # a link, not a picture
        # A link to an article opens it; a web address is not opened from a note.
        messages: list[str] = []
        win.statusBar().messageChanged.connect(messages.append)
        margin.link_activated.emit("https://example.com/page")
        assert "not opened" in messages[-1]

    # Were Qt ever to ask, the document answers with nothing and notes the address.
    safe = SafeTextDocument()
    safe.setHtml('<p>x <img src="http://example.com/pixel.png"></p>')
    safe.setTextWidth(200)
    safe.size()
    assert safe.refused == ["http://example.com/pixel.png"]


def test_margin_can_be_hidden_and_is_absent_without_notes(qtbot, tmp_path) -> None:
    path, _ids = _annotated_project(tmp_path)
    with opened(qtbot, path) as win:
        margin = _margin(win)
        qtbot.waitUntil(lambda: margin.isVisible(), timeout=WAIT_MS)
        win.main_actions.annotate.show_margin.setChecked(False)
        assert not margin.isVisible()
        win.main_actions.annotate.show_margin.setChecked(True)
        assert margin.isVisible()
        win.reader.show_placeholder()
        assert not margin.isVisible() and margin.cards == []
        assert margin.card_at(QPointF(10, 10)) == -1
