"""Entity-level precision, recall and F1 of a recogniser on a CoNLL-2003 file.

A predicted name counts when its tokens and its type equal a gold name's (the CoNLL
evaluation's rule). Only PER, ORG and LOC are scored: MISC names in the gold are left out,
and a predicted span of a type that maps to none of the three (``other``, a user's own)
counts as nothing. Speed is paragraphs (the corpus's sentences, a line each) per second
of recognition alone, on the calling thread: per second of the process's CPU time (one
core, whatever else the machine is doing) and per second of wall-clock time.
"""

from __future__ import annotations

import bisect
import time
from dataclasses import dataclass, field
from typing import Final

from desktop.entities.conll_corpus import CONLL_TYPES, ConllCorpus, entity_set, to_iob1
from desktop.entities.recognizer import ORGANISATION, PERSON, PLACE, EntitySpan, Recognizer

TYPE_TAGS: Final = {PERSON: "PER", ORGANISATION: "ORG", PLACE: "LOC"}


@dataclass(slots=True)
class Score:
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 0.0

    @property
    def recall(self) -> float:
        gold = self.true_positives + self.false_negatives
        return self.true_positives / gold if gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_json(self) -> dict[str, float | int]:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "f1": round(self.f1, 4), "true_positives": self.true_positives,
                "false_positives": self.false_positives,
                "false_negatives": self.false_negatives}


@dataclass(slots=True)
class EvaluationResult:
    scores: dict[str, Score] = field(default_factory=dict)  # PER, ORG, LOC, overall
    documents: int = 0
    paragraphs: int = 0
    seconds: float = 0.0  # CPU time of recognition (one thread, so one core)
    wall_seconds: float = 0.0
    predicted: list[list[list[str]]] = field(default_factory=list)

    @property
    def paragraphs_per_second(self) -> float:
        return self.paragraphs / self.seconds if self.seconds else 0.0

    @property
    def paragraphs_per_wall_second(self) -> float:
        return self.paragraphs / self.wall_seconds if self.wall_seconds else 0.0

    def to_json(self) -> dict[str, object]:
        return {
            "scores": {name: score.to_json() for name, score in self.scores.items()},
            "documents": self.documents, "paragraphs": self.paragraphs,
            "cpu_seconds": round(self.seconds, 4), "wall_seconds": round(self.wall_seconds, 4),
            "paragraphs_per_second": round(self.paragraphs_per_second, 1),
            "paragraphs_per_wall_second": round(self.paragraphs_per_wall_second, 1),
        }


class ConllEvaluation:
    def __init__(self, recognizer: Recognizer) -> None:
        self._recognizer = recognizer

    def run(self, corpus: ConllCorpus) -> EvaluationResult:
        result = EvaluationResult(scores={t: Score() for t in (*CONLL_TYPES, "overall")})
        found: list[list[EntitySpan]] = []
        started, cpu = time.perf_counter(), time.process_time()
        for document in corpus.documents:
            found.append(self._recognizer.recognize(document.text))
        result.seconds = time.process_time() - cpu
        result.wall_seconds = time.perf_counter() - started
        result.documents = len(corpus.documents)
        result.paragraphs = corpus.sentence_count
        for document, spans in zip(corpus.documents, found, strict=True):
            predicted = token_tags(document.spans, spans)
            result.predicted.append(predicted)
            for sentence, tags in zip(document.sentences, predicted, strict=True):
                _count(entity_set(sentence.tags), entity_set(tags), result.scores)
        return result


def token_tags(token_spans: list[list[tuple[int, int]]], spans: list[EntitySpan]) -> list[
        list[str]]:
    """IOB1 tags for the tokens of each sentence: a token takes the type of the first span
    that overlaps it."""
    flat = [span for sentence in token_spans for span in sentence]
    starts = [s for s, _ in flat]
    types: list[str | None] = [None] * len(flat)
    begins = [False] * len(flat)
    for span in spans:
        tag = TYPE_TAGS.get(span.type)
        if tag is None:
            continue
        index = max(bisect.bisect_right(starts, span.start) - 1, 0)
        first = True
        while index < len(flat) and flat[index][0] < span.end:
            if flat[index][1] > span.start and types[index] is None:
                types[index] = tag
                begins[index] = first
                first = False
            index += 1
    tags: list[list[str]] = []
    offset = 0
    for sentence in token_spans:
        end = offset + len(sentence)
        tags.append(to_iob1(types[offset:end], begins[offset:end]))
        offset = end
    return tags


def _count(gold: set[tuple[int, int, str]], predicted: set[tuple[int, int, str]],
           scores: dict[str, Score]) -> None:
    for kind in CONLL_TYPES:
        g = {e for e in gold if e[2] == kind}
        p = {e for e in predicted if e[2] == kind}
        hits = len(g & p)
        for name in (kind, "overall"):
            scores[name].true_positives += hits
            scores[name].false_positives += len(p) - hits
            scores[name].false_negatives += len(g) - hits
