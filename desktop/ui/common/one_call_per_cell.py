"""A model's answers for all the roles a view asks of a cell, in one call into Python."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QModelRoleData, QModelRoleDataSpan, QPersistentModelIndex


class OneCallPerCell:
    """Mixed into a Python item model before its Qt base: ``multiData`` answers from the
    model's own ``data``.

    Painting a cell, Qt asks for about seven roles (display, font, colours, alignment,
    check state, decoration); Qt's own ``multiData`` asks ``data`` once per role, each a
    call into Python from C++, which must take the interpreter lock first. While another
    thread runs Python (an import storing, a search), each such call can wait up to the
    switch interval: a list's repaint made hundreds and stopped the window for 100-160 ms.
    Here the roles are answered inside one call.
    """

    def multiData(self, index: QModelIndex | QPersistentModelIndex,
                  roleDataSpan: QModelRoleDataSpan | QModelRoleData) -> None:
        data: Any = self.data  # type: ignore[attr-defined]
        if isinstance(roleDataSpan, QModelRoleData):
            roleDataSpan.setData(data(index, roleDataSpan.role()))
            return
        for number in range(len(roleDataSpan)):
            item = roleDataSpan[number]
            item.setData(data(index, item.role()))
