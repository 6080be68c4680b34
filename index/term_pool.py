"""A writer's postings, grouped by term as they arrive instead of sorted one by one."""

from __future__ import annotations

import contextlib
import heapq
import pickle
from collections.abc import Iterator
from itertools import groupby
from operator import itemgetter
from typing import Any, Final

from whoosh.writing import PostingPool

# A posting's memory in the pool: three list slots, its encoded positions (a bytes object
# of about 12 bytes; a word seen once shares one), its weight (shared floats). Measured
# with tracemalloc, 3,000 BBC articles: 76 bytes a posting, new terms included; the rest is
# headroom for the allocator.
_POSTING_BYTES: Final = 90
# A new term's own cost (its key, a dictionary slot, three lists): about 350 bytes when
# every posting brings a new term (numbers, names, CJK), which the average above hides.
_TERM_BYTES: Final = 300
# Postings per pickled chunk of a spilled run: enough that pickling runs in C. A chunk holds
# whole terms, and merging joins a term's postings from every run, so a merge holds the
# current term whole (a word in every document: a few MB at 50,000 articles).
_CHUNK: Final = 4096

# fieldname, term, document numbers, weights, values (one each per posting)
Term = tuple[str, bytes, list[int], list[float], list[Any]]
_KEY: Final = itemgetter(0, 1)


class TermPool(PostingPool):
    """Whoosh's posting pool, holding each term's postings together.

    Whoosh's pool keeps a tuple per posting, sorts them all (spilling sorted runs to disk
    when they outgrow the memory limit, a pickle per posting) and merges them posting by
    posting into the segment: at 6,675 articles (2.9 million postings) adding, sorting and
    merging were more than half of a rebuild. Here a posting is appended to its term's
    lists; only the terms are sorted, a run holds whole terms, and runs merge term by term.

    Postings reach a term in the order documents are added, which is the order of their
    numbers (a merged segment's are renumbered in order too); a term whose numbers are out
    of order anyway is sorted when it is read, as Whoosh's pool would.
    """

    def __init__(self, tempstore: Any, segment: Any, limitmb: float = 128) -> None:
        super().__init__(tempstore, segment, limitmb=limitmb)
        self._fields: dict[str, dict[bytes, tuple[list[int], list[float], list[Any]]]] = {}
        self._bytes = 0

    @classmethod
    def install(cls, writer: Any) -> None:
        """Give a fresh Whoosh ``SegmentWriter`` this pool instead of its own (empty) one,
        and a field writer that writes its terms a block at a time (see ``BlockWriter``)."""
        from index.block_writer import BlockWriter  # here: it imports this module

        pool = writer.pool
        if type(pool) is PostingPool and not pool.current and not pool.runs:
            writer.pool = cls(pool.tempstore, pool.segment, limitmb=pool.limit / 2**20)
            writer.fieldwriter = BlockWriter(writer.fieldwriter)

    def add(self, item: Any) -> None:
        fieldname, tbytes, docnum, weight, value = item
        terms = self._fields.get(fieldname)
        if terms is None:
            terms = self._fields[fieldname] = {}
            self.fieldnames.add(fieldname)
        postings = terms.get(tbytes)
        if postings is None:
            terms[tbytes] = ([docnum], [weight], [value])
            self._bytes += _TERM_BYTES + len(tbytes)
        else:
            postings[0].append(docnum)
            postings[1].append(weight)
            postings[2].append(value)
        self._bytes += _POSTING_BYTES
        if self._bytes >= self.limit:
            self.save()

    def add_terms(self, fieldname: str, docnum: int, terms: list[bytes],
                  weights: list[float], values: list[Any]) -> None:
        """One document's postings in one field, as ``add`` would take them one by one."""
        fieldterms = self._fields.get(fieldname)
        if fieldterms is None:
            fieldterms = self._fields[fieldname] = {}
            self.fieldnames.add(fieldname)
        get = fieldterms.get
        new = 0
        for tbytes, weight, value in zip(terms, weights, values, strict=True):
            postings = get(tbytes)
            if postings is None:
                fieldterms[tbytes] = ([docnum], [weight], [value])
                new += _TERM_BYTES + len(tbytes)
            else:
                postings[0].append(docnum)
                postings[1].append(weight)
                postings[2].append(value)
        self._bytes += new + _POSTING_BYTES * len(terms)
        if self._bytes >= self.limit:
            self.save()

    def save(self) -> None:
        """Spill the pool's terms to a run, in order, a chunk at a time."""
        if not self._fields:
            return
        path, f = self._new_run()
        chunk: list[Term] = []
        size = 0
        for term in self._held():
            chunk.append(term)
            size += len(term[2])
            if size >= _CHUNK:
                pickle.dump(chunk, f, pickle.HIGHEST_PROTOCOL)
                chunk, size = [], 0
        if chunk:
            pickle.dump(chunk, f, pickle.HIGHEST_PROTOCOL)
        f.close()
        self.runs.append(path)
        self._fields = {}
        self._bytes = 0

    def terms(self) -> Iterator[Term]:
        """Every term with all its postings, in the segment's order (field, then term)."""
        held = self._held()
        if not self.runs:
            for term in held:
                yield _ordered(term)
            return
        runs, self.runs = self.runs, []
        sources = [self._read_run(path) for path in runs]
        sources.append(held)
        # heapq.merge is stable: a term's postings from earlier runs come first.
        for (fieldname, tbytes), group in groupby(heapq.merge(*sources, key=_KEY), key=_KEY):
            parts = list(group)
            if len(parts) == 1:
                yield _ordered(parts[0])
                continue
            yield _ordered((fieldname, tbytes, [n for part in parts for n in part[2]],
                            [w for part in parts for w in part[3]],
                            [v for part in parts for v in part[4]]))

    def iter_postings(self) -> PooledTerms:
        return PooledTerms(self)

    # Whoosh's other ways into a pool (its multiprocessing writer without ``multisegment``
    # merges the helpers' runs itself) expect runs of single postings: not these.

    def items(self, maxfiles: int = 128) -> Any:
        raise NotImplementedError("TermPool: use iter_postings() or terms()")

    def reduce_to(self, target: int, k: int) -> None:
        raise NotImplementedError("TermPool: runs hold whole terms")

    def cleanup(self) -> None:
        for path in self.runs:
            with contextlib.suppress(OSError):
                self._remove_run(path)
        self.runs = []
        self._fields = {}

    def _held(self) -> Iterator[Term]:
        fields = self._fields
        for fieldname in sorted(fields):
            terms = fields[fieldname]
            for tbytes in sorted(terms):
                docnums, weights, values = terms[tbytes]
                yield fieldname, tbytes, docnums, weights, values

    def _read_run(self, path: str) -> Iterator[Term]:
        # A run is this writer's own temporary file, written by save() above: the only
        # pickles unpickled here.
        f = self._open_run(path)
        try:
            while True:
                try:
                    chunk = pickle.load(f)
                except EOFError:
                    return
                yield from chunk
        finally:
            f.close()
            self._remove_run(path)


class PooledTerms:
    """What a ``TermPool`` hands the field writer: its terms for ``BlockWriter``, or, for
    any other consumer, Whoosh's stream of ``(fieldname, term, docnum, weight, value)``."""

    def __init__(self, pool: TermPool) -> None:
        self.pool = pool

    def terms(self) -> Iterator[Term]:
        return self.pool.terms()

    def __iter__(self) -> Iterator[tuple[str, bytes, int, float, Any]]:
        for fieldname, tbytes, docnums, weights, values in self.terms():
            for docnum, weight, value in zip(docnums, weights, values, strict=True):
                yield fieldname, tbytes, docnum, weight, value


def _ordered(term: Term) -> Term:
    fieldname, tbytes, docnums, weights, values = term
    if all(map(int.__lt__, docnums, docnums[1:])):
        return term
    # Not in document order, or a document twice (a document that failed part-way left
    # postings under a number used again): sort as Whoosh's pool sorts postings.
    postings = sorted(zip(docnums, weights, values, strict=True),
                      key=lambda p: (p[0], p[1], p[2] is not None, p[2] or b""))
    return (fieldname, tbytes, [p[0] for p in postings], [p[1] for p in postings],
            [p[2] for p in postings])
