"""Full-text search for Research Notes, backed by Whoosh.

The public API speaks plain Python types only, so the engine behind it can be replaced.
This package is the only one that imports ``whoosh``; it never imports the application.

Each name loads its module on first use (PEP 562): the window needs the plain result types
at start-up, and Whoosh (about a second of imports and regular expressions on a busy
machine) only once it searches or checks the index, after it is shown.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from index.facet_counts import FACET_FIELDS, FacetCounts
    from index.file_seals import SealCheckStopped
    from index.index_check import IndexCheck
    from index.index_document import IndexDocument, TextSource
    from index.index_home import IndexHome
    from index.index_status import IndexStatus
    from index.index_updater import IndexBusyError, IndexNotReadyError, IndexUpdater
    from index.query_builder import QuerySyntaxError
    from index.search_hit import SearchHit
    from index.search_index import SearchIndex
    from index.search_results import SearchResults
    from index.snippet import Snippet

_HOMES = {
    "FACET_FIELDS": "facet_counts",
    "FacetCounts": "facet_counts",
    "IndexCheck": "index_check",
    "IndexDocument": "index_document",
    "TextSource": "index_document",
    "IndexHome": "index_home",
    "IndexStatus": "index_status",
    "IndexBusyError": "index_updater",
    "IndexNotReadyError": "index_updater",
    "IndexUpdater": "index_updater",
    "QuerySyntaxError": "query_syntax",
    "SealCheckStopped": "file_seals",
    "SearchHit": "search_hit",
    "SearchIndex": "search_index",
    "SearchResults": "search_results",
    "Snippet": "snippet",
}

__all__ = [
    "FACET_FIELDS",
    "FacetCounts",
    "IndexBusyError",
    "IndexCheck",
    "IndexDocument",
    "IndexHome",
    "IndexNotReadyError",
    "IndexStatus",
    "IndexUpdater",
    "QuerySyntaxError",
    "SealCheckStopped",
    "SearchHit",
    "SearchIndex",
    "SearchResults",
    "Snippet",
    "TextSource",
]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"index.{home}"), name)
    globals()[name] = value  # later lookups skip this function
    return value
