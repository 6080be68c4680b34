"""Qt test set-up: settings in a temporary folder, application names as in the app."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from desktop.app import configure_application, create_main_window
from desktop.services.import_service import ImportService
from desktop.services.project import Project
from desktop.services.sample_annotations import SampleAnnotations
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
def window(qtbot, monkeypatch: pytest.MonkeyPatch) -> Iterator[MainWindow]:
    """The main window on a fresh first run, the sample made of the seed article alone:
    without the highlight, note, code and entities the real sample adds (most tests start
    from none of them; ``sample_window`` is the real first run)."""
    monkeypatch.setattr(SampleAnnotations, "add", lambda _self: True)
    yield from _first_run(qtbot)


@pytest.fixture
def sample_window(qtbot) -> Iterator[MainWindow]:
    """The main window on a fresh first run: the sample project created and opened."""
    yield from _first_run(qtbot)


def _first_run(qtbot) -> Iterator[MainWindow]:
    win = create_main_window(None, SEEDS)
    assert isinstance(win, MainWindow)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.articles.rowCount() == 1 and win.session.index_is_ready,
                    timeout=WAIT_MS)
    yield win
    _close(win)


@pytest.fixture
def bare_window(qtbot) -> Iterator[MainWindow]:
    """A main window with no project open (as after File > Close Project)."""
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    yield win
    _close(win)


@pytest.fixture
def english_locale() -> Iterator[QLocale]:
    """Counts and dates as in the United States ("13,785"), whatever the machine's locale."""
    previous = QLocale()
    locale = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    QLocale.setDefault(locale)
    yield locale
    QLocale.setDefault(previous)


def make_project(folder: Path, files: dict[str, str] | None = None,
                 name: str | None = None) -> Path:
    """A project on disk (closed again), holding the given ``{file name: text}`` articles."""
    with Project.create(folder, name) as project:
        if files:
            source = folder.parent / f"{folder.name}-source"
            source.mkdir()
            for file_name, text in files.items():
                (source / file_name).write_text(text, encoding="utf-8")
            ImportService(project).import_paths([source])
    return folder


def modal_answer(qtbot, answer: Callable[[QWidget], None]) -> None:
    """Answer the next modal dialog (a QMessageBox or QDialog run with exec()) from inside
    its own event loop, as a user would."""

    def attempt() -> None:
        widget = QApplication.activeModalWidget()
        if widget is None:
            QTimer.singleShot(20, attempt)
            return
        answer(widget)

    QTimer.singleShot(0, attempt)


def _close(win: MainWindow) -> None:
    """Close a test's window without the quit question: a test that failed while an
    import ran would otherwise wait for an answer for ever."""
    win.session.runner.cancel_all()
    win.session.runner.wait()
    QApplication.processEvents()  # the tasks' ends reach the session
    win.close()
    win.session.runner.wait()
