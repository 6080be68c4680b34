"""The indexer's progress while it follows an import: never a bar that goes backwards."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest

from desktop.services import indexer_process
from desktop.services.indexer_process import IndexerLoop
from desktop.storage.project_store import ProjectStore
from index import IndexStatus
from index.file_seals import FileSeals
from tests.support import change_a_byte

from .conftest import make_article


def _events(conn) -> list[tuple]:
    found = []
    while conn.poll(0):
        found.append(conn.recv())
    return found


@pytest.fixture
def loop(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(indexer_process, "ROUND_ROWS", 10)
    monkeypatch.setattr(indexer_process, "PROGRESS_EVERY_S", 0.0)  # every report is sent
    monkeypatch.setattr(indexer_process, "QUIET_S", 0.0)
    db = tmp_path / "project.sqlite3"
    ProjectStore(db).close()
    ours, theirs = multiprocessing.Pipe()
    indexer = IndexerLoop(db, tmp_path / "index", False, theirs, multiprocessing.Event())
    writer = ProjectStore(db)
    indexer._sync(wait=False)  # builds the (empty) index: from here on it follows
    _events(ours)
    yield indexer, writer, ours
    writer.close()
    indexer.close()
    ours.close()
    theirs.close()


def test_while_an_import_stores_the_bar_counts_without_a_total(loop) -> None:
    indexer, writer, conn = loop
    stored = 0
    real_round = indexer._feeder.apply_round

    def import_meanwhile(limit: int) -> int:
        # The import stores 15 articles for every 10 the indexer reads.
        nonlocal stored
        if stored < 90:
            writer.articles.add([make_article(f"Story {stored + n}", "Body words")
                                 for n in range(15)])
            stored += 15
        return real_round(limit)

    writer.articles.add([make_article(f"First {n}", "Body words") for n in range(15)])
    indexer._feeder.apply_round = import_meanwhile  # type: ignore[method-assign]
    indexer._sync(wait=True)
    progress = [e for e in _events(conn) if e[0] == "progress"]
    assert len(progress) >= 5
    assert all(total == 0 for _, _, total, _ in progress), progress
    assert {(done, label) for _, done, _, label in progress} == {(0, "keeping up with changes")}
    # Everything the import stored was indexed all the same.
    assert indexer._feeder.seq == indexer._store.outbox.last_seq()


def test_once_the_import_is_over_the_bar_fills_to_its_total(loop) -> None:
    indexer, writer, conn = loop
    writer.articles.add([make_article(f"Story {n}", "Body words") for n in range(35)])
    indexer._sync(wait=False)
    progress = [e[1:3] for e in _events(conn) if e[0] == "progress"]
    assert progress == [(10, 35), (20, 35), (30, 35), (35, 35)]


def test_a_flush_is_committed_once_its_rows_are_in_though_storing_goes_on(loop) -> None:
    """An import's flush makes its articles searchable as soon as they are indexed, while
    the recognition after it goes on storing (a sync after each batch) and the outbox
    never drains meanwhile."""
    indexer, writer, conn = loop
    writer.articles.add([make_article(f"Imported {n}", "Body words") for n in range(25)])
    imported = writer.outbox.last_seq()
    commits: list[int] = []
    real_commit = indexer._commit

    def commit() -> None:
        commits.append(indexer._feeder.seq)
        real_commit()

    later = 0
    real_round = indexer._feeder.apply_round

    def recognition_meanwhile(limit: int) -> int:
        nonlocal later
        if indexer._handled >= 1 and later < 12:  # the flush has been read
            writer.articles.add([make_article(f"Later {later}", "Recognised")])
            later += 1
            conn.send(("sync", 1 + later))
        return real_round(limit)

    indexer._commit = commit  # type: ignore[method-assign]
    indexer._feeder.apply_round = recognition_meanwhile  # type: ignore[method-assign]
    conn.send(("flush", 1))
    indexer._sync(wait=True)
    assert later == 12
    assert len(commits) >= 2, commits
    assert imported <= commits[0] < commits[-1] == indexer._store.outbox.last_seq()


def test_a_flush_with_nothing_to_apply_commits_nothing(loop) -> None:
    """No "committed" answer when nothing changed: the window searches again on each, and
    a search waiting for the index asks for a flush (a healed index looped on it)."""
    indexer, _writer, conn = loop
    indexer._sync(wait=False)
    assert [event[0] for event in _events(conn)] == []


def test_a_rebuild_tells_the_window_its_documents_are_searchable(loop) -> None:
    indexer, writer, conn = loop
    writer.articles.add([make_article(f"Story {n}", "Body words") for n in range(3)])
    indexer._verified = False
    indexer._rebuild("The search index is damaged")
    kinds = [event[0] for event in _events(conn)]
    assert kinds[0] == "rebuilding" and kinds[-1] == "committed", kinds
    assert indexer._feeder.seq == indexer._store.outbox.last_seq()
    assert indexer._verified  # sealing the new files read them all: no second reading


def test_the_index_files_are_checked_once_and_a_damaged_one_rebuilt(loop) -> None:
    """The checks on opening look at sizes and at files something wrote to; a byte the disk
    changed is found by the indexer's full check, which then rebuilds the index."""
    indexer, writer, conn = loop
    writer.articles.add([make_article(f"Story {n}", "Body words") for n in range(30)])
    indexer._sync(wait=False)
    _events(conn)
    home = indexer._updater.home
    folder = home.current()
    target = max(FileSeals.index_files(folder), key=lambda path: path.stat().st_size)
    change_a_byte(target)
    assert indexer._updater.check().status is IndexStatus.OK  # the quick check is fooled
    indexer._verified = False  # as opened anew (the fixture's build has just read them all)
    indexer._verify()
    events = _events(conn)
    told = [event for event in events if event[0] != "progress"]
    assert [event[0] for event in told] == ["rebuilding", "committed"], events
    assert target.name in told[0][1]
    assert any(e[0] == "progress" and e[3] == "Checking the search index" for e in events)
    assert home.current() != folder and home.damage() is None
    assert indexer._updater.verify() is None
    assert indexer._updater.check().documents == 30
    # Once per opening: a second call reads nothing.
    indexer._verify()
    assert _events(conn) == []


def test_a_command_puts_the_check_off(loop) -> None:
    indexer, writer, conn = loop
    writer.articles.add([make_article("Story", "Body words")])
    indexer._sync(wait=False)
    _events(conn)
    conn.send(("sync", 5))
    indexer._verified = False  # as opened anew
    indexer._verify()
    assert not indexer._verified  # taken up again at the end of that command
    assert [event[0] for event in _events(conn)] == ["progress"]


def test_a_build_a_killed_process_abandoned_is_removed_once_open(loop) -> None:
    indexer, _writer, _conn = loop
    home = indexer._updater.home
    abandoned = home.root / "gen-999999"
    abandoned.mkdir()
    (abandoned / "MAIN_x.seg").write_bytes(b"half written")
    indexer._verified = False  # as opened anew
    indexer._verify()
    assert not abandoned.exists()
    assert home.current() is not None and home.current().is_dir()
