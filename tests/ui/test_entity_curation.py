"""Curation from the GUI: the reader's context menu over a suggested mention, and Merge
Into…, Split Alias…, Rename… and Delete in the entity browser; each one named step in
Edit > Undo."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QMenu, QMessageBox

from desktop.domain.entity import MentionState
from desktop.ui.main.main_window import MainWindow
from tests.support import SEED_TITLE
from tests.ui.annotation_support import read
from tests.ui.conftest import WAIT_MS
from tests.ui.entity_support import names, open_browser, recognise, reload_and_wait, row_named


def _mention_menu(qtbot, window: MainWindow, written: str) -> tuple[QMenu, object]:
    """The reader's mention entries for the first mention written ``written``."""
    window.main_actions.annotate.show_mentions.setChecked(True)
    read(qtbot, window, SEED_TITLE)
    reader = window.reader
    qtbot.waitUntil(lambda: reader.annotations is not None
                    and len(reader.annotations.mentions) > 20, timeout=WAIT_MS)
    body = reader.article.body
    mention = next(m for m in reader.annotations.mentions if body[m.start:m.end] == written)
    menu = QMenu(window)
    window.entity_docks.mention_menu.add_to(menu, [mention])
    return menu, mention


def _trigger(menu: QMenu, starts: str) -> None:
    action = next((a for a in menu.actions() if a.text().replace("&", "").startswith(starts)),
                  None)
    assert action is not None, [a.text() for a in menu.actions()]
    action.trigger()


def _states(window: MainWindow, text: str) -> list[str]:
    db = window.session.project.store.connection
    return [str(s) for (s,) in db.execute(
        "SELECT state FROM mentions WHERE text = ? ORDER BY id", (text,))]


def test_confirm_and_reject_a_mention_from_the_reader(qtbot, window: MainWindow) -> None:
    recognise(qtbot, window)
    menu, mention = _mention_menu(qtbot, window, "Najaf")
    texts = [a.text().replace("&", "") for a in menu.actions()]
    assert texts[:3] == ["Open “Najaf”", "Confirm “Najaf”", "Reject “Najaf”"]
    assert "Confirm All “Najaf” in the Project" in texts
    assert "Reject All “Najaf” in This Article" in texts
    stack = window.session.undo_stack
    with qtbot.waitSignal(window.session.data_changed, timeout=WAIT_MS):
        _trigger(menu, "Confirm “Najaf”")
    assert stack.undoText() == "Confirm “Najaf”"
    assert MentionState.CONFIRMED.value in _states(window, "Najaf")
    # The reader draws the confirmed mention as confirmed.
    qtbot.waitUntil(lambda: any(m.id == mention.id and m.state == "confirmed"
                                for m in window.reader.annotations.mentions), timeout=WAIT_MS)
    with qtbot.waitSignal(window.session.data_changed, timeout=WAIT_MS):
        stack.undo()
    assert set(_states(window, "Najaf")) == {"suggested"}


def test_reject_all_in_the_project_is_remembered(qtbot, window: MainWindow) -> None:
    recognise(qtbot, window)
    menu, _mention = _mention_menu(qtbot, window, "Karbala")
    with qtbot.waitSignal(window.session.data_changed, timeout=WAIT_MS):
        _trigger(menu, "Reject All “Karbala” in the Project")
    assert set(_states(window, "Karbala")) == {"rejected"}
    assert window.session.undo_stack.undoText().startswith("Reject all “Karbala”")
    model = open_browser(qtbot, window)
    reload_and_wait(qtbot, model)
    assert "Karbala" not in names(model)
    # Recognising again does not suggest it.
    recognise(qtbot, window)
    assert set(_states(window, "Karbala")) == {"rejected"}


def test_confirm_all_in_the_article(qtbot, window: MainWindow) -> None:
    recognise(qtbot, window)
    menu, _mention = _mention_menu(qtbot, window, "Iraq")
    with qtbot.waitSignal(window.session.data_changed, timeout=WAIT_MS):
        _trigger(menu, "Confirm All “Iraq” in This Article")
    assert set(_states(window, "Iraq")) == {"confirmed"}
    assert window.session.undo_stack.undoText() == "Confirm all “Iraq” in the article"


def _select(qtbot, window: MainWindow, name: str) -> None:
    model = open_browser(qtbot, window)
    browser = window.entity_docks.browser
    browser.view.selectRow(row_named(model, name))


def _answer_input(qtbot, window: MainWindow, choice: str) -> None:
    dialog = window.entity_docks.curation.dialog
    assert isinstance(dialog, QInputDialog) and dialog.isVisible()
    if dialog.comboBoxItems():
        match = next(i for i in dialog.comboBoxItems() if i == choice or i.startswith(choice))
        dialog.setTextValue(match)
    else:
        dialog.setTextValue(choice)
    with qtbot.waitSignal(window.session.data_changed, timeout=WAIT_MS):
        dialog.accept()


def test_merge_into_from_the_browser_and_undo(qtbot, window: MainWindow) -> None:
    recognise(qtbot, window)
    _select(qtbot, window, "Bashar Assad")
    docks = window.entity_docks
    docks.merge_action.trigger()
    _answer_input(qtbot, window, "John Kerry")
    stack = window.session.undo_stack
    assert stack.undoText() == "Merge “Bashar Assad” into “John Kerry”"
    model = docks.browser.model
    qtbot.waitUntil(lambda: "Bashar Assad" not in names(model), timeout=WAIT_MS)
    kerry = model.row_at(row_named(model, "John Kerry"))
    assert kerry is not None and "Bashar Assad" in kerry.aliases
    with qtbot.waitSignal(model.loaded, timeout=WAIT_MS):
        stack.undo()
    assert "Bashar Assad" in names(model)


def test_rename_split_and_delete_from_the_browser(qtbot, window: MainWindow) -> None:
    recognise(qtbot, window)
    docks = window.entity_docks
    model = docks.browser.model
    _select(qtbot, window, "Ghasem Soleimani")
    docks.rename_action.trigger()
    _answer_input(qtbot, window, "Qassem Soleimani")
    qtbot.waitUntil(lambda: "Qassem Soleimani" in names(model), timeout=WAIT_MS)
    renamed = model.row_at(row_named(model, "Qassem Soleimani"))
    assert renamed is not None and "Ghasem Soleimani" in renamed.aliases
    assert window.session.undo_stack.undoText() == "Rename to “Qassem Soleimani”"
    # The old name, now an alias, split out again.
    _select(qtbot, window, "Qassem Soleimani")
    docks.split_action.trigger()
    _answer_input(qtbot, window, "Ghasem Soleimani")
    qtbot.waitUntil(lambda: "Ghasem Soleimani" in names(model), timeout=WAIT_MS)
    assert window.session.undo_stack.undoText() == \
        "Split “Ghasem Soleimani” into its own entity"
    _select(qtbot, window, "Quds Force")
    docks.delete_action.trigger()
    box = docks.curation.dialog
    assert isinstance(box, QMessageBox) and "Quds Force" in box.text()
    with qtbot.waitSignal(window.session.data_changed, timeout=WAIT_MS):
        box.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: "Quds Force" not in names(model), timeout=WAIT_MS)
    with qtbot.waitSignal(model.loaded, timeout=WAIT_MS):
        window.session.undo_stack.undo()
    assert "Quds Force" in names(model)


def test_confirm_from_the_browser_and_delete_with_the_key(qtbot, window: MainWindow) -> None:
    recognise(qtbot, window)
    docks = window.entity_docks
    model = docks.browser.model
    _select(qtbot, window, "Najaf")
    with qtbot.waitSignal(model.loaded, timeout=WAIT_MS):
        docks.confirm_action.trigger()
    assert window.session.undo_stack.undoText() == "Confirm “Najaf”"
    najaf = model.row_at(row_named(model, "Najaf"))
    assert najaf is not None and najaf.state == "confirmed"
    assert set(_states(window, "Najaf")) == {"confirmed"}
    _select(qtbot, window, "Syria")
    docks.browser.view.setFocus()
    qtbot.keyClick(docks.browser.view, Qt.Key.Key_Delete)
    box = docks.curation.dialog
    assert isinstance(box, QMessageBox) and "Syria" in box.text()
    box.reject()
    assert "Syria" in names(model)


def test_merge_into_offers_the_likeliest_target_or_none() -> None:
    from desktop.domain.entity import Entity
    from desktop.ui.entities.entity_curation import _closest

    blair = Entity(name="Blair", type_id=1, id=1)
    targets = [Entity(name="A-Levels", type_id=4, id=2),
               Entity(name="Blair Babes", type_id=4, id=3),
               Entity(name="Tony Blair", type_id=1, aliases=("Mr Blair",), id=4),
               Entity(name="Tony Blair Institute for Global Change", type_id=2, id=5)]
    assert _closest(blair, targets) == 2  # a shared word, the same type, the fewest words
    assert _closest(Entity(name="Najaf", type_id=3, id=6), targets) is None
