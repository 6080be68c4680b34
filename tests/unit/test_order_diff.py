"""diff_orders: the steps that turn one list order into another, replayed by list models."""

from __future__ import annotations

import random
from array import array

import pytest

from desktop.domain import order_diff
from desktop.domain.change_set import ChangeSet, Op, RowChange
from desktop.domain.order_diff import OrderDiff, diff_orders, rows_of, runs


def _changes(created=(), deleted=(), updated=()) -> ChangeSet:
    return ChangeSet(tuple(
        [RowChange("articles", i, Op.INSERT) for i in created]
        + [RowChange("articles", i, Op.DELETE) for i in deleted]
        + [RowChange("articles", i, Op.UPDATE) for i in updated]))


def _replay(old: array, new: array, diff: OrderDiff) -> array:
    """What a model does with a diff, checking each step's row numbers on the way."""
    shown = array("q", old)
    for first, last in reversed(diff.removed):
        assert 0 <= first <= last < len(shown)
        del shown[first:last + 1]
    if diff.reordered is not None:
        assert sorted(diff.reordered) == sorted(shown)
        shown = array("q", diff.reordered)
    for first, last in diff.inserted:
        assert 0 <= first <= len(shown)
        shown[first:first] = new[first:last + 1]
    return shown


def test_runs_group_consecutive_rows() -> None:
    assert runs([]) == []
    assert runs([3]) == [(3, 3)]
    assert runs([0, 1, 2, 5, 7, 8]) == [(0, 2), (5, 5), (7, 8)]


def test_rows_of_finds_ascending_rows() -> None:
    ids = array("q", [9, 4, 7, 1, 8])
    assert rows_of(ids, {7, 9, 100}) == [0, 2]
    assert rows_of(ids, set()) == []


def test_inserts_and_deletes_become_runs_that_replay_to_the_new_order() -> None:
    old = array("q", [10, 20, 30, 40, 50, 60])
    new = array("q", [5, 10, 30, 35, 36, 50, 60, 70])
    diff = diff_orders(old, new, _changes(created=[5, 35, 36, 70], deleted=[20, 40]))
    assert diff is not None
    assert diff.removed == ((1, 1), (3, 3))
    assert diff.inserted == ((0, 0), (3, 4), (7, 7))
    assert diff.reordered is None and diff.updated_rows == ()
    assert diff.run_count == 5
    assert _replay(old, new, diff) == new


def test_an_update_that_moves_a_row_is_a_reorder_and_keeps_its_id() -> None:
    old = array("q", [1, 2, 3, 4])
    new = array("q", [2, 3, 1, 4, 9])  # article 1 retitled, 9 imported
    diff = diff_orders(old, new, _changes(created=[9], updated=[1]))
    assert diff is not None
    assert diff.reordered == array("q", [2, 3, 1, 4])
    assert diff.updated_rows == (2,)
    assert _replay(old, new, diff) == new


def test_an_update_that_moves_nothing_is_only_new_values() -> None:
    old = array("q", [1, 2, 3])
    diff = diff_orders(old, array("q", old), _changes(updated=[2]))
    assert diff is not None and diff.reordered is None and diff.updated_rows == (1,)


def test_a_difference_the_changes_do_not_explain_gives_none() -> None:
    old = array("q", [1, 2, 3])
    # Article 4 arrived without a recorded change.
    assert diff_orders(old, array("q", [1, 2, 3, 4]), _changes()) is None
    # A recorded new article that is not there.
    assert diff_orders(old, array("q", [1, 2, 3]), _changes(created=[4])) is None


def test_a_deleted_article_already_gone_from_the_old_order_is_fine() -> None:
    # A list removes deleted rows at once, then asks for the order.
    diff = diff_orders(array("q", [1, 2]), array("q", [1, 2]), _changes(deleted=[3]))
    assert diff is not None and diff.run_count == 0


def test_other_tables_do_not_count() -> None:
    old = array("q", [1, 2])
    changes = ChangeSet((RowChange("notes", 5, Op.INSERT),))
    diff = diff_orders(old, array("q", old), changes)
    assert diff is not None and diff.run_count == 0


@pytest.mark.parametrize("seed", range(20))
def test_random_changes_replay_exactly(seed: int, monkeypatch) -> None:
    rng = random.Random(seed)
    # Scans go in slices; small ones put changed rows on every kind of slice boundary.
    monkeypatch.setattr(order_diff, "SLICE", rng.choice([1, 2, 7, 64, 32_768]))
    ids = list(range(1, 301))
    rng.shuffle(ids)
    old = array("q", ids)
    deleted = set(rng.sample(ids, rng.randint(0, 40)))
    created = list(range(1000, 1000 + rng.randint(0, 40)))
    survivors = [i for i in ids if i not in deleted]
    updated = set(rng.sample(survivors, rng.randint(0, 5)))
    # New articles go anywhere; updated ones may move anywhere too.
    new_list = [i for i in survivors if i not in updated]
    for i in [*created, *updated]:
        new_list.insert(rng.randint(0, len(new_list)), i)
    new = array("q", new_list)
    diff = diff_orders(old, new, _changes(created, deleted, updated))
    assert diff is not None
    assert _replay(old, new, diff) == new
    assert sorted(new[r] for r in diff.updated_rows) == sorted(updated)
