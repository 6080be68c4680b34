"""Bulk writing through helper processes: the same index as one process writes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from index import IndexDocument
from index.parallel_writer import HelperFailedError, ParallelWriter
from tests.unit.index_support import TestIndex, doc


def _docs(count: int, start: int = 1) -> list[IndexDocument]:
    return [doc(start + n, f"Heading {n}", f"Body of document {n} about walrus {n % 7}.")
            for n in range(count)]


@pytest.fixture
def parallel(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[TestIndex]:
    created = TestIndex(tmp_path / "ix")
    monkeypatch.setattr(created.updater, "PARALLEL_MIN_DOCS", 10)
    monkeypatch.setattr(created.updater, "PROCS", 2)
    monkeypatch.setattr(created.updater, "STAGED_DOCS", 10)
    yield created
    created.close()


def test_rebuild_and_updates_in_helpers_give_exact_counts(parallel: TestIndex) -> None:
    assert parallel.rebuild(_docs(60))
    assert parallel.index.check().documents == 60
    assert parallel.search("walrus").total == 60
    assert parallel.search("walrus 3", limit=100).total == len([n for n in range(60)
                                                               if n % 7 == 3])
    # Replacing 30 and adding 40 (through the helpers again), deleting 5.
    changed = [doc(n, f"Heading {n}", "Body about narwhal.") for n in range(1, 31)]
    parallel.add(changed + _docs(40, start=101))
    parallel.delete([101, 102, 103, 104, 105])
    check = parallel.index.check()
    assert check.documents == 60 + 40 - 5
    assert parallel.search("narwhal", limit=200).total == 30
    assert parallel.search("walrus", limit=200).total == 30 + 35


def test_a_cancelled_parallel_write_leaves_the_index_as_it_was(parallel: TestIndex) -> None:
    assert parallel.rebuild(_docs(12))
    updater = parallel.updater
    updater.apply(_docs(250, start=200), [], {"seq": 5})
    updater.apply(_docs(1, start=900), [], {"seq": 6})  # the 250 go to the writer now
    assert isinstance(updater._writer, ParallelWriter)
    helpers = list(updater._writer.tasks)
    assert helpers and all(task.is_alive() for task in helpers)
    updater.discard()
    assert not any(task.is_alive() for task in helpers)
    updater.commit({"seq": 7})
    assert parallel.index.check().documents == 12


def test_a_helper_that_dies_fails_the_commit(parallel: TestIndex) -> None:
    assert parallel.rebuild(_docs(12))
    updater = parallel.updater
    updater.apply(_docs(250, start=200), [], {"seq": 5})
    updater.apply(_docs(1, start=900), [], {"seq": 6})  # the 250 go to the writer now
    writer = updater._writer
    assert isinstance(writer, ParallelWriter)
    for task in writer.tasks:
        task.kill()
        task.join()
    with pytest.raises(HelperFailedError):
        updater.commit({"seq": 7})
    updater.discard()
    assert parallel.index.check().documents == 12
    assert parallel.index.check().state == {"seq": 1}


def _rebuild_in_a_daemon(root: str) -> None:
    from index import IndexUpdater

    updater = IndexUpdater(Path(root))
    updater.PARALLEL_MIN_DOCS, updater.PROCS = 10, 2
    assert updater.rebuild(_docs(300), 300, {"seq": 1})
    updater.close()


def test_helpers_start_from_a_daemon_process(tmp_path: Path) -> None:
    """The application's indexer is a daemon process: its helpers must start all the same."""
    import multiprocessing

    from index import IndexUpdater

    process = multiprocessing.get_context("spawn").Process(
        target=_rebuild_in_a_daemon, args=(str(tmp_path / "ix"),), daemon=True)
    process.start()
    process.join(120)
    assert process.exitcode == 0
    check = IndexUpdater(tmp_path / "ix").check()
    assert check.documents == 300
