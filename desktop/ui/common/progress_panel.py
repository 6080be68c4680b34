"""Status-bar progress for the running task, with a Cancel button."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from desktop.ui.common.task_runner import Task


class ProgressPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel(self)
        self.bar = QProgressBar(self)
        self.bar.setMaximumWidth(220)
        self.bar.setTextVisible(False)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.setToolTip(self.tr("Stop after the current step; work done is kept"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel_button)
        self._task: Task | None = None
        self.cancel_button.clicked.connect(self._cancel)
        self.hide()

    def track(self, task: Task) -> None:
        self._task = task
        self.label.setText(task.label)
        self.bar.setRange(0, 0)  # busy until the first progress report
        self.cancel_button.setEnabled(True)
        task.signals.progress.connect(self._progress)
        task.signals.finished.connect(lambda _result: self._done(task))
        task.signals.failed.connect(lambda _message: self._done(task))
        self.show()

    def _progress(self, done: int, total: int, label: str) -> None:
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(min(done, total))
        if self._task is not None:
            self.label.setText(f"{self._task.label}: {label}" if label else self._task.label)

    def _cancel(self) -> None:
        if self._task is not None:
            self._task.cancel_token.cancel()
            self.cancel_button.setEnabled(False)
            self.label.setText(self.tr("Cancelling…"))

    def _done(self, task: Task) -> None:
        if task is self._task:
            self._task = None
            self.hide()
