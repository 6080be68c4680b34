"""Find in Article: a bar above the reader that finds plain text in the open article."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QTextDocument
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from desktop.ui.common.formatting import format_count
from desktop.ui.reader.reader_view import DocRange, ReaderView


class FindBar(QWidget):
    closed = Signal()

    def __init__(self, reader: ReaderView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findBar")
        self.reader = reader
        self.matches: list[DocRange] = []
        self.current = -1
        self.field = QLineEdit(self)
        self.field.setObjectName("findField")
        self.field.setPlaceholderText(self.tr("Find in this article"))
        self.field.setClearButtonEnabled(True)
        self.field.setAccessibleName(self.tr("Find in article"))
        self.field.setAccessibleDescription(self.tr(
            "Text to find in the open article; Enter finds the next, Shift+Enter the "
            "previous, Escape closes"))
        self.count = QLabel(self)
        self.previous_button = self._button("▲", self.tr("Previous match (Shift+Enter)"),
                                            self.tr("Previous match"))
        self.next_button = self._button("▼", self.tr("Next match (Enter)"),
                                        self.tr("Next match"))
        self.close_button = self._button("✕", self.tr("Close the find bar (Escape)"),
                                         self.tr("Close find bar"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        layout.addWidget(self.field, 1)
        layout.addWidget(self.count)
        for button in (self.previous_button, self.next_button, self.close_button):
            layout.addWidget(button)
        self.field.textChanged.connect(self.update_matches)
        self.field.installEventFilter(self)
        self.previous_button.clicked.connect(self.find_previous)
        self.next_button.clicked.connect(self.find_next)
        self.close_button.clicked.connect(self.close_bar)
        reader.content_changed.connect(self._content_changed)
        self.hide()

    def _button(self, text: str, tip: str, name: str) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(tip)
        button.setAccessibleName(name)
        button.setAccessibleDescription(tip)
        button.setAutoRaise(True)
        return button

    def open_bar(self) -> None:
        self.show()
        self.field.setFocus()
        self.field.selectAll()
        self.update_matches()

    def close_bar(self) -> None:
        self.hide()
        self.matches, self.current = [], -1
        self.reader.set_find_matches([], -1)
        self.reader.setFocus()
        self.closed.emit()

    def reset(self) -> None:
        """Hide and forget the text, without moving focus (another project was opened)."""
        self.hide()
        self.field.blockSignals(True)
        self.field.clear()
        self.field.blockSignals(False)
        self.matches, self.current = [], -1
        self.count.clear()

    @property
    def active(self) -> bool:
        return self.isVisible() and bool(self.field.text())

    def update_matches(self) -> None:
        text = self.field.text()
        self.matches = self._find_all(text) if text else []
        self.current = 0 if self.matches else -1
        self.reader.set_find_matches(self.matches, self.current)
        self._show_count()

    def find_next(self) -> None:
        self._step(+1)

    def find_previous(self) -> None:
        self._step(-1)

    def _step(self, step: int) -> None:
        if not self.matches:
            return
        self.current = (self.current + step) % len(self.matches)
        self.reader.set_find_matches(self.matches, self.current)
        self._show_count()

    def _find_all(self, text: str) -> list[DocRange]:
        found: list[DocRange] = []
        document = self.reader.document()
        cursor = document.find(text, 0, QTextDocument.FindFlag(0))
        while not cursor.isNull():
            found.append((cursor.selectionStart(), cursor.selectionEnd()))
            cursor = document.find(text, cursor, QTextDocument.FindFlag(0))
        return found

    def _show_count(self) -> None:
        if not self.field.text():
            self.count.clear()
        elif not self.matches:
            self.count.setText(self.tr("Not found"))
        else:
            self.count.setText(self.tr("%1 of %2").replace("%1", format_count(self.current + 1))
                               .replace("%2", format_count(len(self.matches))))
        self.field.setAccessibleDescription(self.count.text())

    def _content_changed(self) -> None:
        if self.isVisible():
            self.update_matches()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.field and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                shifted = event.modifiers() & Qt.KeyboardModifier.ShiftModifier
                if shifted:
                    self.find_previous()
                else:
                    self.find_next()
                return True
            if event.key() == Qt.Key.Key_Escape:
                self.close_bar()
                return True
        return super().eventFilter(watched, event)
