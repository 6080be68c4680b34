"""A small dialog for writing a note on a highlight or an article (N in the reader).

The notes panel brings the full Markdown editor, with previews and link completion; this
dialog is the short path that works without it, and the fallback the window uses until
that editor is connected to :attr:`AnnotationController.note_requested`.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

_QUOTE_CHARS = 160


class QuickNoteDialog(QDialog):
    def __init__(self, quote: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("quickNote")
        self.setWindowTitle(self.tr("Note on the Highlight") if quote else
                            self.tr("Note on the Article"))
        about = QLabel(self)
        about.setObjectName("noteQuote")
        about.setWordWrap(True)
        about.setTextFormat(Qt.TextFormat.PlainText)
        line = " ".join(quote.split())
        if len(line) > _QUOTE_CHARS:
            line = line[:_QUOTE_CHARS - 1] + "…"
        about.setText(f"“{line}”" if quote else self.tr("A note on the whole article."))
        self.editor = QPlainTextEdit(self)
        self.editor.setObjectName("noteText")
        self.editor.setTabChangesFocus(True)
        self.editor.setPlaceholderText(self.tr("Your note (Markdown: **bold**, *italic*, "
                                               "lists, links)"))
        self.editor.setAccessibleName(self.tr("Note text"))
        self.editor.setAccessibleDescription(self.tr(
            "What you think about the passage, in Markdown; Ctrl+Enter saves"))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        for button in self.buttons.buttons():
            button.setAccessibleName(button.text().replace("&", ""))
            button.setAccessibleDescription(self.tr("Save the note") if
                                            self.buttons.buttonRole(button) ==
                                            QDialogButtonBox.ButtonRole.AcceptRole
                                            else self.tr("Close without saving"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addWidget(self.editor, 1)
        layout.addWidget(self.buttons)
        self.editor.installEventFilter(self)
        self.resize(460, 260)
        self.editor.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Ctrl+Enter saves from inside the text (Enter alone starts a new line).
        if (watched is self.editor and isinstance(event, QKeyEvent)
                and event.type() == QEvent.Type.KeyPress
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and event.modifiers() & Qt.KeyboardModifier.ControlModifier):
            self.accept()
            return True
        return super().eventFilter(watched, event)

    def text(self) -> str:
        return self.editor.toPlainText()

    def accept(self) -> None:
        if self.text().strip():
            super().accept()
        else:
            self.reject()  # an empty note is no note
