"""Asks before quitting would throw away work the user started (an import, a rebuild of
the search index); background upkeep (checking the index on open) is stopped silently."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.ui.project.project_session import ProjectSession


class QuitGuard(QObject):
    def __init__(self, window: QWidget, session: ProjectSession) -> None:
        super().__init__(window)
        self.window = window
        self.session = session
        self.box: QMessageBox | None = None  # the open question, for tests and accessibility

    def question(self) -> tuple[str, str, str] | None:
        """(question, details, confirm button) for the running work, or None if none."""
        if self.session.active_import is not None:
            return (self.tr("An import is running. Cancel it and quit?"),
                    self.tr("The articles imported so far are kept; the rest of the files "
                            "are not imported."),
                    self.tr("Cancel Import and Quit"))
        if self.session.active_rebuild is not None:
            return (self.tr("The search index is being rebuilt. Stop and quit?"),
                    self.tr("The current index is kept and is brought up to date the next "
                            "time you search."),
                    self.tr("Stop and Quit"))
        return None

    def may_close(self) -> bool:
        question = self.question()
        if question is None:
            return True
        text, details, confirm = question
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Quit Research Notes"), text,
                          QMessageBox.StandardButton.NoButton, self.window)
        box.setObjectName("quitConfirmation")
        box.setInformativeText(details)
        quit_button = box.addButton(confirm, QMessageBox.ButtonRole.AcceptRole)
        keep = box.addButton(self.tr("Keep Working"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)  # Enter must not throw work away
        box.setEscapeButton(keep)
        self.box = box
        # The work may end while the question is open: the question is then answered,
        # since nothing is left to lose (it stayed open, asking about an import that had
        # ended, under that import's report).
        ended: list[bool] = []

        def work_ended(*_args: object) -> None:
            if self.question() is None and not ended:
                ended.append(True)
                box.done(0)

        signals = (self.session.import_finished, self.session.index_rebuilt)
        for signal in signals:
            signal.connect(work_ended)
        try:
            box.exec()
        finally:
            self.box = None
            for signal in signals:
                signal.disconnect(work_ended)
        if ended:
            return True
        if box.clickedButton() is not quit_button:
            return False
        # Still running? It may have finished while the question was open.
        if self.session.active_import is not None:
            self.session.active_import.cancel_token.cancel()
        if self.session.active_rebuild is not None:
            self.session.active_rebuild.cancel_token.cancel()
        return True
