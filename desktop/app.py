"""Entry point of ``research-notes``: a command (import, search, ...) or the GUI.

Commands run without importing Qt, so scripts start fast and work on machines without a
display; the GUI modules load only when a window is wanted.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from desktop import APP_NAME, __version__
from desktop.cli import COMMANDS
from desktop.services.log_files import LogFiles

RESOURCES = Path(__file__).resolve().parents[1] / "resources"
ORGANISATION = "ResearchNotes"
# See configure_application.
GUI_SWITCH_INTERVAL_S = 0.0002
BACKGROUND_NICENESS = 10


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and (args[0] in COMMANDS or args[0] in ("-h", "--help", "--version")):
        # Here, not at the top: the window never needs the commands.
        from desktop.cli.command_line import CommandLine

        LogFiles.configure("research-notes")
        return CommandLine().run(args)
    if len(args) > 1:
        print("usage: research-notes [PROJECT_DIR] | research-notes COMMAND ... "
              f"(commands: {', '.join(COMMANDS)})", file=sys.stderr)
        return 2
    return run_gui(Path(args[0]) if args else None)


def run_gui(project: Path | None) -> int:
    LogFiles.configure("research-notes")
    from PySide6.QtWidgets import QApplication

    from desktop.ui.main.single_instance import SingleInstance

    app = QApplication.instance() or QApplication([sys.argv[0]])
    assert isinstance(app, QApplication)
    configure_application(app)
    instance = SingleInstance()
    if instance.ask_running(project):
        # The running window opens the project (or comes to the front), and says so there.
        print(f"{APP_NAME} is already running: "
              + (f"asked it to open {project}." if project else "brought it to the front."))
        return 0
    instance.listen()
    window = create_main_window(project)
    instance.open_requested.connect(window.open_from_elsewhere)  # type: ignore[attr-defined]
    window.show()  # type: ignore[attr-defined]
    try:
        return app.exec()
    finally:
        instance.close()


def configure_application(app: object) -> None:
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from desktop.services.background_priority import BackgroundPriority
    from desktop.ui.common.app_settings import AppSettings
    from desktop.ui.common.theme import Theme

    assert isinstance(app, QApplication)
    # Worker threads (an import parsing files) hold the interpreter lock while the GUI
    # thread waits for it: each time the GUI thread needs it back (a cell's data, each row
    # SQLite steps to) it waits up to the switch interval, 5 ms by default, and a repaint
    # needs it hundreds of times. A shorter interval bounds those waits; the cost is a few
    # more switches, only while a thread waits. Measured (200 returns to Python against a
    # thread parsing BBC articles): 5 ms 1.1 s, 1 ms 270-310 ms, 0.2 ms 87-103 ms.
    sys.setswitchinterval(GUI_SWITCH_INTERVAL_S)
    # The indexer, its helpers and entity recognition yield the cores to the window when
    # it needs one: at the same priority, the GUI thread waited 100-350 ms for its turn
    # while they kept both cores of a two-core machine busy (see BackgroundPriority).
    BackgroundPriority.set(BACKGROUND_NICENESS)
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setWindowIcon(QIcon(str(RESOURCES / "icons" / "research-notes.svg")))
    Theme.of(app).apply(AppSettings().preferences().appearance)


def create_main_window(project: Path | None, seeds_dir: Path | None = None) -> object:
    """The main window with ``project`` opened, or the last project; on the first run (no
    recent projects at all) the sample project, created in the user's data folder.

    A project that cannot be opened leaves the window on its start page, with a dialog
    naming the reason; it never falls back to creating the sample instead.
    """
    from PySide6.QtCore import QStandardPaths

    from desktop.ui.main.main_window import MainWindow

    window = MainWindow()
    if project is not None:
        window.open_project(project.expanduser().resolve())
        return window
    recent = window.settings.recent_projects()
    if recent:
        last = recent[0].path
        if last.is_dir():
            window.open_project(last)
        return window  # a missing last project: the start page lists the recent ones
    data = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    window.session.open_sample(Path(data) / "Sample project", seeds_dir)
    return window
