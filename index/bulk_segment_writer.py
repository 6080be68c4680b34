"""Whoosh's segment writer, adding a document's analysed text a field at a time."""

from __future__ import annotations

from typing import Any

from whoosh.writing import SegmentWriter

from index.column_lengths import ColumnLengths
from index.term_pool import TermPool
from index.text_field import TextField


class BulkSegmentWriter(SegmentWriter):
    """A ``SegmentWriter`` with the faster parts installed (``TermPool``, ``BlockWriter``,
    ``ColumnLengths``), whose ``add_document`` hands each ``TextField``'s postings to the
    pool as lists.

    Whoosh's ``add_document`` takes a field's postings one by one from a generator and
    puts a tuple per posting in the pool through a method call; for an article that is
    some 400 postings, the largest part of indexing that was left. Documents with any
    field this schema does not use (term vectors, a separate spelling field, a per-field
    boost) are Whoosh's to add.
    """

    def __init__(self, ix: Any, **kwargs: Any) -> None:
        super().__init__(ix, **kwargs)
        TermPool.install(self)
        ColumnLengths.install(self)

    def add_document(self, **fields: Any) -> None:
        pool = self.pool
        schema = self.schema
        if type(pool) is not TermPool or not _plain(schema, fields):
            super().add_document(**fields)
            return
        self._check_state()
        fieldnames = sorted(name for name in fields if not name.startswith("_"))
        self._check_fields(schema, fieldnames)
        docnum = self.docnum
        perdocwriter = self.perdocwriter
        perdocwriter.start_doc(docnum)
        try:
            for fieldname in fieldnames:
                value = fields[fieldname]
                if value is None:
                    continue
                field = schema[fieldname]
                length = 0
                if field.indexed:
                    if type(field) is TextField and isinstance(value, str) and field.fast():
                        terms, counts, weights, values = field.postings(value)
                        pool.add_terms(fieldname, docnum, terms, weights, values)
                        if field.scorable:
                            length = sum(counts)
                    else:
                        for tbytes, freq, weight, vbytes in field.index(value):
                            if field.scorable:
                                length += freq
                            # float(): as Whoosh's ``weight *= field boost`` (1.0).
                            pool.add((fieldname, tbytes, docnum, float(weight), vbytes))
                perdocwriter.add_field(fieldname, field, value if field.stored else None,
                                       length)
                column = field.column_type
                if column:
                    perdocwriter.add_column_value(fieldname, column,
                                                  field.to_column_value(value))
        except ValueError:
            perdocwriter.cancel_doc()
            raise
        perdocwriter.finish_doc()
        self._added = True
        self.docnum += 1


def _plain(schema: Any, fields: dict[str, Any]) -> bool:
    """No document or field boost, no stored or column value given apart, and no field
    with term vectors or a separate spelling field."""
    if any(name.startswith("_") for name in fields):
        return False
    for name in fields:
        if name not in schema:
            return True  # Whoosh's own check names the unknown field
        field = schema[name]
        if field.vector or field.separate_spelling():
            return False
    return True
