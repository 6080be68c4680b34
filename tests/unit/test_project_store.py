"""ProjectStore: the SQLite database of a project."""

import sqlite3
from pathlib import Path

import pytest

from desktop.domain.article import Article
from desktop.storage.migrations import LATEST_VERSION
from desktop.storage.project_store import ProjectStore

from .conftest import make_article


@pytest.fixture
def store(tmp_path: Path):
    store = ProjectStore(tmp_path / "project.sqlite3")
    try:
        yield store
    finally:
        store.close()


def test_fresh_database_is_at_latest_version(store):
    assert store.schema_version == LATEST_VERSION
    assert ProjectStore.latest_schema_version() == LATEST_VERSION


def test_fresh_database_makes_no_backup(tmp_path, store):
    assert store.last_backup is None
    assert not (tmp_path / "backups").exists()


def test_database_is_in_wal_mode(tmp_path, store):
    with sqlite3.connect(tmp_path / "project.sqlite3") as other:
        mode = other.execute("PRAGMA journal_mode").fetchone()[0]
    other.close()
    assert mode.lower() == "wal"


def test_foreign_keys_are_enforced(store):
    with store.transaction() as db:
        assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    with pytest.raises(sqlite3.IntegrityError), store.transaction() as db:
        db.execute(
            "INSERT INTO highlights (article_id, start, \"end\", quote, created_at)"
            " VALUES (999, 0, 4, 'text', '2024-01-01')"
        )
    assert store.counts()["highlights"] == 0


def test_deleting_an_article_cascades_to_its_highlights(store):
    [saved] = store.add_articles([make_article("Title", "Body text")])
    assert isinstance(saved, Article)
    with store.transaction() as db:
        db.execute(
            "INSERT INTO highlights (article_id, start, \"end\", quote, created_at)"
            " VALUES (?, 0, 4, 'Body', '2024-01-01')",
            (saved.id,),
        )
    assert store.counts()["highlights"] == 1
    assert store.delete_articles([saved.id]) == 1
    assert store.counts() == {"articles": 0, "highlights": 0, "notes": 0, "entities": 0}


def test_add_articles_returns_saved_articles_with_ids(store):
    results = store.add_articles([make_article("One", "First body"), make_article("Two", "Second")])
    assert all(isinstance(r, Article) for r in results)
    ids = [r.id for r in results]
    assert all(isinstance(i, int) and i > 0 for i in ids)
    assert len(set(ids)) == 2
    assert all(r.imported_at for r in results)
    assert store.article_count() == 2


def test_saved_article_round_trips(store):
    original = make_article(
        "Title 🎉", "Body with emoji 🎉 and 中文.", source="BBC", author="A. Writer",
        published="2005-02-01", url="https://example.org/a", origin_path="/data/a.txt",
    )
    [saved] = store.add_articles([original])
    assert isinstance(saved, Article)
    loaded = store.article(saved.id)
    assert loaded == saved
    assert loaded.body == original.body
    assert loaded.published == "2005-02-01"
    assert store.article(saved.id + 1000) is None


def test_published_may_be_missing(store):
    [saved] = store.add_articles([make_article("Undated", "No date here")])
    assert isinstance(saved, Article)
    assert store.article(saved.id).published is None


def test_duplicate_returns_the_existing_id(store):
    [first] = store.add_articles([make_article("Markets rally", "Shares rose.")])
    assert isinstance(first, Article)
    results = store.add_articles(
        [make_article("MARKETS  rally", "shares   ROSE."), make_article("New one", "New body")]
    )
    assert results[0] == first.id
    assert isinstance(results[1], Article)
    assert store.article_count() == 2
    # The stored text is the first version's.
    assert store.article(first.id).title == "Markets rally"


def test_duplicate_within_one_batch_returns_id_saved_earlier_in_the_batch(store):
    results = store.add_articles([make_article("Same", "Text"), make_article("same", "text")])
    assert isinstance(results[0], Article)
    assert results[1] == results[0].id
    assert store.article_count() == 1


def test_generation_bumps_only_when_something_changed(store):
    start = store.generation()
    [saved] = store.add_articles([make_article("One", "Body one")])
    assert store.generation() == start + 1
    store.add_articles([make_article("Two", "Body two"), make_article("Three", "Body three")])
    assert store.generation() == start + 2  # one bump per transaction
    store.add_articles([make_article("one", "BODY ONE")])  # only a duplicate
    assert store.generation() == start + 2
    store.add_articles([])
    assert store.generation() == start + 2
    assert store.delete_articles([saved.id + 1000]) == 0
    assert store.generation() == start + 2
    assert store.delete_articles([]) == 0
    assert store.generation() == start + 2
    assert store.delete_articles([saved.id]) == 1
    assert store.generation() == start + 3


def test_generation_survives_reopening(tmp_path):
    path = tmp_path / "project.sqlite3"
    first = ProjectStore(path)
    first.add_articles([make_article("One", "Body one")])
    generation = first.generation()
    first.close()
    again = ProjectStore(path)
    try:
        assert again.generation() == generation >= 1
        assert again.article_count() == 1
    finally:
        again.close()


@pytest.mark.parametrize("batch", [1, 3, 7, 500])
def test_iter_articles_yields_every_article_in_id_order(store, batch):
    saved = store.add_articles([make_article(f"Title {i}", f"Body {i}") for i in range(7)])
    ids = [a.id for a in saved if isinstance(a, Article)]
    store.delete_articles([ids[2], ids[5]])
    expected = [i for i in ids if i not in (ids[2], ids[5])]
    articles = list(store.iter_articles(batch=batch))
    assert [a.id for a in articles] == expected
    assert [a.title for a in articles] == ["Title 0", "Title 1", "Title 3", "Title 4", "Title 6"]


def test_iter_articles_of_empty_store(store):
    assert list(store.iter_articles()) == []


def test_summaries_are_in_id_order(store):
    store.add_articles([make_article("B", "b", source="S1"), make_article("A", "a")])
    summaries = store.summaries()
    assert [s.title for s in summaries] == ["B", "A"]
    assert summaries[0].id < summaries[1].id
    assert summaries[0].source == "S1"


def test_meta_round_trips_and_overwrites(store):
    assert store.meta("colour", "none") == "none"
    store.set_meta("colour", "blue")
    store.set_meta("colour", "green")
    assert store.meta("colour") == "green"


def test_failed_transaction_rolls_back(store):
    with pytest.raises(RuntimeError), store.transaction() as db:
        db.execute("INSERT INTO project_meta (key, value) VALUES ('k', 'v')")
        raise RuntimeError("boom")
    assert store.meta("k", "absent") == "absent"
    # The connection is usable afterwards.
    store.set_meta("k", "v")
    assert store.meta("k") == "v"


def test_a_failed_commit_rolls_back_and_the_connection_stays_usable(tmp_path):
    store = ProjectStore(tmp_path / "p.sqlite3")
    # A deferred foreign-key check makes COMMIT itself fail, as a full disk would.
    with pytest.raises(sqlite3.IntegrityError), store.transaction() as db:
        db.execute("PRAGMA defer_foreign_keys = ON")
        db.execute(
            "INSERT INTO highlights (article_id, start, \"end\", quote, created_at)"
            " VALUES (999, 0, 1, 'x', 'now')"
        )
    [saved] = store.add_articles([make_article("T", "B")])  # a new transaction works
    assert saved.id is not None and store.counts()["highlights"] == 0
    store.close()
