"""The status-bar progress panel and the typed settings."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QSettings, Qt

from desktop.ui.common.app_settings import AppSettings
from desktop.ui.common.progress_panel import ProgressPanel
from desktop.ui.common.task_runner import TaskRunner


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
    assert not panel.isHidden() and panel.label.text() == "Importing"
    qtbot.waitUntil(lambda: panel.bar.maximum() == 10_000 and panel.bar.value() > 0,
                    timeout=10_000)
    assert panel.label.text().startswith("Importing: file ")
    with qtbot.waitSignal(task.signals.finished, timeout=10_000) as finished:
        qtbot.mouseClick(panel.cancel_button, Qt.MouseButton.LeftButton)
    assert finished.args[0] < 10_000  # stopped early, at a step boundary
    assert task.cancel_token.cancelled
    assert panel.isHidden()
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
        settings.add_recent_project(tmp_path / name)
    assert settings.recent_projects() == [tmp_path / "c", tmp_path / "a", tmp_path / "b"]
    settings.remove_recent_project(tmp_path / "a")
    assert settings.recent_projects() == [tmp_path / "c", tmp_path / "b"]
    for number in range(15):
        settings.add_recent_project(tmp_path / f"p{number}")
    assert len(settings.recent_projects()) == 10
    assert settings.last_project() == tmp_path / "p14"
