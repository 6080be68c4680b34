"""One segment's posting blocks, each word read once per search."""

from __future__ import annotations

from typing import Any

from index.posting_blocks import Block, posting_blocks


class PostingCache:
    """(document numbers, weights) of each block of the words a search reads.

    Counting a query's matches and then scoring them read the same words; a block is one
    pickle holding the block's word positions too, and unpickling it is most of the cost
    (about a microsecond per posting of a phrase field), so it is done once.
    """

    def __init__(self, reader: Any) -> None:
        self.reader = reader
        self._kept: dict[tuple[str, str], list[Block]] = {}

    def blocks(self, fieldname: str, word: str) -> list[Block]:
        """The word's blocks in ``fieldname``, deleted documents included; none when the
        segment does not have the word."""
        key = (fieldname, word)
        found = self._kept.get(key)
        if found is None:
            found = list(posting_blocks(self.reader, fieldname, word, True))
            self._kept[key] = found
        return found
