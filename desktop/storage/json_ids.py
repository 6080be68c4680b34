"""Many ids crossing from SQLite into Python as one JSON text, parsed in slices.

Row by row, the sqlite3 module spends about a microsecond a row (0.6 s for 500,000 ids on
the 2-core test machine), and each step of the cursor gives the interpreter lock up and
takes it back; ``json_group_array`` plus ``json.loads`` take half the time. An aggregate
over an ordered subquery sees its rows in that order: SQLite keeps a FROM-clause
subquery's ORDER BY when the outer query uses an aggregate other than count, min or max,
and neither flattens such a subquery nor drops its order.

In slices: one ``json.loads`` of 500,000 numbers holds the interpreter lock for over 100 ms,
and the GUI thread waits that long; between slices it gets its turn.
"""

from __future__ import annotations

import json
from array import array
from collections.abc import Iterator
from typing import Final

# Characters parsed at a time: about 25,000 ids, 5 ms.
JSON_SLICE: Final = 200_000


def json_id_slices(text: str | None) -> Iterator[list[int]]:
    """The numbers of the JSON array ``text`` in order, a slice at a time (``None``, what
    some aggregates give for no rows, has none)."""
    if not text:
        return
    start, end = 1, len(text) - 1  # inside the brackets
    while start < end:
        stop = text.find(",", start + JSON_SLICE)
        stop = end if stop == -1 else stop
        yield json.loads(f"[{text[start:stop]}]")
        start = stop + 1


def json_ids(text: str | None) -> array[int]:
    """Every number of the JSON array ``text``, in order."""
    ids: array[int] = array("q")
    for part in json_id_slices(text):
        ids.extend(part)
    return ids
