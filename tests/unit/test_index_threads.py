"""Searching from several threads while the index changes; releasing files on close()."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from index import SearchIndex
from tests.unit.index_support import article, every_key


def _open_paths_under(root: Path) -> list[str]:
    """Files under ``root`` this process holds open or mapped (Linux /proc)."""
    fd_dir = Path("/proc/self/fd")
    if not fd_dir.is_dir():
        pytest.skip("needs /proc")
    prefix = str(root.resolve())
    found: list[str] = []
    for fd in fd_dir.iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith(prefix):
            found.append(target)
    maps = Path("/proc/self/maps").read_text(encoding="utf-8", errors="replace")
    found.extend(line for line in maps.splitlines() if prefix in line)
    return found


def test_search_from_second_thread_while_main_thread_adds(tmp_path):
    search_index = SearchIndex(tmp_path / "ix")
    assert search_index.rebuild([article(1, "Start", "nothing yet")], 1, generation=1)
    stop = threading.Event()
    totals: list[int] = []
    final: list[int] = []
    errors: list[BaseException] = []

    def searcher_thread() -> None:
        try:
            while not stop.is_set():
                results = search_index.search("zebra", texts=every_key)
                if results.error:
                    raise AssertionError(results.error)
                totals.append(results.total)
            final.append(search_index.search("zebra", texts=every_key).total)
        except BaseException as exc:  # reported to the main thread below
            errors.append(exc)

    worker = threading.Thread(target=searcher_thread)
    worker.start()
    try:
        for n in range(20):
            search_index.add([article(100 + n, f"Zebra {n}", "stripes")], generation=2 + n)
    finally:
        stop.set()
        worker.join(timeout=60)
    assert not worker.is_alive()
    assert errors == []
    assert final == [20]
    # Each search refreshes its searcher, so a thread never sees the count go backwards.
    assert totals == sorted(totals)
    search_index.close()


def test_other_thread_moves_to_new_index_after_rebuild(tmp_path):
    search_index = SearchIndex(tmp_path / "ix")
    assert search_index.rebuild([article(1, "Old", "alpha")], 1, generation=1)
    first_done = threading.Event()
    rebuilt = threading.Event()
    seen: dict[str, int] = {}

    def other_thread() -> None:
        seen["alpha_before"] = search_index.search("alpha", texts=every_key).total
        first_done.set()
        rebuilt.wait(timeout=60)
        seen["alpha_after"] = search_index.search("alpha", texts=every_key).total
        seen["bravo_after"] = search_index.search("bravo", texts=every_key).total

    worker = threading.Thread(target=other_thread)
    worker.start()
    assert first_done.wait(timeout=60)
    docs = [article(2, "New", "bravo"), article(3, "Newer", "bravo")]
    assert search_index.rebuild(docs, 2, generation=2)
    rebuilt.set()
    worker.join(timeout=60)
    assert not worker.is_alive()
    assert seen == {"alpha_before": 1, "alpha_after": 0, "bravo_after": 2}
    search_index.close()


def test_close_releases_all_index_files(tmp_path):
    search_index = SearchIndex(tmp_path / "ix")
    assert search_index.rebuild([article(1, "One", "alpha")], 1, generation=1)
    assert search_index.search("alpha", texts=every_key).total == 1
    worker = threading.Thread(target=lambda: search_index.search("alpha", texts=every_key))
    worker.start()
    worker.join()
    assert search_index.rebuild([article(2, "Two", "alpha")], 1, generation=2)
    search_index.add([article(3, "Three", "alpha")], generation=3)
    assert search_index.search("alpha", texts=every_key).total == 2
    assert _open_paths_under(tmp_path), "searching should hold the index files open"
    search_index.close()
    assert _open_paths_under(tmp_path) == []


def test_index_is_usable_again_after_close(tmp_path):
    search_index = SearchIndex(tmp_path / "ix")
    assert search_index.rebuild([article(1, "One", "alpha")], 1, generation=1)
    search_index.close()
    assert search_index.search("alpha", texts=every_key).total == 1
    search_index.close()
