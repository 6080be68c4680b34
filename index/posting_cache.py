"""One segment's posting blocks, each word read once per search."""

from __future__ import annotations

from typing import Any

from index.posting_blocks import Block, posting_blocks
from index.search_deadline import SearchDeadline

# Blocks read between two looks at the clock (a word in every one of 500,000 articles has
# about 4,000 blocks).
_CHECK_EVERY_BLOCKS = 64


class PostingCache:
    """(document numbers, weights) of each block of the words a search reads.

    Counting a query's matches and then scoring them read the same words; a block is one
    pickle holding the block's word positions too, and unpickling it is most of the cost
    (about a microsecond per posting of a phrase field), so it is done once.
    """

    def __init__(self, reader: Any, deadline: SearchDeadline) -> None:
        self.reader = reader
        self._deadline = deadline
        self._kept: dict[tuple[str, str], list[Block]] = {}

    def blocks(self, fieldname: str, word: str) -> list[Block]:
        """The word's blocks in ``fieldname``, deleted documents included; none when the
        segment does not have the word."""
        key = (fieldname, word)
        found = self._kept.get(key)
        if found is None:
            found = []
            for block in posting_blocks(self.reader, fieldname, word, True):
                found.append(block)
                if len(found) % _CHECK_EVERY_BLOCKS == 0:
                    self._deadline.check()
            self._kept[key] = found
        return found
