"""SearchIndex.rebuild(): atomic swap, cancel, progress, cleanup."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from index import IndexDocument, IndexStatus, SearchIndex
from tests.unit.index_support import article, every_key


def _docs(count: int, word: str = "alpha", start: int = 1) -> list[IndexDocument]:
    return [
        article(start + n, f"{word.title()} number {n}", f"Body of {word} document {n}.")
        for n in range(count)
    ]


@pytest.fixture
def search_index(tmp_path: Path) -> Iterator[SearchIndex]:
    created = SearchIndex(tmp_path / "ix")
    yield created
    created.close()


def test_rebuild_replaces_previous_content(search_index):
    assert search_index.rebuild(_docs(3, "alpha"), 3, generation=1)
    assert search_index.search("alpha", texts=every_key).total == 3
    assert search_index.rebuild(_docs(2, "bravo", start=10), 2, generation=2)
    assert search_index.search("alpha", texts=every_key).total == 0
    assert sorted(hit.id for hit in search_index.search("bravo", texts=every_key).hits) == [10, 11]
    assert search_index.document_count() == 2


def test_cancelled_rebuild_keeps_old_index_and_removes_temp_folder(tmp_path, search_index):
    assert search_index.rebuild(_docs(3, "alpha"), 3, generation=1)
    seen: list[int] = []

    def cancel_after_five() -> bool:
        seen.append(1)
        return len(seen) > 5

    assert not search_index.rebuild(_docs(50, "bravo"), 50, generation=2, cancel=cancel_after_five)
    assert [p.name for p in tmp_path.iterdir()] == ["ix"]
    assert search_index.search("alpha", texts=every_key).total == 3
    assert search_index.search("bravo", texts=every_key).total == 0
    assert search_index.status(1, 3) is IndexStatus.OK
    # A fresh object (as after a restart) sees the same untouched index.
    other = SearchIndex(tmp_path / "ix")
    assert other.search("alpha", texts=every_key).total == 3
    other.close()


def test_cancel_just_before_commit_still_cancels(tmp_path, search_index):
    calls: list[int] = []

    def cancel_on_last_check() -> bool:
        calls.append(1)
        return len(calls) > 2  # two documents pass, the check before the commit cancels

    assert not search_index.rebuild(_docs(2), 2, generation=1, cancel=cancel_on_last_check)
    assert list(tmp_path.iterdir()) == []
    assert search_index.status(1, 2) is IndexStatus.MISSING


def test_failing_document_source_leaves_old_index(tmp_path, search_index):
    assert search_index.rebuild(_docs(2), 2, generation=1)

    def broken() -> Iterator[IndexDocument]:
        yield from _docs(3, "bravo")
        raise RuntimeError("database went away")

    with pytest.raises(RuntimeError, match="database went away"):
        search_index.rebuild(broken(), 10, generation=2)
    assert [p.name for p in tmp_path.iterdir()] == ["ix"]
    assert search_index.search("alpha", texts=every_key).total == 2
    assert search_index.status(1, 2) is IndexStatus.OK


def test_progress_reported_every_hundred_documents(search_index):
    reports: list[tuple[int, int, str]] = []
    assert search_index.rebuild(
        _docs(250), 250, generation=1, progress=lambda d, t, label: reports.append((d, t, label))
    )
    assert [(done, total) for done, total, _ in reports] == [(100, 250), (200, 250), (250, 250)]
    assert all(label for _, _, label in reports)


def test_leftovers_of_a_crashed_rebuild_are_removed(tmp_path, search_index):
    crashed_new = tmp_path / ".ix.new-deadbeef"
    crashed_old = tmp_path / ".ix.old-cafebabe"
    crashed_new.mkdir()
    crashed_old.mkdir()
    (crashed_new / "junk").write_text("half an index", encoding="utf-8")
    unrelated = tmp_path / "notes.db"
    unrelated.write_text("keep me", encoding="utf-8")
    assert search_index.rebuild(_docs(1), 1, generation=1)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ix", "notes.db"]


def test_rebuild_creates_missing_parent_folders(tmp_path):
    nested = SearchIndex(tmp_path / "a" / "b" / "ix")
    assert nested.rebuild(_docs(1), 1, generation=3)
    assert nested.status(3, 1) is IndexStatus.OK
    nested.close()


def test_info_describes_the_index(tmp_path, search_index):
    assert search_index.rebuild(_docs(4), 4, generation=9)
    info = search_index.info()
    assert info["version"] == SearchIndex.VERSION
    assert info["documents"] == 4
    assert info["generation"] == 9
    assert info["path"] == str(tmp_path / "ix")
    assert isinstance(info["analyzer"], dict)
    assert info["analyzer"]["name"] == "TextAnalysis"


def test_info_of_missing_index(tmp_path, search_index):
    info = search_index.info()
    assert info["documents"] == 0
    assert info["generation"] is None
