"""The reader pane: a small toolbar of annotation commands, a bar with the hit counter and
next/previous buttons, the find bar, and the reader with its margin notes beside it.
Next/Previous (F3/Shift+F3) go through find matches while the find bar is in use, and
through the search hits otherwise."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.common.formatting import format_count
from desktop.ui.reader.find_bar import FindBar
from desktop.ui.reader.highlight_pointer import HighlightPointer
from desktop.ui.reader.margin_notes import MarginNotes
from desktop.ui.reader.reader_view import ReaderView

_MARGIN_EM = 24  # the margin's width, in average character widths


class ReaderPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("readerPanel")
        self.view = ReaderView(self)
        self.pointer = HighlightPointer(self.view)
        self.find_bar = FindBar(self.view, self)
        self.margin = MarginNotes(self.view, self)
        width = self.fontMetrics().averageCharWidth() * _MARGIN_EM
        self.margin.setFixedWidth(max(200, min(320, width)))
        self.margin.hide()
        self._margin_wanted = True

        self.toolbar = QToolBar(self.tr("Annotate"), self)
        self.toolbar.setObjectName("readerToolbar")
        self.toolbar.setIconSize(QSize(14, 14))
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.toolbar.setAccessibleName(self.tr("Annotation tools"))
        self.toolbar.hide()  # until the window gives it its commands

        self.hit_bar = QWidget(self)
        self.hit_bar.setObjectName("readerHitBar")
        self.hit_label = QLabel(self.hit_bar)
        self.hit_label.setObjectName("hitCounter")
        self.previous_button = QToolButton(self.hit_bar)
        self.next_button = QToolButton(self.hit_bar)
        for button, text, name, tip in (
            (self.previous_button, "▲", self.tr("Previous hit"),
             self.tr("Go to the previous search hit in this article")),
            (self.next_button, "▼", self.tr("Next hit"),
             self.tr("Go to the next search hit in this article")),
        ):
            button.setText(text)
            button.setAutoRaise(True)
            button.setToolTip(tip)
            button.setAccessibleName(name)
            button.setAccessibleDescription(tip)
        bar_layout = QHBoxLayout(self.hit_bar)
        bar_layout.setContentsMargins(8, 2, 8, 2)
        bar_layout.addStretch(1)
        bar_layout.addWidget(self.hit_label)
        bar_layout.addWidget(self.previous_button)
        bar_layout.addWidget(self.next_button)

        text_row = QHBoxLayout()
        text_row.setContentsMargins(0, 0, 0, 0)
        text_row.setSpacing(0)
        text_row.addWidget(self.view, 1)
        text_row.addWidget(self.margin)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.hit_bar)
        layout.addWidget(self.find_bar)
        layout.addLayout(text_row, 1)

        self.previous_button.clicked.connect(self.previous)
        self.next_button.clicked.connect(self.next)
        self.view.hits_changed.connect(self._hits_changed)
        self.margin.presence_changed.connect(lambda _has: self._update_margin())
        self._hits_changed(-1, 0)

    def set_toolbar_actions(self, actions: list[QAction | None]) -> None:
        for action in actions:
            if action is None:
                self.toolbar.addSeparator()
                continue
            self.toolbar.addAction(action)
            button = self.toolbar.widgetForAction(action)
            if button is not None:
                button.setAccessibleName(action.text().replace("&", "").rstrip("…"))
                button.setAccessibleDescription(action.toolTip())
        self.toolbar.show()

    def set_margin_wanted(self, wanted: bool) -> None:
        """View > Margin Notes: the margin shows when wanted and the article has notes."""
        self._margin_wanted = wanted
        self._update_margin()

    def _update_margin(self) -> None:
        self.margin.setVisible(self._margin_wanted and self.margin.has_notes)
        # Hiding only asks for a new layout, on the next turn of the event loop: after an
        # article's text would have been laid out at the old width. Applied now, the
        # reader has its final width first (and lays the text out once).
        layout = self.layout()
        if layout is not None:
            layout.activate()

    def next(self) -> None:
        if self.find_bar.active:
            self.find_bar.find_next()
        else:
            self.view.next_hit()

    def previous(self) -> None:
        if self.find_bar.active:
            self.find_bar.find_previous()
        else:
            self.view.previous_hit()

    def _hits_changed(self, current: int, total: int) -> None:
        # Hidden without hits: an empty bar would only take a line from the article.
        self.hit_bar.setVisible(total > 0)
        if total == 1:
            text = self.tr("1 hit")
        else:
            text = self.tr("Hit %1 of %2").replace("%1", format_count(current + 1)).replace(
                "%2", format_count(total))
        self.hit_label.setText(text if total else "")
        self.hit_label.setAccessibleName(text if total else self.tr("No hits"))
