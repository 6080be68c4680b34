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
    assert all(node.constantscore for node in fuzzy)


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
