"""The query guard: fuzzy limits and syntax checks of QueryBuilder."""

from __future__ import annotations

import re

import pytest
from whoosh import query

from index.index_schema import IndexSchema
from index.query_builder import (
    MAX_FUZZY_DISTANCE,
    MIN_FUZZY_PREFIX,
    QueryBuilder,
    QuerySyntaxError,
)


@pytest.fixture(scope="module")
def builder() -> QueryBuilder:
    return QueryBuilder(IndexSchema.build())


def _fuzzy_terms(parsed: query.Query) -> list[query.FuzzyTerm]:
    return [node for node in parsed.leaves() if isinstance(node, query.FuzzyTerm)]


def test_fuzzy_defaults_to_distance_one_with_prefix(builder):
    fuzzy = _fuzzy_terms(builder.parse("soleimani~"))
    assert fuzzy
    assert all(node.maxdist == 1 for node in fuzzy)
    assert all(node.prefixlength >= MIN_FUZZY_PREFIX for node in fuzzy)


def test_fuzzy_distance_is_capped(builder):
    fuzzy = _fuzzy_terms(builder.parse("soleimani~9"))
    assert fuzzy
    assert all(node.maxdist == MAX_FUZZY_DISTANCE for node in fuzzy)


def test_explicit_longer_prefix_is_kept(builder):
    fuzzy = _fuzzy_terms(builder.parse("soleimani~2/4"))
    assert fuzzy
    assert all(node.prefixlength == 4 and node.maxdist == 2 for node in fuzzy)


def test_default_group_is_and(builder):
    assert isinstance(builder.parse("alpha bravo"), query.And)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("title:(", "“(”"),
        ("spy)", "“)”"),
        ('"open', "quotation mark"),
        ("title: spy", "title:"),
        ("AND OR", "operators"),
        ("", "no words"),
    ],
)
def test_syntax_errors_are_readable(builder, text, fragment):
    with pytest.raises(QuerySyntaxError, match=re.escape(fragment)):
        builder.parse(text)


def _fields(parsed: query.Query, kind: type) -> set[str]:
    return {node.fieldname for node in parsed.leaves() if isinstance(node, kind)}


@pytest.mark.parametrize(
    ("text", "kind"),
    [("technolgy~", query.FuzzyTerm), ("elect*", query.Prefix), ("wom?n", query.Wildcard)],
)
def test_patterns_search_the_unstemmed_twins(builder, text, kind):
    assert _fields(builder.parse(text), kind) == {"title_exact", "body_exact", "source", "author"}


def test_pattern_text_is_lowercased_not_stemmed(builder):
    (fuzzy,) = [n for n in builder.parse("body:Technolgy~").leaves()]
    assert (fuzzy.fieldname, fuzzy.text) == ("body_exact", "technolgy")


def test_a_quoted_word_is_exact_and_a_bare_word_stemmed(builder):
    quoted = builder.parse('"Captured"')
    assert {(n.fieldname, n.text) for n in quoted.leaves()} >= {
        ("title_exact", "captured"),
        ("body_exact", "captured"),
    }
    bare = builder.parse("Captured")
    assert {(n.fieldname, n.text) for n in bare.leaves()} >= {
        ("title", "captur"),
        ("body", "captur"),
    }


def test_a_field_with_a_phrase_is_a_phrase(builder):
    parsed = builder.parse('title:"Losing yourself in online gaming"')
    assert isinstance(parsed, query.Phrase)
    assert parsed.fieldname == "title"
    assert len(parsed.words) == 5


def test_stop_words_are_kept(builder):
    parsed = builder.parse('"the who"')
    phrases = [node for node in parsed.leaves() if isinstance(node, query.Phrase)]
    assert phrases and all(list(node.words) == ["the", "who"] for node in phrases)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("*a*", "at least 2 letters"),
        ("title:", "title:"),
        ("Title: spy", "Title:"),
        ("\ud800", "invalid character"),
        # An operator without its words was searched as a word: "blair OR" found the 89
        # articles with "or" (a new user's trial).
        ("blair OR", "“OR” needs words after it"),
        ("blair AND", "“AND” needs words after it"),
        ("blair NOT", "“NOT” needs words after it"),
        ("OR blair", "“OR” needs words before it"),
        ("(blair OR) brown", "“OR” needs words after it"),
        ("blair OR OR brown", "“OR” needs words after it"),
        ("blair AND (OR brown)", "“OR” needs words before it"),
    ],
)
def test_more_refusals_are_readable(builder, text, fragment):
    with pytest.raises(QuerySyntaxError, match=re.escape(fragment)):
        builder.parse(text)


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("blair -brown", "blair NOT brown"),
        ('blair -"gordon brown"', 'blair NOT "gordon brown"'),
        ("blair -title:brown", "blair NOT title:brown"),
        ("blair (-brown OR -cook)", "blair (NOT brown OR NOT cook)"),
        ("-brown", "NOT brown"),
        ("blair -(brown OR cook)", "blair NOT (brown OR cook)"),
        ("temperature -5", "temperature 5"),
        # A minus inside a word, a spaced dash, or quoted text is no exclusion.
        ("e-mail well-known 1-0", "e-mail well-known 1-0"),
        ("blair - brown", "blair brown"),
        ('"well -known" blair', '"well -known" blair'),
    ],
)
def test_a_minus_before_a_word_excludes_it(builder, typed, meant):
    """The parser read the minus as nothing: ``blair -brown`` found the articles with both
    words (a new user's trial)."""
    assert builder.parse(typed) == builder.parse(meant)


@pytest.mark.parametrize("text", ["NOT blair", "blair AND NOT brown", "blair or", "ORANGE"])
def test_operators_that_have_their_words_and_lowercase_words_are_searched(builder, text):
    assert builder.parse(text) is not None
