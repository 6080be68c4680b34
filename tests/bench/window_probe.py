"""Opens the real main window on a project in a fresh interpreter and times it.

Run by the benchmarks as a child process (``python -m tests.bench.window_probe PROJECT``)
with ``QT_QPA_PLATFORM=offscreen`` and per-user folders of its own; prints one JSON line:

- ``imports_s``: interpreter start to Qt and the application imported;
- ``shown_s``: to the window shown (the project still opening in its worker);
- ``rows_s``: to the article list showing rows (the list model has rows: on a long list,
  its first rows while the whole order is still being read); ``rows_cpu_s``: the CPU time
  this process used by then (all its threads), steadier than the wall clock on a busy
  machine;
- ``list_s``: to the whole list (the model is ready; ``rows`` is its row count then);
- ``first_answer_s``: to the first search answered (asked as soon as the project is open,
  as a user typing at once would; it waits for the index to be found usable), and the
  times of the next searches, one after the other;
- ``rss_mb`` / ``peak_rss_mb``: VmRSS and VmHWM of this process after the searches (or,
  with ``--searches 0``, a few seconds after the rows were shown);
- ``stalls``: the GUI thread's heartbeat from the window shown to the end;
- ``close_s``: how long closing the window took (it stops the indexer process).

Times count from the first line of this module, so interpreter start-up is left out
(about 20 ms) and every import is in.
"""

from __future__ import annotations

import time

STARTED = time.perf_counter()

import argparse  # noqa: E402  (after the clock starts, on purpose)
import json  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

QUERIES = (
    "economy", "oil prices", "\"interest rates\"", "title:bank", "minist*", "technolgy~",
    "election", "football", "trade deficit", "Japan", "music award", "coffee", "court",
    "broadband", "dollar", "strike", "budget", "China", "pension", "growth",
)
SETTLE_MS = 3000


def vm_status(key: str) -> float:
    """A ``/proc/self/status`` field in MB (VmRSS: resident now; VmHWM: the peak)."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(key + ":"):
                return int(line.split()[1]) / 1024
    return 0.0


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("project", type=Path)
    parser.add_argument("--searches", type=int, default=20)
    parser.add_argument("--timeout", type=float, default=600.0)
    args = parser.parse_args()

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from desktop.app import configure_application, create_main_window
    from desktop.ui.main.main_window import MainWindow
    from tests.bench.heartbeat import Heartbeat

    def now() -> float:
        return time.perf_counter() - STARTED

    app = QApplication([sys.argv[0]])
    configure_application(app)
    result: dict[str, object] = {"imports_s": now(), "imports_cpu_s": time.process_time()}
    window = create_main_window(args.project)
    assert isinstance(window, MainWindow)
    window.show()
    result["shown_s"] = now()
    # From the window on screen: building it is one block of work before anything shows.
    heartbeat = Heartbeat()
    heartbeat.start()
    heartbeat.mark("opening")
    session = window.session
    answers: list[tuple[float, int]] = []

    def finish(reason: str) -> None:
        if "end" in result:
            return
        result["end"] = reason
        result["rss_mb"] = vm_status("VmRSS")
        result["peak_rss_mb"] = vm_status("VmHWM")
        result["answers"] = answers
        stats = heartbeat.stop()
        result["stalls"] = {
            "summary": stats.summary(), "longest_ms": stats.longest_ms, "p99_ms": stats.p99_ms,
            "worst": [(s.ms, s.phase, s.where()) for s in stats.worst(5)],
        }
        closing = time.perf_counter()
        window.close()
        result["close_s"] = time.perf_counter() - closing
        app.quit()

    def poll_rows() -> None:
        model = window.article_view.model()
        if "rows_s" not in result and model is not None and model.rowCount() > 0:
            result["rows_s"] = now()
            result["rows_cpu_s"] = time.process_time()
            heartbeat.mark("rows shown")
        if ("list_s" not in result and "rows_s" in result and model is not None
                and getattr(model, "ready", True)):
            result["list_s"] = now()
            result["rows"] = model.rowCount()
            heartbeat.mark("list shown")
            if args.searches == 0:
                QTimer.singleShot(SETTLE_MS, lambda: finish("settled"))
            elif len(answers) >= args.searches:
                finish("searched")

    def opened(_project: object) -> None:
        result["opened_s"] = now()
        if args.searches:
            session.search(QUERIES[0])

    def answered(results: object) -> None:
        answers.append((now(), int(getattr(results, "total", -1))))
        if len(answers) == 1:
            result["first_answer_s"] = answers[0][0]
            heartbeat.mark("searching")
        if len(answers) < args.searches:
            session.search(QUERIES[len(answers) % len(QUERIES)])
        elif "list_s" in result:
            finish("searched")

    def failed(message: str) -> None:
        result["error"] = message
        finish("failed")

    rows_timer = QTimer()
    rows_timer.setInterval(5)
    rows_timer.timeout.connect(poll_rows)
    rows_timer.start()
    session.project_opened.connect(opened)
    session.search_finished.connect(answered)
    session.open_failed.connect(failed)
    session.task_failed.connect(failed)
    QTimer.singleShot(int(args.timeout * 1000), lambda: finish("timed out"))
    app.exec()
    rows_timer.stop()
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
