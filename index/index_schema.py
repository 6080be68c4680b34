"""The Whoosh schema (version 2), and the one function that turns a document into fields."""

from __future__ import annotations

import re
from typing import Final

from whoosh import fields

from index.article_pairs import ArticlePairs
from index.index_document import IndexDocument
from index.pair_field import PairField
from index.text_analysis import NAME_SEPARATOR, FoldFilter, TextAnalysis
from index.text_field import TextField

# Applied twice on purpose: at index time (schema field_boost, which only doubles the term
# frequency and so is mostly flattened by BM25's saturation) and at query time (parser field
# boost, which scales the title's score), so a title match outranks a body-only match.
TITLE_BOOST: Final = 2.0
# The fields a query searches when it names none.
DEFAULT_FIELDS: Final = ("title", "body", "source", "author")
# Fields whose matched words are marked in results (source/author are shown as plain labels).
TEXT_FIELDS: Final = ("title", "body")
# The unstemmed twin of each stemmed field: prefix, wildcard and fuzzy terms expand there,
# and a single quoted word ("US") is matched there, in exactly the form typed.
EXACT_FIELDS: Final = {"title": "title_exact", "body": "body_exact"}
# The article pairs of each stemmed field ("the who": see ArticlePairs), where a phrase of
# common words finds its few documents.
PAIR_FIELDS: Final = {"title": "title_pairs", "body": "body_pairs"}
# Field names a user may type before a colon. The others (key, id, the exact twins, the
# sortable source column) are the engine's own; "key:x" is searched as the words "key x".
# "type" is the type of an entity mentioned in an article (person, place, ...); the kind of
# document (article, highlight, note) is "kind".
QUERY_FIELDS: Final = (
    "title", "body", "source", "author", "kind", "collection", "keyword", "language",
    "year", "month", "published", "entity", "type",
)

_DATE: Final = re.compile(r"(\d{4})(?:-(\d{2}))?")


class IndexSchema:
    """Builds the schema; every analysis choice is listed in ``analyzer_settings``.

    Whoosh pickles the schema into the index, so changing anything here without bumping
    ``SearchIndex.VERSION`` (or the settings) would let old indexes be opened with queries
    analysed differently from their terms.

    No titles or bodies are stored: the application hands texts to each search (see
    ``TextSource``), so the index holds terms only and stays a fraction of the database.
    """

    @staticmethod
    def analyzer_settings() -> dict[str, object]:
        """JSON-ready description of the analyzers; stored in the meta file and compared."""
        return {
            "name": "TextAnalysis",
            **TextAnalysis.settings(),
            "exact_fields": dict(EXACT_FIELDS),
            "pair_fields": dict(PAIR_FIELDS),
            "pairs": ArticlePairs.settings(),
            "multitoken_query": "phrase",
            "title_boost": TITLE_BOOST,
            "title_query_boost": TITLE_BOOST,
        }

    @staticmethod
    def build() -> fields.Schema:
        """A fresh schema object (analyzers are stateful caches, so never share one)."""
        value = TextAnalysis.value_analyzer
        return fields.Schema(
            key=fields.ID(stored=True, unique=True),
            kind=fields.ID(stored=True, sortable=True),
            id=fields.STORED(),
            # Indexed too, so a later search can be limited to one article's notes; the
            # column gives every match's article without reading stored fields (facets).
            article_id=fields.ID(stored=True),
            article_num=fields.NUMERIC(int, bits=64, signed=False, sortable=True),
            # Positions (phrase=True) only where phrases are searched: the stemmed fields
            # and the names. The exact twins serve single terms, so frequencies suffice.
            # TextField: the postings of the analyzer, computed faster (see there).
            title=TextField(stemmed=True, field_boost=TITLE_BOOST, multitoken_query="phrase"),
            title_exact=TextField(stemmed=False, phrase=False, multitoken_query="and"),
            body=TextField(stemmed=True, multitoken_query="phrase"),
            body_exact=TextField(stemmed=False, phrase=False, multitoken_query="and"),
            title_pairs=PairField(),
            body_pairs=PairField(),
            source=TextField(stemmed=False, multitoken_query="phrase"),
            author=TextField(stemmed=False, multitoken_query="phrase"),
            # Facets: one exact value each, in columns (sortable=True) for sorting and counting.
            source_name=fields.ID(analyzer=value(), sortable=True),
            # ISO text sorts chronologically.
            published=fields.ID(sortable=True),
            year=fields.ID(sortable=True),
            month=fields.ID(sortable=True),  # "2005-03"
            collection=fields.ID(analyzer=value(), sortable=True),
            language=fields.ID(analyzer=value(), sortable=True),
            # Several values per document: a column holds one, so keywords are terms only
            # (Whoosh facets over them with the term index instead).
            keyword=_folded(fields.KEYWORD(lowercase=True, commas=True, scorable=True)),
            # The names and aliases of the entities an article mentions (phrases allowed,
            # never across two names), and their types.
            entity=fields.TEXT(analyzer=TextAnalysis.name_analyzer(),
                               multitoken_query="phrase"),
            type=fields.KEYWORD(lowercase=True, commas=True),
        )

    @staticmethod
    def to_fields(document: IndexDocument) -> dict[str, object]:
        """The keyword arguments for ``writer.add_document`` / ``update_document``."""
        values: dict[str, object] = {
            "key": document.key,
            "kind": document.kind,
            "id": document.id,
            "title": document.title,
            "title_exact": document.title,
            "body": document.body,
            "body_exact": document.body,
            # Added right after the twins (fields go in sorted order), while the text's
            # stems are still the ones kept (see TextAnalysis.stems): only speed depends on it.
            "title_pairs": document.title,
            "body_pairs": document.body,
            "source": document.source,
            "author": document.author,
        }
        # Empty facets are left out rather than indexed as an empty term nobody can type.
        if document.article_id is not None:
            values["article_id"] = str(document.article_id)
            values["article_num"] = document.article_id
        if document.source.strip():
            values["source_name"] = document.source.strip()
        if document.published:
            values["published"] = document.published
            date = _DATE.match(document.published)
            if date:
                values["year"] = date.group(1)
                if date.group(2):
                    values["month"] = f"{date.group(1)}-{date.group(2)}"
        for name in ("collection", "language"):
            value = getattr(document, name).strip()
            if value:
                values[name] = value
        # Commas separate keywords in the field, so one inside a keyword would split it.
        keywords = [" ".join(k.replace(",", " ").split()) for k in document.keywords]
        if any(keywords):
            values["keyword"] = ",".join(k for k in keywords if k)
        if document.entities:
            values["entity"] = NAME_SEPARATOR.join(document.entities)
        types = [" ".join(t.replace(",", " ").split()) for t in document.entity_types]
        if any(types):
            values["type"] = ",".join(t for t in types if t)
        return values


def _folded(field: fields.KEYWORD) -> fields.KEYWORD:
    """A keyword field whose keywords are folded as words are ("Économie" is "economie")."""
    field.analyzer = field.analyzer | FoldFilter()
    return field
