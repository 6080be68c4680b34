"""Status-bar progress for the running task: its phase, how far it is (a real fraction),
an estimate of the time left, and a Cancel button."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from desktop.ui.common.formatting import format_count, format_percent, format_time_left
from desktop.ui.common.task_runner import Task
from desktop.ui.common.time_left import TimeLeftEstimator

# A task that has not reported for this long is in a step that reports nothing (a final
# index commit): an estimate made before it would be a promise nobody keeps.
_STALL_S = 3.0
# Shown only for a task still running after this long: indexing one new highlight takes
# milliseconds, and a panel flashing up (and the status bar laid out again) at every
# highlight is noise, and costs the reader a repaint.
SHOW_AFTER_MS = 400


class ProgressPanel(QWidget):
    def __init__(self, parent: QWidget | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(parent)
        self.setObjectName("progressPanel")
        self._clock = clock
        self._last_report = 0.0
        self._fraction = ""
        self._stall_timer = QTimer(self)
        self._stall_timer.setInterval(1000)
        self._stall_timer.timeout.connect(self.check_stall)
        self._show_timer = QTimer(self)
        self._show_timer.setSingleShot(True)
        self._show_timer.setInterval(SHOW_AFTER_MS)
        self._show_timer.timeout.connect(self.show)
        self.label = QLabel(self)
        self.label.setObjectName("progressPhase")
        self.detail = QLabel(self)
        self.detail.setObjectName("progressDetail")
        self.bar = QProgressBar(self)
        # One width whatever the texts beside it say: a bar that shrank as "· a few seconds
        # left" appeared looked as if it went backwards (a new user's trial).
        self.bar.setFixedWidth(180)
        self.bar.setTextVisible(False)
        self.bar.setAccessibleName(self.tr("Progress"))
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.setToolTip(self.tr("Stop after the current step; work done is kept"))
        self.cancel_button.setAccessibleName(self.tr("Cancel the running task"))
        self.cancel_button.setAccessibleDescription(
            self.tr("Stops the task after its current step; what was done so far is kept"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.detail)
        layout.addWidget(self.cancel_button)
        self._task: Task | None = None
        self._estimator = TimeLeftEstimator(clock)
        self.cancel_button.clicked.connect(self._cancel)
        self.hide()

    @property
    def task(self) -> Task | None:
        return self._task

    def track(self, task: Task) -> None:
        self._task = task
        self._estimator.reset()
        self.label.setText(task.label)
        self.detail.clear()
        self.bar.setRange(0, 0)  # busy until the first progress report
        self.bar.setAccessibleDescription(task.label)
        self.cancel_button.setEnabled(True)
        self._last_report = self._clock()
        self._fraction = ""
        self._stall_timer.start()
        task.signals.progress.connect(
            lambda done, total, label: self._progress(task, done, total, label))
        task.signals.finished.connect(lambda _result: self._done(task))
        task.signals.failed.connect(lambda _message: self._done(task))
        if self.isHidden():
            self._show_timer.start()

    def _progress(self, task: Task, done: int, total: int, label: str) -> None:
        if task is not self._task:
            return  # a task that is no longer shown (a newer one took the panel)
        if task.cancel_token.cancelled:
            return  # keep saying "Cancelling…" until it stops
        # "Indexing: Indexing" says nothing twice: a phase named like its task is the task.
        same = not label or label.casefold() == task.label.casefold()
        self.label.setText(task.label if same else f"{task.label}: {label}")
        self._last_report = self._clock()
        if total <= 0 or done >= total:
            # Counted work is over but the task is not: a final step that reports no
            # steps of its own (saving, indexing). A full bar would claim it is done.
            # Work with no total yet (indexing while an import still stores) shows its
            # count without one.
            self.bar.setRange(0, 0)
            if total <= 0 < done:
                self.detail.setText(self.tr("%1 so far").replace("%1", format_count(done)))
            else:
                self.detail.clear()
            self._fraction = ""
            self._estimator.reset()
            return
        self.bar.setRange(0, total)
        self.bar.setValue(done)
        text = self._fraction = self.tr("%1 of %2 (%3)").replace(
            "%1", format_count(done)).replace("%2", format_count(total)).replace(
            "%3", format_percent(done, total))
        left = self._estimator.update(done, total)
        if left is not None:
            text += " · " + format_time_left(left)
        self.detail.setText(text)
        self.bar.setAccessibleDescription(f"{self.label.text()} {text}")

    def check_stall(self) -> None:
        """No report for a while: drop the estimate rather than keep promising it."""
        if self._task is None or not self._fraction or self._task.cancel_token.cancelled:
            return
        if self._clock() - self._last_report > _STALL_S:
            self._estimator.reset()
            self.detail.setText(self._fraction + " · " + self.tr("still working…"))

    def _cancel(self) -> None:
        if self._task is not None:
            self._task.cancel_token.cancel()
            self.cancel_button.setEnabled(False)
            self.label.setText(self.tr("Cancelling… (work done so far is kept)"))
            self.detail.clear()

    def _done(self, task: Task) -> None:
        if task is self._task:
            self._task = None
            self._stall_timer.stop()
            self._show_timer.stop()
            self.hide()
