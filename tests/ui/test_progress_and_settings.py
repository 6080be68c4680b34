"""The status-bar progress panel and the typed settings."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from PySide6.QtCore import QLocale, QSettings, Qt

from desktop.ui.common.app_settings import AppSettings
from desktop.ui.common.formatting import format_count, format_time_left
from desktop.ui.common.progress_panel import SHOW_AFTER_MS, ProgressPanel
from desktop.ui.common.task_runner import TaskRunner
from desktop.ui.common.time_left import TimeLeftEstimator


def test_progress_panel_follows_a_task_and_cancel_stops_it(qtbot) -> None:
    runner = TaskRunner()
    panel = ProgressPanel()
    qtbot.addWidget(panel)
    steps_done: list[int] = []
    started = threading.Event()

    def job(progress, cancel) -> int:
        for step in range(10_000):
            if cancel():
                return step
            progress(step, 10_000, f"file {step}")
            started.set()
            threading.Event().wait(0.002)
            steps_done.append(step)
        return 10_000

    task = runner.write(job, "Importing")
    panel.track(task)
    assert panel.label.text() == "Importing"
    qtbot.waitUntil(lambda: not panel.isHidden(), timeout=10_000)  # still running: shown
    qtbot.waitUntil(lambda: panel.bar.maximum() == 10_000 and panel.bar.value() > 0,
                    timeout=10_000)
    assert panel.label.text().startswith("Importing: file ")
    with qtbot.waitSignal(task.signals.finished, timeout=10_000) as finished:
        qtbot.mouseClick(panel.cancel_button, Qt.MouseButton.LeftButton)
    assert finished.args[0] < 10_000  # stopped early, at a step boundary
    assert task.cancel_token.cancelled
    assert panel.isHidden()
    runner.wait()


def test_a_task_over_at_once_never_shows_the_panel(qtbot) -> None:
    runner = TaskRunner()
    panel = ProgressPanel()
    qtbot.addWidget(panel)
    task = runner.write(lambda progress, cancel: 7, "Indexing")
    panel.track(task)
    hidden: list[bool] = []
    end = time.monotonic() + (SHOW_AFTER_MS + 300) / 1000
    while time.monotonic() < end:  # watched past the moment a slow task would show it
        qtbot.wait(10)
        hidden.append(panel.isHidden())
    assert panel.task is None  # it ended
    assert all(hidden) and len(hidden) > 10
    runner.wait()


def test_failed_task_hides_the_panel_and_reports(qtbot) -> None:
    runner = TaskRunner()
    panel = ProgressPanel()
    qtbot.addWidget(panel)

    def job(progress, cancel) -> None:
        raise ValueError("disk on fire")

    task = runner.write(job, "Importing")
    panel.track(task)
    with qtbot.waitSignal(task.signals.failed, timeout=10_000) as failed:
        pass
    assert failed.args[0] == "Importing failed: disk on fire"
    assert panel.isHidden()
    runner.wait()


def test_recent_projects_most_recent_first_without_duplicates(tmp_path: Path) -> None:
    settings = AppSettings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    assert settings.last_project() is None
    for name in ["a", "b", "a", "c"]:
        settings.add_recent_project(tmp_path / name, f"Project {name.upper()}")
    assert [r.path for r in settings.recent_projects()] == [
        tmp_path / "c", tmp_path / "a", tmp_path / "b"]
    assert [r.label for r in settings.recent_projects()] == ["Project C", "Project A", "Project B"]
    settings.remove_recent_project(tmp_path / "a")
    assert [r.path for r in settings.recent_projects()] == [tmp_path / "c", tmp_path / "b"]
    for number in range(15):
        settings.add_recent_project(tmp_path / f"p{number}")
    assert len(settings.recent_projects()) == 10
    assert settings.last_project() == tmp_path / "p14"


class _Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_time_left_estimate_from_the_recent_rate() -> None:
    clock = _Clock()
    estimator = TimeLeftEstimator(clock)
    assert estimator.update(0, 1000) is None
    clock.now += 1.0
    assert estimator.update(10, 1000) is None  # too early for an honest guess
    for done in range(20, 210, 10):  # 10 items a second
        clock.now += 1.0
        left = estimator.update(done, 1000)
    assert left is not None and abs(left - 80.0) < 1.0  # 800 left at 10 a second
    # A new phase (another total) starts over rather than mixing the rates.
    assert estimator.update(5, 50) is None
    assert estimator.update(1000, 1000) is None  # done: nothing left to estimate


def test_time_left_is_said_in_round_numbers(english_locale) -> None:
    assert format_time_left(4) == "a few seconds left"
    assert format_time_left(42) == "about 40 s left"
    assert format_time_left(80) == "about a minute left"
    assert format_time_left(610) == "about 10 min left"
    assert format_time_left(3 * 3600 + 20 * 60) == "about 3 h 20 min left"


def test_counts_use_the_locales_separators(english_locale) -> None:
    assert format_count(13_785) == "13,785"
    QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    assert format_count(13_785) == "13.785"


def test_panel_shows_phase_fraction_and_goes_busy_for_uncounted_steps(qtbot,
                                                                      english_locale) -> None:
    runner = TaskRunner()
    panel = ProgressPanel()
    qtbot.addWidget(panel)
    release = threading.Event()

    step = threading.Event()

    def job(progress, cancel) -> None:
        progress(976, 2225, "Reading")
        progress(2225, 2225, "Indexing")
        step.wait(10)
        progress(12_345, 0, "keeping up")  # work whose total is not known yet
        release.wait(10)

    task = runner.write(job, "Importing")
    panel.track(task)
    qtbot.waitUntil(lambda: panel.label.text() == "Importing: Indexing", timeout=10_000)
    # Counted work is over, the task is not: a busy bar, not a full one that claims done.
    assert (panel.bar.minimum(), panel.bar.maximum()) == (0, 0)
    assert panel.detail.text() == ""
    panel.resize(520, 30)
    panel.show()
    width = panel.bar.width()
    step.set()
    qtbot.waitUntil(lambda: panel.label.text() == "Importing: keeping up", timeout=10_000)
    assert panel.bar.width() == width  # the texts beside it changed, the bar did not
    assert (panel.bar.minimum(), panel.bar.maximum()) == (0, 0)
    assert panel.detail.text() == "12,345 so far"
    release.set()
    runner.wait()


def test_panel_fraction_text(qtbot, english_locale) -> None:
    runner = TaskRunner()
    panel = ProgressPanel()
    qtbot.addWidget(panel)
    release = threading.Event()

    def job(progress, cancel) -> None:
        progress(976, 2225, "Reading")
        release.wait(10)

    task = runner.write(job, "Importing")
    panel.track(task)
    qtbot.waitUntil(lambda: panel.bar.maximum() == 2225, timeout=10_000)
    assert panel.bar.value() == 976
    assert panel.label.text() == "Importing: Reading"
    assert panel.detail.text() == "976 of 2,225 (43 %)"
    release.set()
    runner.wait()


def test_article_count_in_the_tab_uses_the_locale(qtbot, window, english_locale) -> None:
    window.workspace.set_article_count(13_785, True)
    assert window.tabs.tabText(0) == "Articles (13,785)"
    assert window.workspace.getting_started.isHidden()  # a full project needs no welcome
    window.workspace.set_result_count(2_124)
    assert window.tabs.tabText(1) == "Results (2,124)"


def test_panel_drops_its_estimate_when_reports_stop(qtbot, english_locale) -> None:
    clock = _Clock()
    runner = TaskRunner()
    panel = ProgressPanel(clock=clock)
    qtbot.addWidget(panel)
    reports = [threading.Event() for _ in range(12)]
    release = threading.Event()

    def job(progress, cancel) -> None:
        for step, reported in enumerate(reports):
            progress(100 * (step + 1), 10_000, "Reading")
            reported.wait(10)
        release.wait(10)

    task = runner.write(job, "Importing")
    panel.track(task)
    for step, reported in enumerate(reports):
        qtbot.waitUntil(lambda s=step: panel.bar.value() == 100 * (s + 1), timeout=10_000)
        clock.now += 1.0
        reported.set()
    qtbot.waitUntil(lambda: "left" in panel.detail.text(), timeout=10_000)
    panel.check_stall()
    assert "left" in panel.detail.text()  # reports are recent: the estimate stands
    clock.now += 10.0  # then a long step reports nothing (an index commit, say)
    panel.check_stall()
    assert panel.detail.text() == "1,200 of 10,000 (12 %) · still working…"
    release.set()
    runner.wait()
