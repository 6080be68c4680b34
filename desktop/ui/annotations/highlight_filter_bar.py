"""The filters above the highlights table: scope (the open article or the whole project),
code (with the codes below it), text, note, and a date range."""

from __future__ import annotations

from PySide6.QtCore import QDate, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.storage.highlight_listing import HighlightFilter
from desktop.ui.annotations.code_tree_model import CodeTreeModel

_TYPING_PAUSE_MS = 250


class HighlightFilterBar(QWidget):
    changed = Signal()

    def __init__(self, codes: CodeTreeModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("highlightFilters")
        self._codes = codes
        self.scope = QComboBox(self)
        self.scope.addItem(self.tr("This article"), "article")
        self.scope.addItem(self.tr("All articles"), "project")
        self.code = QComboBox(self)
        self.text = QLineEdit(self)
        self.text.setPlaceholderText(self.tr("Filter by text in the quote or note"))
        self.text.setClearButtonEnabled(True)
        self.note = QComboBox(self)
        self.note.addItem(self.tr("With or without a note"), None)
        self.note.addItem(self.tr("With a note"), True)
        self.note.addItem(self.tr("Without a note"), False)
        self.use_since = QCheckBox(self.tr("From"), self)
        self.since = QDateEdit(QDate.currentDate().addMonths(-1), self)
        self.use_until = QCheckBox(self.tr("To"), self)
        self.until = QDateEdit(QDate.currentDate(), self)
        for edit in (self.since, self.until):
            edit.setCalendarPopup(True)
            edit.setEnabled(False)
        for widget, name, description in (
            (self.scope, self.tr("Highlights of"),
             self.tr("The open article's highlights, or those of every article")),
            (self.code, self.tr("Code filter"),
             self.tr("Only highlights with this code or a code below it")),
            (self.text, self.tr("Text filter"),
             self.tr("Only highlights whose quote or note contains this text")),
            (self.note, self.tr("Note filter"), self.tr("Highlights with a note, or without")),
            (self.use_since, self.tr("From a date"), self.tr("Only highlights made on or after "
                                                             "the date beside")),
            (self.since, self.tr("From date"), self.tr("The first day shown")),
            (self.use_until, self.tr("Up to a date"), self.tr("Only highlights made on or "
                                                              "before the date beside")),
            (self.until, self.tr("To date"), self.tr("The last day shown")),
        ):
            widget.setAccessibleName(name)
            widget.setAccessibleDescription(description)
            widget.setToolTip(description)
        first, second = QHBoxLayout(), QHBoxLayout()
        first.addWidget(self.scope)
        first.addWidget(self.code, 1)
        first.addWidget(self.text, 2)
        for widget in (self.note, self.use_since, self.since, self.use_until, self.until):
            second.addWidget(widget)
        second.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(first)
        layout.addLayout(second)

        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(_TYPING_PAUSE_MS)
        self._typing.timeout.connect(self.changed)
        self.text.textChanged.connect(lambda _text: self._typing.start())
        for combo in (self.scope, self.code, self.note):
            combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        for box, edit in ((self.use_since, self.since), (self.use_until, self.until)):
            box.toggled.connect(edit.setEnabled)
            box.toggled.connect(lambda _on: self.changed.emit())
            edit.dateChanged.connect(lambda _d, b=box: b.isChecked() and self.changed.emit())
        codes.modelReset.connect(self._fill_codes)
        self._fill_codes()

    def _fill_codes(self) -> None:
        current = self.code.currentData()
        self.code.blockSignals(True)
        self.code.clear()
        self.code.addItem(self.tr("Any code"), None)
        for code in self._codes.codes():
            node = self._codes.node(code.id or 0)
            indent = "    " * (node.depth if node else 0)
            self.code.addItem(f"{indent}{code.name}", code.id)
        found = self.code.findData(current)
        self.code.setCurrentIndex(max(found, 0))
        self.code.blockSignals(False)
        if current is not None and found < 0:
            self.changed.emit()  # the filtered code is gone

    def project_wide(self) -> bool:
        return self.scope.currentData() == "project"

    def set_project_wide(self, wide: bool) -> None:
        self.scope.setCurrentIndex(self.scope.findData("project" if wide else "article"))

    def set_code(self, code_id: int | None) -> None:
        self.code.setCurrentIndex(max(self.code.findData(code_id), 0))

    def flush(self) -> None:
        """Apply text typed but not yet applied (the pause has not come)."""
        if self._typing.isActive():
            self._typing.stop()
            self.changed.emit()

    def highlight_filter(self, article_id: int | None) -> HighlightFilter:
        code_id = self.code.currentData()
        codes = (code_id, *self._codes.descendants(code_id)) if code_id is not None else ()
        until = (self.until.date().addDays(1).toString("yyyy-MM-dd")
                 if self.use_until.isChecked() else None)
        return HighlightFilter(
            article_id=None if self.project_wide() else article_id,
            code_ids=tuple(codes),
            text=self.text.text().strip(),
            has_note=self.note.currentData(),
            since=self.since.date().toString("yyyy-MM-dd") if self.use_since.isChecked()
            else None,
            until=until,
        )
