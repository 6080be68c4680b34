"""Which highlights a change set may have changed as lists show them (quote, codes, note,
entities), so that a list keeps the rows it has already read for all the others: one
highlight made in an article with a thousand re-reads one row, not a page of two hundred."""

from __future__ import annotations

from desktop.domain.change_set import ChangeSet, Op
from desktop.storage.project_store import ProjectStore
from desktop.storage.rows_for_ids import rows_for_ids

# Tables whose rows hang on a highlight, and the column that says which.
_HANGING = {"highlight_codes": "highlight_id", "notes": "highlight_id",
            "links": "source_highlight_id"}
# A change here may show in any row (a code or entity renamed, an article retitled).
_EVERYWHERE = {"codes", "articles", "entities", "entity_types"}


def touched_highlights(store: ProjectStore, changes: ChangeSet) -> set[int] | None:
    """The ids of the highlights whose listed row may differ after ``changes``; None when
    that may be any of them."""
    if _EVERYWHERE & set(changes.tables()):
        return None
    touched: set[int] = set()
    unknown: dict[str, list[int]] = {}
    for change in changes:
        if change.table == "highlights":
            touched.add(change.row_id)
            continue
        column = _HANGING.get(change.table)
        if column is None:
            continue
        before = (change.before or {}).get(column)
        if isinstance(before, int):
            touched.add(before)  # moved away from, or deleted from, that highlight
        if change.op is not Op.DELETE:
            unknown.setdefault(change.table, []).append(change.row_id)
    for table, ids in unknown.items():
        column = _HANGING[table]
        for (value,) in rows_for_ids(store.connection,
                                     f"SELECT {column} FROM {table} WHERE id IN ({{ids}})"
                                     f" AND {column} IS NOT NULL", ids):
            touched.add(int(value))
    return touched
