"""The cycle collector is off while searches run, and back as it was after the last one."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from index.gc_pause import GcPause
from tests.unit.index_support import IndexUnderTest, MemoryTexts, article


@pytest.fixture
def collector_on() -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


def test_a_search_runs_with_the_collector_off(tmp_path: Path, collector_on: None) -> None:
    seen: list[bool] = []

    class Watching(MemoryTexts):
        def __call__(self, keys):  # asked during the search, for its hits' texts
            seen.append(gc.isenabled())
            return super().__call__(keys)

    index = IndexUnderTest(tmp_path / "ix", [article(n, "The Who", "live at Leeds")
                                             for n in range(1, 30)])
    try:
        index.texts = Watching(index.texts.documents.values())
        assert index.search('"the who"', 5).total == 29
    finally:
        index.close()
    assert seen == [False]
    assert gc.isenabled()


def test_nested_and_concurrent_pauses_end_with_the_last(collector_on: None) -> None:
    inside = threading.Event()
    release = threading.Event()

    def other() -> None:
        with GcPause():
            inside.set()
            release.wait(5)

    with GcPause():
        thread = threading.Thread(target=other)
        thread.start()
        assert inside.wait(5)
        with GcPause():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert not gc.isenabled()  # the other thread's search still runs
    release.set()
    thread.join(5)
    assert gc.isenabled()


def test_a_collector_turned_off_elsewhere_stays_off(collector_on: None) -> None:
    gc.disable()
    with GcPause():
        pass
    assert not gc.isenabled()
