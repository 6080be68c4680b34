"""Full-text search for Research Notes, backed by Whoosh.

The public API speaks plain Python types only, so the engine behind it can be replaced.
This package is the only one that imports ``whoosh``; it never imports the application.
"""

from index.index_document import IndexDocument, TextSource
from index.index_status import IndexStatus
from index.query_builder import QuerySyntaxError
from index.search_hit import SearchHit
from index.search_index import IndexNotReadyError, SearchIndex
from index.search_results import SearchResults
from index.snippet import Snippet

__all__ = [
    "IndexDocument",
    "IndexNotReadyError",
    "IndexStatus",
    "QuerySyntaxError",
    "SearchHit",
    "SearchIndex",
    "SearchResults",
    "Snippet",
    "TextSource",
]
