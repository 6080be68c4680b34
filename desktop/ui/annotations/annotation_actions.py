"""The commands for annotating in the reader, as QActions: highlighting (H, or 1–9 for the
first nine codes of the code book), notes, deleting, moving between highlights, entities,
and the View toggles for entity mentions and margin notes.

The single keys (H, N, 1–9, Delete, E, T) and Alt+Up/Down act only while the reader (or
its margin) has the focus: the same keys type text in the search field and pick rows in
the lists. From the Annotate menu the commands work wherever the focus is.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QColor, QIcon, QKeySequence, QPixmap
from PySide6.QtWidgets import QMainWindow, QMenu, QWidget

from desktop.ui.common.actions import window_action

CODE_KEYS = 9


class AnnotationActions:
    def __init__(self, window: QMainWindow) -> None:
        self.window = window
        tr = window.tr
        a = self._action
        self.highlight = a(tr("&Highlight"),
                           tr("Highlight the selected text of the article (H)"), "H")
        self.code_menu = QMenu(tr("Highlight with &Code"), window)
        self.code_menu.menuAction().setToolTip(tr(
            "The first nine codes of the code book, on the keys 1 to 9"))
        self.code_menu.setToolTipsVisible(True)
        self.no_codes = QAction(tr("No codes yet"), window)
        self.no_codes.setToolTip(tr("Codes are made in the code book"))
        self.no_codes.setEnabled(False)
        self.code_menu.addAction(self.no_codes)
        self.codes: list[QAction] = []
        for number in range(1, CODE_KEYS + 1):
            action = a(tr("Code %1").replace("%1", str(number)),
                       tr("Highlight the selection with code %1 of the code book, or put it "
                          "on (or take it off) the current highlight").replace(
                           "%1", str(number)), str(number))
            action.setVisible(False)  # until the code book has that many codes
            self.codes.append(action)
            self.code_menu.addAction(action)
        self.add_note = a(tr("Add &Note…"),
                          tr("Write a note on the current highlight, or on the selection "
                             "(highlighted first), or on the article (N)"), "N")
        self.delete_highlight = a(tr("&Delete Highlight"),
                                  tr("Delete the current highlight; its notes are kept "
                                     "(Edit > Undo brings it back)"), QKeySequence.StandardKey
                                  .Delete)
        self.next_highlight = a(tr("Ne&xt Highlight"),
                                tr("Go to the next highlight in the article and select it"),
                                "Alt+Down")
        self.previous_highlight = a(tr("Pre&vious Highlight"),
                                    tr("Go to the previous highlight in the article and "
                                       "select it"), "Alt+Up")
        self.new_entity = a(tr("New &Entity from Selection…"),
                            tr("Make a person, organisation, place… named by the selected "
                               "text, and mark this mention of it (E)"), "E")
        self.tag_entity = a(tr("&Tag with Entity…"),
                            tr("Tie the current highlight to a person, organisation, "
                               "place… (T)"), "T")
        # View toggles (window-wide: no single keys).
        self.show_mentions = window_action(
            window, tr("Show Entity &Mentions"),
            tr("Frame the names of people, organisations and places in the article text"),
            "Ctrl+Shift+M")
        self.show_mentions.setCheckable(True)
        self.show_margin = window_action(
            window, tr("Margin &Notes"),
            tr("Show the article's notes beside the text, next to their passages"),
            "Ctrl+Shift+J")
        self.show_margin.setCheckable(True)
        self.show_margin.setChecked(True)

        # Shorter words on the reader's toolbar than in the menus.
        for action, text in ((self.highlight, tr("Highlight")), (self.add_note, tr("Note")),
                             (self.previous_highlight, "▲"), (self.next_highlight, "▼"),
                             (self.new_entity, tr("Entity")), (self.tag_entity, tr("Tag")),
                             (self.show_margin, tr("Margin")),
                             (self.show_mentions, tr("Mentions"))):
            action.setIconText(text)

        self.reader_actions = [self.highlight, *self.codes, self.add_note,
                               self.delete_highlight, self.next_highlight,
                               self.previous_highlight, self.new_entity, self.tag_entity]
        # Also from the margin beside the text: notes and moving between highlights.
        self.margin_actions = [self.add_note, self.next_highlight, self.previous_highlight]
        self.writing_actions = [self.highlight, *self.codes, self.add_note,
                                self.delete_highlight, self.new_entity, self.tag_entity]
        self.menu_items: list[QAction | QMenu | None] = [
            self.highlight, self.code_menu, self.add_note, self.delete_highlight, None,
            self.next_highlight, self.previous_highlight, None, self.new_entity,
            self.tag_entity,
        ]
        self.context_items: list[QAction | None] = [
            None, self.highlight, self.code_menu.menuAction(), self.add_note,
            self.delete_highlight, None, self.new_entity, self.tag_entity,
        ]

    def _action(self, text: str, tip: str, shortcut: QKeySequence.StandardKey | str) -> QAction:
        action = window_action(self.window, text, tip, shortcut)
        # Keys of the reader only (see the module's docstring): attached in attach().
        self.window.removeAction(action)
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        return action

    def attach(self, reader: QWidget, margin: QWidget) -> None:
        """Let the reader's (and the margin's) keys trigger the actions."""
        reader.addActions(self.reader_actions)
        margin.addActions(self.margin_actions)

    def set_codes(self, codes: list[tuple[str, str]]) -> None:
        """The code book's first codes, as (name, colour), in code-book order."""
        tr = self.window.tr
        for number, action in enumerate(self.codes, start=1):
            if number <= len(codes):
                name, colour = codes[number - 1]
                action.setText(tr("&%1 %2").replace("%1", str(number)).replace(
                    "%2", name.replace("&", "&&")))
                action.setIcon(_swatch(colour))
                action.setToolTip(tr("Highlight the selection with “%1”, or put it on (or "
                                     "take it off) the current highlight").replace("%1", name))
                action.setVisible(True)
            else:
                action.setVisible(False)
        self.no_codes.setVisible(not codes)


def _swatch(colour: str) -> QIcon:
    pixmap = QPixmap(12, 12)
    pixmap.fill(QColor(colour))
    return QIcon(pixmap)
