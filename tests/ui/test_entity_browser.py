"""The entity browser and recognition from the GUI, on the sample project (the seed
article): Tools > Recognise Entities, the list with its filters and sorting, undo; closing
the project during a recognition."""

from __future__ import annotations

import multiprocessing
import time
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from desktop.services.project import Project
from desktop.ui.entities.entity_table_model import EntityFilter, EntityTableModel
from desktop.ui.main.main_window import MainWindow
from tests.ui.conftest import WAIT_MS, make_project
from tests.ui.entity_support import names, open_browser, recognise, row_named

SEED_NAMES = {"John Kerry", "Ghasem Soleimani", "Quds Force", "Bashar Assad", "Iran", "Iraq",
              "Syria", "Najaf", "Karbala", "Baghdad", "Islamic State of Iraq and the Levant"}


def test_recognise_from_the_tools_menu_lists_the_seed_names_and_undoes(
        qtbot, window: MainWindow) -> None:
    report = recognise(qtbot, window)
    assert report.articles_done == 1 and report.mentions_added > 20
    stack = window.session.undo_stack
    assert stack.undoText().startswith("Recognise entities")
    model = open_browser(qtbot, window)
    listed = set(names(model))
    assert listed >= SEED_NAMES
    assert not {"State", "Gen"} & listed
    row = row_named(model, "Ghasem Soleimani")
    assert model.index(row, EntityTableModel.STATE).data() == "Suggested"
    assert model.index(row, EntityTableModel.TYPE).data() == "Person"
    assert model.index(row, EntityTableModel.TYPE).data(
        Qt.ItemDataRole.DecorationRole) == QColor("#4f8fd8")
    assert int(model.index(row, EntityTableModel.MENTIONS).data()) >= 3
    assert model.index(row, EntityTableModel.ARTICLES).data() == "1"
    # The status bar says what was found.
    assert "mentions" in window.statusBar().currentMessage()
    with qtbot.waitSignal(model.loaded, timeout=WAIT_MS):
        stack.undo()
    qtbot.waitUntil(lambda: model.rowCount() == 0, timeout=WAIT_MS)
    with qtbot.waitSignal(model.loaded, timeout=WAIT_MS):
        stack.redo()
    assert set(names(model)) >= SEED_NAMES


def test_filters_search_and_sorting(qtbot, window: MainWindow) -> None:
    recognise(qtbot, window)
    model = open_browser(qtbot, window)
    browser = window.entity_docks.browser
    everything = model.rowCount()
    browser.type_box.setCurrentIndex(browser.type_box.findData("place"))
    qtbot.waitUntil(lambda: model.filter.type_name == "place" and not model.loading,
                    timeout=WAIT_MS)
    qtbot.waitUntil(lambda: 0 < model.rowCount() < everything, timeout=WAIT_MS)
    assert {model.row_at(r).type for r in range(model.rowCount())} == {"place"}
    assert {"Najaf", "Karbala", "Baghdad"} <= set(names(model))
    browser.type_box.setCurrentIndex(0)
    qtbot.waitUntil(lambda: model.rowCount() == everything, timeout=WAIT_MS)
    # A name or an alias, any part of it, in any case.
    qtbot.keyClicks(browser.search, "soleim")
    qtbot.waitUntil(lambda: names(model) == ["Ghasem Soleimani"], timeout=WAIT_MS)
    browser.search.clear()
    qtbot.waitUntil(lambda: model.rowCount() == everything, timeout=WAIT_MS)
    us = model.row_at(row_named(model, "United States"))
    assert us is not None and "US" in us.aliases
    with qtbot.waitSignal(model.loaded, timeout=WAIT_MS):
        model.set_filter(EntityFilter(text="us"))  # the alias "US"
    assert "United States" in names(model)
    with qtbot.waitSignal(model.loaded, timeout=WAIT_MS):
        model.set_filter(EntityFilter(state="confirmed"))
    assert model.rowCount() == 0  # all of them are suggestions yet
    with qtbot.waitSignal(model.loaded, timeout=WAIT_MS):
        model.set_filter(EntityFilter())
    # Sorting by a header.
    browser.view.sortByColumn(EntityTableModel.NAME, Qt.SortOrder.AscendingOrder)
    listed = names(model)
    assert listed == sorted(listed, key=str.casefold)
    browser.view.sortByColumn(EntityTableModel.MENTIONS, Qt.SortOrder.DescendingOrder)
    counts = [model.row_at(r).mentions for r in range(model.rowCount())]
    assert counts == sorted(counts, reverse=True)


def test_enter_in_the_browser_opens_the_page(qtbot, window: MainWindow) -> None:
    recognise(qtbot, window)
    model = open_browser(qtbot, window)
    browser = window.entity_docks.browser
    row = row_named(model, "Bashar Assad")
    browser.view.setCurrentIndex(model.index(row, 0))
    browser.view.setFocus()
    page = window.entity_docks.page
    qtbot.keyClick(browser.view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.page is not None and page.page.entity.name == "Bashar Assad",
                    timeout=WAIT_MS)
    assert window.entity_docks.page_dock.isVisible()


def test_recognition_runs_after_an_import(qtbot, window: MainWindow, tmp_path: Path) -> None:
    source = tmp_path / "wire"
    source.mkdir()
    (source / "story.txt").write_text(
        "Merkel meets Macron in Berlin\n\nAngela Merkel met Emmanuel Macron in Berlin on "
        "Tuesday. Merkel said Germany and France agree.\n", encoding="utf-8")
    recognition = window.entity_docks.recognition
    with qtbot.waitSignal(recognition.finished, timeout=WAIT_MS) as blocker:
        window.session.import_paths([source])
    report = blocker.args[0]
    assert report.articles_total == 1  # the new article only
    model = open_browser(qtbot, window)
    assert {"Angela Merkel", "Berlin", "Germany", "France"} <= set(names(model))
    assert window.session.undo_stack.undoText() == "Recognise entities in 1 article"


def test_the_browser_model_passes_the_model_tester(qtmodeltester, qtbot,
                                                    window: MainWindow) -> None:
    recognise(qtbot, window)
    model = open_browser(qtbot, window)
    assert model.rowCount() > 10
    model.sort(EntityTableModel.NAME, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(model, force_py=True)


def test_the_entity_panels_are_named_and_have_keys(qtbot, window: MainWindow) -> None:
    docks = window.entity_docks
    for dock, key in ((docks.browser_dock, "Ctrl+Shift+E"), (docks.page_dock, "Ctrl+Shift+P")):
        assert dock.toggleViewAction().shortcut().toString() == key
    assert window.main_actions.entity_graph.shortcut().toString() == "Ctrl+Shift+O"
    for widget in (*docks.browser.focus_chain(), *docks.page.focus_chain()):
        assert widget.accessibleName(), widget
        assert widget.accessibleDescription(), widget


def test_closing_the_project_during_recognition_returns_promptly(
        qtbot, bare_window: MainWindow, tmp_path: Path) -> None:
    # Recognition runs in a process of its own; closing the project (or quitting) cancels
    # it: the process stops between articles, keeps its finished batches, and is gone.
    files = {f"{i:04d}.txt": f"Talks {i}\n\nAngela Merkel met Kofi Annan in Nairobi on "
             f"Monday. Merkel said talk {i} went well in Nairobi.\n" for i in range(1500)}
    path = make_project(tmp_path / "project", files)
    win = bare_window
    with qtbot.waitSignal(win.session.index_ready, timeout=WAIT_MS):
        win.open_project(path)
    task = win.entity_docks.recognition.recognise()
    assert task is not None
    with qtbot.waitSignal(task.signals.progress, timeout=WAIT_MS,
                          check_params_cb=lambda done, _total, _label: done >= 100):
        pass
    started = time.monotonic()
    win.session.close()
    took = time.monotonic() - started
    assert took < 3.0, f"closing took {took:.1f} s"
    assert not [p for p in multiprocessing.active_children()
                if p.name == "research-notes-recognition"]
    with Project.open(path) as project:
        stored = project.store.connection.execute(
            "SELECT count(DISTINCT article_id) FROM mentions").fetchone()[0]
    assert 100 <= stored < 1500
