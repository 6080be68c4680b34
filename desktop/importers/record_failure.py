"""A record of a batch file that could not be read."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class RecordFailure:
    """One record of a batch file that could not be read; the rest of the file goes on."""

    detail: str  # where in the file ("record 17", "line 230")
    reason: str
