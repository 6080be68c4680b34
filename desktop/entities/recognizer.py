"""What every recogniser takes and gives: text in, typed spans out.

Spans count Unicode code points in the text given (end exclusive), as every position in
the project does. ``type`` is an entity type's name (``person``, ``organisation``,
``place`` or a type of the user's own, for curated names); ``name`` is the canonical name
the span refers to ("Ghasem Soleimani" for a bare "Soleimani" after it), ``text`` the
surface string.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Protocol, runtime_checkable

PERSON: Final = "person"
ORGANISATION: Final = "organisation"
PLACE: Final = "place"
OTHER: Final = "other"


@dataclass(frozen=True, slots=True)
class EntitySpan:
    start: int
    end: int
    type: str
    text: str
    name: str
    confidence: float
    # What found it: "curated", "gazetteer", "rule", "propagated", "spacy".
    source: str = "rule"
    # The project's entity, for a curated name.
    entity_id: int | None = None


@runtime_checkable
class Recognizer(Protocol):
    """Finds the names of people, organisations and places in a text (one document)."""

    name: str

    def recognize(self, text: str) -> list[EntitySpan]:
        """Spans in ``text``, ordered by start, never overlapping."""
        ...
