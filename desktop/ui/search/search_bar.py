"""The search field with its error line beneath it, where the user is looking when a query
cannot be run. Typing searches after a pause (or only on Enter, as the Preferences say);
Down and Enter move on into the results."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

_SEARCH_DELAY_MS = 250  # wait for a pause in typing before searching


class SearchBar(QWidget):
    search_requested = Signal(str)  # the query, stripped
    enter_pressed = Signal()
    down_pressed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = QLineEdit(self)
        self.field.setObjectName("searchField")
        self.field.setPlaceholderText(
            self.tr('Search articles: words, "a phrase", title:word, word*, word~'))
        self.field.setClearButtonEnabled(True)
        self.field.setAccessibleName(self.tr("Search articles"))
        self.field.setAccessibleDescription(self.tr(
            "Words to find in the project's articles; Down or Enter moves to the results"))
        self.error = QLabel(self)
        self.error.setObjectName("searchError")
        self.error.setWordWrap(True)
        self.error.setAccessibleName(self.tr("Search error"))
        self.error.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.field)
        layout.addWidget(self.error)
        self.as_you_type = True
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(_SEARCH_DELAY_MS)
        self.timer.timeout.connect(self.search_now)
        self.field.textChanged.connect(self._text_changed)
        self.field.installEventFilter(self)

    def query(self) -> str:
        return self.field.text().strip()

    def search_now(self) -> None:
        self.timer.stop()
        self.search_requested.emit(self.query())

    def reset(self) -> None:
        """Empty the field without starting a search (a project was switched)."""
        self.timer.stop()
        self.field.blockSignals(True)
        self.field.clear()
        self.field.blockSignals(False)
        self.show_error("")

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(bool(message))
        # Screen readers announce the description of the focused field.
        self.field.setAccessibleDescription(message or self.tr(
            "Words to find in the project's articles; Down or Enter moves to the results"))

    def _text_changed(self, text: str) -> None:
        if not text.strip():
            self.show_error("")
            self.search_now()  # an emptied field returns to the article list at once
        elif self.as_you_type:
            self.timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.field and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.search_now()
                self.enter_pressed.emit()
                return True
            if event.key() == Qt.Key.Key_Down:
                self.down_pressed.emit()
                return True
        return super().eventFilter(watched, event)
