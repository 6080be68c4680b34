"""Qt test set-up: settings in a temporary folder, application names as in the app."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from desktop.app import configure_application, create_main_window
from desktop.ui.main.main_window import MainWindow
from tests.support import SEEDS

WAIT_MS = 20_000


@pytest.fixture(autouse=True)
def qt_settings(qapp: QApplication, tmp_path: Path) -> Iterator[Path]:
    configure_application(qapp)
    folder = tmp_path / "settings"
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    yield folder


@pytest.fixture
def window(qtbot) -> Iterator[MainWindow]:
    """The main window on a fresh first run: the sample project created and opened."""
    win = create_main_window(None, SEEDS)
    assert isinstance(win, MainWindow)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.articles.rowCount() == 1 and win.session.index_is_ready,
                    timeout=WAIT_MS)
    yield win
    win.close()
    win.session.runner.wait()
