"""Deleting a code: what happens to its highlights, said with the numbers affected."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop.services.code_service import CodeNode, WhenCodeDeleted
from desktop.ui.common.formatting import format_count


class DeleteCodeDialog(QDialog):
    def __init__(self, node: CodeNode, parent_name: str | None, only_this_code: int,
                 parent: QWidget | None = None) -> None:
        """``only_this_code``: how many of its highlights carry no other code (those the
        third choice deletes)."""
        super().__init__(parent)
        self.setObjectName("deleteCodeDialog")
        self.setWindowTitle(self.tr("Delete Code"))
        count = format_count(node.highlights)
        one = node.highlights == 1
        question = (self.tr("“%1” is on 1 highlight. What should happen to it?") if one else
                    self.tr("“%1” is on %2 highlights. What should happen to them?"))
        self.intro = QLabel(question.replace("%1", node.code.name).replace("%2", count), self)
        self.intro.setWordWrap(True)
        self.keep = QRadioButton(self.tr("Keep the highlights, without this code"), self)
        self.keep.setToolTip(
            self.tr("The highlight stays, with its other codes and notes") if one else
            self.tr("The %1 highlights stay, with their other codes and notes")
            .replace("%1", count))
        self.to_parent = QRadioButton(
            self.tr("Give them the parent code “%1” instead").replace("%1", parent_name or ""),
            self)
        self.to_parent.setToolTip(self.tr("The highlight gets the parent code") if one else
                                  self.tr("The %1 highlights get the parent code")
                                  .replace("%1", count))
        self.to_parent.setVisible(parent_name is not None)
        if only_this_code == 1:
            delete = self.tr("Delete the 1 highlight that has no other code")
        elif only_this_code:
            delete = (self.tr("Delete the %1 highlights that have no other code")
                      .replace("%1", format_count(only_this_code)))
        else:
            delete = self.tr("Delete the highlights that have no other code (there are none)")
        self.delete = QRadioButton(delete, self)
        # Nothing to delete: the choice would do what Keep does.
        self.delete.setEnabled(only_this_code > 0)
        self.delete.setToolTip(self.tr("Highlights with other codes too are kept; notes on "
                                       "deleted highlights are kept with their quotes"))
        self.group = QButtonGroup(self)
        for button, name in ((self.keep, self.tr("Keep highlights")),
                             (self.to_parent, self.tr("Move highlights to the parent code")),
                             (self.delete, self.tr("Delete highlights with only this code"))):
            self.group.addButton(button)
            button.setAccessibleName(name)
            button.setAccessibleDescription(button.toolTip())
        self.keep.setChecked(True)
        after = QLabel(self.tr("Its subcodes move up one level. Edit > Undo brings "
                               "everything back."), self)
        after.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Delete Code"))
        ok.setAccessibleName(self.tr("Delete code"))
        ok.setAccessibleDescription(self.tr("Deletes the code as chosen above"))
        cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAccessibleName(self.tr("Cancel"))
        cancel.setAccessibleDescription(self.tr("Keeps the code"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.intro, self.keep, self.to_parent, self.delete, after, buttons):
            layout.addWidget(widget)

    def choice(self) -> WhenCodeDeleted:
        if self.to_parent.isChecked():
            return WhenCodeDeleted.TO_PARENT
        if self.delete.isChecked():
            return WhenCodeDeleted.DELETE
        return WhenCodeDeleted.KEEP
