"""A segment's postings written a block at a time instead of a posting at a time."""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterable
from typing import Any

from whoosh.codec.whoosh3 import W3FieldWriter, W3PostingsWriter
from whoosh.util.numeric import byte_to_length, length_to_byte

from index.term_pool import PooledTerms, Term


class BlockWriter:
    """Wraps a Whoosh field writer; terms from a ``TermPool`` are written block by block.

    Whoosh's field writer takes postings one at a time (five Python calls and a length
    lookup each) and gathers them into blocks of 128 before it pickles and compresses
    each block. Here each block's lists are built with slices and its statistics with
    ``max``/``min``, then Whoosh's own ``_write_block`` and ``finish_postings`` write
    it, so the files are Whoosh's, byte for byte (a test compares two indexes). Anything
    else (another codec, postings from elsewhere) goes to the wrapped writer unchanged.
    """

    def __init__(self, fieldwriter: Any) -> None:
        self._fieldwriter = fieldwriter

    def __getattr__(self, name: str) -> Any:
        return getattr(self._fieldwriter, name)

    def add_postings(self, schema: Any, lengths: Any, items: Any) -> None:
        inner = self._fieldwriter
        if not isinstance(items, PooledTerms) or type(inner) is not W3FieldWriter:
            inner.add_postings(schema, lengths, items)
            return
        self._write_terms(inner, schema, lengths, items.terms())

    @staticmethod
    def _write_terms(inner: W3FieldWriter, schema: Any, lengths: Any,
                     terms: Iterable[Term]) -> None:
        lastfn = None
        length_codes: Callable[[list[int]], bytes | list[int]] = _no_lengths
        for fieldname, tbytes, docnums, weights, values in terms:
            if fieldname != lastfn:
                if lastfn is not None:
                    inner.finish_field()
                inner.start_field(fieldname, schema[fieldname])
                lastfn = fieldname
                length_codes = _length_codes(lengths, fieldname)
            inner.start_term(tbytes)
            postwriter = inner._postwriter
            if type(postwriter) is not W3PostingsWriter:
                raise TypeError(f"BlockWriter cannot fill a {type(postwriter).__name__}")
            limit = postwriter._blocklimit
            count = len(docnums)
            for start in range(0, count, limit):
                end = start + limit
                block = docnums[start:end]
                postwriter._ids = array("I", block)
                block_weights = weights[start:end]
                postwriter._weights = array("f", block_weights)
                postwriter._maxweight = max(0, max(block_weights))
                # As add_posting: empty values (and None) are left out.
                postwriter._values = list(filter(None, values[start:end]))
                codes = length_codes(block)
                longest = max(codes)
                present = [code for code in codes if code] if longest else []
                postwriter._minlength = byte_to_length(min(present)) if present else None
                postwriter._maxlength = byte_to_length(longest) if longest else 0
                # The last block stays buffered: finish_postings writes it, marked last.
                if end < count:
                    postwriter._write_block()
            inner.finish_term()
        if lastfn is not None:
            inner.finish_field()


def _length_codes(lengths: Any, fieldname: str) -> Callable[[list[int]], bytes | list[int]]:
    """For a block's document numbers, each document's length in this field as Whoosh's
    length byte (0: none)."""
    if not lengths:
        return _no_lengths
    column = getattr(lengths, "length_bytes", None)
    data = column(fieldname) if column is not None else None
    if data is not None:
        get = data.__getitem__
        return lambda docnums: bytes(map(get, docnums))
    reader = _slow_reader(lengths, fieldname)
    return lambda docnums: [length_to_byte(reader(doc) or None) for doc in docnums]


def _slow_reader(lengths: Any, fieldname: str) -> Callable[[int], int]:
    get = getattr(lengths, "doc_field_length_reader", None)
    if get is not None:
        found: Callable[[int], int] = get(fieldname)
        return found
    plain = lengths.doc_field_length
    return lambda docnum: plain(docnum, fieldname)


def _no_lengths(docnums: list[int]) -> bytes:
    return bytes(len(docnums))
