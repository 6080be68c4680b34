"""The GUI process hands the interpreter lock back to the GUI thread quickly, keeps the
garbage collector off the objects that live as long as the window, and starts its
background processes at a lower priority."""

from __future__ import annotations

import gc
import sys

from PySide6.QtWidgets import QApplication

from desktop.app import BACKGROUND_NICENESS, GUI_SWITCH_INTERVAL_S, configure_application
from desktop.services.background_priority import BackgroundPriority
from desktop.ui.main.main_window import MainWindow


def test_configure_application_shortens_the_switch_interval(qapp: QApplication) -> None:
    sys.setswitchinterval(0.005)  # Python's default
    configure_application(qapp)
    assert sys.getswitchinterval() <= GUI_SWITCH_INTERVAL_S < 0.005


def test_the_window_lowers_the_priority_of_background_processes(
        qapp: QApplication, monkeypatch) -> None:
    monkeypatch.setattr(BackgroundPriority, "niceness", 0)
    configure_application(qapp)
    assert BackgroundPriority.niceness == BACKGROUND_NICENESS > 0


def test_the_objects_of_a_built_window_are_frozen(qtbot) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    # Modules, classes and the window's widgets: the collector no longer walks them.
    assert gc.get_freeze_count() > 10_000
