"""CoNLL-2003 reading, detokenising, the token map and entity-level scores."""

from __future__ import annotations

import io

import pytest

from desktop.entities.conll_corpus import ConllCorpus, entity_set, to_iob1
from desktop.entities.conll_evaluation import ConllEvaluation, token_tags
from desktop.entities.recognizer import ORGANISATION, OTHER, PERSON, PLACE, EntitySpan

SNIPPET = """-DOCSTART- -X- O O

John NNP I-NP I-PER
Kerry NNP I-NP I-PER
visited VBD I-VP O
Iran NNP I-NP I-LOC
's POS B-NP O
capital NN I-NP O
( ( O O
Tehran NNP I-NP I-LOC
) ) O O
. . O O

Reuters NNP I-NP I-ORG
said VBD I-VP O
Kerry NNP I-NP I-PER
Smith NNP I-NP B-PER
spoke VBD I-VP O
English NNP I-NP I-MISC
. . O O

-DOCSTART- -X- O O

Bank NNP I-NP I-ORG
of IN I-PP I-ORG
England NNP I-NP I-ORG
rose VBD I-VP O
$ $ O O
5 CD I-NP O
, , O O
he PRP I-NP O
said VBD I-VP O
. . O O
"""


class Canned:
    """A recogniser that finds fixed strings: the scores are then known by hand."""

    name = "canned"

    def __init__(self, found: dict[str, str]) -> None:
        self._found = found

    def recognize(self, text: str) -> list[EntitySpan]:
        spans = []
        for surface, kind in self._found.items():
            start = text.find(surface)
            while start >= 0:
                spans.append(EntitySpan(start, start + len(surface), kind, surface, surface, 1))
                start = text.find(surface, start + len(surface))
        return sorted(spans, key=lambda s: s.start)


@pytest.fixture
def corpus() -> ConllCorpus:
    return ConllCorpus.parse(io.StringIO(SNIPPET))


def test_documents_are_detokenised_with_a_token_map(corpus):
    first, second = corpus.documents
    assert first.text == ("John Kerry visited Iran's capital (Tehran).\n"
                          "Reuters said Kerry Smith spoke English.")
    assert second.text == "Bank of England rose $5, he said."
    for document in corpus.documents:
        for sentence, offsets in zip(document.sentences, document.spans, strict=True):
            assert [document.text[a:b] for a, b in offsets] == sentence.tokens
    assert corpus.sentence_count == 3


def test_iob1_tags_become_entities_and_back():
    tags = ["I-PER", "I-PER", "B-PER", "O", "I-LOC", "I-MISC", "B-ORG", "I-ORG"]
    assert entity_set(tags) == {(0, 2, "PER"), (2, 3, "PER"), (4, 5, "LOC"), (6, 8, "ORG")}
    assert to_iob1(["PER", "PER", "PER", None, "LOC"], [True, False, True, False, True]) == [
        "I-PER", "I-PER", "B-PER", "O", "I-LOC"]


def test_spans_map_to_the_tokens_they_cover(corpus):
    document = corpus.documents[0]
    spans = [EntitySpan(0, 10, PERSON, "John Kerry", "John Kerry", 1),
             EntitySpan(19, 23, PLACE, "Iran", "Iran", 1),
             EntitySpan(62, 67, PERSON, "Smith", "Smith", 1),
             EntitySpan(56, 61, PERSON, "Kerry", "Kerry", 1),
             EntitySpan(74, 81, OTHER, "English", "English", 1)]  # counts as nothing
    tags = token_tags(document.spans, sorted(spans, key=lambda s: s.start))
    assert tags == [
        ["I-PER", "I-PER", "O", "I-LOC", "O", "O", "O", "O", "O", "O"],
        ["O", "O", "I-PER", "B-PER", "O", "O", "O"]]


def test_scores_are_entity_level_and_ignore_misc(corpus):
    recognizer = Canned({"John Kerry": PERSON, "Iran": PLACE, "Tehran": ORGANISATION,
                         "Reuters": ORGANISATION, "Kerry Smith": PERSON, "English": PLACE,
                         "Bank of England": ORGANISATION, "said": OTHER})
    result = ConllEvaluation(recognizer).run(corpus)
    scores = {name: (s.true_positives, s.false_positives, s.false_negatives)
              for name, s in result.scores.items()}
    # Gold: PER John Kerry, Kerry, Smith; LOC Iran, Tehran; ORG Reuters, Bank of England.
    # "Kerry Smith" as one name matches neither gold name; "Tehran" has the wrong type;
    # "English" (gold MISC) found as a place is a false positive; "said" (other) is nothing.
    assert scores == {"PER": (1, 1, 2), "LOC": (1, 1, 1), "ORG": (2, 1, 0),
                      "overall": (4, 3, 3)}
    overall = result.scores["overall"]
    assert (overall.precision, overall.recall, overall.f1) == (4 / 7, 4 / 7, pytest.approx(4 / 7))
    person = result.scores["PER"]
    assert (person.precision, person.recall) == (0.5, 1 / 3)
    assert person.f1 == pytest.approx(0.4)
    assert result.paragraphs == 3 and result.documents == 2
    assert result.to_json()["scores"]["ORG"]["f1"] == 0.8


def test_predictions_are_written_back_as_a_column(corpus):
    result = ConllEvaluation(Canned({"Kerry": PERSON})).run(corpus)
    out = io.StringIO()
    corpus.write(out, result.predicted)
    lines = out.getvalue().splitlines()
    assert lines[:4] == ["-DOCSTART- -X- O O", "", "John NNP I-NP I-PER O",
                         "Kerry NNP I-NP I-PER I-PER"]
    assert "Kerry NNP I-NP I-PER I-PER" in lines and "Smith NNP I-NP B-PER O" in lines
    again = ConllCorpus.parse(io.StringIO(out.getvalue()))
    assert [s.tokens for d in again.documents for s in d.sentences] == [
        s.tokens for d in corpus.documents for s in d.sentences]


def test_a_file_without_docstart_is_one_document():
    corpus = ConllCorpus.parse(["Paris NNP I-NP I-LOC\n", "\n", "Rome NNP I-NP I-LOC\n"])
    assert len(corpus.documents) == 1 and corpus.documents[0].text == "Paris\nRome"
    assert ConllCorpus.parse([]).documents == []
