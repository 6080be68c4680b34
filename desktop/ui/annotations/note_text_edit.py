"""The Markdown text of a note, with link completion: ``[[`` offers article and note titles,
``@`` entity names (and "New entity…"); picking one replaces what was typed with the link.
It also tells when it loses the focus (the editor saves then)."""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QTextCursor
from PySide6.QtWidgets import QCompleter, QPlainTextEdit, QWidget

from desktop.ui.annotations.link_completion_model import (
    CHOICE_ROLE,
    LinkChoice,
    LinkCompletionModel,
)

Lookup = Callable[[str], list[LinkChoice]]
_TITLE_TRIGGER = re.compile(r"\[\[([^\[\]\n]{0,80})$")
# "@" at the start of a line or after a space or bracket; names may hold spaces.
_ENTITY_TRIGGER = re.compile(r"(?:^|(?<=[\s(]))@([^@\[\]()\n]{0,60})$")
_POPUP_KEYS = (Qt.Key.Key_Enter, Qt.Key.Key_Return, Qt.Key.Key_Escape, Qt.Key.Key_Tab,
               Qt.Key.Key_Backtab)


class NoteTextEdit(QPlainTextEdit):
    focus_lost = Signal()
    # The user chose "New entity…" with this name typed; the editor asks for the type.
    new_entity_requested = Signal(str)

    def __init__(self, titles: Lookup, entities: Lookup, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("noteText")
        self._titles = titles
        self._entities = entities
        self.choices = LinkCompletionModel(self)
        self.completer = QCompleter(self.choices, self)
        self.completer.setWidget(self)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setMaxVisibleItems(10)
        self.completer.popup().setObjectName("linkCompletions")
        self.completer.popup().setAccessibleName(self.tr("Link suggestions"))
        self.completer.popup().setAccessibleDescription(self.tr(
            "Enter inserts the highlighted link; Escape closes the list"))
        self.completer.activated[QModelIndex].connect(self.insert_choice)
        # Typed text since the trigger: [start, cursor) is replaced by the chosen link.
        self._trigger_start: int | None = None
        # "@name" typed for a new entity: where it is, and the text, until the entity is made.
        self._typed_mention: tuple[int, int, str] | None = None
        self.textChanged.connect(self._update_completion)

    # -- completion ---------------------------------------------------------------------

    def _update_completion(self) -> None:
        cursor = self.textCursor()
        block = cursor.block()
        # Only the end of the line matters (and a megabyte line stays cheap to check).
        offset = max(0, cursor.positionInBlock() - 200)
        before = block.text()[offset:cursor.positionInBlock()]
        titles = _TITLE_TRIGGER.search(before)
        entity = None if titles else _ENTITY_TRIGGER.search(before)
        match = titles or entity
        if match is None:
            self._close_popup()
            return
        query = match.group(1)
        choices = (self._titles(query) if titles
                   else self._entities(query.strip()))
        if entity is not None and query.strip():
            choices.append(LinkChoice(None, 0, self.tr("New entity “%1”…").replace(
                "%1", query.strip()), ""))
        self._trigger_start = block.position() + offset + match.start()
        self.choices.set_choices(choices)
        if not choices:
            self.completer.popup().hide()
            return
        rect = self.cursorRect()
        rect.setWidth(max(320, self.completer.popup().sizeHintForColumn(0) + 24))
        self.completer.complete(rect)
        self.completer.popup().setCurrentIndex(self.choices.index(0))

    def _close_popup(self) -> None:
        self._trigger_start = None
        if self.completer.popup().isVisible():
            self.completer.popup().hide()

    def completing(self) -> bool:
        return self.completer.popup().isVisible()

    def insert_choice(self, index: QModelIndex) -> None:
        choice = index.data(CHOICE_ROLE) if index.isValid() else None
        if not isinstance(choice, LinkChoice) or self._trigger_start is None:
            return
        cursor = self.textCursor()
        start, end = self._trigger_start, cursor.position()
        typed = self.toPlainText()[start:end]
        self._trigger_start = None
        self.completer.popup().hide()
        if choice.kind is None:
            # The typed "@name" stays until the entity is made (the link then takes its
            # place): cancelling the dialog, or a failure, leaves the text as typed.
            self._typed_mention = (start, end, typed)
            self.new_entity_requested.emit(typed.lstrip("@").strip())
            return
        cursor.setPosition(start, QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(choice.markdown())
        self.setTextCursor(cursor)

    def forget_mention(self) -> None:
        """The entity asked for by "New entity…" will not be made: keep the text typed."""
        self._typed_mention = None

    def insert_link(self, choice: LinkChoice) -> None:
        """Insert a link (after "New entity…" made the entity): in place of the "@name"
        typed for it, if that is still there as typed; else at the cursor."""
        cursor = self.textCursor()
        typed, self._typed_mention = self._typed_mention, None
        if typed is not None and self.toPlainText()[typed[0]:typed[1]] == typed[2]:
            cursor.setPosition(typed[0])
            cursor.setPosition(typed[1], QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(choice.markdown())
        self.setTextCursor(cursor)

    # -- keys and focus -----------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.completing() and event.key() in _POPUP_KEYS:
            event.ignore()  # the completer's popup handles them (choose, close)
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        # Not when the focus went to our own suggestion list.
        if event.reason() != Qt.FocusReason.PopupFocusReason and not self.completing():
            self.focus_lost.emit()
