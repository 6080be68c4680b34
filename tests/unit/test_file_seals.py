"""The index files' checksums: a changed byte is found, however Whoosh would have read it.

A flipped byte inside a posting block that still decompresses made searches return fewer
documents with a count called exact (a new user's trial); only blocks that no longer
decompressed were noticed.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from index import IndexHome, IndexStatus, IndexUpdater, SealCheckStopped, SearchIndex
from index.file_seals import FileSeals
from tests.support import change_a_byte
from tests.unit.index_support import TestIndex, doc


@pytest.fixture
def built(tmp_path: Path) -> Iterator[TestIndex]:
    created = TestIndex(tmp_path / "ix")
    assert created.rebuild([doc(n, f"Title {n}", f"Body words number {n} alpha")
                            for n in range(1, 41)])
    yield created
    created.close()


def _live(built: TestIndex) -> Path:
    folder = IndexHome(built.index.root).current()
    assert folder is not None
    return folder


def _largest(folder: Path) -> Path:
    return max(FileSeals.index_files(folder), key=lambda path: path.stat().st_size)


def test_a_byte_written_over_is_found_by_the_quick_check(built) -> None:
    folder = _live(built)
    assert built.index.check().status is IndexStatus.OK
    target = _largest(folder)
    change_a_byte(target, keep_time=False)
    check = SearchIndex(built.index.root).check()
    assert check.status is IndexStatus.DAMAGED
    assert target.name in check.reason and "changed since it was written" in check.reason


def test_a_byte_the_disk_changed_is_found_by_the_full_check_and_marked(built) -> None:
    folder = _live(built)
    target = _largest(folder)
    change_a_byte(target)
    reader = SearchIndex(built.index.root)
    assert reader.check().status is IndexStatus.OK  # sizes and times: as sealed
    problem = reader.verify()
    assert problem is not None and target.name in problem
    assert reader.check().status is IndexStatus.DAMAGED  # marked: the indexer rebuilds
    assert built.rebuild([doc(1, "Title", "alpha")])
    assert reader.check().status is IndexStatus.OK
    assert reader.verify() is None


def test_a_shortened_or_missing_file_is_damage(built) -> None:
    folder = _live(built)
    target = _largest(folder)
    target.write_bytes(target.read_bytes()[:-10])
    assert "bytes instead of" in built.index.check().reason
    target.unlink()
    assert "missing" in built.index.check().reason
    (folder / FileSeals.FILE_NAME).unlink()
    assert built.index.check().reason == "Its checksums are missing."


def test_commits_keep_the_seals_true(built) -> None:
    """Every commit seals what it wrote (and forgets what its merges removed): many small
    commits, then the full check finds nothing."""
    updater = built.updater
    for n in range(12):
        updater.apply([doc(100 + n, f"Later {n}", "beta words")], ["article:3"],
                      {"seq": 2 + n})
        updater.commit({"seq": 2 + n})
    folder = _live(built)
    assert FileSeals.problem(folder, full=True) is None
    names = {path.name for path in FileSeals.index_files(folder)}
    sealed = json.loads((folder / FileSeals.FILE_NAME).read_text(encoding="utf-8"))
    assert set(sealed["files"]) == names
    assert built.index.check().status is IndexStatus.OK


def test_a_commit_under_way_is_not_taken_for_damage(built) -> None:
    """Between Whoosh's commit and the seals, a newer table of contents is there and the
    files merged away are gone: a reader checking then (a search, or `info` reading every
    file while a window's indexer commits) must not call that damage. The writer's own
    full check, with no commit running, does."""
    folder = _live(built)
    tocs = sorted(folder.glob("_MAIN_*.toc"))
    newer = folder / f"_MAIN_{int(tocs[-1].stem.split('_')[-1]) + 1}.toc"
    newer.write_bytes(tocs[-1].read_bytes())
    _largest(folder).unlink()
    assert FileSeals.problem(folder) is None
    assert FileSeals.problem(folder, full=True) is None  # `info` while a window commits
    assert "never sealed" in (FileSeals.problem(folder, full=True, writer=True) or "")


def test_a_full_check_can_be_stopped(built) -> None:
    updater = IndexUpdater(built.index.root)
    try:
        with pytest.raises(SealCheckStopped):
            updater.verify(stop=lambda: True)
        assert updater.verify(stop=lambda: False) is None
    finally:
        updater.close()


def test_a_commit_does_not_vouch_for_a_sealed_file_that_changed(built) -> None:
    """Whoosh never writes a file twice: the next commit keeps the old seal of a file
    whose bytes changed, so the damage is still found after it."""
    folder = _live(built)
    target = _largest(folder)
    built.updater.STAGED_DOCS = 1  # the writer is open: the checks are behind it
    built.updater.apply([doc(200, "Later", "words")], [], {"seq": 2})
    built.updater.apply([doc(201, "Later", "words")], [], {"seq": 3})  # 200 written
    change_a_byte(target, keep_time=False)
    built.updater.commit({"seq": 3})
    assert target.exists()  # not merged away by that commit
    assert target.name in (FileSeals.problem(folder) or "")


def test_a_generation_replaced_during_a_check_is_not_damage(built, tmp_path) -> None:
    """A rebuild switches and removes the old folder while a reader checks it."""
    folder = _live(built)
    gone = tmp_path / "copy"
    gone.mkdir()
    for path in folder.iterdir():
        (gone / path.name).write_bytes(path.read_bytes())
    FileSeals.seal(gone)
    target = _largest(gone)
    target.unlink()
    assert "missing" in (FileSeals.problem(gone) or "")
    for path in gone.iterdir():
        path.unlink()
    gone.rmdir()
    assert FileSeals.problem(gone) is None
    assert FileSeals.problem(gone, full=True) is None


def test_an_open_index_found_damaged_answers_no_more(built) -> None:
    """The indexer's full check marks the index damaged while a reader has it open: the
    reader's next search says so instead of answering from the damaged files."""
    reader = built.index
    assert reader.search("alpha", texts=built.source).total == 40
    IndexHome(reader.root).mark_damaged("Its file X has changed since it was written.")
    results = reader.search("alpha", texts=built.source)
    assert results.total == 0 and results.error and "damaged" in results.error
    assert built.rebuild([doc(1, "Title", "alpha")])
    assert reader.search("alpha", texts=built.source).total == 1


def test_damage_found_in_a_replaced_generation_marks_nothing(built) -> None:
    home = IndexHome(built.index.root)
    old = home.current()
    assert built.rebuild([doc(1, "Title", "alpha")])
    home.mark_damaged("A search failed on the old files", old)
    assert home.damage() is None
    home.mark_damaged("A search failed on the live files", home.current())
    assert home.damage() == "A search failed on the live files"
