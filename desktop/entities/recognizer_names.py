"""The recognisers' names, on their own: settings and menus need the names at start-up,
not the recognisers (importing those loads the gazetteers' code and regular expressions)."""

from __future__ import annotations

from typing import Final

BUILTIN: Final = "builtin"
SPACY: Final = "spacy"
RECOGNIZER_NAMES: Final = (BUILTIN, SPACY)
