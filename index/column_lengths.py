"""The field lengths a segment writer reads for every posting, read a column at a time."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from whoosh.util.numeric import byte_to_length

from index.posting_blocks import column_length_bytes


class ColumnLengths:
    """A new segment's per-document reader whose length lookups read a byte from memory.

    Writing a segment's postings, Whoosh looks up the document's field length for every
    posting (for each block's shortest and longest document), through a column reader that
    seeks and reads the file each time: a sixth of a rebuild. Here each field's length
    column is read once, whole. Everything else is the wrapped reader's.
    """

    def __init__(self, perdoc: Any) -> None:
        self._perdoc = perdoc

    def __getattr__(self, name: str) -> Any:
        return getattr(self._perdoc, name)

    def length_bytes(self, fieldname: str) -> bytes | None:
        """Every document's length byte in ``fieldname`` (0: none), or None if the field
        has no length column."""
        return column_length_bytes(self._perdoc, fieldname)

    def doc_field_length_reader(self, fieldname: str, default: int = 0) -> Callable[[int], Any]:
        data = column_length_bytes(self._perdoc, fieldname)
        if data is None:
            found: Callable[[int], Any] = self._perdoc.doc_field_length_reader(fieldname, default)
            return found
        # As Whoosh's reader: a zero byte (no length stored) reads as None.
        table = [None, *(byte_to_length(n) for n in range(1, 256))]
        return lambda docnum: table[data[docnum]]

    @classmethod
    def install(cls, writer: Any) -> None:
        """Make a Whoosh ``SegmentWriter`` flush its segment through this reader."""
        opened = writer.per_document_reader
        writer.per_document_reader = lambda: cls(opened())
