"""The entity panels drawn under Xvfb with Qt's xcb platform (see entity_screenshots.py):
real windows, the browser and page beside the reader, the graph with its coloured nodes.
With ``RESEARCH_NOTES_SCREENSHOTS=folder`` the pictures are copied there too."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage

from tests.support import REPO
from tests.ui.entity_screenshots import SHOTS
from tests.ui.test_screenshot import xvfb_display  # noqa: F401  (the fixture)


def _has_colour(image: QImage, colour: str) -> bool:
    wanted = QColor(colour)
    return any(image.pixelColor(x, y) == wanted for x in range(0, image.width(), 2)
               for y in range(0, image.height(), 2))


def test_entity_screenshots_under_xvfb(xvfb_display: str, tmp_path: Path) -> None:  # noqa: F811
    out = tmp_path / "shots"
    home = tmp_path / "home"
    home.mkdir()
    env = {**os.environ, "DISPLAY": xvfb_display, "QT_QPA_PLATFORM": "xcb",
           "HOME": str(home), "XDG_DATA_HOME": str(home / "data"),
           "XDG_CONFIG_HOME": str(home / "config"), "XDG_CACHE_HOME": str(home / "cache")}
    run = subprocess.run([sys.executable, "-m", "tests.ui.entity_screenshots", str(out)],
                         cwd=REPO, env=env, capture_output=True, text=True, timeout=240)
    if run.returncode != 0 and "could not load the Qt platform plugin" in run.stderr:
        pytest.skip("Qt's xcb platform plugin lacks system libraries (see the README)")
    assert run.returncode == 0, run.stderr
    assert "Traceback" not in run.stderr
    entities = QImage(str(out / "entities.png"))
    graph = QImage(str(out / "entity-graph.png"))
    assert not entities.isNull() and not graph.isNull()
    # The type swatches of the browser and the graph's nodes: person blue, place green.
    for image in (entities, graph):
        assert _has_colour(image, "#4f8fd8") and _has_colour(image, "#4fb07a")
    wanted = os.environ.get("RESEARCH_NOTES_SCREENSHOTS")
    if wanted:
        Path(wanted).mkdir(parents=True, exist_ok=True)
        for name in SHOTS:
            shutil.copyfile(out / name, Path(wanted) / name)
