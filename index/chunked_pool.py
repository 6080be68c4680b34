"""Whoosh's posting pool, spilling to disk in chunks instead of one pickle per posting."""

from __future__ import annotations

import pickle
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any, BinaryIO, Final

from whoosh.writing import PostingPool

# Postings per pickled chunk: enough that pickling runs in C; few enough that a merge,
# which holds a chunk of each run (Whoosh merges up to 128 at once), stays small: about
# 180 KB a chunk of article postings, 23 MB for 128 runs.
_CHUNK: Final = 1024


class ChunkedPool(PostingPool):
    """A writer's pool of postings, sorted in runs when it outgrows its memory limit.

    Whoosh pickles and unpickles each posting of a spilled run on its own: at 6,675
    articles (2.9 million postings, two runs) that was a quarter of a single-process
    rebuild, and a larger import spills more. Here a run is written and read a chunk of
    postings at a time. The runs are this process's own temporary files.
    """

    @classmethod
    def install(cls, writer: Any) -> None:
        """Give a fresh Whoosh ``SegmentWriter`` this pool instead of its own (empty) one."""
        pool = writer.pool
        if type(pool) is PostingPool and not pool.current and not pool.runs:
            chunked = cls(pool.tempstore, pool.segment)
            chunked.limit = pool.limit
            writer.pool = chunked

    def _write_run(self, f: BinaryIO, items: Iterable[Any]) -> None:
        # Items may be a merge of other runs (too many open at once): taken chunk by chunk.
        source = iter(items)
        while chunk := list(islice(source, _CHUNK)):
            pickle.dump(chunk, f, pickle.HIGHEST_PROTOCOL)
        f.close()

    def _read_run(self, path: str) -> Iterator[Any]:
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
