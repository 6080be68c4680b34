"""ArticleOrders: list orders read from the database, and the steps from a shown order to
the current one, taken from the journal."""

from __future__ import annotations

from array import array

import pytest

from desktop.domain.article import ArticleSummary
from desktop.domain.text import sort_key
from desktop.services import article_orders
from desktop.services.article_orders import COLUMNS, ArticleOrders, ShownOrder
from desktop.services.article_service import ArticleService
from desktop.services.history_service import HistoryService
from desktop.storage import article_rows, json_ids
from desktop.storage.article_order import ArticleOrder

from .conftest import make_article

_KEYS = {
    "title": lambda s: (sort_key(s.title), s.id),
    "source": lambda s: (s.source.casefold(), sort_key(s.title), s.id),
    # SQLite puts NULL first; no article here has an empty-string date.
    "published": lambda s: (s.published or "", s.id),
}


def expected(store, column: str, descending: bool = False) -> list[int]:
    """The order worked out in Python, independently of the SQL."""
    summaries: list[ArticleSummary] = list(store.articles.summaries())
    return [s.id for s in sorted(summaries, key=_KEYS[column], reverse=descending)]


def add(project, *titles: str, source: str = "BBC", published: str | None = "2020-01-01"):
    store = project.store
    with store.action("import", "Import") as action:
        saved = store.articles.add([make_article(t, f"Body of {t}", source=source,
                                                 published=published) for t in titles])
    return [a.id for a in saved], action.change_set()


@pytest.fixture
def filled(project):
    titles = ['"Zebra" crossing', "apple pie", "Mango", "'banana' split", "Éclair", "zebra",
              "(Kiwi) fruit", "東京 news", "Apple pie"]
    for n, title in enumerate(titles):
        add(project, title, source=["BBC", "bbc", "", "Reuters"][n % 4],
            published=None if n % 3 == 0 else f"20{10 + n % 5}-0{1 + n % 9}-01")
    return project


@pytest.mark.parametrize("column", COLUMNS)
@pytest.mark.parametrize("descending", [False, True])
def test_every_order_matches_python_sorting(filled, column: str, descending: bool) -> None:
    update = ArticleOrders(filled.store).update(column, descending)
    assert update.ids is not None and list(update.ids) == expected(filled.store, column,
                                                                    descending)
    assert update.ascending is not None
    assert list(update.ascending) == expected(filled.store, column)
    assert update.diff is None  # nothing shown to follow


def test_titles_sort_without_leading_quotes_and_case(filled) -> None:
    update = ArticleOrders(filled.store).update("title", False)
    assert update.ids is not None
    titles = {s.id: s.title for s in filled.store.articles.summaries()}
    shown = [titles[i] for i in update.ids]
    # Letters keep their code point order once folded (É after z): sort_key folds case only.
    assert shown == ["apple pie", "Apple pie", "'banana' split", "(Kiwi) fruit", "Mango",
                     "zebra", '"Zebra" crossing', "Éclair", "東京 news"]


def test_the_snapshot_position_is_the_journal_position(filled) -> None:
    order = ArticleOrder(filled.store)
    before = order.snapshot("title")
    assert before.position == order.position() > 0
    _ids, changes = add(filled, "New one")
    after = order.snapshot("title")
    assert after.position > before.position
    followed = order.changes(before.position, after.position, limit=100)
    assert followed is not None and followed.created("articles") == changes.created("articles")
    assert order.changes(before.position, after.position, limit=0) is None


def test_nothing_changed_means_nothing_read(filled) -> None:
    orders = ArticleOrders(filled.store)
    first = orders.update("published", True)
    assert first.ids is not None
    shown = ShownOrder("published", True, first.ids, first.position)
    again = orders.update("published", True, shown)
    assert again.unchanged and again.position == first.position


def test_an_import_a_delete_and_their_undo_are_followed_row_by_row(filled) -> None:
    store = filled.store
    orders = ArticleOrders(store)
    first = orders.update("title", False)
    assert first.ids is not None
    shown = ShownOrder("title", False, first.ids, first.position)

    new_ids, _ = add(filled, "Aardvark", "Middle", "zzz last")
    update = orders.update("title", False, shown, watched={first.ids[0], new_ids[1]})
    assert update.ids is not None and update.diff is not None
    assert list(update.ids) == expected(store, "title")
    inserted = [row for a, b in update.diff.inserted for row in range(a, b + 1)]
    assert sorted(update.ids[r] for r in inserted) == sorted(new_ids)
    assert update.diff.removed == () and update.diff.reordered is None
    assert update.rows == {}  # the diff moves them
    resorted = orders.update("source", False, shown, watched={first.ids[0], new_ids[1]})
    assert resorted.ids is not None and resorted.diff is None
    assert resorted.rows == {first.ids[0]: list(resorted.ids).index(first.ids[0]),
                             new_ids[1]: list(resorted.ids).index(new_ids[1])}

    shown = ShownOrder("title", False, update.ids, update.position)
    deleted = ArticleService(filled).delete([new_ids[0], first.ids[3]])
    update = orders.update("title", False, shown)
    assert update.ids is not None and update.diff is not None
    removed = [row for a, b in update.diff.removed for row in range(a, b + 1)]
    assert sorted(shown.ids[r] for r in removed) == sorted([new_ids[0], first.ids[3]])
    assert list(update.ids) == expected(store, "title")

    shown = ShownOrder("title", False, update.ids, update.position)
    HistoryService(filled).undo(deleted, "Delete")
    update = orders.update("title", False, shown)
    assert update.ids is not None and update.diff is not None
    assert update.diff.run_count == 2 and list(update.ids) == expected(store, "title")


def test_a_retitled_article_moves(filled) -> None:
    store = filled.store
    orders = ArticleOrders(store)
    first = orders.update("title", False)
    assert first.ids is not None
    moved = first.ids[0]
    with store.action("edit", "Retitle") as _action, store.transaction() as db:
        db.execute("UPDATE articles SET title = 'Zzz', sort_title = 'zzz' WHERE id = ?",
                   (moved,))
    update = orders.update("title", False, ShownOrder("title", False, first.ids,
                                                      first.position))
    assert update.ids is not None and update.diff is not None
    assert list(update.ids) == expected(store, "title")
    assert update.diff.reordered == update.ids
    assert update.diff.updated_rows == (list(update.ids).index(moved),)
    assert update.diff.updated_rows != (0,)


def test_too_many_changes_are_not_followed(filled, monkeypatch) -> None:
    orders = ArticleOrders(filled.store)
    first = orders.update("title", False)
    assert first.ids is not None
    monkeypatch.setattr(article_orders, "MAX_FOLLOWED_CHANGES", 2)
    add(filled, "One", "Two", "Three")
    update = orders.update("title", False, ShownOrder("title", False, first.ids,
                                                      first.position))
    assert update.ids is not None and update.diff is None
    assert list(update.ids) == expected(filled.store, "title")


def test_an_unjournaled_change_is_not_mistaken_for_a_followed_one(filled) -> None:
    orders = ArticleOrders(filled.store)
    first = orders.update("title", False)
    assert first.ids is not None
    filled.store.articles.add([make_article("Unrecorded", "no action around it")])
    update = orders.update("title", False, ShownOrder("title", False, first.ids,
                                                      first.position))
    # The journal did not move, so nothing looks changed: lists never miss journaled
    # changes, and every user action is journaled.
    assert update.unchanged
    # A change of the journal with it shows the unrecorded article as a difference the
    # changes do not explain: the order is then replaced wholesale.
    add(filled, "Recorded")
    update = orders.update("title", False, ShownOrder("title", False, first.ids,
                                                      first.position))
    assert update.ids is not None and update.diff is None
    assert list(update.ids) == expected(filled.store, "title")


@pytest.mark.parametrize("json_slice", [1, 7, 200_000])
def test_sorted_ids_come_in_index_order_for_many_ties(project, monkeypatch,
                                                      json_slice: int) -> None:
    # Small slices: the ids are parsed in many pieces, cut between any two digits.
    monkeypatch.setattr(json_ids, "JSON_SLICE", json_slice)
    store = project.store
    with store.action("import", "Import"):
        store.articles.add([
            make_article(f"Same {n % 7}", f"Body {n}", source=["A", "a", "B"][n % 3],
                         published=None if n % 5 == 0 else f"2001-01-0{n % 9 + 1}")
            for n in range(400)])
    db = store.connection
    for column, order in article_orders_sql().items():
        plain = [row[0] for row in db.execute(f"SELECT id FROM articles ORDER BY {order}")]
        assert list(store.articles.sorted_ids(column)) == plain
        assert list(store.articles.sorted_ids(column, descending=True)) == plain[::-1]


def article_orders_sql() -> dict[str, str]:
    return {column: ", ".join(article_rows.SORT_ORDERS[column]) for column in COLUMNS}


def test_an_empty_project_has_empty_orders(project) -> None:
    update = ArticleOrders(project.store).update("source", True)
    assert update.ids == array("q") and update.position == 0
