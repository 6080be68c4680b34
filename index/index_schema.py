"""The Whoosh schema, its analyzers, and the settings that identify them in the meta file."""

from __future__ import annotations

from typing import Final

from whoosh import fields
from whoosh.analysis import (
    STOP_WORDS,
    Analyzer,
    LowercaseFilter,
    RegexTokenizer,
    StemmingAnalyzer,
    StopFilter,
)

from index.index_document import IndexDocument

# Scripts written without spaces between words (Chinese characters, Japanese kana): every
# character is a token of its own. Otherwise a whole sentence would be one token and no word
# inside it could be found. A query word made of several such characters becomes a phrase
# (multitoken_query="phrase"), so "東京" only matches the two characters side by side.
_CJK: Final = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# Combining marks (decomposed accents, Hebrew points, Arabic harakat) are not matched by \w;
# without them a pointed Hebrew or vowelled Arabic word would be cut into pieces.
_MARKS: Final = "\u0300-\u036f\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed"
_WORD: Final = rf"(?:[^\W{_CJK}]|[{_MARKS}])+"
# Like Whoosh's default (\w+(\.?\w+)*) so "U.S.A" and "3.14" stay one token, plus the above.
TOKEN_PATTERN: Final = rf"[{_CJK}]|{_WORD}(?:\.{_WORD})*"

# Applied twice on purpose: at index time (schema field_boost, which only doubles the term
# frequency and so is mostly flattened by BM25's saturation) and at query time (parser field
# boost, which scales the title's score), so a title match outranks a body-only match.
TITLE_BOOST: Final = 2.0
# The fields a query searches when it names none.
DEFAULT_FIELDS: Final = ("title", "body", "source", "author")
# Fields whose matched words are marked in results (source/author are shown as plain labels).
TEXT_FIELDS: Final = ("title", "body")


class IndexSchema:
    """Builds the schema; every analyzer choice is listed in ``analyzer_settings``.

    Whoosh pickles the schema into the index, so changing anything here without bumping
    ``SearchIndex.VERSION`` (or the settings) would let old indexes be opened with queries
    analysed differently from their terms.
    """

    @staticmethod
    def analyzer_settings() -> dict[str, object]:
        """JSON-ready description of the analyzers; stored in the meta file and compared."""
        return {
            "name": "StemmingAnalyzer",
            "expression": TOKEN_PATTERN,
            # 1, not Whoosh's 2: single CJK characters are real words.
            "minsize": 1,
            "stoplist": sorted(STOP_WORDS),
            "stemmer": "porter",
            "plain_fields": "RegexTokenizer+LowercaseFilter+StopFilter(minsize=1)",
            "multitoken_query": "phrase",
            "title_boost": TITLE_BOOST,
            "title_query_boost": TITLE_BOOST,
        }

    @staticmethod
    def text_analyzer() -> Analyzer:
        """Tokenise, lowercase, drop English stop words, Porter-stem (title and body)."""
        return StemmingAnalyzer(expression=TOKEN_PATTERN, minsize=1)

    @staticmethod
    def plain_analyzer() -> Analyzer:
        """No stemming for names: "Reuters" must not be conflated with "reuter".

        Stop words still go, or a lone "and" typed in the box would search sources and
        authors for the word "and" instead of being reported as an empty query.
        """
        return RegexTokenizer(expression=TOKEN_PATTERN) | LowercaseFilter() | StopFilter(minsize=1)

    @staticmethod
    def build() -> fields.Schema:
        """A fresh schema object (analyzers are stateful caches, so never share one)."""
        return fields.Schema(
            key=fields.ID(stored=True, unique=True),
            kind=fields.ID(stored=True),
            id=fields.STORED(),
            article_id=fields.STORED(),
            title=fields.TEXT(
                analyzer=IndexSchema.text_analyzer(),
                stored=True,
                field_boost=TITLE_BOOST,
                multitoken_query="phrase",
            ),
            # Not stored: snippets read the body from the database (the truth) by key.
            body=fields.TEXT(analyzer=IndexSchema.text_analyzer(), multitoken_query="phrase"),
            source=fields.TEXT(
                analyzer=IndexSchema.plain_analyzer(), stored=True, multitoken_query="phrase"
            ),
            author=fields.TEXT(
                analyzer=IndexSchema.plain_analyzer(), stored=True, multitoken_query="phrase"
            ),
            # ISO text sorts chronologically; sortable=True keeps it in a column for fast sorting.
            published=fields.ID(stored=True, sortable=True),
        )

    @staticmethod
    def to_fields(document: IndexDocument) -> dict[str, object]:
        """The keyword arguments for ``writer.add_document`` / ``update_document``."""
        values: dict[str, object] = {
            "key": document.key,
            "kind": document.kind,
            "id": document.id,
            "article_id": document.article_id,
            "title": document.title,
            "body": document.body,
            "source": document.source,
            "author": document.author,
        }
        # Leaving the field out (rather than storing "") makes it read back as None.
        if document.published:
            values["published"] = document.published
        return values
