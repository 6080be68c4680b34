"""Helpers for the entity panels' tests: recognise the sample project from the GUI, open
the browser, find rows."""

from __future__ import annotations

from desktop.services.recognition_service import RecognitionReport
from desktop.ui.entities.entity_table_model import EntityTableModel
from desktop.ui.main.main_window import MainWindow
from tests.ui.conftest import WAIT_MS


def recognise(qtbot, window: MainWindow) -> RecognitionReport:
    """Tools > Recognise Entities, until the run is done and on the undo stack."""
    recognition = window.entity_docks.recognition
    with qtbot.waitSignal(recognition.finished, timeout=WAIT_MS) as blocker:
        window.main_actions.recognise_entities.trigger()
    report = blocker.args[0]
    assert isinstance(report, RecognitionReport)
    return report


def open_browser(qtbot, window: MainWindow) -> EntityTableModel:
    """View > Panels > Entities, with its rows loaded."""
    docks = window.entity_docks
    if not docks.browser_dock.isVisible():
        docks.browser_dock.toggleViewAction().trigger()
    assert docks.browser_dock.isVisible()
    model = docks.browser.model
    qtbot.waitUntil(lambda: not model.loading and model.rowCount() > 0, timeout=WAIT_MS)
    return model


def names(model: EntityTableModel) -> list[str]:
    return [model.row_at(r).name for r in range(model.rowCount())]  # type: ignore[union-attr]


def row_named(model: EntityTableModel, name: str) -> int:
    found = names(model)
    assert name in found, f"{name!r} is not listed: {found}"
    return found.index(name)


def reload_and_wait(qtbot, model: EntityTableModel) -> None:
    with qtbot.waitSignal(model.loaded, timeout=WAIT_MS):
        model.reload()
