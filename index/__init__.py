"""Full-text search for Research Notes, backed by Whoosh.

The public API speaks plain Python types only, so the engine behind it can be replaced.
This package is the only one that imports ``whoosh``; it never imports the application.
"""

from index.facet_counter import FACET_FIELDS, FacetCounts
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
    "SearchHit",
    "SearchIndex",
    "SearchResults",
    "Snippet",
    "TextSource",
]
