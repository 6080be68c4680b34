"""Posting lists read a block at a time, and document lengths read directly.

Whoosh's matchers hand out one posting per Python call (``id()``, ``weight()``,
``next()``); counting or scoring tens of thousands of postings that way costs more than
everything else a search does. whoosh3 3.54.0 (pinned exactly in pyproject.toml) keeps each
block's document numbers and weights as sequences, read here whole. Anything else (another
codec or version) takes the public, slower way: same results.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator, Sequence
from itertools import accumulate
from typing import Any

from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher, _lenfield
from whoosh.columns import NumericColumn
from whoosh.matching.wrappers import FilterMatcher

Block = tuple[Sequence[int], Sequence[float]]


def posting_blocks(reader: Any, fieldname: str, word: str, weights: bool) -> Iterator[Block]:
    """(document numbers, weights) of each block of a term in one segment's reader,
    deleted documents included (callers leave them out); weights are empty unless asked."""
    leaf = _leaf(reader, fieldname, word)
    if leaf is None:
        return
    if type(leaf) is not W3LeafMatcher:
        pairs = [(leaf.id(), leaf.weight()) for _ in _stepping(leaf)]
        yield [doc for doc, _ in pairs], [weight for _, weight in pairs] if weights else ()
        return
    while leaf.is_active():
        if leaf._ids is None:
            _read_ids(leaf)
        if weights:
            if leaf._weights is None:
                leaf._read_weights()
            yield leaf._ids, leaf._weights
        else:
            yield leaf._ids, ()
        leaf._next_block()


def posting_values(reader: Any, fieldname: str, word: str, wanted: Sequence[int] | None = None
                   ) -> Iterator[tuple[Sequence[int], Sequence[float], Sequence[Any]]]:
    """(document numbers, weights, encoded values) of each block of a term, deleted
    documents included. A whoosh3 block is one pickle: its values come with its ids.

    With ``wanted`` (document numbers, ascending), only the blocks whose range of numbers
    holds one of them: a block's last number is in its header, so a block skipped is
    never unpickled. A word in every document has a block per 128 of them.
    """
    leaf = _leaf(reader, fieldname, word)
    if leaf is None:
        return
    if type(leaf) is not W3LeafMatcher:
        rows = [(leaf.id(), leaf.weight(), leaf.value()) for _ in _stepping(leaf)]
        if rows:
            yield [r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows]
        return
    first = 0  # the lowest number the current block can hold
    while leaf.is_active():
        if wanted is not None:
            at = bisect_left(wanted, first)
            if at == len(wanted):
                return
            first = leaf._maxid + 1
            if wanted[at] >= first:
                leaf._next_block()
                continue
        if leaf._ids is None:
            _read_ids(leaf)
        if leaf._weights is None:
            leaf._read_weights()
        if leaf._values is None:
            leaf._read_values()
        yield leaf._ids, leaf._weights, leaf._values
        leaf._next_block()


def term_word(text: Any) -> str:
    """A ``Term``'s text as the word the functions here take (it may be given as bytes)."""
    return text.decode("utf-8") if isinstance(text, bytes) else str(text)


def plain_term(schema: Any, fieldname: str, text: Any) -> bool:
    """Whether the term ``text`` is stored as its UTF-8 bytes, as in text, keyword and id
    fields (a number or a date field encodes its terms otherwise, so the functions here,
    which take words, do not apply)."""
    if fieldname not in schema:
        return True  # no such field: nothing matches, whatever the bytes
    try:
        return bool(schema[fieldname].to_bytes(text) == term_word(text).encode("utf-8"))
    except (ValueError, TypeError):
        return False


def _leaf(reader: Any, fieldname: str, word: str) -> Any:
    """The term's own matcher in one segment's reader (unwrapped from the deletions
    filter), or None when the segment does not have the term."""
    btext = word.encode("utf-8")
    if fieldname not in reader.schema or (fieldname, btext) not in reader:
        return None
    matcher = reader.postings(fieldname, btext)
    return matcher.child if isinstance(matcher, FilterMatcher) else matcher


def _stepping(matcher: Any) -> Iterator[None]:
    while matcher.is_active():
        yield None
        matcher.next()


def length_bytes(reader: Any, fieldname: str) -> bytes | None:
    """Every document's length byte for ``fieldname`` (index: document number), as BM25F
    reads it one document at a time, in one slice of the column; None when the reader is
    not whoosh3's own. ``byte_to_length`` turns a byte into the length."""
    return column_length_bytes(getattr(reader, "_perdoc", None), fieldname)


def column_length_bytes(perdoc: Any, fieldname: str) -> bytes | None:
    """``length_bytes`` from a whoosh3 per-document reader (also of a segment being
    written)."""
    cached = getattr(perdoc, "_cached_reader", None)
    column = cached(_lenfield(fieldname), LENGTHS_COLUMN) if cached else None
    if type(column) is not NumericColumn.Reader or column._fixedlen != 1:
        return None
    count = min(column._count, column._doccount)
    found = bytes(column._dbfile.get(column._basepos, count))
    # Documents past the column's end have the default length byte, 0.
    return found + bytes(column._doccount - count)


def _read_ids(leaf: W3LeafMatcher) -> None:
    """``W3LeafMatcher._read_ids``, summing the stored gaps with ``accumulate`` (in C)
    instead of Whoosh's generator: every block a search reads."""
    if leaf._data is None:
        leaf._read_data()
    gaps = leaf._data[0]
    leaf._ids = gaps if leaf._byteids else tuple(accumulate(gaps))
