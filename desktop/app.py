"""Entry point of ``research-notes``: a command (import, search, ...) or the GUI.

Commands run without importing Qt, so scripts start fast and work on machines without a
display; the GUI modules load only when a window is wanted.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from desktop import APP_NAME, __version__
from desktop.cli import COMMANDS, CommandLine

RESOURCES = Path(__file__).resolve().parents[1] / "resources"
ORGANISATION = "ResearchNotes"


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and (args[0] in COMMANDS or args[0] in ("-h", "--help", "--version")):
        return CommandLine().run(args)
    if len(args) > 1:
        print("usage: research-notes [PROJECT_DIR] | research-notes COMMAND ... "
              f"(commands: {', '.join(COMMANDS)})", file=sys.stderr)
        return 2
    return run_gui(Path(args[0]) if args else None)


def run_gui(project: Path | None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([sys.argv[0]])
    assert isinstance(app, QApplication)
    configure_application(app)
    window = create_main_window(project)
    window.show()
    return app.exec()


def configure_application(app: object) -> None:
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    assert isinstance(app, QApplication)
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setWindowIcon(QIcon(str(RESOURCES / "icons" / "research-notes.svg")))
    style = RESOURCES / "styles" / "app.qss"
    if style.is_file():
        app.setStyleSheet(style.read_text(encoding="utf-8"))


def create_main_window(project: Path | None, seeds_dir: Path | None = None) -> object:
    """The main window with ``project`` opened, or the last project, or on first run the
    sample project (created in the user's data folder)."""
    from PySide6.QtCore import QStandardPaths

    from desktop.ui.main.main_window import MainWindow

    window = MainWindow()
    if project is not None:
        window.open_project(project.expanduser().resolve())
        return window
    last = window.settings.last_project()
    if last is not None and last.is_dir() and window.open_project(last):
        return window
    if last is not None and not last.is_dir():
        window.settings.remove_recent_project(last)
    data = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    window.session.open_sample(Path(data) / "Sample project", seeds_dir)
    return window
