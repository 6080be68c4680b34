"""An index home: generations built beside the live one, state, damage, cancel, cleanup."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from index import (
    IndexBusyError,
    IndexDocument,
    IndexHome,
    IndexStatus,
    IndexUpdater,
    SearchIndex,
)
from tests.unit.index_support import TestIndex, doc


def _docs(count: int, word: str = "alpha", start: int = 1) -> list[IndexDocument]:
    return [doc(start + n, f"{word.title()} number {n}", f"Body of {word} document {n}.")
            for n in range(count)]


@pytest.fixture
def search_index(tmp_path: Path) -> Iterator[TestIndex]:
    created = TestIndex(tmp_path / "ix")
    yield created
    created.close()


def _generations(root: Path) -> list[str]:
    return sorted(p.name for p in root.iterdir() if p.name.startswith("gen-"))


def test_rebuild_replaces_previous_content_and_drops_the_old_generation(tmp_path, search_index):
    assert search_index.rebuild(_docs(3, "alpha"))
    first = IndexHome(tmp_path / "ix").current()
    assert search_index.search("alpha").total == 3
    assert search_index.rebuild(_docs(2, "bravo", start=10))
    second = IndexHome(tmp_path / "ix").current()
    assert first != second
    assert search_index.search("alpha").total == 0
    assert sorted(hit.id for hit in search_index.search("bravo").hits) == [10, 11]
    assert _generations(tmp_path / "ix") == [second.name]  # type: ignore[union-attr]
    assert search_index.document_count() == 2


def test_a_reader_opened_before_a_rebuild_follows_it(tmp_path, search_index):
    assert search_index.rebuild(_docs(3, "alpha"))
    reader = SearchIndex(tmp_path / "ix")  # as another thread or process would hold it
    assert reader.search("alpha", texts=search_index.source).total == 3
    assert search_index.rebuild(_docs(2, "bravo"))
    assert reader.search("alpha", texts=search_index.source).total == 0
    assert reader.search("bravo", texts=search_index.source).total == 2
    reader.close()


def test_cancelled_rebuild_keeps_the_live_index(tmp_path, search_index):
    assert search_index.rebuild(_docs(3, "alpha"))
    live = _generations(tmp_path / "ix")
    seen: list[int] = []

    def cancel_after_five() -> bool:
        seen.append(1)
        return len(seen) > 5

    assert not search_index.rebuild(_docs(50, "bravo"), cancel=cancel_after_five)
    assert _generations(tmp_path / "ix") == live
    assert search_index.search("alpha").total == 3
    assert search_index.search("bravo").total == 0
    other = SearchIndex(tmp_path / "ix")  # as after a restart
    assert other.check().status is IndexStatus.OK
    other.close()


def test_failing_document_source_leaves_the_live_index(tmp_path, search_index):
    assert search_index.rebuild(_docs(2))

    def broken() -> Iterator[IndexDocument]:
        yield from _docs(3, "bravo")
        raise RuntimeError("database went away")

    with pytest.raises(RuntimeError, match="database went away"):
        search_index.updater.rebuild(broken(), 3, {"seq": 9})
    assert len(_generations(tmp_path / "ix")) == 1
    assert search_index.search("alpha").total == 2


def test_progress_reported_every_hundred_documents(search_index):
    reports: list[tuple[int, int, str]] = []
    assert search_index.rebuild(
        _docs(250), progress=lambda d, t, label: reports.append((d, t, label)))
    assert [(d, t) for d, t, _ in reports][:3] == [(100, 250), (200, 250), (250, 250)]
    assert all(label for _, _, label in reports)


def test_generations_left_by_a_crashed_rebuild_are_removed(tmp_path, search_index):
    assert search_index.rebuild(_docs(1))
    crashed = tmp_path / "ix" / "gen-000099"
    crashed.mkdir()
    (crashed / "junk").write_text("half an index", encoding="utf-8")
    assert search_index.rebuild(_docs(2))
    assert len(_generations(tmp_path / "ix")) == 1
    assert not crashed.exists()


def test_a_build_abandoned_by_a_killed_process_goes_at_the_next_write(tmp_path, search_index):
    # A rebuild killed on quit leaves its half-built generation; no rebuild may follow for
    # months, so the next ordinary write (the index catching up) removes it.
    assert search_index.rebuild(_docs(1))
    live = IndexHome(tmp_path / "ix").current()
    abandoned = tmp_path / "ix" / "gen-000099"
    abandoned.mkdir()
    (abandoned / "junk").write_text("half an index", encoding="utf-8")
    search_index.add(_docs(1, "bravo", start=50))
    assert not abandoned.exists()
    assert _generations(tmp_path / "ix") == [live.name]  # type: ignore[union-attr]
    assert search_index.search("bravo").total == 1


def test_check_reports_state_and_count(tmp_path, search_index):
    assert search_index.index.check().status is IndexStatus.MISSING
    assert search_index.rebuild(_docs(4))
    check = search_index.index.check()
    assert check.status is IndexStatus.OK
    assert check.documents == 4
    assert check.state["seq"] == 1


def test_commit_records_state_and_discard_forgets_pending(tmp_path, search_index):
    assert search_index.rebuild(_docs(2))
    updater = search_index.updater
    updater.apply([doc(50, "Zebra", "stripes")], [])
    assert updater.pending == 1
    updater.discard()
    updater.commit({"seq": 7, "note": "x"})
    assert search_index.search("zebra").total == 0
    assert search_index.index.check().state == {"seq": 7, "note": "x"}


def test_other_version_is_not_opened(tmp_path, search_index):
    assert search_index.rebuild(_docs(2))
    folder = IndexHome(tmp_path / "ix").current()
    assert folder is not None
    meta_path = folder / "index_meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta["version"] = 999
    meta_path.write_text(json.dumps(meta), encoding="utf-8")
    # A table of contents that would fail if unpickled: the version check comes first.
    for toc in folder.glob("*.toc"):
        toc.write_bytes(b"not a pickle")
    fresh = SearchIndex(tmp_path / "ix")
    assert fresh.check().status is IndexStatus.OTHER_VERSION
    results = fresh.search("alpha", texts=search_index.source)
    assert results.error and "another version" in results.error
    fresh.close()


# Whoosh leaves a file open when it meets a damaged segment; it is closed when collected.
@pytest.mark.filterwarnings("ignore::ResourceWarning")
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_damaged_segment_is_detected_and_healed_by_a_rebuild(tmp_path, search_index):
    assert search_index.rebuild(_docs(40))
    folder = IndexHome(tmp_path / "ix").current()
    assert folder is not None
    segment = max(folder.glob("*.seg"), key=lambda p: p.stat().st_size)
    data = bytearray(segment.read_bytes())
    for offset in range(0, len(data), len(data) // 50):
        data[offset] ^= 0xFF  # 50 flipped bytes spread over the file, as in the probe
    segment.write_bytes(bytes(data))
    fresh = SearchIndex(tmp_path / "ix")
    results = fresh.search("alpha", texts=search_index.source)
    assert results.error
    assert fresh.check().status is IndexStatus.DAMAGED
    info = fresh.info()  # never a traceback, whatever the files look like
    assert info["status"] == "damaged"
    assert search_index.rebuild(_docs(40))
    assert fresh.check().status is IndexStatus.OK
    assert fresh.search("alpha", texts=search_index.source).total == 40
    fresh.close()


def test_updater_without_index_refuses(tmp_path):
    from index import IndexNotReadyError

    updater = IndexUpdater(tmp_path / "none")
    with pytest.raises(IndexNotReadyError):
        updater.apply([doc(1, "t", "b")], [])


def test_home_refuses_a_symlinked_root(tmp_path):
    target = tmp_path / "elsewhere"
    target.mkdir()
    (tmp_path / "ix").symlink_to(target)
    with pytest.raises(OSError, match="symbolic link"):
        IndexUpdater(tmp_path / "ix").rebuild(_docs(1), 1, {})
    assert list(target.iterdir()) == []


def test_info_of_missing_index(tmp_path):
    info = SearchIndex(tmp_path / "none").info()
    assert info["documents"] == 0
    assert info["status"] == "missing"


def test_a_home_has_one_writer_at_a_time(tmp_path, monkeypatch):
    first, second = IndexUpdater(tmp_path / "ix"), IndexUpdater(tmp_path / "ix")
    assert first.rebuild(_docs(2), 2, {"seq": 1})
    # The first still holds the home after its rebuild: a second rebuild would delete
    # generations under it, so it waits, then gives up with a message.
    monkeypatch.setattr(IndexUpdater, "LOCK_WAIT_S", 0.3)
    with pytest.raises(IndexBusyError, match="Another Research Notes process"):
        second.rebuild(_docs(3), 3, {"seq": 2})
    built = _generations(tmp_path / "ix")
    assert len(built) == 1
    first.close()
    assert second.rebuild(_docs(3), 3, {"seq": 2})
    second.close()
    assert _generations(tmp_path / "ix") not in ([], built)
    assert second.check().state == {"seq": 2}


def test_a_document_changed_twice_before_a_commit_is_indexed_once(search_index):
    """Whoosh cannot replace a document it has not committed: the updater must not hand it
    the same key twice in one commit (it used to, leaving the old version findable)."""
    assert search_index.rebuild(_docs(2))
    updater = search_index.updater
    updater.STAGED_DOCS = 1  # every change goes to the writer at once
    latest = doc(50, "Zebra", "yankee stripes")
    updater.apply([doc(50, "Zebra", "xray stripes")], [], {"seq": 2})
    updater.apply([latest], [], {"seq": 3})
    updater.apply([doc(51, "Okapi", "quokka")], [], {"seq": 4})
    updater.apply([], ["article:51"], {"seq": 5})
    updater.commit({"seq": 6})
    search_index.texts.put([latest])
    check = search_index.index.check()
    assert (check.documents, check.state) == (3, {"seq": 6})
    assert search_index.search("stripes").total == 1
    assert search_index.search("yankee").total == 1
    assert search_index.index.search("xray quokka", 10, texts=lambda keys: {}).total == 0


def test_changes_held_back_are_replaced_in_place(search_index):
    assert search_index.rebuild(_docs(2))
    updater = search_index.updater
    latest = doc(50, "Zebra", "yankee stripes")
    updater.apply([doc(50, "Zebra", "xray stripes")], [], {"seq": 2})
    updater.apply([latest], [], {"seq": 3})
    updater.apply([doc(52, "Gnu", "numbat")], [], {"seq": 4})
    updater.apply([], ["article:52"], {"seq": 5})
    assert updater.pending == 2
    updater.commit({"seq": 6})
    search_index.texts.put([latest])
    assert search_index.index.check().documents == 3
    assert search_index.search("stripes").total == 1
    assert search_index.index.search("xray numbat", 10, texts=lambda keys: {}).total == 0


def test_the_latest_changes_stay_held_when_the_others_are_written(search_index):
    """An article's rows can straddle two rounds: its key is kept back from the writer, so
    the second round replaces it in place instead of forcing a commit."""
    assert search_index.rebuild(_docs(2))
    updater = search_index.updater
    updater.STAGED_DOCS = 3
    updater.apply([doc(60, "A", "one"), doc(61, "B", "two")], [], {"seq": 2})
    updater.apply([doc(62, "C", "three")], [], {"seq": 3})  # 3 held: 60, 61 written
    assert search_index.index.check().state == {"seq": 1}  # nothing committed
    latest = doc(62, "C", "three again")
    updater.apply([latest], [], {"seq": 4})  # 62 was held back: no commit needed
    assert search_index.index.check().state == {"seq": 1}
    updater.commit({"seq": 5})
    search_index.texts.put([latest])
    assert search_index.index.check().documents == 5
    assert search_index.search("again").total == 1


def test_the_held_back_changes_are_bounded_by_their_text(search_index):
    """The stage holds thousands of documents (an article's recognised names arrive long
    after it), but not more text than ``STAGED_CHARS``: long articles go to the writer."""
    assert search_index.rebuild(_docs(2))
    updater = search_index.updater
    assert updater.STAGED_DOCS >= 5000
    updater.STAGED_CHARS = 3_000
    updater.apply([doc(70, "Short", "tiny")], [], {"seq": 2})
    updater.apply([doc(71, "Short", "small")], [], {"seq": 3})
    updater.apply([doc(70, "Short", "tiny again")], [], {"seq": 4})  # held: replaced
    assert search_index.index.check().state == {"seq": 1}
    updater.apply([doc(72, "Long", "word " * 600)], [], {"seq": 5})  # over: all written
    assert search_index.index.check().state == {"seq": 1}
    # 72 was written too, though the latest: one call's documents are kept back only when
    # they are small against the bound (or a catch-up's long articles would never leave).
    updater.apply([doc(72, "Long", "word again")], [], {"seq": 6})  # written: commit first
    assert search_index.index.check().state == {"seq": 6}
    assert search_index.index.check().documents == 5
    updater.apply([doc(71, "Short", "small again")], [], {"seq": 7})  # held since: replaced
    assert search_index.index.check().state == {"seq": 6}
