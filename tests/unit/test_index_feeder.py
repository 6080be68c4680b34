"""The feeder reads each changed document once, however many outbox rows follow it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.services.index_feeder import IndexFeeder, IndexNeed
from desktop.storage.project_store import ProjectStore
from index import IndexUpdater

from .conftest import make_article


class CountingUpdater(IndexUpdater):
    """A real updater that also records which keys each round hands it."""

    def __init__(self, root: Path) -> None:
        super().__init__(root)
        self.handed: list[str] = []

    def apply(self, upserts, deletes, state=None) -> None:  # type: ignore[no-untyped-def]
        self.handed += [document.key for document in upserts] + list(deletes)
        super().apply(upserts, deletes, state)


@pytest.fixture
def fed(tmp_path: Path) -> Iterator[tuple[ProjectStore, IndexFeeder, CountingUpdater]]:
    store = ProjectStore(tmp_path / "project.sqlite3")
    updater = CountingUpdater(tmp_path / "index")
    feeder = IndexFeeder(store, updater)
    assert feeder.plan().need is IndexNeed.REBUILD
    assert feeder.rebuild()
    yield store, feeder, updater
    updater.close()
    store.close()


def _indexed(updater: IndexUpdater, title_word: str) -> list[str]:
    """The keys of the committed documents whose title has ``title_word``."""
    from whoosh import index as whoosh_index  # the test reads what the index holds
    from whoosh.query import Term

    folder = updater.home.current()
    with whoosh_index.open_dir(str(folder)).searcher() as searcher:
        return sorted(hit["key"] for hit in searcher.search(Term("title", title_word)))


def _retitle(store: ProjectStore, article_id: int, title: str) -> None:
    store.articles.replace_text(article_id, make_article(title, "Body words"))


def test_rows_a_document_already_reflects_are_not_applied_again(fed) -> None:
    """An article stored, then changed twice (as recognition adds its names), all before
    the indexer reads it: one reading, one document, no commit in between."""
    store, feeder, updater = fed
    (article,) = store.articles.add([make_article("First", "Body words")])
    _retitle(store, article.id, "Second")
    _retitle(store, article.id, "Third")
    rows = store.outbox.last_seq()
    while feeder.apply_round(1):
        pass
    assert feeder.seq == rows
    assert updater.handed == [f"article:{article.id}"]
    feeder.commit()
    assert _indexed(updater, "third") == [f"article:{article.id}"]
    assert _indexed(updater, "first") == _indexed(updater, "second") == []


def test_a_change_after_the_reading_is_applied(fed) -> None:
    store, feeder, updater = fed
    (article,) = store.articles.add([make_article("First", "Body words")])
    assert feeder.apply_round(10) == 1
    _retitle(store, article.id, "Second")
    assert feeder.apply_round(10) == 1
    key = f"article:{article.id}"
    assert updater.handed == [key, key]


def test_after_dropping_what_was_pending_the_rows_are_applied_again(fed) -> None:
    """Rows skipped because a reading reflected them must come back if that reading is
    dropped (an error or a stop discards the writer): the feeder restarts from the index."""
    store, feeder, updater = fed
    (article,) = store.articles.add([make_article("First", "Body words")])
    _retitle(store, article.id, "Second")
    assert feeder.apply_round(1) == 1
    updater.discard()
    assert feeder.plan().need is IndexNeed.CATCH_UP
    assert feeder.catch_up()
    key = f"article:{article.id}"
    assert updater.handed == [key, key]
    assert _indexed(updater, "second") == [key]


def test_a_change_stored_while_a_document_is_read_is_applied(fed, tmp_path: Path) -> None:
    """The position a reading reflects is taken before it: a change committed by another
    connection just after the reading gets a later position, and is read again. Taken
    after the reading, that change would be skipped and the index keep the old title."""
    store, feeder, updater = fed
    (article,) = store.articles.add([make_article("First", "Body words")])
    elsewhere = ProjectStore(tmp_path / "project.sqlite3")
    documents = feeder._documents
    real_for_keys = documents.for_keys

    def for_keys(keys):  # type: ignore[no-untyped-def]
        found = real_for_keys(keys)
        if elsewhere.outbox.last_seq() == 1:
            _retitle(elsewhere, article.id, "Second")
        return found

    documents.for_keys = for_keys  # type: ignore[method-assign]
    try:
        while feeder.apply_round(10):
            pass
        feeder.commit()
    finally:
        elsewhere.close()
    assert _indexed(updater, "second") == [f"article:{article.id}"]
    assert _indexed(updater, "first") == []
