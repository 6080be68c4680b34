"""What a window with nothing (yet) to show says: how to start.

Two uses: the start page of a window without a project (new, open, recent projects), and a
"getting started" box beside the article list of an empty or nearly empty project (import
files or a folder, or drop them on the window). Both link to the search syntax.
"""

from __future__ import annotations

import itertools
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.common.app_settings import RecentProject
from desktop.ui.common.formatting import format_count

_MAX_RECENT_SHOWN = 6


class WelcomePanel(QWidget):
    open_recent = Signal(Path)

    def __init__(self, for_project: bool, buttons: list[QAction], syntax: QAction,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.for_project = for_project
        self.setObjectName("gettingStarted" if for_project else "welcomePanel")
        # Plain QWidgets paint a style-sheet background only when asked to.
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.heading = QLabel(self)
        self.heading.setObjectName("welcomeHeading")
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.hint.setProperty("hint", True)
        self.buttons: list[QToolButton] = []
        row = QHBoxLayout()
        for action in buttons:
            button = QToolButton(self)
            button.setDefaultAction(action)
            button.setProperty("welcome", True)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setAccessibleName(action.text().replace("&", "").rstrip("…"))
            button.setAccessibleDescription(action.toolTip())
            row.addWidget(button)
            self.buttons.append(button)
        row.addStretch(1)
        # Links are flat push buttons: tool buttons keep an inset that misaligns them with
        # the text above.
        self.syntax_link = QPushButton(self.tr("How to search: words, phrases, fields, "
                                               "wildcards…"), self)
        self.syntax_link.clicked.connect(syntax.trigger)
        self.syntax_link.setToolTip(syntax.toolTip())
        self.syntax_link.setProperty("link", True)
        self.syntax_link.setCursor(Qt.CursorShape.PointingHandCursor)
        self.syntax_link.setAccessibleName(self.tr("Search syntax help"))
        self.syntax_link.setAccessibleDescription(syntax.toolTip())

        # The start page keeps its text to a readable column in the middle of the window.
        content = QWidget(self) if not for_project else self
        layout = QVBoxLayout(content)
        layout.setContentsMargins(*(12, 10, 12, 10) if for_project else (0, 0, 0, 0))
        layout.setSpacing(6 if for_project else 12)
        layout.addWidget(self.heading)
        layout.addWidget(self.text)
        layout.addLayout(row)
        layout.addWidget(self.hint)
        self.recent_box = QVBoxLayout()
        self.recent_box.setSpacing(0)
        self.recent_heading = QLabel(self.tr("Recent projects"), self)
        self.recent_heading.setObjectName("recentHeading")
        self.recent_heading.hide()
        self.recent_buttons: list[QPushButton] = []
        if not for_project:
            layout.addSpacing(16)
            layout.addWidget(self.recent_heading)
            layout.addLayout(self.recent_box)
            layout.addSpacing(16)
        layout.addWidget(self.syntax_link, 0, Qt.AlignmentFlag.AlignLeft)
        if not for_project:
            content.setMaximumWidth(680)
            outer = QHBoxLayout(self)
            outer.setContentsMargins(32, 32, 32, 32)
            column = QVBoxLayout()
            column.addStretch(1)
            column.addWidget(content)
            column.addStretch(2)
            outer.addStretch(1)
            outer.addLayout(column, 4)
            outer.addStretch(1)
        self._set_texts(0)

    def set_article_count(self, count: int) -> None:
        self._set_texts(count)

    def set_recent(self, recent: list[RecentProject]) -> None:
        for button in self.recent_buttons:
            self.recent_box.removeWidget(button)
            button.deleteLater()
        self.recent_buttons = []
        for project in recent[:_MAX_RECENT_SHOWN]:
            button = QPushButton(project.label, self)
            button.setProperty("link", True)
            missing = not project.path.is_dir()
            tip = (self.tr("Not found: %1") if missing else self.tr("Open %1")).replace(
                "%1", str(project.path))
            button.setToolTip(tip)
            button.setAccessibleName(self.tr("Open recent project %1").replace(
                "%1", project.label))
            button.setAccessibleDescription(tip)
            button.setEnabled(not missing)
            button.clicked.connect(lambda _checked=False, p=project.path: self.open_recent.emit(p))
            self.recent_box.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
            button.show()  # at once, not on the layout's next turn: Tab must find it now
            self.recent_buttons.append(button)
        self.recent_heading.setVisible(bool(self.recent_buttons))
        # In reading order: the start buttons, the recent projects, then the help link.
        chain = [*self.buttons, *self.recent_buttons, self.syntax_link]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _set_texts(self, count: int) -> None:
        if not self.for_project:
            self.heading.setText(self.tr("Welcome to Research Notes"))
            self.text.setText(self.tr(
                "A project holds a collection of articles and your work on them, in a folder "
                "on your own disk. Create one, or open one you already have."))
            self.hint.setText(self.tr("You can also drag a project folder onto this window."))
            return
        if count == 0:
            self.heading.setText(self.tr("This project has no articles yet"))
        else:
            self.heading.setText(self.tr("Get started"))
        what = self.tr("Add your articles: plain-text files (.txt, the headline on the first "
                       "line and the text below it) or JSON Lines batches (.jsonl, one "
                       "article per line).")
        if count:
            have = (self.tr("This project has 1 article.") if count == 1 else
                    self.tr("This project has %1 articles.").replace("%1", format_count(count)))
            what = f"{have} {what}"
        self.text.setText(what)
        self.hint.setText(self.tr("Or drag files and folders onto this window."))
