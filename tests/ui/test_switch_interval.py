"""The GUI process hands the interpreter lock back to the GUI thread quickly."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication

from desktop.app import GUI_SWITCH_INTERVAL_S, configure_application


def test_configure_application_shortens_the_switch_interval(qapp: QApplication) -> None:
    sys.setswitchinterval(0.005)  # Python's default
    configure_application(qapp)
    assert sys.getswitchinterval() <= GUI_SWITCH_INTERVAL_S < 0.005

