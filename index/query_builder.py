"""Turns the text typed in the search box into a guarded, bounded Whoosh query."""

from __future__ import annotations

import re
from typing import Final

from whoosh import fields, qparser, query

from index.and_not import ExclusiveAndNot
from index.index_schema import DEFAULT_FIELDS, QUERY_FIELDS, TITLE_BOOST
from index.query_syntax import (
    MAX_FUZZY_DISTANCE,
    MIN_FUZZY_PREFIX,
    MIN_PATTERN_PREFIX,
    ExactPhrasePlugin,
    QueryParser,
    QuerySyntaxError,
    UserFieldsPlugin,
)
from index.text_analysis import TextAnalysis

__all__ = ["MAX_FUZZY_DISTANCE", "MIN_FUZZY_PREFIX", "QueryBuilder", "QuerySyntaxError"]

# A query is typed, not pasted articles: beyond these it is refused with a reason (a
# 2,000-word quoted phrase took 9 s to build its matcher before any limit could bite).
MAX_QUERY_CHARS: Final = 1_000
MAX_QUERY_WORDS: Final = 50
# Each word with *, ? or ~ expands into up to MAX_EXPANSIONS words per field.
MAX_PATTERN_WORDS: Final = 5

# Quoted text is replaced by a placeholder word (not blanked): "title:"…"" is a field
# with a phrase, not an empty field.
_QUOTED: Final = re.compile(r'"[^"]*"')
_OPERATORS: Final = frozenset({"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE"})
_WILDCARDS: Final = re.compile(r"[*?\u055e\u061f\u1367]")
_WORD_EDGES: Final = frozenset(' \t\r\n():"')
# Quoted text (left as typed), or a minus that starts a word (after the start, a space or
# "("), before a letter, a field name, a "(" or a quotation mark. Not before a digit:
# "-5" is a number.
_QUOTED_OR_MINUS: Final = re.compile(r'"[^"]*"|(^|[\s(])-(?=[^\W\d]|[("])')
_TOKENS: Final = re.compile(r"[()]|[^\s()]+")


class QueryBuilder:
    """Parses with AND between words; supports phrases, field:term, field:"phrase", OR/NOT,
    prefix*, wild?card and term~, and refuses what would be unbounded or misunderstood."""

    def __init__(self, schema: fields.Schema) -> None:
        self._parser = QueryParser(
            list(DEFAULT_FIELDS),
            schema,
            fieldboosts={"title": TITLE_BOOST},
            group=qparser.AndGroup,
        )
        self._parser.add_plugin(qparser.FuzzyTermPlugin())
        # Replace, not add: the defaults would still tag every "word:" and every phrase.
        self._parser.remove_plugin_class(qparser.FieldsPlugin)
        self._parser.remove_plugin_class(qparser.PhrasePlugin)
        self._parser.add_plugin(UserFieldsPlugin(QUERY_FIELDS))
        self._parser.add_plugin(ExactPhrasePlugin())
        names = "|".join(re.escape(name) for name in QUERY_FIELDS)
        # "title:" followed by nothing: Whoosh would silently search for the word "title".
        self._empty_field = re.compile(rf"(?<![\w.])({names}):(?=\s|\)|$)", re.IGNORECASE)

    def parse(self, text: str) -> query.Query:
        """Return the query, or raise QuerySyntaxError with a readable reason."""
        self._check_text(text)
        text = _minus_as_not(text)
        self._check_syntax(text)
        try:
            parsed = self._parser.parse(text)
        except QuerySyntaxError:
            raise
        except Exception as exc:  # the parser's failures are not one exception type
            raise QuerySyntaxError(f"The query could not be understood: {exc}") from exc
        # Empty text and lone operators ("AND") parse to NullQuery.
        if isinstance(parsed, type(query.NullQuery)):
            raise QuerySyntaxError("The query has no words to search for.")
        parsed = parsed.accept(self._guard_fuzzy).accept(ExclusiveAndNot.replacing)
        self._check_patterns(parsed, text)
        return parsed

    @staticmethod
    def _check_text(text: str) -> None:
        for char in text:
            if "\ud800" <= char <= "\udfff":
                # Half of a UTF-16 pair (from a broken paste or a bad command-line byte):
                # it cannot be encoded, so the engine could never match it.
                raise QuerySyntaxError(
                    f"The query contains an invalid character (U+{ord(char):04X}, half of an "
                    "emoji or other character that was cut). Please retype it."
                )
        if len(text) > MAX_QUERY_CHARS:
            raise QuerySyntaxError(
                f"The query is too long: {len(text):,} characters, at most "
                f"{MAX_QUERY_CHARS:,} can be searched."
            )
        words = sum(1 for _ in TextAnalysis.tokens(text))
        if words > MAX_QUERY_WORDS:
            # The apostrophe's explanation only where there is one to explain (a new
            # user found it odd under a query without).
            split = " (a word with an apostrophe, such as \"Brown's\", counts as two)" \
                if "'" in text or "\u2019" in text else ""
            raise QuerySyntaxError(
                f"The query has too many words: {words:,}{split}, at most "
                f"{MAX_QUERY_WORDS} can be searched. Keep the few words that matter most; a "
                "quoted passage counts every word."
            )

    def _check_syntax(self, text: str) -> None:
        # Whoosh's parser never fails: it drops or reinterprets what it cannot parse, which
        # searches for something the user did not ask for. Catch the common slips up front.
        if text.count('"') % 2:
            raise QuerySyntaxError("The query has a quotation mark that is never closed.")
        unquoted = _QUOTED.sub(" Q ", text)
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
        _check_operands(_TOKENS.findall(unquoted))
        match = self._empty_field.search(_QUOTED.sub('"Q"', text))
        if match:
            raise QuerySyntaxError(f"Nothing to search for after “{match.group(1)}:”.")

    @staticmethod
    def _check_patterns(parsed: query.Query, text: str) -> None:
        typed: set[str] = set()
        for node in parsed.leaves():
            if isinstance(node, query.Every):
                raise QuerySyntaxError(_leading_wildcard("*"))
            if isinstance(node, query.Prefix | query.Wildcard):
                literal = _WILDCARDS.split(node.text, maxsplit=1)[0]
                if len(literal) < MIN_PATTERN_PREFIX:
                    raise QuerySyntaxError(_leading_wildcard(_source(node, text)))
            if isinstance(node, query.MultiTerm):
                # An unfielded word becomes one node per default field: count it once.
                typed.add(_source(node, text))
        if len(typed) > MAX_PATTERN_WORDS:
            raise QuerySyntaxError(
                f"The query has {len(typed)} words with *, ? or ~; at most "
                f"{MAX_PATTERN_WORDS} can be searched at once."
            )

    @staticmethod
    def _guard_fuzzy(node: query.Query) -> query.Query:
        if not isinstance(node, query.FuzzyTerm):
            return node
        guarded = query.FuzzyTerm(
            node.fieldname,
            node.text,
            boost=node.boost,
            maxdist=min(node.maxdist, MAX_FUZZY_DISTANCE),
            # Never longer than the word: Whoosh's automaton indexes past its end ("a~").
            prefixlength=min(max(node.prefixlength, MIN_FUZZY_PREFIX), len(node.text)),
        )
        guarded.startchar = getattr(node, "startchar", None)
        guarded.endchar = getattr(node, "endchar", None)
        return guarded


def _minus_as_not(text: str) -> str:
    """``-word``, ``-"a phrase"``, ``-title:word`` exclude, as in web search engines: the
    parser read the minus as nothing and searched for the word (``blair -brown`` found the
    articles with both, a new user's trial), and ``-(a OR b)`` excludes both. Only at the
    start of a word and not before a digit: ``e-mail``, ``1-0`` and ``-5`` stay words, and
    quoted text is left as typed."""
    return _QUOTED_OR_MINUS.sub(
        lambda found: found.group(0) if found.group(0).startswith('"')
        else f"{found.group(1)}NOT ", text)


def _check_operands(tokens: list[str]) -> None:
    """AND and OR need words on both sides, NOT after it: Whoosh searched a dangling one as
    a word (``blair OR`` found 89 articles with "or", a new user's trial)."""
    for n, token in enumerate(tokens):
        if token not in _OPERATORS:
            continue
        before = tokens[n - 1] if n else "("
        after = tokens[n + 1] if n + 1 < len(tokens) else ")"
        if token != "NOT" and (before == "(" or before in _OPERATORS):
            raise QuerySyntaxError(f"“{token}” needs words before it.")
        if after == ")" or (after in _OPERATORS and after != "NOT"):
            raise QuerySyntaxError(f"“{token}” needs words after it.")


def _source(node: query.Query, text: str) -> str:
    """The word the user typed for ``node``: the parser lowercases it, strips the field,
    and marks only the wildcard character's position, so widen that to the whole word."""
    start = getattr(node, "startchar", None)
    if not isinstance(start, int) or not 0 <= start < len(text):
        return str(getattr(node, "text", node))
    end = start
    while start > 0 and text[start - 1] not in _WORD_EDGES:
        start -= 1
    while end < len(text) and text[end] not in _WORD_EDGES:
        end += 1
    return text[start:end]


def _leading_wildcard(word: str) -> str:
    return (
        f"“{word}” starts with too few letters before its “*” or “?”: it would have to try "
        f"every word in the index. Type at least {MIN_PATTERN_PREFIX} letters first, "
        "as in “pr*” or “wom?n”."
    )
