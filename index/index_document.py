"""The document the application hands to the search engine."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class IndexDocument:
    """One article as the search engine sees it: plain Python types only, no engine objects."""

    id: int
    title: str
    body: str
    source: str = ""
    author: str = ""
    # ISO "YYYY-MM-DD" or an ISO datetime; kept as text because ISO strings sort correctly.
    published: str | None = None
