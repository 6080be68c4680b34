"""Whoosh's query parser, adjusted to the schema: exact twins, user field names, quoted words."""

from __future__ import annotations

from typing import Any, Final

from whoosh import qparser, query
from whoosh.qparser import syntax
from whoosh.qparser.common import attach
from whoosh.qparser.taggers import RegexTagger

from index.index_schema import EXACT_FIELDS
from index.text_analysis import TextAnalysis

# Fuzzy terms expand against the term list: an edit distance of 2 with no fixed prefix took
# 24 s on 50k articles (shared/notes/whoosh.md). Cap the distance and require a prefix.
MAX_FUZZY_DISTANCE: Final = 2
MIN_FUZZY_PREFIX: Final = 2
# Letters required before the first * or ?: "*a*" or "a*" would walk the whole term list.
MIN_PATTERN_PREFIX: Final = 2


class QuerySyntaxError(ValueError):
    """The query text cannot be searched; ``str(exc)`` is a message fit for the user."""


class QueryParser(qparser.QueryParser):
    """Sends prefix, wildcard and fuzzy terms of a stemmed field to its unstemmed twin.

    Their text must meet real word forms: the stem of a typo ("technolgy" gives
    "technolgi") or of a word start ("elect*") is no word of the text at all.
    Unfielded words search ``fieldnames`` (Whoosh's MultifieldParser, which is a function
    and so cannot be subclassed).
    """

    def __init__(
        self, fieldnames: list[str], schema: Any, fieldboosts: dict[str, float], **kwargs: Any
    ) -> None:
        super().__init__(None, schema, **kwargs)
        self.add_plugin(qparser.MultifieldPlugin(fieldnames, fieldboosts=fieldboosts))

    def term_query(
        self,
        fieldname: str,
        text: str,
        termclass: type,
        boost: float = 1.0,
        tokenize: bool = True,
        removestops: bool = True,
    ) -> Any:
        if fieldname in EXACT_FIELDS and issubclass(termclass, query.MultiTerm):
            fieldname = EXACT_FIELDS[fieldname]
        return super().term_query(fieldname, text, termclass, boost, tokenize, removestops)


class UserFieldsPlugin(qparser.FieldsPlugin):
    """Only the given names (any letter case) count as fields before a colon.

    Whoosh tags any ``word:`` and keeps it when the schema has such a field, so
    ``key:`` or ``body_exact:`` would reach the engine's own fields. Anything else with a
    colon ("Note:", "3:30") stays text, as in Whoosh.
    """

    class _Tagger(RegexTagger):
        def create(self, parser: Any, match: Any) -> Any:
            return syntax.FieldnameNode(match.group("text").lower(), match.group(0))

    def __init__(self, names: tuple[str, ...]) -> None:
        alternatives = "|".join(sorted(names, key=len, reverse=True))
        super().__init__(expr=rf"(?i:(?P<text>{alternatives})):")

    def taggers(self, parser: Any) -> list[tuple[Any, int]]:
        return [(self._Tagger(self.expr), 0)]


class ExactPhrasePlugin(qparser.PhrasePlugin):
    """A single quoted word is matched in exactly the form typed: ``"US"`` finds "US" and
    "us", not "use" and "used" (which stem to "us"). Longer phrases stay stemmed."""

    class ExactPhraseNode(qparser.PhrasePlugin.PhraseNode):
        def query(self, parser: Any) -> Any:
            exact = EXACT_FIELDS.get(self.fieldname or parser.fieldname)
            if exact is not None and self.slop == 1:
                tokens = list(TextAnalysis.tokens(self.text))
                if len(tokens) == 1:
                    return attach(query.Term(exact, tokens[0][0], boost=self.boost), self)
            return super().query(parser)

    class ExactPhraseTagger(RegexTagger):
        def create(self, parser: Any, match: Any) -> Any:
            slop = match.group("slop")
            node = ExactPhrasePlugin.ExactPhraseNode(
                match.group("text"), match.start("text"), int(slop) if slop else 1
            )
            node.degrade = False
            return node

    def taggers(self, parser: Any) -> list[tuple[Any, int]]:
        return [(self.ExactPhraseTagger(self.expr), 0)]
