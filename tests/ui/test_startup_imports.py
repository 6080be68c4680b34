"""Opening the window imports only what showing it needs: the modules of panels that start
hidden, of dialogs, of importing and of recognition load when first used (each costs tens
of milliseconds at every start; see tests/bench/window_probe.py for the timings)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DEFERRED = (
    "markdown_it",  # notes' Markdown: the first note rendered
    "importlib.metadata",  # Help > About
    "charset_normalizer",  # the importers: the first import
    "desktop.services.import_service",
    "desktop.entities.builtin_recognizer",  # recognition: the first run
    "desktop.services.recognition_process",
    "desktop.services.curation_service",  # curation: the first command
    "ahocorasick",
    "desktop.ui.preferences.preferences_dialog",
    "desktop.ui.imports.import_report_dialog",  # the first import's report
    "desktop.ui.imports.import_history_dialog",
    "desktop.ui.annotations.notes_panel",  # panels hidden at first: their first show
    "desktop.ui.history.history_panel",
    "desktop.ui.entities.entity_browser",
    "desktop.ui.entities.entity_page",
    "desktop.ui.entities.entity_graph_panel",
)
_PROBE = """
import json, sys
from PySide6.QtWidgets import QApplication
from desktop.app import configure_application
from desktop.ui.main.main_window import MainWindow
app = QApplication([sys.argv[0]])
configure_application(app)
window = MainWindow()
window.show()
app.processEvents()
def loaded():
    return sorted(m for m in sys.modules if m in json.loads(sys.argv[1]))
before = loaded()
window.docks.notes_dock.show()
window.docks.notes_dock.raise_()
app.processEvents()
print(json.dumps([before, loaded()]))
window.close()
"""


def test_the_window_opens_without_the_modules_it_does_not_show() -> None:
    # A fresh interpreter: this one has imported everything the other tests needed.
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, "-c", _PROBE, json.dumps(DEFERRED)], cwd=REPO,
                          env=env, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    before, after_notes = json.loads(done.stdout.strip().splitlines()[-1])
    assert before == []
    # Showing the notes panel loads its module (and only then).
    assert "desktop.ui.annotations.notes_panel" in after_notes


def test_recognition_leaves_the_recognisers_to_its_process() -> None:
    # The window starts recognition after every import. Importing the rule recogniser
    # there (its regular expressions compiled while holding the interpreter lock) stalled
    # the window for 150 ms; only the recognition process needs it.
    probe = ("import json, sys\n"
             "from desktop.ui.entities.entity_recognition import EntityRecognition\n"
             "from desktop.services.recognition_process import RecognitionProcess\n"
             "from desktop.entities.recognizer_names import installed_recognizers\n"
             "assert installed_recognizers()[0] == 'builtin'\n"
             "print(json.dumps(sorted(m for m in sys.modules if m.startswith("
             "'desktop.entities.'))))\n")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, "-c", probe], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    loaded = set(json.loads(done.stdout.strip().splitlines()[-1]))
    assert "desktop.entities.recognizer_names" in loaded  # the probe saw the package
    assert not loaded & {"desktop.entities.builtin_recognizer", "desktop.entities.text_scan",
                         "desktop.entities.propagation", "desktop.entities.recognizers"}
