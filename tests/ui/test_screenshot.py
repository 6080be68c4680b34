"""The README's screenshot: the main window after a search, with the hit open in the reader.

It always renders into a temporary folder and checks that something real was drawn; with
``RESEARCH_NOTES_SCREENSHOT=path`` (``make screenshot``) it also saves the picture there.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtGui import QImage

from desktop.ui.main.main_window import MainWindow
from tests.ui.conftest import WAIT_MS


def test_screenshot_of_a_search(qtbot, window: MainWindow, tmp_path: Path) -> None:
    window.resize(1280, 800)
    qtbot.keyClicks(window.search_field, "Soleimani Iran")
    qtbot.waitUntil(lambda: window.results.rowCount() == 1, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: len(window.reader.marked_texts()) >= 2, timeout=WAIT_MS)
    image = window.grab().toImage()
    target = tmp_path / "screenshot.png"
    assert image.save(str(target))
    loaded = QImage(str(target))
    assert (loaded.width(), loaded.height()) == (1280, 800)
    # Something was drawn: many distinct colours (text, the hit marks), not a blank window.
    colours = {loaded.pixel(x, y) for x in range(0, 1280, 7) for y in range(0, 800, 7)}
    assert len(colours) > 20
    wanted = os.environ.get("RESEARCH_NOTES_SCREENSHOT")
    if wanted:
        assert image.save(wanted)
