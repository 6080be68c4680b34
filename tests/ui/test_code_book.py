"""The code book through the window: every operation one undoable step named in Edit >
Undo, the tree and its counts following each change and each undo."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt

from desktop.domain.code import Code
from desktop.services.code_service import CodeNode, WhenCodeDeleted
from desktop.services.highlight_service import HighlightService
from desktop.ui.annotations.code_tree_model import CodeTreeModel
from desktop.ui.annotations.delete_code_dialog import DeleteCodeDialog
from desktop.ui.main.main_window import MainWindow
from tests.ui.conftest import WAIT_MS, modal_answer


def _done(qtbot, window: MainWindow, action) -> None:
    """Run a code-book action and wait until the tree shows its result."""
    book = window.docks.code_book
    with qtbot.waitSignal(book.model.modelReset, timeout=WAIT_MS):
        action()


def _undo(qtbot, window: MainWindow) -> None:
    _done(qtbot, window, window.main_actions.undo.trigger)


def _names(model: CodeTreeModel, parent: QModelIndex | None = None) -> list[object]:
    parent = parent or QModelIndex()
    found: list[object] = []
    for row in range(model.rowCount(parent)):
        index = model.index(row, 0, parent)
        children = _names(model, index)
        found.append((index.data(), children) if children else index.data())
    return found


def _make(qtbot, window: MainWindow, name: str, parent: int | None = None) -> int:
    book = window.docks.code_book
    _done(qtbot, window, lambda: book.create(name, parent_id=parent))
    # The reset waited for may be the first load of the code book (it starts on the next
    # turn of the event loop after the project opens), not the one after this action.
    qtbot.waitUntil(lambda: any(c.name == name for c in book.model.codes()), timeout=WAIT_MS)
    code = next(c for c in book.model.codes() if c.name == name)
    return code.id or 0


def _highlight(window: MainWindow, code_ids: list[int], start: int = 0, end: int = 10) -> int:
    project = window.session.project
    article_id = project.store.articles.summaries().__next__().id
    highlight, _ = HighlightService(project).create(article_id, start, end, code_ids=code_ids)
    return highlight.id or 0


def test_new_rename_in_place_recolour_describe_and_undo(qtbot, window: MainWindow) -> None:
    book = window.docks.code_book
    stack = window.session.undo_stack
    politics = _make(qtbot, window, "Politics")
    assert _names(book.model) == ["Politics"]
    assert stack.undoText() == "New code “Politics”"

    # In place, as F2 then typing does: the model hands the new name to the session.
    index = book.model.index_of(politics)
    _done(qtbot, window, lambda: book.model.setData(index, "  Power   politics "))
    assert _names(book.model) == ["Power politics"]
    assert window.main_actions.undo.text() == "&Undo Rename code “Politics”"
    _undo(qtbot, window)
    assert _names(book.model) == ["Politics"]

    _done(qtbot, window, lambda: book.recolour(politics, "#123456"))
    assert book.model.index_of(politics).data(Qt.ItemDataRole.DecorationRole).name() == "#123456"
    _done(qtbot, window, lambda: book.describe(politics, "Government and parties"))
    assert "Government and parties" in book.model.index_of(politics).data(
        Qt.ItemDataRole.ToolTipRole)
    _undo(qtbot, window)
    _undo(qtbot, window)
    code = book.model.code(politics)
    assert code is not None and code.description == "" and code.colour != "#123456"


def test_drag_onto_another_code_reparents_and_undo_puts_it_back(qtbot,
                                                                window: MainWindow) -> None:
    book = window.docks.code_book
    model = book.model
    politics = _make(qtbot, window, "Politics")
    elections = _make(qtbot, window, "Elections")
    violence = _make(qtbot, window, "Violence")
    _highlight(window, [elections])
    _highlight(window, [politics], 20, 30)
    book.reload()
    qtbot.waitUntil(lambda: model.node(elections).highlights == 1, timeout=WAIT_MS)

    data = model.mimeData([model.index_of(elections)])
    # A code cannot be dropped inside itself.
    assert not model.canDropMimeData(data, Qt.DropAction.MoveAction, -1, 0,
                                     model.index_of(elections))
    _done(qtbot, window, lambda: model.dropMimeData(data, Qt.DropAction.MoveAction, -1, 0,
                                                    model.index_of(politics)))
    assert _names(model) == [("Politics", ["Elections"]), "Violence"]
    assert window.session.undo_stack.undoText() == "Move code “Elections”"
    # Counts: the parent's own and with its subcodes.
    assert model.index_of(politics, CodeTreeModel.OWN).data() == "1"
    assert model.index_of(politics, CodeTreeModel.TOTAL).data() == "2"
    assert model.index_of(politics).data(Qt.ItemDataRole.ToolTipRole) == (
        "1 highlight; 2 with its subcodes")
    # Nor below its own subcode.
    data = model.mimeData([model.index_of(politics)])
    assert not model.canDropMimeData(data, Qt.DropAction.MoveAction, -1, 0,
                                     model.index_of(elections))
    # Reordering among siblings: Violence dropped before Politics at the top level.
    data = model.mimeData([model.index_of(violence)])
    _done(qtbot, window, lambda: model.dropMimeData(data, Qt.DropAction.MoveAction, 0, 0,
                                                    QModelIndex()))
    assert _names(model) == ["Violence", ("Politics", ["Elections"])]
    _undo(qtbot, window)
    _undo(qtbot, window)
    assert _names(model) == ["Politics", "Elections", "Violence"]


def test_merge_two_codes_and_undo(qtbot, window: MainWindow) -> None:
    book = window.docks.code_book
    politics = _make(qtbot, window, "Politics")
    government = _make(qtbot, window, "Government")
    first = _highlight(window, [government])
    _done(qtbot, window, lambda: book.merge(government, politics))
    assert _names(book.model) == ["Politics"]
    store = window.session.project.store
    assert store.highlights.codes_of([first])[first] == [politics]
    assert window.session.undo_stack.undoText() == "Merge “Government” into “Politics”"
    _undo(qtbot, window)
    assert _names(book.model) == ["Politics", "Government"]
    assert store.highlights.codes_of([first])[first] == [government]


def test_delete_asks_what_happens_to_the_highlights_each_choice(qtbot,
                                                                window: MainWindow) -> None:
    book = window.docks.code_book
    store = window.session.project.store
    politics = _make(qtbot, window, "Politics")
    elections = _make(qtbot, window, "Elections", politics)
    alone = _highlight(window, [elections], 0, 10)
    shared = _highlight(window, [elections, politics], 20, 30)
    book.reload()
    qtbot.waitUntil(lambda: book.model.node(elections).highlights == 2, timeout=WAIT_MS)
    seen: list[str] = []

    def choose(button: str):
        def answer(dialog) -> None:
            assert isinstance(dialog, DeleteCodeDialog)
            seen.extend((dialog.intro.text(), dialog.keep.toolTip(), dialog.delete.text()))
            getattr(dialog, button).setChecked(True)
            dialog.accept()
        return answer

    # Keep: the highlights stay without the code.
    modal_answer(qtbot, choose("keep"))
    _done(qtbot, window, lambda: book.delete(elections))
    assert store.highlights.codes_of([alone, shared]) == {alone: [], shared: [politics]}
    assert seen == ["“Elections” is on 2 highlights. What should happen to them?",
                    "The 2 highlights stay, with their other codes and notes",
                    "Delete the 1 highlight that has no other code"]
    _undo(qtbot, window)
    assert store.highlights.codes_of([alone])[alone] == [elections]

    # To the parent: they get Politics instead.
    modal_answer(qtbot, choose("to_parent"))
    _done(qtbot, window, lambda: book.delete(elections))
    assert store.highlights.codes_of([alone, shared]) == {alone: [politics],
                                                          shared: [politics]}
    _undo(qtbot, window)

    # Delete: the highlight with only this code goes, the other stays.
    modal_answer(qtbot, choose("delete"))
    _done(qtbot, window, lambda: book.delete(elections))
    assert set(store.highlights.many([alone, shared])) == {shared}
    assert window.session.undo_stack.undoText() == "Delete code “Elections”"
    _undo(qtbot, window)
    assert set(store.highlights.many([alone, shared])) == {alone, shared}
    assert _names(book.model) == [("Politics", ["Elections"])]

    # Cancelling changes nothing.
    modal_answer(qtbot, lambda dialog: dialog.reject())
    count = window.session.undo_stack.count()
    book.delete(elections)
    assert window.session.undo_stack.count() == count


@pytest.mark.parametrize(("own", "sole", "intro", "keep", "delete"), [
    (1, 1, "“Politics” is on 1 highlight. What should happen to it?",
     "The highlight stays, with its other codes and notes",
     "Delete the 1 highlight that has no other code"),
    (1_234, 0, "“Politics” is on 1,234 highlights. What should happen to them?",
     "The 1,234 highlights stay, with their other codes and notes",
     "Delete the highlights that have no other code (there are none)"),
])
def test_the_delete_code_dialog_counts_in_singular_and_plural(
        qtbot, own: int, sole: int, intro: str, keep: str, delete: str) -> None:
    dialog = DeleteCodeDialog(CodeNode(Code("Politics", id=1, parent_id=2), 1, own, own),
                              "Parent", sole)
    qtbot.addWidget(dialog)
    assert (dialog.intro.text(), dialog.keep.toolTip(), dialog.delete.text()) == (
        intro, keep, delete)
    assert dialog.to_parent.toolTip() == ("The highlight gets the parent code" if own == 1
                                          else "The 1,234 highlights get the parent code")
    # Nothing carries only this code: deleting "them" would delete nothing.
    assert dialog.delete.isEnabled() == bool(sole)


def test_a_code_of_10000_highlights_is_deleted_in_one_step(qtbot, window: MainWindow) -> None:
    book = window.docks.code_book
    project = window.session.project
    code = _make(qtbot, window, "Everywhere")
    article_id = project.store.articles.summaries().__next__().id
    body_length = len(project.store.articles.get(article_id).body)
    ids = []
    service = HighlightService(project)
    with project.store.transaction():
        for n in range(10_000):
            start = n % (body_length - 5)
            ids.append(service.create(article_id, start, start + 3)[0].id)
    service.add_code(ids, code)
    stack_before = window.session.undo_stack.count()
    _done(qtbot, window, lambda: book.delete(code, choice=WhenCodeDeleted.KEEP))
    assert window.session.undo_stack.count() == stack_before + 1
    assert sum(map(len, project.store.highlights.codes_of(ids).values())) == 0
    _undo(qtbot, window)
    assert all(c == [code] for c in project.store.highlights.codes_of(ids).values())
