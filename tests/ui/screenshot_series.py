"""Draws the README's screenshot series in a real window system (run under Xvfb by
``tests/ui/test_screenshot.py``): the first run, the sample's coded passage with its
margin note, a search, the start page of a window without a project, an import report and
the dark appearance.

Usage: ``python -m tests.ui.screenshot_series OUTPUT_DIR``. The caller points the user
folders (XDG_*, HOME) at a temporary place, so this is a first run.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget

from desktop.app import configure_application, create_main_window
from desktop.ui.annotations.highlights_panel import HighlightsPanel
from desktop.ui.common.app_settings import Appearance
from desktop.ui.imports.import_report_dialog import ImportReportDialog
from desktop.ui.main.main_window import MainWindow
from tests.support import SEED_FILE, SEEDS

SIZE = (1280, 800)


def wait(app: QApplication, condition: Callable[[], bool], seconds: float = 30.0) -> None:
    end = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > end:
            raise TimeoutError("the window did not reach the expected state")
        app.processEvents()
        time.sleep(0.01)


def settle(app: QApplication, seconds: float = 0.3) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


def save(app: QApplication, widget: QWidget, target: Path) -> None:
    settle(app)
    if not widget.grab().save(str(target)):
        raise OSError(f"could not save {target}")


def search(app: QApplication, window: MainWindow, query: str) -> None:
    window.search_field.setText(query)
    window.run_search()
    wait(app, lambda: window.results.results is not None
         and window.results.results.query == query)
    # Notes and highlights are found too; show an article hit, with its words marked.
    rows = [r for r in range(window.results.rowCount()) if window.results.hit(r).kind == "article"]
    window.result_view.setCurrentIndex(window.results.index(rows[0], 0))
    wait(app, lambda: bool(window.reader.marked_texts()))


def open_sample_highlight(app: QApplication, window: MainWindow) -> None:
    """Open the sample's coded passage from the highlights panel, as a user clicking its
    row does: the reader scrolls to it and its note shows in the margin beside it."""
    panel = window.findChild(HighlightsPanel)
    assert panel is not None
    wait(app, lambda: panel.view.model().rowCount() == 1)
    row = panel.view.model().index(0, 0)
    panel.view.setCurrentIndex(row)
    panel.view.activated.emit(row)
    margin = window.workspace.reader_panel.margin
    wait(app, lambda: window.reader.current_highlight is not None and margin.fully_rendered
         and margin.isVisible() and bool(margin.cards) and window.session.runner.idle
         and not window.session.index.busy)
    top = window.reader.highlight_top(window.reader.current_highlight)
    shown = window.reader.document_offset().y()
    if top is None or not shown <= top <= shown + window.reader.viewport().height():
        raise AssertionError("the sample's highlight is not in view")


def import_folder(base: Path) -> Path:
    """A folder that exercises every line of the report."""
    folder = base / "Wire stories"
    folder.mkdir(parents=True)
    (folder / "kerry-iran.txt").write_text(
        "Kerry says talks with Iran are possible\n\nUS Secretary of State John Kerry said "
        "the United States is open to talks with Iran about the crisis in Iraq.\n",
        encoding="utf-8")
    (folder / "najaf.txt").write_text(
        "Shiite volunteers gather in Najaf\n\nThousands of volunteers gathered in Najaf "
        "after the call to arms, officials said.\n", encoding="utf-8")
    (folder / "copy of seed.txt").write_bytes(SEED_FILE.read_bytes())
    (folder / "empty.txt").write_bytes(b"")
    (folder / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0 not an article")
    (folder / "README.md").write_text("How this folder was collected.\n", encoding="utf-8")
    return folder


def main(out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication([sys.argv[0]])
    configure_application(app)
    window = create_main_window(None, SEEDS)
    assert isinstance(window, MainWindow)
    window.resize(*SIZE)
    window.show()
    # Drawn once the window is at rest: the sample's highlight and note indexed too, so
    # that no progress bar is caught half way.
    wait(app, lambda: window.articles.rowCount() == 1 and window.session.index_is_ready
         and not window.session.index.busy and window.session.runner.idle)
    save(app, window, out / "first-run.png")

    open_sample_highlight(app, window)
    save(app, window, out / "highlights.png")

    search(app, window, "Soleimani Iran")
    save(app, window, out / "search.png")

    folder = import_folder(Path.home() / "Documents")
    window.commands.import_paths([folder])
    wait(app, lambda: window.report_dialog is not None and window.report_dialog.isVisible())
    dialog = window.findChild(ImportReportDialog, "importReport")
    assert dialog is not None
    save(app, dialog, out / "import-report.png")
    dialog.close()

    window.theme.apply(Appearance.DARK)
    window.reader.refresh()
    search(app, window, "Kerry")
    save(app, window, out / "dark.png")
    window.theme.apply(Appearance.LIGHT)

    window.session.close()
    wait(app, lambda: window.pages.currentIndex() == MainWindow.START_PAGE)
    save(app, window, out / "welcome.png")
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
