"""Which recognisers there are, and making one by its name (a setting, a CLI option)."""

from __future__ import annotations

from collections.abc import Iterable

from desktop.entities.builtin_recognizer import BuiltinRecognizer
from desktop.entities.curated_matcher import CuratedName
from desktop.entities.recognizer import Recognizer
from desktop.entities.recognizer_names import (
    BUILTIN,
    RECOGNIZER_NAMES,
    SPACY,
    installed_recognizers,
)
from desktop.entities.spacy_recognizer import SpacyRecognizer

__all__ = ["BUILTIN", "RECOGNIZER_NAMES", "SPACY", "Recognizers"]


class Recognizers:
    @staticmethod
    def available() -> list[str]:
        """The recognisers this installation can run (spaCy only when installed)."""
        return installed_recognizers()

    @staticmethod
    def make(name: str = BUILTIN, curated: Iterable[CuratedName] = ()) -> Recognizer:
        """Raises ``ValueError`` for an unknown name and ``SpacyUnavailableError`` when
        spaCy is chosen but not installed."""
        if name == BUILTIN:
            return BuiltinRecognizer(curated)
        if name == SPACY:
            return SpacyRecognizer(curated)
        raise ValueError(f"There is no recogniser “{name}” (known: {', '.join(RECOGNIZER_NAMES)}).")
