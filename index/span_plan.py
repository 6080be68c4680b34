"""What to mark in a hit's title and body, read from the query that was run."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from whoosh import query

from index.expanded_terms import ExpandedTerms
from index.index_schema import EXACT_FIELDS

# (stemmed words in order, slop): slop 1 means side by side, as in Whoosh's Phrase.
Phrase = tuple[tuple[str, ...], int]


@dataclass(frozen=True, slots=True)
class FieldMarks:
    """The terms of one text field: lone terms are marked wherever they occur, phrase words
    only where the whole phrase occurs ("interest rates" never marks a lone "rate")."""

    stems: frozenset[str] = frozenset()
    # Lowercased word forms: prefix/fuzzy expansions and single quoted words.
    exact: frozenset[str] = frozenset()
    phrases: tuple[Phrase, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.stems or self.exact or self.phrases)


@dataclass(slots=True)
class _Collected:
    stems: set[str] = field(default_factory=set)
    exact: set[str] = field(default_factory=set)
    phrases: dict[Phrase, None] = field(default_factory=dict)


class SpanPlan:
    """Per text field (title, body), the marks a query calls for.

    Read from the query after expansion, so prefix and fuzzy terms mark exactly the words
    that were searched (and no capped-away ones). Negated parts mark nothing.
    """

    def __init__(self, marks: dict[str, FieldMarks]) -> None:
        self._marks = marks

    @classmethod
    def of(cls, final: query.Query) -> SpanPlan:
        collected = {name: _Collected() for name in EXACT_FIELDS}
        exact_of = {exact: name for name, exact in EXACT_FIELDS.items()}
        for node in _positive_leaves(final):
            fieldname = getattr(node, "fieldname", None)
            if fieldname in collected:
                target, stemmed = collected[fieldname], True
            elif fieldname in exact_of:
                target, stemmed = collected[exact_of[fieldname]], False
            else:
                continue  # source, author and the facets are not marked
            words = _words(node)
            if isinstance(node, query.Phrase) and stemmed:
                if len(words) > 1:
                    target.phrases[(tuple(words), max(1, int(node.slop)))] = None
                else:
                    target.stems.update(words)
            else:
                (target.stems if stemmed else target.exact).update(words)
        return cls(
            {
                name: FieldMarks(frozenset(c.stems), frozenset(c.exact), tuple(c.phrases))
                for name, c in collected.items()
            }
        )

    def marks(self, fieldname: str) -> FieldMarks:
        """The marks for ``fieldname`` ("title" or "body"); empty for any other."""
        return self._marks.get(fieldname, FieldMarks())


def _positive_leaves(node: query.Query) -> Iterable[query.Query]:
    if isinstance(node, query.Not):
        return
    if isinstance(node, query.AndNot):
        yield from _positive_leaves(node.a)
        return
    if isinstance(node, ExpandedTerms | query.Phrase) or node.is_leaf():
        yield node
        return
    for child in node.children():
        yield from _positive_leaves(child)


def _words(node: query.Query) -> list[str]:
    if isinstance(node, ExpandedTerms):
        return list(node.words)
    if isinstance(node, query.Phrase):
        return [str(word) for word in node.words]
    if isinstance(node, query.Term):
        text = node.text
        return [text.decode("utf-8") if isinstance(text, bytes) else str(text)]
    return []
