"""The installed PySide6 keeps Python's reference counts of ``True`` and ``None`` intact.

PySide6-Essentials 6.12.0 on Python 3.11 drops a reference to ``True`` on every
``Signal.emit`` and to ``None`` on every void Qt call; after enough progress updates the
count reaches zero and the interpreter aborts (``Fatal Python error: bool_dealloc``),
mid-import or at exit. pyproject.toml excludes that release; this test catches the next one.

The calls run in a child process, which stops counting at the first clear fall: on a broken
release the lost references would otherwise abort this test session instead of failing one
test.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import PySide6

CALLS = 10_000
# Other threads and caches move the counts by a few; a broken binding moves them by CALLS.
NOISE = 100

PROBE = """
import json, os, sys
from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QLabel

class Emitter(QObject):
    progressed = Signal(int)

app = QApplication([])
def on_progress(value):
    pass  # a receiver, as the progress panel has: emit then calls into Python

emitter = Emitter()
emitter.progressed.connect(on_progress)
label = QLabel()
timer = QTimer()

# How far the counts of True and None fell over `calls` calls, and after how many. Stops as
# soon as either fell by more than the noise: True starts near 600 in a fresh interpreter,
# so a broken binding would reach zero (and abort) long before 10,000.
def fall(call, calls, noise):
    call()  # warm caches (method lookup, first-call allocations) before counting
    before = sys.getrefcount(True), sys.getrefcount(None)
    done = 0
    while done < calls:
        for _ in range(100):
            call()
        done += 100
        fell = before[0] - sys.getrefcount(True), before[1] - sys.getrefcount(None)
        if max(fell) > noise:
            break
    return {"calls": done, "True": fell[0], "None": fell[1]}

calls, noise = int(sys.argv[1]), int(sys.argv[2])
print(json.dumps({
    "Signal.emit": fall(lambda: emitter.progressed.emit(1), calls, noise),
    "QLabel.setText": fall(lambda: label.setText("12 of 20 files"), calls, noise),
    "QTimer.start": fall(lambda: timer.start(60_000), calls, noise),
    "QCoreApplication.processEvents": fall(QCoreApplication.processEvents, calls, noise),
}), flush=True)
os._exit(0)  # skip finalisation: after lost references it would abort and hide the figures
"""


def test_signals_and_void_calls_do_not_lose_references_to_true_or_none():
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(CALLS), str(NOISE)],
        capture_output=True, text=True, env=env, timeout=300, check=False,
    )
    where = f"PySide6 {PySide6.__version__} on Python {sys.version.split()[0]}"
    # rc -6 (SIGABRT) would be the bool_dealloc abort itself.
    assert done.returncode == 0, f"{where}: probe exited {done.returncode}\n{done.stderr}"
    falls: dict[str, dict[str, int]] = json.loads(done.stdout)
    assert set(falls) == {"Signal.emit", "QLabel.setText", "QTimer.start",
                          "QCoreApplication.processEvents"}
    lost = [
        f"{call} lost {result[name]} references to {name} in {result['calls']:,} calls"
        for call, result in falls.items()
        for name in ("True", "None")
        if result[name] > NOISE
    ]
    assert not lost, f"{where}: " + "; ".join(lost)
    # Every call ran the full 10,000 times (the probe stops early only on a fall).
    assert {result["calls"] for result in falls.values()} == {CALLS}
