"""ProjectStore: the SQLite database of a project, its transactions and change sets."""

import sqlite3
from pathlib import Path

import pytest

from desktop.domain.change_set import Op
from desktop.storage.migrations import LATEST_VERSION
from desktop.storage.project_store import ProjectStore
from desktop.storage.storage_errors import ReadOnlyProjectError

from .conftest import make_article


@pytest.fixture
def store(tmp_path: Path):
    store = ProjectStore(tmp_path / "project.sqlite3")
    try:
        yield store
    finally:
        store.close()


def add_one(store: ProjectStore, title: str = "Title", body: str = "Body text here") -> int:
    [saved] = store.articles.add([make_article(title, body)])
    assert saved.id is not None
    return saved.id


def annotate(store: ProjectStore, article_id: int) -> dict[str, int]:
    """A highlight with a code, a note on it, a link to an entity and a mention."""
    with store.transaction() as db:
        ids = {
            "highlight": db.execute(
                'INSERT INTO highlights (article_id, start, "end", exact) VALUES (?, 0, 4, ?)'
                " RETURNING id", (article_id, "Body")).fetchone()[0],
            "code": db.execute("INSERT INTO codes (name) VALUES ('Conflict') RETURNING id"
                               ).fetchone()[0],
            "entity": db.execute(
                "INSERT INTO entities (name, type_id) VALUES ('Fox', 1) RETURNING id"
            ).fetchone()[0],
        }
        db.execute("INSERT INTO highlight_codes (highlight_id, code_id) VALUES (?, ?)",
                   (ids["highlight"], ids["code"]))
        ids["note"] = db.execute(
            "INSERT INTO notes (article_id, highlight_id, body) VALUES (?, ?, 'Why?') RETURNING id",
            (article_id, ids["highlight"])).fetchone()[0]
        db.execute("INSERT INTO links (source_note_id, target_entity_id) VALUES (?, ?)",
                   (ids["note"], ids["entity"]))
        db.execute('INSERT INTO mentions (entity_id, article_id, start, "end", text)'
                   " VALUES (?, ?, 5, 9, 'text')", (ids["entity"], article_id))
    return ids


def snapshot(store: ProjectStore) -> dict[str, list[tuple]]:
    tables = ("articles", "highlights", "highlight_codes", "notes", "links", "mentions",
              "codes", "entities")
    return {t: store.connection.execute(f"SELECT * FROM {t} ORDER BY id").fetchall()
            for t in tables}


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
        db.execute('INSERT INTO highlights (article_id, start, "end", exact)'
                   " VALUES (999, 0, 4, 'text')")
    assert store.counts()["highlights"] == 0


def test_every_foreign_key_column_is_indexed(store):
    db = store.connection
    tables = [r[0] for r in db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
    unindexed = []
    for table in tables:
        indexed_first = {
            db.execute(f"PRAGMA index_info('{idx[1]}')").fetchone()[2]
            for idx in db.execute(f"PRAGMA index_list('{table}')")
        }
        for fk in db.execute(f"PRAGMA foreign_key_list('{table}')"):
            if fk[3] not in indexed_first:
                unindexed.append(f"{table}.{fk[3]}")
    assert unindexed == []


def test_added_articles_get_ids_uuids_and_round_trip(store):
    original = make_article("Title", "Body 🎉", source="Reuters", author="A. Writer",
                            published="2024-05-01", url="https://example.org/a")
    [saved] = store.articles.add([original])
    assert saved.id is not None
    assert len(saved.uuid) == 36 and saved.uuid[14] == "4"  # a version-4 UUID
    assert saved.imported_at
    loaded = store.articles.get(saved.id)
    assert loaded == saved
    assert store.articles.get(saved.id + 1000) is None


def test_same_text_is_not_a_constraint_but_can_be_found(store):
    first = add_one(store, "Markets rally", "Shares rose.")
    second = add_one(store, "Markets rally", "Shares rose.")
    assert first != second
    digest = store.articles.get(first).content_hash
    assert [row[0] for row in store.articles.same_text(digest)] == [first, second]


def test_ids_are_never_reused(store):
    first = add_one(store)
    store.articles.delete([first])
    assert add_one(store) == first + 1


def test_deleting_an_article_lists_every_cascade_in_its_change_set(store):
    article = add_one(store)
    ids = annotate(store, article)
    with store.action("delete_articles", "Delete 1 article") as action:
        store.articles.delete([article])
    changes = action.change_set()
    assert changes.deleted("articles") == (article,)
    assert changes.deleted("highlights") == (ids["highlight"],)
    assert len(changes.deleted("highlight_codes")) == 1
    assert len(changes.deleted("mentions")) == 1
    # The note is kept (ON DELETE SET NULL): an update, with the references it had.
    assert changes.updated("notes") == (ids["note"],)
    note_change = next(c for c in changes if c.table == "notes")
    assert note_change.op is Op.UPDATE
    assert dict(note_change.before or {}) == {
        "article_id": article, "highlight_id": ids["highlight"]}
    assert changes.deleted("links") == ()  # the note and the entity are still there


def test_revert_brings_back_rows_with_their_ids_and_uuids(store):
    article = add_one(store)
    annotate(store, article)
    before = snapshot(store)
    with store.action("delete_articles", "Delete") as action:
        store.articles.delete([article])
    undo = store.revert(action.change_set(), "undo", "Undo Delete")
    assert snapshot(store) == before
    assert undo.created("articles") == (article,)
    store.revert(undo, "redo", "Redo Delete")
    assert store.articles.get(article) is None
    assert store.counts()["highlights"] == 0


def test_revert_of_updates_restores_only_changed_columns(store):
    article = add_one(store, "Old title")
    with store.action("retitle", "Retitle") as action:
        store.connection.execute("UPDATE articles SET title = 'New', body = body WHERE id = ?",
                                 (article,))
    [change] = action.change_set().changes
    assert dict(change.before or {}) == {"title": "Old title"}  # the body was not copied
    store.revert(action.change_set(), "undo", "Undo")
    assert store.articles.get(article).title == "Old title"


def test_nested_transactions_are_savepoints(store):
    with store.action("outer", "Outer") as action:
        add_one(store, "Kept")
        with pytest.raises(RuntimeError), store.transaction():
            add_one(store, "Rolled back")
            raise RuntimeError("inner failure")
        add_one(store, "Also kept")
    titles = [s.title for s in store.articles.summaries()]
    assert titles == ["Kept", "Also kept"]
    assert len(action.change_set().created("articles")) == 2
    [entry] = store.journal.entries()
    assert entry.counts == {"articles": {"insert": 2}}


def test_a_failed_action_leaves_no_rows_no_journal_and_no_outbox(store):
    outbox = store.outbox.last_seq()
    with pytest.raises(RuntimeError), store.action("import", "Import"):
        add_one(store)
        raise RuntimeError("boom")
    assert store.articles.count() == 0
    assert store.journal.entries() == []
    assert store.outbox.last_seq() == outbox


def test_changes_to_searchable_rows_go_to_the_outbox(store):
    start = store.outbox.last_seq()
    article = add_one(store)
    store.connection.execute("UPDATE articles SET url = 'x' WHERE id = ?", (article,))
    assert store.outbox.last_seq() == start + 1  # the address is not searched
    with store.transaction() as db:
        db.execute("UPDATE articles SET title = 'T2' WHERE id = ?", (article,))
    store.articles.delete([article])
    rows = store.outbox.after(start, 10)
    assert [(r.doc_key, r.op) for r in rows] == [
        (f"article:{article}", "upsert"), (f"article:{article}", "upsert"),
        (f"article:{article}", "delete")]
    assert len({r.stamp for r in rows}) == 3


def test_outbox_prune_keeps_the_last_applied_row(store):
    for n in range(5):
        add_one(store, f"T{n}")
    last = store.outbox.last_seq()
    store.outbox.prune_below(last)
    assert [r.seq for r in store.outbox.after(0, 10)] == [last]
    assert store.outbox.pruned_below() == last


def test_sorted_ids_follow_each_list_order(store):
    store.articles.add([
        make_article('"Zebra" crossing', "a", source="bbc", published="2020-01-02"),
        make_article("apple pie", "b", source="Al Jazeera", published=None),
        make_article("Mango", "c", source="BBC", published="2019-05-05"),
    ])
    titles = {s.id: s.title for s in store.articles.summaries()}

    def order(column: str, descending: bool = False) -> list[str]:
        return [titles[i] for i in store.articles.sorted_ids(column, descending)]

    # Leading quotes and case do not decide where a title sorts.
    assert order("title") == ["apple pie", "Mango", '"Zebra" crossing']
    assert order("published") == ["apple pie", "Mango", '"Zebra" crossing']
    assert order("published", descending=True) == ['"Zebra" crossing', "Mango", "apple pie"]
    assert order("source") == ["apple pie", "Mango", '"Zebra" crossing']
    assert set(store.articles.summaries_for(list(titles))) == set(titles)


@pytest.mark.parametrize("batch", [1, 3, 7, 500])
def test_iter_all_yields_every_article_in_id_order(store, batch):
    saved = store.articles.add([make_article(f"Title {i}", f"Body {i}") for i in range(7)])
    ids = [a.id for a in saved]
    store.articles.delete([ids[2], ids[5]])
    articles = list(store.articles.iter_all(batch=batch))
    assert [a.id for a in articles] == [i for i in ids if i not in (ids[2], ids[5])]


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
    store.set_meta("k", "v")
    assert store.meta("k") == "v"


def test_a_failed_commit_rolls_back_and_the_connection_stays_usable(tmp_path):
    store = ProjectStore(tmp_path / "p.sqlite3")
    # A deferred foreign-key check makes COMMIT itself fail, as a full disk would.
    with pytest.raises(sqlite3.IntegrityError), store.transaction() as db:
        db.execute("PRAGMA defer_foreign_keys = ON")
        db.execute('INSERT INTO highlights (article_id, start, "end", exact)'
                   " VALUES (999, 0, 1, 'x')")
    assert add_one(store)  # a new transaction works
    assert store.counts()["highlights"] == 0
    store.close()


def test_read_only_store_reads_and_refuses_writes(tmp_path):
    path = tmp_path / "p.sqlite3"
    writable = ProjectStore(path)
    article = add_one(writable)
    writable.close()
    store = ProjectStore(path, read_only=True)
    try:
        assert store.articles.get(article) is not None
        with pytest.raises(ReadOnlyProjectError):
            store.articles.add([make_article("x", "y")])
    finally:
        store.close()


def test_summaries_come_back_whole_whatever_the_titles_hold(store):
    """Summaries are read as JSON (one row per batch): every character survives it."""
    titles = ['Quote " and \\ backslash', "Line\nbreak\ttab", "Ünïcödé – 東京 😀", "\x01 control"]
    saved = store.articles.add(
        [make_article(t, f"Body {n}", source="" if n % 2 else f"Src {n}",
                      published=None if n % 2 else "2005-03-01")
         for n, t in enumerate(titles)])
    ids = [a.id for a in saved]
    found = store.articles.summaries_for([*ids, 999_999])  # one that is not there
    assert sorted(found) == sorted(ids)
    for n, article in enumerate(saved):
        summary = found[article.id]
        assert (summary.id, summary.title) == (article.id, titles[n])
        assert (summary.source, summary.published) == (article.source, article.published)
    # More ids than one batch holds.
    many = store.articles.add([make_article(f"T{n}", f"B{n}") for n in range(1200)])
    assert len(store.articles.summaries_for([a.id for a in many])) == 1200
