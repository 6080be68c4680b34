"""The code book as a tree: each code with its colour and its highlight counts.

The model shows what :meth:`CodeService.tree` returns and never changes data itself:
renaming in place and dropping a code elsewhere are announced as requests
(``rename_requested``, ``move_requested``), which the panel carries out through the
session (undoable), and the model is reloaded when the change comes back as
``data_changed``. Indexes carry the code id, so a reload keeps the tree's expanded state.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    QAbstractItemModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor

from desktop.domain.code import Code
from desktop.services.code_service import CodeNode
from desktop.ui.common.formatting import format_count

Index = QModelIndex | QPersistentModelIndex
CODE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
CODE_MIME = "application/x-research-notes-code"


class CodeTreeModel(QAbstractItemModel):
    NAME, OWN, TOTAL = range(3)
    rename_requested = Signal(int, str)  # code id, new name
    move_requested = Signal(int, object, object)  # code id, parent id or None, position or None

    def __init__(self, parent: object | None = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._nodes: dict[int, CodeNode] = {}
        self._children: dict[int | None, list[int]] = {None: []}
        self._headers = (self.tr("Code"), self.tr("Highlights"), self.tr("With subcodes"))

    # -- contents -----------------------------------------------------------------------

    def set_tree(self, nodes: Sequence[CodeNode]) -> None:
        self.beginResetModel()
        self._nodes = {n.code.id or 0: n for n in nodes}
        self._children = {None: []}
        for node in nodes:  # parents come before children, siblings in order
            parent = node.code.parent_id if node.code.parent_id in self._nodes else None
            self._children.setdefault(parent, []).append(node.code.id or 0)
        self.endResetModel()

    def code(self, code_id: int) -> Code | None:
        node = self._nodes.get(code_id)
        return node.code if node else None

    def node(self, code_id: int) -> CodeNode | None:
        return self._nodes.get(code_id)

    def codes(self) -> list[Code]:
        """Every code in tree order (parents before children)."""
        return [n.code for n in self._nodes.values()]

    def code_id(self, index: Index) -> int | None:
        return int(index.internalId()) if index.isValid() else None

    def index_of(self, code_id: int, column: int = 0) -> QModelIndex:
        node = self._nodes.get(code_id)
        if node is None:
            return QModelIndex()
        siblings = self._children.get(self._parent_of(code_id), [])
        return self.createIndex(siblings.index(code_id), column, code_id)

    def descendants(self, code_id: int) -> list[int]:
        found: list[int] = []
        stack = list(self._children.get(code_id, []))
        while stack:
            child = stack.pop()
            found.append(child)
            stack.extend(self._children.get(child, []))
        return found

    def _parent_of(self, code_id: int) -> int | None:
        parent = self._nodes[code_id].code.parent_id
        return parent if parent in self._nodes else None

    # -- the tree -----------------------------------------------------------------------

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if column < 0 or column >= len(self._headers):
            return QModelIndex()
        if parent.isValid() and parent.column() != 0:
            return QModelIndex()
        key = self.code_id(parent) if parent.isValid() else None
        children = self._children.get(key, [])
        if not 0 <= row < len(children):
            return QModelIndex()
        return self.createIndex(row, column, children[row])

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        code_id = int(index.internalId())
        if code_id not in self._nodes:
            return QModelIndex()
        parent = self._parent_of(code_id)
        return QModelIndex() if parent is None else self.index_of(parent)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid():
            if parent.column() != 0:
                return 0
            return len(self._children.get(self.code_id(parent), []))
        return len(self._children.get(None, []))

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return len(self._headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        node = self._nodes.get(int(index.internalId()))
        if node is None:
            return None
        column = index.column()
        if role == CODE_ID_ROLE:
            return node.code.id
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column == self.NAME:
                return node.code.name
            if role == Qt.ItemDataRole.EditRole:
                return node.highlights if column == self.OWN else node.total
            return format_count(node.highlights if column == self.OWN else node.total)
        if role == Qt.ItemDataRole.DecorationRole and column == self.NAME:
            return QColor(node.code.colour)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tool_tip(node)
        if role == Qt.ItemDataRole.TextAlignmentRole and column != self.NAME:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _tool_tip(self, node: CodeNode) -> str:
        counts = (self.tr("1 highlight; %2 with its subcodes") if node.highlights == 1 else
                  self.tr("%1 highlights; %2 with its subcodes")).replace(
            "%1", format_count(node.highlights)).replace("%2", format_count(node.total))
        return f"{node.code.description}\n{counts}" if node.code.description else counts

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self._headers)):
            return self._headers[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        flags = (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                 | Qt.ItemFlag.ItemIsDragEnabled | Qt.ItemFlag.ItemIsDropEnabled)
        if index.column() == self.NAME:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (not index.isValid() or index.column() != self.NAME
                or role != Qt.ItemDataRole.EditRole):
            return False
        name = " ".join(str(value).split())
        code_id = int(index.internalId())
        node = self._nodes.get(code_id)
        if not name or node is None or name == node.code.name:
            return False
        # Carried out (undoably) by the panel; the tree follows when the change is done.
        self.rename_requested.emit(code_id, name)
        return True

    # -- drag and drop ------------------------------------------------------------------

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [CODE_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        ids = list(dict.fromkeys(int(i.internalId()) for i in indexes if i.isValid()))
        data = QMimeData()
        data.setData(CODE_MIME, QByteArray(",".join(map(str, ids)).encode("ascii")))
        return data

    def _dragged(self, data: QMimeData) -> list[int]:
        if not data.hasFormat(CODE_MIME):
            return []
        raw = bytes(data.data(CODE_MIME).data()).decode("ascii", "replace")
        return [int(p) for p in raw.split(",") if p.isdigit() and int(p) in self._nodes]

    def canDropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                        parent: Index) -> bool:
        dragged = self._dragged(data)
        if action != Qt.DropAction.MoveAction or len(dragged) != 1:
            return False
        target = self.code_id(parent) if parent.isValid() else None
        # A code cannot go inside itself or below one of its own subcodes.
        return target is None or (target != dragged[0]
                                  and target not in self.descendants(dragged[0]))

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                     parent: Index) -> bool:
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        code_id = self._dragged(data)[0]
        target = self.code_id(parent) if parent.isValid() else None
        self.move_requested.emit(code_id, target, self._position_at(code_id, target, row))
        # The view must not remove the dragged row itself: the tree is reloaded instead.
        return False

    def _position_at(self, code_id: int, parent: int | None, row: int) -> int | None:
        """The ``position`` that puts the code before the ``row``-th sibling (-1: on the
        parent itself, at the end). Between two neighbours without a gap, the neighbour's
        own position (siblings then order by id): exact reordering would need renumbering."""
        siblings = [c for c in self._children.get(parent, []) if c != code_id]
        positions = [self._nodes[c].code.position for c in siblings]
        if not positions:
            return None
        if row < 0 or row >= len(self._children.get(parent, [])):
            return max(positions) + 1
        before = [c for c in self._children.get(parent, [])[:row] if c != code_id]
        index = len(before)
        if index == 0:
            return positions[0] - 1
        if index >= len(positions):
            return positions[-1] + 1
        low, high = positions[index - 1], positions[index]
        return (low + high) // 2 if high - low >= 2 else high
