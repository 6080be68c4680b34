"""Writing a note from the reader (N): the quick dialog, then NoteService through the
session, so the note is one undoable action. The notes panel's Markdown editor takes this
over when it is connected to :attr:`AnnotationController.note_requested`."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from desktop.services.note_service import NoteService
from desktop.ui.annotations.quick_note_dialog import QuickNoteDialog
from desktop.ui.project.project_session import ProjectSession
from desktop.ui.reader.reader_view import ReaderView


class NoteCommands(QObject):
    def __init__(self, session: ProjectSession, reader: ReaderView, window: QWidget) -> None:
        super().__init__(window)
        self.session = session
        self.reader = reader
        self._window = window
        self.dialog: QuickNoteDialog | None = None  # the one open (tests answer it)

    def write_note(self, article_id: int, highlight_id: int) -> None:
        """A note on highlight ``highlight_id`` (or, with -1, on the article)."""
        if self.session.project is None:
            return
        annotations = self.reader.annotations
        shown = annotations.highlight(highlight_id) if (
            annotations is not None and highlight_id >= 0) else None
        dialog = QuickNoteDialog(shown.quote if shown is not None else "", self._window)
        self.dialog = dialog
        target = highlight_id if highlight_id >= 0 else None

        def save() -> None:
            body = dialog.text()
            self.session.perform(
                self.tr("New note"),
                lambda p, s: NoteService(p, s).create(body, article_id=article_id,
                                                      highlight_id=target))

        dialog.accepted.connect(save)
        dialog.finished.connect(lambda _result: self._closed(dialog))
        dialog.open()

    def _closed(self, dialog: QuickNoteDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()
