"""Annotation panels at scale. Run with ``make bench``.

The highlights panel over 100,000 highlights: opening the project-wide list and filtering
it by a code (with the code below it), each timed from the user's change to the table
drawn with its first page of rows (ids listed in the reader worker, one page fetched by
id, the view painted). Each round reopens the project first, so the open lists from the
database; the filter then works on the list the open made (as a user would get it). A
third line times the worst case: the project-wide list opened with a code filter already
set, nothing listed before. The baseline is bare SQL in the same run: every id in list
order, or those with the code, plus the same page of rows by id, without the joins for
codes, entities and notes or any Qt.

A 1 MB note: opening it, a keystroke, rendering the preview around the cursor, a save.
"""

from __future__ import annotations

import sqlite3
import statistics
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from desktop.services.code_service import CodeService
from desktop.services.note_service import NoteService
from desktop.services.project import DB_NAME, Project
from desktop.ui.annotations.code_tree_model import CodeTreeModel
from desktop.ui.annotations.highlights_panel import HighlightsPanel
from desktop.ui.annotations.note_editor import NoteEditor
from desktop.ui.project.project_session import ProjectSession
from tests.annotation_support import attach_project, build_highlight_project, detach_project

COUNT = 100_000
ROUNDS = 5
WAIT_MS = 60_000


def _ms(run: Callable[[], object]) -> float:
    started = time.perf_counter()
    run()
    return (time.perf_counter() - started) * 1000


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    folder = tmp_path_factory.mktemp("bench") / "highlights"
    started = time.perf_counter()
    codes = build_highlight_project(folder, articles=500, highlights=COUNT)
    print(f"\nbuilt {COUNT:,} highlights in {time.perf_counter() - started:.1f} s")
    return folder, codes


@pytest.fixture
def panel(qtbot, big) -> Iterator[HighlightsPanel]:
    session = ProjectSession()
    codes = CodeTreeModel()
    widget = HighlightsPanel(session, codes)
    widget.resize(1100, 400)
    widget.show()
    qtbot.addWidget(widget)
    project = Project.open(big[0])
    codes.set_tree(CodeService(project).tree())
    with qtbot.waitSignal(widget.loaded, timeout=WAIT_MS):
        attach_project(session, project)
    yield widget
    detach_project(session)


def _baseline(db: sqlite3.Connection, code_ids: tuple[int, ...] | None) -> None:
    if code_ids is None:
        ids = [r[0] for r in db.execute(
            "SELECT id FROM highlights ORDER BY article_id, start, id")]
    else:
        marks = ",".join("?" * len(code_ids))
        ids = [r[0] for r in db.execute(
            "SELECT id FROM highlights WHERE id IN (SELECT highlight_id FROM highlight_codes"
            f" WHERE code_id IN ({marks})) ORDER BY article_id, start, id", code_ids)]
    page = ids[:200]
    db.execute(f"SELECT * FROM highlights WHERE id IN ({','.join('?' * len(page))})",
               page).fetchall()


def test_bench_highlights_panel_open_and_filter_by_code(qtbot, panel: HighlightsPanel,
                                                        big) -> None:
    _folder, codes = big
    politics = codes["Politics"]
    below = (politics, codes["Elections"])
    db = sqlite3.connect(big[0] / DB_NAME)

    def shown(change: Callable[[], None]) -> None:
        with qtbot.waitSignal(panel.loaded, timeout=WAIT_MS):
            change()
        panel.view.grab()  # paints the visible rows: their page is fetched by id

    def reset(code: int | None) -> None:
        panel.filters.blockSignals(True)
        panel.filters.set_code(code)
        panel.filters.set_project_wide(False)
        panel.filters.blockSignals(False)
        detach_project(panel.session)  # nothing listed before: as after opening the project
        with qtbot.waitSignal(panel.loaded, timeout=WAIT_MS):
            attach_project(panel.session, Project.open(big[0]))  # no article: an empty list

    opening, filtering, opening_filtered = [], [], []
    bare_open, bare_filter, bare_filter_2 = [], [], []
    for _ in range(ROUNDS):
        reset(None)
        opening.append(_ms(lambda: shown(lambda: panel.filters.set_project_wide(True))))
        assert panel.model.rowCount() == COUNT
        filtering.append(_ms(lambda: shown(lambda: panel.filters.set_code(politics))))
        filtered = panel.model.rowCount()
        assert 0 < filtered < COUNT
        reset(politics)
        opening_filtered.append(_ms(lambda: shown(lambda: panel.filters.set_project_wide(True))))
        assert panel.model.rowCount() == filtered
        bare_open.append(_ms(lambda: _baseline(db, None)))
        bare_filter.append(_ms(lambda: _baseline(db, below)))
        bare_filter_2.append(_ms(lambda: _baseline(db, below)))
    db.close()
    print(f"\nhighlights panel, {COUNT:,} highlights, median of {ROUNDS} (goal <= 300 ms each):")
    for name, ours, bare in (("open project-wide", opening, bare_open),
                             ("filter by code", filtering, bare_filter),
                             ("open with the code", opening_filtered, bare_filter_2)):
        o, b = statistics.median(ours), statistics.median(bare)
        print(f"  {name:<18} {o:7.1f} ms  (max {max(ours):7.1f})   bare SQL {b:6.1f} ms"
              f"   ratio {o / b:4.1f}x")


def test_bench_one_megabyte_note(qtbot, tmp_path: Path) -> None:
    paragraph = "A *long* source pasted with [a link](https://example.org/) and words. " * 20
    body = "\n\n".join(f"## Part {n}\n\n{paragraph}" for n in range(800))
    session = ProjectSession()
    editor = NoteEditor(session)
    editor.resize(900, 600)
    editor.show()
    qtbot.addWidget(editor)
    project = Project.create(tmp_path / "p")
    note, _ = NoteService(project).create(body)
    attach_project(session, project)
    try:
        opened = _ms(lambda: editor.open_note(note.id or 0))
        cursor = editor.text.textCursor()
        cursor.setPosition(len(body) // 2)
        editor.text.setTextCursor(cursor)
        keys = [_ms(lambda: qtbot.keyClicks(editor.text, "x")) for _ in range(20)]
        preview = [_ms(editor.render_preview) for _ in range(5)]

        def save() -> None:
            with qtbot.waitSignal(session.data_changed, timeout=WAIT_MS):
                editor.save()

        saves = []
        for _ in range(3):
            qtbot.keyClicks(editor.text, "y")
            saves.append(_ms(save))
        whole = _ms(lambda: editor.renderer._md.render(body))
    finally:
        detach_project(session)
    print(f"\n1 MB note ({len(body):,} characters): open {opened:.0f} ms; keystroke median "
          f"{statistics.median(keys):.1f} ms (max {max(keys):.1f}); preview around the cursor "
          f"{statistics.median(preview):.0f} ms; save to committed {statistics.median(saves):.0f}"
          f" ms; for comparison, Markdown of the whole note {whole:.0f} ms")
