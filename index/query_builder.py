"""Turns the text typed in the search box into a guarded Whoosh query."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

from whoosh import fields, qparser, query

from index.index_schema import DEFAULT_FIELDS, TITLE_BOOST

# Fuzzy terms expand against the whole term list: an edit distance of 2 with no fixed prefix
# took 24 s on 50k articles (shared/notes/whoosh.md). Cap the distance and require a prefix.
MAX_FUZZY_DISTANCE: Final = 2
MIN_FUZZY_PREFIX: Final = 2

_QUOTED: Final = re.compile(r'"[^"]*"')
_OPERATORS: Final = frozenset({"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE"})


class QuerySyntaxError(ValueError):
    """The query text cannot be searched; ``str(exc)`` is a message fit for the user."""


class QueryBuilder:
    """Parses with AND between words; supports phrases, field:term, OR/NOT, prefix* and term~."""

    def __init__(
        self, schema: fields.Schema, default_fields: Sequence[str] = DEFAULT_FIELDS
    ) -> None:
        self._field_names = tuple(schema.names())
        self._parser = qparser.MultifieldParser(
            list(default_fields),
            schema,
            fieldboosts={"title": TITLE_BOOST},
            group=qparser.AndGroup,
        )
        self._parser.add_plugin(qparser.FuzzyTermPlugin())
        empty_field = "|".join(re.escape(name) for name in self._field_names)
        # "title:" followed by nothing: Whoosh would silently search for the word "title".
        self._empty_field = re.compile(rf"(?<![\w.])({empty_field}):(?=\s|\)|$)")

    def parse(self, text: str) -> query.Query:
        """Return the query, or raise QuerySyntaxError with a readable reason."""
        self._check_syntax(text)
        try:
            parsed = self._parser.parse(text)
        except Exception as exc:  # the parser's failures are not one exception type
            raise QuerySyntaxError(f"The query could not be understood: {exc}") from exc
        # Empty text, lone operators ("AND") and stop words only all parse to NullQuery.
        if isinstance(parsed, type(query.NullQuery)):
            raise QuerySyntaxError("The query has no words to search for.")
        return parsed.accept(self._guard_fuzzy)

    def _check_syntax(self, text: str) -> None:
        # Whoosh's parser never fails: it drops or reinterprets what it cannot parse, which
        # searches for something the user did not ask for. Catch the common slips up front.
        if text.count('"') % 2:
            raise QuerySyntaxError("The query has a quotation mark that is never closed.")
        unquoted = _QUOTED.sub(" ", text)
        depth = 0
        for char in unquoted:
            if char == "(":
                depth += 1
            elif char == ")":
                depth -= 1
                if depth < 0:
                    raise QuerySyntaxError("The query has a “)” without a matching “(”.")
        if depth:
            raise QuerySyntaxError("The query has a “(” that is never closed.")
        words = unquoted.replace("(", " ").replace(")", " ").split()
        if words and all(word in _OPERATORS for word in words):
            raise QuerySyntaxError("The query has only operators (AND, OR, NOT) and no words.")
        match = self._empty_field.search(unquoted)
        if match:
            raise QuerySyntaxError(f"Nothing to search for after “{match.group(1)}:”.")

    @staticmethod
    def _guard_fuzzy(node: query.Query) -> query.Query:
        if not isinstance(node, query.FuzzyTerm):
            return node
        return query.FuzzyTerm(
            node.fieldname,
            node.text,
            boost=node.boost,
            maxdist=min(node.maxdist, MAX_FUZZY_DISTANCE),
            # Never longer than the word: Whoosh's automaton indexes past its end ("a~").
            prefixlength=min(max(node.prefixlength, MIN_FUZZY_PREFIX), len(node.text)),
            # Constant scores skip per-variant weighting: cheaper and fair to all spellings.
            constantscore=True,
        )
