"""How a list order became another: rows removed, rows inserted, and the rest reordered
only when a changed value moved it. A list model replays these steps as the row signals
views understand, so selections, the current row and the scroll position stay put.

Lists of 500,000 ids are scanned in C (``map``, ``compress`` and ``filterfalse`` over
``set.__contains__`` of the small sets of changed ids): a Python loop over every row costs
several times more. They are scanned in slices, because one C call over all of them holds
the interpreter lock for over 100 ms, and a GUI thread waiting for it freezes that long.
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence, Set
from dataclasses import dataclass
from itertools import compress, filterfalse

from desktop.domain.change_set import ChangeSet

Run = tuple[int, int]  # first and last row, inclusive
# Ids scanned per C call: about 5 ms.
SLICE = 32_768


@dataclass(frozen=True, slots=True)
class OrderDiff:
    """Replayed in this order: ``removed`` runs (rows of the old order, replayed from the
    last run up), then ``reordered`` (the surviving ids in their new order, only when it
    differs from their old one), then ``inserted`` runs (rows of the new order, replayed
    from the first run down). ``updated_rows`` are rows of the new order whose values
    changed."""

    removed: tuple[Run, ...]
    reordered: array[int] | None
    inserted: tuple[Run, ...]
    updated_rows: tuple[int, ...]

    @property
    def run_count(self) -> int:
        return len(self.removed) + len(self.inserted)


def diff_orders(old: array[int], new: array[int], changes: ChangeSet,
                table: str = "articles") -> OrderDiff | None:
    """The steps from ``old`` to ``new``, given the net ``changes`` between them; ``None``
    when the changes do not account for the difference in rows (an unrecorded change:
    the caller then replaces the order wholesale). A deleted id that ``old`` no longer
    lists is fine: a list may remove deleted rows before it asks."""
    created = set(changes.created(table))
    deleted = set(changes.deleted(table))
    updated = set(changes.updated(table))
    removed = rows_of(old, deleted)
    inserted = rows_of(new, created)
    if (len(inserted) != len(created)
            or len(old) - len(removed) + len(inserted) != len(new)):
        return None
    reordered = None
    if updated:
        # An updated value may move its row. Rows nobody changed keep their relative order,
        # so without updates there is nothing to compare.
        kept_old = _without(old, deleted)
        kept_new = _without(new, created)
        if kept_old != kept_new:
            reordered = kept_new
    return OrderDiff(tuple(runs(removed)), reordered, tuple(runs(inserted)),
                     tuple(rows_of(new, updated)))


def rows_of(ids: array[int], wanted: Set[int]) -> list[int]:
    """The rows (ascending) of ``ids`` that hold one of ``wanted``."""
    found: list[int] = []
    if wanted:
        for start in range(0, len(ids), SLICE):
            part = ids[start:start + SLICE]
            found.extend(compress(range(start, start + len(part)), map(wanted.__contains__, part)))
    return found


def runs(rows: Sequence[int]) -> list[Run]:
    """Ascending rows grouped into runs of consecutive rows."""
    found: list[Run] = []
    for row in rows:
        if found and found[-1][1] == row - 1:
            found[-1] = (found[-1][0], row)
        else:
            found.append((row, row))
    return found


def _without(ids: array[int], dropped: Set[int]) -> array[int]:
    if not dropped:
        return ids
    kept = array(ids.typecode)
    for start in range(0, len(ids), SLICE):
        kept.extend(filterfalse(dropped.__contains__, ids[start:start + SLICE]))
    return kept
