"""The main window as a user meets it: the sample project, search, reading, importing."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtGui import QTextCursor

from desktop.services.import_report import ImportReport
from desktop.services.project import Project
from desktop.ui.imports.import_report_dialog import ImportReportDialog
from desktop.ui.main.main_window import MainWindow
from tests.support import SEED_TITLE, change_a_byte
from tests.ui.conftest import WAIT_MS


def _search(qtbot, win: MainWindow, text: str) -> None:
    win.search_field.clear()
    qtbot.keyClicks(win.search_field, text)
    qtbot.waitUntil(
        lambda: win.results.results is not None and win.results.results.query == text,
        timeout=WAIT_MS,
    )


def test_first_run_creates_and_opens_the_sample_project(qtbot, sample_window: MainWindow) -> None:
    window = sample_window
    data = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))
    project = window.session.project
    assert project is not None and project.path == (data / "Sample project").resolve()
    assert window.articles.data(window.articles.index(0, 0)) == SEED_TITLE
    assert "1 article" in window.count_label.text()
    assert window.windowTitle().startswith("Sample project")
    # The whole workflow at once: a coded highlight with a note linked to its entities.
    assert project.store.counts()["highlights"] == 1
    assert project.store.counts()["notes"] == 1
    highlights = window.docks.highlights.model
    qtbot.waitUntil(lambda: highlights.rowCount() == 1, timeout=WAIT_MS)


def test_search_finds_the_samples_note_and_highlight_and_opens_each_rightly(
        qtbot, sample_window: MainWindow) -> None:
    window = sample_window
    _search(qtbot, window, "Soleimani")
    hits = {window.results.hit(r).kind: r for r in range(window.results.rowCount())}
    assert set(hits) == {"article", "highlight", "note"}
    store = window.session.project.store
    [highlight] = store.highlights.for_article(window.results.hit(hits["highlight"]).article_id)
    # A highlight hit marks its words inside the highlighted passage of the article.
    window.result_view.setCurrentIndex(window.results.index(hits["highlight"], 0))
    qtbot.waitUntil(lambda: window.reader.marked_texts() == ["Soleimani"], timeout=WAIT_MS)
    position = window.reader.textCursor().position()
    body_offset = window.reader.body.to_doc(highlight.start)
    assert body_offset is not None and position >= body_offset
    # A note hit opens the note; the article shows without marks (they are the note's).
    window.result_view.setCurrentIndex(window.results.index(hits["note"], 0))
    notes = window.docks.notes
    qtbot.waitUntil(lambda: notes.editor.note is not None, timeout=WAIT_MS)
    assert "Soleimani" in notes.editor.text.toPlainText()
    assert window.reader.marked_texts() == []
    assert window.docks.notes_dock.isVisible()
    # Its heading reads as text: the links' addresses are not words of the note.
    assert "rn://" not in window.results.hit(hits["note"]).title


def test_reader_shows_the_headline_once(window: MainWindow) -> None:
    # The first article is selected when the list loads.
    assert window.reader.article is not None
    text = window.reader.document().toPlainText()
    assert text.startswith(SEED_TITLE + "\n")
    assert text.count(SEED_TITLE) == 1
    assert "Sunni militants captured a strategic northern Iraqi city" in text


def test_typing_a_name_lists_the_seed_and_marks_the_hits(qtbot, window: MainWindow) -> None:
    _search(qtbot, window, "Soleimani")
    assert window.tabs.currentIndex() == MainWindow.RESULTS_TAB
    assert window.results.rowCount() == 1
    hit = window.results.hit(0)
    assert hit is not None and hit.title == SEED_TITLE
    assert "<b>Soleimani</b>" in hit.snippet.html()
    # The first hit is selected and opened in the reader with every occurrence marked.
    qtbot.waitUntil(lambda: window.reader.marked_texts() != [], timeout=WAIT_MS)
    body = window.reader.article.body
    marks = window.reader.marked_texts()
    assert marks == ["Soleimani"] * len(re.findall(r"\bSoleimani\b", body))
    assert window.reader.textCursor().position() > len(SEED_TITLE)  # scrolled to a hit


def test_stemmed_search_marks_the_inflected_word(qtbot, window: MainWindow) -> None:
    _search(qtbot, window, "capture")
    qtbot.waitUntil(lambda: window.reader.marked_texts() != [], timeout=WAIT_MS)
    assert set(window.reader.marked_texts()) <= {"capture", "captured"}
    assert "captured" in window.reader.marked_texts()


def test_query_without_hits_and_bad_query(qtbot, window: MainWindow) -> None:
    _search(qtbot, window, "zzyzxqv")
    assert window.results.rowCount() == 0
    assert "0 results" in window.statusBar().currentMessage()
    _search(qtbot, window, "title:(")
    assert window.results.rowCount() == 0  # an error message, not a crash


def test_a_lower_bound_is_shown_as_one_with_the_notice(qtbot, window: MainWindow) -> None:
    from index import SearchResults

    window.search_field.setText("pr*")
    window.workspace.search_bar.timer.stop()
    notice = "Only the 500 most common words starting with “pr” were searched."
    window.session.search_finished.emit(
        SearchResults(query="pr*", total=1234, hits=(), total_exact=False, notice=notice)
    )
    message = window.statusBar().currentMessage()
    assert message.startswith("At least 1,234 results")
    assert notice in message
    assert window.tabs.tabText(MainWindow.RESULTS_TAB) == "Results (≥1,234)"


def test_clearing_the_search_returns_to_the_article_list(qtbot, window: MainWindow) -> None:
    _search(qtbot, window, "Kerry")
    window.search_field.clear()
    qtbot.waitUntil(lambda: window.tabs.currentIndex() == MainWindow.ARTICLES_TAB,
                    timeout=WAIT_MS)
    assert window.results.rowCount() == 0


def test_import_runs_in_a_worker_and_updates_the_list(qtbot, window: MainWindow,
                                                     tmp_path: Path) -> None:
    folder = tmp_path / "more"
    folder.mkdir()
    (folder / "a.txt").write_text("Crème brûlée 🍮 summit\n\nLeaders met in Zürich.\n",
                                  encoding="utf-8")
    (folder / "b.txt").write_bytes("Arabic desk\r\n\r\nمرحبا Soleimani\r\n".encode())
    (folder / "empty.txt").write_bytes(b"")
    with qtbot.waitSignal(window.session.import_finished, timeout=WAIT_MS) as signal:
        window.session.import_paths([folder])
    report = signal.args[0]
    assert report.imported == 2 and [Path(p.path).name for p in report.failed] == ["empty.txt"]
    qtbot.waitUntil(lambda: window.articles.rowCount() == 3, timeout=WAIT_MS)
    assert "3 articles" in window.count_label.text()
    # The report stays on screen until closed (not a status message the next search hides).
    dialog = window.findChild(ImportReportDialog, "importReport")
    assert dialog is not None and dialog.isVisible()
    assert dialog.headline.text() == "2 articles imported"
    assert "empty.txt" in dialog.report_text() and "the file is empty" in dialog.report_text()
    dialog.close()
    _search(qtbot, window, "Soleimani")
    # The indexer process commits the new articles a moment after the import: the shown
    # results follow without another keystroke.
    qtbot.waitUntil(lambda: window.results.rowCount() == 2, timeout=WAIT_MS)


def test_reader_marks_hits_after_emoji_at_the_right_place(qtbot, window: MainWindow,
                                                          tmp_path: Path) -> None:
    file = tmp_path / "emoji.txt"
    text = "Emoji test\n\n👍🏽🎉 then Kerbala 😀 and 漢字 Kerbala again\n"
    file.write_text(text, encoding="utf-8")
    with qtbot.waitSignal(window.session.import_finished, timeout=WAIT_MS):
        window.session.import_paths([file])
    _search(qtbot, window, "Kerbala")
    qtbot.waitUntil(lambda: window.reader.marked_texts() != [], timeout=WAIT_MS)
    assert window.reader.marked_texts() == ["Kerbala", "Kerbala"]


def test_window_layout_persists(qtbot, tmp_path: Path) -> None:
    first = MainWindow()
    qtbot.addWidget(first)
    first.show()
    # The panels step aside for the start page just after the window shows: resize after.
    qtbot.waitUntil(lambda: all(d.isHidden() for d in first.docks.docks), timeout=WAIT_MS)
    qtbot.wait(50)
    # Smaller than the offscreen screen (800 px), which restoreGeometry clamps windows to.
    first.resize(720, 520)
    first.splitter.setSizes([300, 400])
    sizes, size = first.splitter.sizes(), first.size()
    first.close()
    second = MainWindow()
    qtbot.addWidget(second)
    second.show()
    assert second.size() == size
    assert second.splitter.sizes() == sizes
    second.close()


def test_opening_a_locked_project_shows_who_holds_it(qtbot, tmp_path: Path) -> None:
    holder = Project.create(tmp_path / "held")
    try:
        win = MainWindow()
        qtbot.addWidget(win)
        with qtbot.waitSignal(win.session.open_failed, timeout=WAIT_MS) as signal:
            win.open_project(tmp_path / "held")  # opening runs in a worker
        assert "another instance" in signal.args[0]
        assert win.session.project is None
        assert win.windowTitle() == "Research Notes"
        win.findChild(object, "errorMessage").close()
    finally:
        holder.close()


def test_select_text_in_reader_gives_code_points(qtbot, window: MainWindow) -> None:
    # The reader is selectable text: later issues turn selections into highlights.
    cursor = window.reader.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.Start)
    cursor.movePosition(QTextCursor.MoveOperation.EndOfWord, QTextCursor.MoveMode.KeepAnchor)
    window.reader.setTextCursor(cursor)
    assert window.reader.textCursor().selectedText() == "Sunni"
    assert window.reader.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse


def test_a_notebook_note_found_by_search_clears_the_reader(qtbot, window: MainWindow) -> None:
    from desktop.services.note_service import NoteService

    project = window.session.project
    NoteService(project).create("Zanzibar: a lead to follow up, on no article yet.")
    _search(qtbot, window, "Soleimani")  # an article with marks in the reader first
    qtbot.waitUntil(lambda: window.reader.marked_texts() != [], timeout=WAIT_MS)
    _search(qtbot, window, "Zanzibar")
    qtbot.waitUntil(lambda: window.results.rowCount() == 1, timeout=WAIT_MS)
    window.result_view.setCurrentIndex(window.results.index(0, 0))
    qtbot.waitUntil(lambda: window.reader.article is None, timeout=WAIT_MS)
    assert window.reader.marked_texts() == []
    assert "project notebook" in window.reader.placeholderText()
    assert window.docks.notes.editor.note is not None


def test_results_searched_again_keep_the_users_tab_and_pick(qtbot,
                                                              sample_window: MainWindow) -> None:
    window = sample_window
    _search(qtbot, window, "Soleimani")
    assert window.results.rowCount() >= 3
    first = window.results.results
    window.result_view.setCurrentIndex(window.results.index(2, 0))
    picked = window.results.hit(2).key
    shown: list[object] = []
    window.reader.show_article = lambda *args, **kwargs: shown.append(args)  # type: ignore
    window.tabs.setCurrentIndex(MainWindow.ARTICLES_TAB)
    # New documents became searchable (an import being indexed): the search runs again.
    window.session.index_updated.emit()
    qtbot.waitUntil(lambda: window.results.results is not first, timeout=WAIT_MS)
    assert window.tabs.currentIndex() == MainWindow.ARTICLES_TAB
    assert window.results.hit(window.result_view.currentIndex().row()).key == picked
    assert shown == []  # the reader keeps what it shows (and where it was scrolled)
    # A search the user asks for still goes to its results and their first hit, even when
    # the index changes (and asks again) while it runs.
    window.search_field.clear()
    qtbot.keyClicks(window.search_field, "Kerry")
    window.session.index_updated.emit()
    qtbot.waitUntil(lambda: window.results.results is not None
                    and window.results.results.query == "Kerry", timeout=WAIT_MS)
    assert window.tabs.currentIndex() == MainWindow.RESULTS_TAB
    assert window.result_view.currentIndex().row() == 0


def test_a_pick_that_leaves_the_page_keeps_the_reader_where_it_is(
        qtbot, sample_window: MainWindow) -> None:
    """New articles can push the picked result off the first page: the reader keeps it,
    and the next answers do not move it to the first result (in a new user's trial they
    did, twice during one import). The end of an import searches again the same way."""
    window = sample_window
    _search(qtbot, window, "Soleimani")
    assert window.results.rowCount() >= 3
    window.result_view.setCurrentIndex(window.results.index(2, 0))
    shown: list[object] = []
    window.reader.show_article = lambda *args, **kwargs: shown.append(args)  # type: ignore
    # The page the new articles leave it out of: only the best one, and no paging on (at
    # 173 results a page fills the view, which then asks for no more).
    window.search._limit = 1
    window.results.more_wanted.disconnect(window.search._more)
    for _ in range(2):
        before = window.results.results
        window.session.index_updated.emit()
        qtbot.waitUntil(lambda before=before: window.results.results is not before
                        and window.results.rowCount() == 1, timeout=WAIT_MS)
        assert not window.result_view.currentIndex().isValid()
        assert shown == []
    before = window.results.results
    window._import_finished(ImportReport())  # as the session's signal calls it
    qtbot.waitUntil(lambda: window.results.results is not before
                    and window.results.rowCount() == 1, timeout=WAIT_MS)
    assert shown == [] and window.tabs.currentIndex() == MainWindow.RESULTS_TAB
    if window.report_dialog is not None:
        window.report_dialog.close()


def test_results_say_when_recent_changes_are_not_yet_indexed(qtbot,
                                                            window: MainWindow) -> None:
    from tests.unit.conftest import make_article

    _search(qtbot, window, "Kerry")
    assert window.results.rowCount() >= 1
    qtbot.waitUntil(lambda: bool(window.statusBar().currentMessage()), timeout=WAIT_MS)
    assert "not in the search index yet" not in window.statusBar().currentMessage()
    # Stored, and not (yet) indexed: as for a minute after a large import. The indexer
    # is stopped once idle, so that it cannot catch up meanwhile.
    project = window.session.project
    assert project is not None
    qtbot.waitUntil(lambda: not window.session.index.busy, timeout=WAIT_MS)
    project.indexer.stop()
    store = project.connect()
    try:
        store.articles.add([make_article("Late story", "Kerry again, later.")])
    finally:
        store.close()
    _search(qtbot, window, "Soleimani")
    qtbot.waitUntil(lambda: "not in the search index yet" in window.statusBar().currentMessage(),
                    timeout=WAIT_MS)
    # A query refused, then an empty field: the last search's words are gone with it.
    _search(qtbot, window, "*a*")
    assert window.results.results is not None and window.results.results.error
    assert window.statusBar().currentMessage() == ""
    _search(qtbot, window, "Kerry")
    qtbot.waitUntil(lambda: bool(window.statusBar().currentMessage()), timeout=WAIT_MS)
    window.search_field.clear()
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == "", timeout=WAIT_MS)


def test_scrolling_to_the_end_of_the_results_brings_the_next_ones(
        qtbot, qtmodeltester, bare_window: MainWindow, tmp_path: Path) -> None:
    from PySide6.QtCore import QModelIndex

    from tests.ui.conftest import make_project

    files = {f"{i:03d}.txt": f"Story {i}\n\nA lantern {'lit ' * (i % 7)}in the square.\n"
             for i in range(130)}
    path = make_project(tmp_path / "project", files)
    win = bare_window
    with qtbot.waitSignal(win.session.index_ready, timeout=WAIT_MS):
        win.open_project(path)
    _search(qtbot, win, "lantern")
    model = win.results
    assert model.rowCount() == 50 and model.results is not None
    assert model.results.total == 130
    view = win.result_view
    view.setFocus()
    view.setCurrentIndex(model.index(3, 0))
    picked = model.hit(3).key
    first_page = [model.hit(row).key for row in range(50)]
    view.scrollToBottom()  # as the wheel or the scroll bar would
    qtbot.waitUntil(lambda: model.rowCount() == 100, timeout=WAIT_MS)
    # Added below: the first page, the pick and the place in the list stay.
    assert [model.hit(row).key for row in range(50)] == first_page
    assert model.hit(view.currentIndex().row()).key == picked
    assert win.tabs.currentIndex() == MainWindow.RESULTS_TAB
    qtbot.keyClick(view, Qt.Key.Key_End)  # the keyboard gets there too
    qtbot.waitUntil(lambda: model.rowCount() == 130, timeout=WAIT_MS)
    assert len({model.hit(row).key for row in range(130)}) == 130
    assert not model.canFetchMore(QModelIndex())
    qtmodeltester.check(model)
    # A new search starts again at one page, at its top (left at the end of the last
    # list, the view asked for the new one's next page at once).
    _search(qtbot, win, "lantern square")
    assert model.rowCount() == 50
    assert view.verticalScrollBar().value() == 0
    qtbot.wait(300)  # the page it must not ask for would be on its way by now
    assert model.rowCount() == 50


def test_the_import_dialogs_open_at_home_then_where_the_last_import_was(
        qtbot, window: MainWindow, tmp_path: Path, monkeypatch) -> None:
    from PySide6.QtWidgets import QFileDialog

    monkeypatch.setenv("HOME", str(tmp_path))
    source = tmp_path / "corpora" / "bbc"
    source.mkdir(parents=True)
    (source / "a.txt").write_text("A story\n\nBody of it.\n", encoding="utf-8")
    opened: list[str] = []

    def choose(_parent, _caption, folder="", *args, **kwargs):
        opened.append(folder)
        return str(source)

    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(choose))
    with qtbot.waitSignal(window.session.import_finished, timeout=WAIT_MS):
        window.commands.import_folder_dialog()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(
        lambda _parent, _caption, folder="", *a, **k: opened.append(folder) or ""))
    window.commands.import_folder_dialog()
    assert opened == [str(tmp_path), str(tmp_path / "corpora")]


def test_a_search_that_finds_the_index_damaged_is_answered_once_it_is_healed(
        qtbot, window: MainWindow, monkeypatch) -> None:
    """The index is rebuilt and the search answered again without the user asking (the
    message stayed until Enter; then, healed, the window flushed and searched in a loop)."""
    from index.search_runner import SearchRunner

    real = SearchRunner.run
    failures = []

    def damaged_once(self, *args, **kwargs):
        if not failures:
            failures.append(1)
            raise ValueError("invalid load key, '\\xab'")  # as a damaged block reads
        return real(self, *args, **kwargs)

    monkeypatch.setattr(SearchRunner, "run", damaged_once)
    window.search_field.setText("Soleimani")  # one search, the whole query
    qtbot.waitUntil(lambda: window.results.results is not None
                    and "damaged" in (window.results.results.error or ""), timeout=WAIT_MS)
    assert window.results.results.query == "Soleimani"
    # No key pressed from here: the rebuild ends and the same query is answered.
    qtbot.waitUntil(lambda: window.results.results is not None
                    and window.results.results.error is None
                    and window.results.rowCount() == 1, timeout=60_000)
    assert window.results.results.query == "Soleimani"
    # And the indexer is left idle (no flush, commit and search again, endlessly).
    qtbot.waitUntil(lambda: not window.session.index.busy, timeout=WAIT_MS)
    qtbot.wait(500)
    assert not window.session.index.busy


def test_an_index_found_damaged_on_opening_is_said_searched_and_rebuilt(
        qtbot, window: MainWindow, tmp_path: Path) -> None:
    """A byte the disk changed (size and time as written) is found by the indexer's check
    of every file once the project is open: the window says why it rebuilds (it showed
    only "Building the search index"), and the rebuilt index answers."""
    from desktop.services.index_service import IndexService
    from index import IndexHome
    from index.file_seals import FileSeals
    from tests.ui.conftest import make_project

    folder = make_project(tmp_path / "damaged", {"story.txt": "Okapi sighting\n\nAn okapi."})
    with Project.open(folder) as project:
        assert IndexService(project).ensure_current()
        home = IndexHome(project.index_root)
    live = home.current()
    target = max(FileSeals.index_files(live), key=lambda path: path.stat().st_size)
    change_a_byte(target)
    said: list[str] = []
    window.session.index_damaged.connect(said.append)
    messages: list[str] = []
    window.statusBar().messageChanged.connect(messages.append)
    assert window.open_project(folder)
    qtbot.waitUntil(lambda: bool(said), timeout=WAIT_MS)
    assert target.name in said[0] and "damaged" in said[0]
    assert any(target.name in message for message in messages)
    qtbot.waitUntil(lambda: home.current() != live and not window.session.index.busy,
                    timeout=WAIT_MS)
    _search(qtbot, window, "okapi")
    assert window.results.results.total == 1 and not window.results.results.error


def test_the_reason_for_a_rebuild_stays_while_searches_are_refused(
        qtbot, window: MainWindow) -> None:
    """With a search on screen, the refused answer to the search made again cleared the
    reason from the status bar at once (a new user's check)."""
    _search(qtbot, window, "Soleimani")
    project = window.session.project
    project.search_index.home.mark_damaged("Its file MAIN_x.seg has changed.")
    window.session.index_damaged.emit(
        "The search index is damaged and is being rebuilt. Its file MAIN_x.seg has changed.")
    qtbot.waitUntil(lambda: window.results.results is not None
                    and bool(window.results.results.error), timeout=WAIT_MS)
    assert window.results.rowCount() == 0
    assert "MAIN_x.seg" in window.statusBar().currentMessage()
    project.search_index.home.clear_damage()
