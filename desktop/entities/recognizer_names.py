"""The recognisers' names, on their own: settings and menus need the names at start-up,
not the recognisers (importing those loads the gazetteers' code and regular expressions)."""

from __future__ import annotations

from typing import Final

BUILTIN: Final = "builtin"
SPACY: Final = "spacy"
RECOGNIZER_NAMES: Final = (BUILTIN, SPACY)


def installed_recognizers() -> list[str]:
    """The recognisers this installation can run (spaCy only when installed), found
    without importing any of them."""
    from desktop.entities.spacy_recognizer import spacy_model_package

    return [BUILTIN] + ([SPACY] if spacy_model_package() else [])
