"""Undo and redo of imports and deletes through the window; the import history; opening a
project in a worker while the window keeps working."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox, QUndoView

from desktop.services.project import DB_NAME
from desktop.ui.imports.import_history_dialog import ImportHistoryDialog
from desktop.ui.imports.import_history_model import ImportHistoryModel
from desktop.ui.imports.import_report_dialog import ImportReportDialog
from desktop.ui.main.main_window import MainWindow
from tests.support import SEED_TITLE
from tests.ui.conftest import WAIT_MS


def _import(qtbot, win: MainWindow, folder: Path) -> object:
    with qtbot.waitSignal(win.session.import_finished, timeout=WAIT_MS) as finished:
        win.session.import_paths([folder])
    for dialog in win.findChildren(ImportReportDialog):
        dialog.close()
    return finished.args[0]


def _write(folder: Path, name: str, title: str, body: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(f"{title}\n\n{body}\n", encoding="utf-8")


def _search_total(qtbot, win: MainWindow, query: str, expected: int) -> None:
    """Wait until searching for ``query`` finds ``expected`` articles (indexing is async)."""
    def found() -> bool:
        win.session.search(query)
        qtbot.wait(150)
        shown = win.results.results
        return shown is not None and shown.query == query and shown.total == expected

    win.search_field.setText(query)
    qtbot.waitUntil(found, timeout=WAIT_MS)


def test_an_import_is_undone_and_redone_as_one_step(qtbot, window: MainWindow,
                                                    tmp_path: Path) -> None:
    folder = tmp_path / "wire"
    for n in range(3):
        _write(folder, f"{n}.txt", f"Wombat story {n}", f"The wombat number {n} was seen.")
    # The import alone (recognition after it is a step of its own, tested with entities).
    window.entity_docks.recognition.after_import = False
    report = _import(qtbot, window, folder)
    assert report.imported == 3
    stack = window.session.undo_stack
    assert stack.count() == 1 and stack.undoText() == "Import wire"
    assert window.main_actions.undo.text().endswith("Import wire")
    qtbot.waitUntil(lambda: window.articles.rowCount() == 4, timeout=WAIT_MS)
    _search_total(qtbot, window, "wombat", 3)

    with qtbot.waitSignal(window.session.data_changed, timeout=WAIT_MS) as undone:
        window.main_actions.undo.trigger()
    assert sorted(undone.args[0].deleted("articles")) == sorted(report.imported_ids)
    qtbot.waitUntil(lambda: window.articles.rowCount() == 1, timeout=WAIT_MS)
    _search_total(qtbot, window, "wombat", 0)

    with qtbot.waitSignal(window.session.data_changed, timeout=WAIT_MS) as redone:
        window.main_actions.redo.trigger()
    # The same articles come back: same ids (so links and open results stay valid).
    assert sorted(redone.args[0].created("articles")) == sorted(report.imported_ids)
    qtbot.waitUntil(lambda: window.articles.rowCount() == 4, timeout=WAIT_MS)
    _search_total(qtbot, window, "wombat", 3)
    history = window.findChild(QUndoView)
    assert history is not None and history.stack() is stack


def test_delete_from_the_article_list_and_undo_it(qtbot, window: MainWindow) -> None:
    project = window.session.project
    assert project is not None
    seed = project.store.articles.summaries().__next__()
    uuid = project.store.articles.get(seed.id).uuid
    window.workspace.article_view.setFocus()
    window.workspace.article_view.selectRow(0)
    assert window.main_actions.delete_articles.isEnabled()
    with qtbot.waitSignal(window.session.data_changed, timeout=WAIT_MS) as deleted:
        window.main_actions.delete_articles.trigger()
    assert deleted.args[0].deleted("articles") == (seed.id,)
    qtbot.waitUntil(lambda: window.articles.rowCount() == 0, timeout=WAIT_MS)
    assert window.session.undo_stack.undoText() == "Delete 1 article"
    with qtbot.waitSignal(window.session.data_changed, timeout=WAIT_MS):
        window.session.undo_stack.undo()
    qtbot.waitUntil(lambda: window.articles.rowCount() == 1, timeout=WAIT_MS)
    back = project.store.articles.get(seed.id)
    assert back is not None and (back.uuid, back.title) == (uuid, SEED_TITLE)


@pytest.mark.parametrize("answer", [QMessageBox.StandardButton.No,
                                    QMessageBox.StandardButton.Yes])
def test_deleting_an_article_with_notes_asks_first_and_keeps_the_notes(
        qtbot, window: MainWindow, monkeypatch, answer) -> None:
    project = window.session.project
    assert project is not None
    seed_id = next(project.store.articles.summaries()).id
    with project.store.transaction() as db:
        highlight = db.execute(
            'INSERT INTO highlights (article_id, start, "end", exact) VALUES (?, 0, 5, ?)'
            " RETURNING id", (seed_id, "Sunni")).fetchone()[0]
        db.execute("INSERT INTO notes (article_id, highlight_id, body) VALUES (?, ?, 'Mine')",
                   (seed_id, highlight))
    asked: list[str] = []

    def question(_parent, _title, text, *args, **kwargs):
        asked.append(text)
        return answer

    monkeypatch.setattr(QMessageBox, "question", question)
    window.workspace.article_view.selectRow(0)
    window.article_list.delete_selected()
    assert asked and "1 highlights and 1 notes" in asked[0]
    if answer == QMessageBox.StandardButton.No:
        qtbot.wait(300)
        assert project.store.articles.count() == 1
        return
    qtbot.waitUntil(lambda: project.store.articles.count() == 0, timeout=WAIT_MS)
    note = project.store.connection.execute(
        "SELECT article_id, highlight_id, quote, body FROM notes").fetchone()
    assert note == (None, None, "Sunni", "Mine")


def test_import_history_lists_every_import_and_opens_its_report(
        qtbot, qtmodeltester, window: MainWindow, tmp_path: Path) -> None:
    _write(tmp_path / "one", "a.txt", "Okapi seen", "In the forest.")
    _import(qtbot, window, tmp_path / "one")
    _write(tmp_path / "two", "b.txt", "Tapir seen", "By the river.")
    (tmp_path / "two" / "empty.txt").write_bytes(b"")
    _import(qtbot, window, tmp_path / "two")
    window.main_actions.import_history.trigger()
    dialog = window.findChild(ImportHistoryDialog, "importHistory")
    assert dialog is not None and dialog.isVisible()
    model = dialog.model
    standalone = ImportHistoryModel()  # the dialog's model dies with the dialog
    standalone.set_runs(window.session.project.store.import_runs.recent())
    qtmodeltester.check(standalone, force_py=True)
    # Newest first: this test's two imports above the sample project's own.
    what = [model.index(row, model.WHAT).data() for row in range(model.rowCount())]
    assert what[:2] == ["Import two", "Import one"]
    assert model.index(0, model.FAILED).data() == "1"
    dialog.show_button.click()
    report_dialog = window.findChild(ImportReportDialog)
    assert report_dialog is not None and report_dialog.isVisible()
    assert "empty.txt" in report_dialog.report_text()
    dialog.close()


def test_opening_runs_in_a_worker_and_the_window_keeps_working(
        qtbot, window: MainWindow, tmp_path: Path) -> None:
    from tests.unit.test_migrations import make_v1_database

    old = tmp_path / "old project"
    old.mkdir()
    make_v1_database(old / DB_NAME)  # needs a backup and an upgrade when opened
    ticks: list[int] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(5)
    labels: list[str] = []
    window.session.opening_started.connect(
        lambda task: task.signals.progress.connect(lambda d, t, label: labels.append(label)))
    with qtbot.waitSignal(window.session.project_opened, timeout=WAIT_MS):
        assert window.open_project(old)
        assert window.session.project is not None  # the sample stays open meanwhile
        assert window.session.project.path != old.resolve()
    timer.stop()
    assert window.session.project is not None and window.session.project.path == old.resolve()
    assert any(label.startswith("Backing up") for label in labels)
    assert ticks, "the event loop kept running while the project opened"
