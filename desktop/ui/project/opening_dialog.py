"""The progress dialog shown while a project opens (a backup and an upgrade of a large
database take seconds); it appears only if opening takes longer than a moment."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog, QWidget

from desktop.ui.common.task_runner import Task

_SHOW_AFTER_MS = 400


class OpeningDialog(QProgressDialog):
    def __init__(self, task: Task, parent: QWidget | None = None) -> None:
        super().__init__(task.label, "", 0, 0, parent)
        self.setObjectName("openingProject")
        self.setWindowTitle(self.tr("Opening Project"))
        # Opening cannot be stopped half-way (a migration is one transaction): no Cancel.
        self.setCancelButton(None)  # type: ignore[arg-type]
        self.setMinimumDuration(_SHOW_AFTER_MS)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setAutoClose(False)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._label = task.label
        task.signals.progress.connect(self._progress)
        task.signals.finished.connect(lambda _result: self.close())
        task.signals.failed.connect(lambda _message: self.close())

    def _progress(self, done: int, total: int, label: str) -> None:
        self.setLabelText(f"{self._label}\n{label}" if label else self._label)
        if total > 0:
            self.setRange(0, total)
            self.setValue(min(done, total))
