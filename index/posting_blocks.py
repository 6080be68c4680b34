"""Posting lists read a block at a time, and document lengths read directly.

Whoosh's matchers hand out one posting per Python call (``id()``, ``weight()``,
``next()``); counting or scoring tens of thousands of postings that way costs more than
everything else a search does. whoosh3 3.54.0 (pinned exactly in pyproject.toml) keeps each
block's document numbers and weights as sequences, read here whole. Anything else (another
codec or version) takes the public, slower way: same results.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any

from whoosh.codec.whoosh3 import W3LeafMatcher
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
            leaf._read_ids()
        if weights:
            if leaf._weights is None:
                leaf._read_weights()
            yield leaf._ids, leaf._weights
        else:
            yield leaf._ids, ()
        leaf._next_block()


def posting_values(reader: Any, fieldname: str, word: str,
                   wanted: set[int] | None) -> Iterator[tuple[Sequence[int], Sequence[float],
                                                           Sequence[Any]]]:
    """(document numbers, weights, encoded values) of each block of a term that holds a
    document of ``wanted``; with ``wanted`` None, every block's document numbers only
    (weights and values empty: decoding them is the costly part)."""
    leaf = _leaf(reader, fieldname, word)
    if leaf is None:
        return
    if type(leaf) is not W3LeafMatcher:
        rows = [(leaf.id(), leaf.weight(), leaf.value()) for _ in _stepping(leaf)]
        if wanted is not None:
            rows = [row for row in rows if row[0] in wanted]
        if rows:
            yield ([r[0] for r in rows], [r[1] for r in rows] if wanted is not None else (),
                   [r[2] for r in rows] if wanted is not None else ())
        return
    while leaf.is_active():
        if leaf._ids is None:
            leaf._read_ids()
        ids = leaf._ids
        if wanted is None:
            yield ids, (), ()
        elif not wanted.isdisjoint(ids):
            if leaf._weights is None:
                leaf._read_weights()
            if leaf._values is None:
                leaf._read_values()
            yield ids, leaf._weights, leaf._values
        leaf._next_block()


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


def length_reader(reader: Any, fieldname: str) -> Callable[[int], int] | None:
    """Document number to the length of ``fieldname``, as BM25F's scorer reads it (for a
    document with a posting in the field, so never empty), or None when the reader offers
    no direct way."""
    perdoc = getattr(reader, "_perdoc", None)
    fast = getattr(perdoc, "doc_field_length_reader", None)
    if fast is None:
        return None
    get: Callable[[int], int] = fast(fieldname, 1)
    return get
