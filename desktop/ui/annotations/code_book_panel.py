"""The code book panel: the tree of codes with counts, and every change to it as one
undoable step (Edit > Undo names it): new, rename in place (F2), recolour, describe, drag to
another parent or place, merge, delete with a choice for its highlights."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QColor, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QColorDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QMenu,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.change_set import ChangeSet
from desktop.services.code_service import CodeNode, CodeService, WhenCodeDeleted
from desktop.ui.annotations.code_tree_model import CodeTreeModel
from desktop.ui.annotations.delete_code_dialog import DeleteCodeDialog
from desktop.ui.common.background_load import BackgroundLoad
from desktop.ui.project.project_session import ProjectSession

# Tables whose change can alter the tree or its counts.
_TABLES = ("codes", "highlight_codes", "highlights")


class CodeBookPanel(QWidget):
    # The user picked a code to see its highlights (double click, Enter).
    code_activated = Signal(int)

    def __init__(self, session: ProjectSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("codeBookPanel")
        self.session = session
        self.model = CodeTreeModel(self)
        self.view = QTreeView(self)
        self.view.setObjectName("codeTree")
        self.view.setModel(self.model)
        self.view.setUniformRowHeights(True)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed
                                  | QAbstractItemView.EditTrigger.SelectedClicked)
        self.view.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.view.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.view.setDropIndicatorShown(True)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header = self.view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(CodeTreeModel.NAME, QHeaderView.ResizeMode.Stretch)
        for column in (CodeTreeModel.OWN, CodeTreeModel.TOTAL):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.view.setAccessibleName(self.tr("Code book"))
        self.view.setAccessibleDescription(self.tr(
            "Codes with their highlight counts; F2 renames, Delete deletes, drag a code onto "
            "another to put it inside; Enter shows its highlights"))

        self._build_actions()
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        # Short words on the buttons (the menus and tool tips say it in full): the panel
        # then fits a narrow dock beside the reader instead of pushing the reader aside.
        for action, short in ((self.new_action, self.tr("New")),
                              (self.new_child_action, self.tr("Subcode")),
                              (self.colour_action, self.tr("Colour")),
                              (self.merge_action, self.tr("Merge")),
                              (self.delete_action, self.tr("Delete"))):
            action.setIconText(short)
            button = QToolButton(self)
            button.setDefaultAction(action)
            button.setAutoRaise(True)
            button.setAccessibleName(action.text().replace("&", "").rstrip("…"))
            button.setAccessibleDescription(action.toolTip())
            bar.addWidget(button)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)

        self._load = BackgroundLoad(session, self.tr("Loading the code book"), self)
        self._load.loaded.connect(self._tree_loaded)
        self._expanded: set[int] = set()
        self.model.rename_requested.connect(self.rename)
        self.model.move_requested.connect(self.move)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.view.activated.connect(self._activated)
        self.view.selectionModel().currentChanged.connect(lambda *_: self._update_actions())
        session.project_opened.connect(lambda _project: self.reload())
        session.project_closed.connect(self._closed)
        session.data_changed.connect(self._data_changed)
        self._update_actions()

    def _build_actions(self) -> None:
        def action(text: str, tip: str, slot: object, key: QKeySequence | None = None) -> QAction:
            made = QAction(text, self)
            made.setToolTip(tip)
            made.triggered.connect(slot)
            if key is not None:
                made.setShortcut(key)
            # Keys act on the tree only: Delete while renaming a code deletes a letter.
            made.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            self.view.addAction(made)
            return made

        self.new_action = action(self.tr("&New Code…"), self.tr("Add a code at the top level"),
                                 lambda: self.create(), QKeySequence("Ins"))
        self.new_child_action = action(self.tr("New &Subcode…"),
                                       self.tr("Add a code inside the selected one"),
                                       lambda: self.create(parent_id=self.current_code()))
        self.rename_action = action(self.tr("&Rename"), self.tr("Rename the selected code"),
                                    self._edit_current)
        self.rename_action.setShortcut(QKeySequence("F2"))  # the view's own edit key
        self.colour_action = action(self.tr("&Colour…"), self.tr("Choose the code's colour"),
                                    lambda: self.recolour(self.current_code()))
        self.describe_action = action(self.tr("&Describe…"),
                                      self.tr("Write what the code means, for yourself and "
                                              "your team"),
                                      lambda: self.describe(self.current_code()))
        self.move_action = action(self.tr("M&ove Into…"),
                                  self.tr("Put the code inside another, or at the top level "
                                          "(as dragging it does)"),
                                  lambda: self.move_into(self.current_code()))
        self.merge_action = action(self.tr("&Merge Into…"),
                                   self.tr("Move the code's highlights to another code and "
                                           "remove this one"),
                                   lambda: self.merge(self.current_code()))
        self.delete_action = action(self.tr("&Delete…"),
                                    self.tr("Delete the code; you choose what happens to its "
                                            "highlights"),
                                    lambda: self.delete(self.current_code()),
                                    QKeySequence(QKeySequence.StandardKey.Delete))

    def focus_chain(self) -> list[QWidget]:
        """The panel's stops for Tab, in order (the window strings them together)."""
        return [*self.findChildren(QToolButton), self.view]

    # -- loading ------------------------------------------------------------------------

    def reload(self) -> None:
        if self.session.project is None:
            return
        self._load.request(lambda store: CodeService(self.session.project, store).tree())  # type: ignore[arg-type]

    def _tree_loaded(self, nodes: list[CodeNode]) -> None:
        current = self.current_code()
        self._expanded |= {c for c in self._all_ids() if self.view.isExpanded(
            self.model.index_of(c))}
        self.model.set_tree(nodes)
        for code_id in self._all_ids():
            if code_id in self._expanded or len(nodes) < 50:
                self.view.expand(self.model.index_of(code_id))
        if current is not None and self.model.code(current) is not None:
            self.view.setCurrentIndex(self.model.index_of(current))
        self._update_actions()

    def _all_ids(self) -> list[int]:
        return [c.id or 0 for c in self.model.codes()]

    def _closed(self) -> None:
        self._load.cancel()
        self._expanded.clear()
        self.model.set_tree([])
        self._update_actions()

    def _data_changed(self, changes: ChangeSet) -> None:
        if any(table in changes.tables() for table in _TABLES):
            self.reload()

    # -- the selected code --------------------------------------------------------------

    def current_code(self) -> int | None:
        return self.model.code_id(self.view.currentIndex())

    def select(self, code_id: int) -> None:
        self.view.setCurrentIndex(self.model.index_of(code_id))

    def _update_actions(self) -> None:
        has_project = self.session.project is not None and not self.session.project.read_only
        selected = self.current_code() is not None
        self.new_action.setEnabled(has_project)
        for action in (self.new_child_action, self.rename_action, self.colour_action,
                       self.describe_action, self.move_action, self.merge_action,
                       self.delete_action):
            action.setEnabled(has_project and selected)

    def _context_menu(self, position: object) -> None:
        menu = QMenu(self)
        for action in (self.new_action, self.new_child_action, None, self.rename_action,
                       self.colour_action, self.describe_action, None, self.move_action,
                       self.merge_action, self.delete_action):
            if action is None:
                menu.addSeparator()
            else:
                menu.addAction(action)
        menu.setToolTipsVisible(True)
        menu.popup(self.view.viewport().mapToGlobal(position))  # type: ignore[arg-type]

    def _activated(self, index: QModelIndex) -> None:
        code_id = self.model.code_id(index)
        if code_id is not None:
            self.code_activated.emit(code_id)

    def _edit_current(self) -> None:
        index = self.view.currentIndex()
        if index.isValid():
            self.view.edit(index.siblingAtColumn(CodeTreeModel.NAME))

    # -- actions (each one undoable step) -----------------------------------------------

    def _perform(self, label: str, call: object) -> None:
        project = self.session.project
        if project is not None and not project.read_only:
            self.session.perform(label, call)  # type: ignore[arg-type]

    def create(self, name: str | None = None, parent_id: int | None = None) -> None:
        if name is None:
            name, ok = QInputDialog.getText(self, self.tr("New Code"), self.tr("Name:"))
            if not ok or not name.strip():
                return
        self._perform(self.tr("New code “%1”").replace("%1", name.strip()),
                      lambda project, store: CodeService(project, store).create(
                          name, parent_id=parent_id))

    def rename(self, code_id: int, name: str) -> None:
        code = self.model.code(code_id)
        if code is None:
            return
        self._perform(self.tr("Rename code “%1”").replace("%1", code.name),
                      lambda project, store: CodeService(project, store).rename(code_id, name))

    def recolour(self, code_id: int | None, colour: str | None = None) -> None:
        code = self.model.code(code_id) if code_id is not None else None
        if code is None:
            return
        if colour is None:
            chosen = QColorDialog.getColor(QColor(code.colour), self, self.tr("Code Colour"))
            if not chosen.isValid():
                return
            colour = chosen.name()
        self._perform(self.tr("Recolour code “%1”").replace("%1", code.name),
                      lambda project, store: CodeService(project, store).recolour(
                          code.id or 0, colour))

    def describe(self, code_id: int | None, description: str | None = None) -> None:
        code = self.model.code(code_id) if code_id is not None else None
        if code is None:
            return
        if description is None:
            description, ok = QInputDialog.getMultiLineText(
                self, self.tr("Describe Code"),
                self.tr("What “%1” means:").replace("%1", code.name), code.description)
            if not ok:
                return
        self._perform(self.tr("Describe code “%1”").replace("%1", code.name),
                      lambda project, store: CodeService(project, store).describe(
                          code.id or 0, description))

    def move(self, code_id: int, parent_id: int | None, position: int | None = None) -> None:
        code = self.model.code(code_id)
        if code is None:
            return
        self._perform(self.tr("Move code “%1”").replace("%1", code.name),
                      lambda project, store: CodeService(project, store).move(
                          code_id, parent_id, position))

    def move_into(self, code_id: int | None) -> None:
        """Keyboard users' drag: choose the new parent from a list."""
        code = self.model.code(code_id) if code_id is not None else None
        if code is None:
            return
        excluded = {code_id, *self.model.descendants(code_id or 0)}
        choices: list[tuple[int | None, str]] = [(None, self.tr("(top level)"))]
        choices += [(c.id, c.name) for c in self.model.codes() if c.id not in excluded]
        names = [name for _, name in choices]
        name, ok = QInputDialog.getItem(
            self, self.tr("Move Code"), self.tr("Put “%1” inside:").replace("%1", code.name),
            names, 0, False)
        if ok and name in names:
            self.move(code_id or 0, choices[names.index(name)][0])

    def merge(self, code_id: int | None, into_id: int | None = None) -> None:
        code = self.model.code(code_id) if code_id is not None else None
        if code is None:
            return
        if into_id is None:
            into_id = self._ask_merge_target(code_id or 0)
            if into_id is None:
                return
        target = self.model.code(into_id)
        if target is None:
            return
        self._perform(self.tr("Merge “%1” into “%2”").replace("%1", code.name)
                      .replace("%2", target.name),
                      lambda project, store: CodeService(project, store).merge(
                          code.id or 0, into_id))

    def _ask_merge_target(self, code_id: int) -> int | None:
        excluded = {code_id, *self.model.descendants(code_id)}
        choices = [(c.id or 0, c.name) for c in self.model.codes() if c.id not in excluded]
        if not choices:
            return None
        names = [name for _, name in choices]
        name, ok = QInputDialog.getItem(
            self, self.tr("Merge Code"),
            self.tr("Merge “%1” into:").replace("%1", self.model.code(code_id).name),  # type: ignore[union-attr]
            names, 0, False)
        return choices[names.index(name)][0] if ok and name in names else None

    def delete(self, code_id: int | None, choice: WhenCodeDeleted | None = None) -> None:
        node = self.model.node(code_id) if code_id is not None else None
        project = self.session.project
        if node is None or project is None:
            return
        if choice is None:
            if node.highlights:
                parent = (self.model.code(node.code.parent_id)
                          if node.code.parent_id is not None else None)
                dialog = DeleteCodeDialog(
                    node, parent.name if parent else None,
                    CodeService(project).sole_code_of(code_id or 0), self)
                if dialog.exec() != DeleteCodeDialog.DialogCode.Accepted:
                    return
                choice = dialog.choice()
            else:
                choice = WhenCodeDeleted.KEEP  # nothing hangs on it: no question to ask
        self._perform(self.tr("Delete code “%1”").replace("%1", node.code.name),
                      lambda project, store: CodeService(project, store).delete(
                          code_id or 0, choice))

