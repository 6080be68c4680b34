"""Recognition, the entity list and the CoNLL measurement from the command line."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from desktop.entities.spacy_recognizer import spacy_model_package
from tests.support import shared_path

from .conftest import run_ok
from .test_cli import assert_usage_error, json_out, run_cli

SNIPPET = """-DOCSTART- -X- O O

John NNP I-NP I-PER
Kerry NNP I-NP I-PER
visited VBD I-VP O
Baghdad NNP I-NP I-LOC
. . O O

Iran NNP I-NP I-LOC
's POS B-NP O
Revolutionary NNP I-NP I-ORG
Guard NNP I-NP I-ORG
said VBD I-VP O
Kerry NNP I-NP I-PER
lied VBD I-VP O
. . O O
"""


def test_recognize_then_list_entities(seed_project):
    report = json_out("recognize", seed_project, "--json")
    assert {"recognizer", "articles_total", "articles_done", "mentions_added",
            "entities_created", "entities_reused", "rejected_skipped", "existing_skipped",
            "cancelled", "seconds"} <= report.keys()
    assert (report["recognizer"], report["articles_done"], report["cancelled"]) == (
        "builtin", 1, False)
    listed = json_out("entities", seed_project, "--json")
    assert set(listed) == {"entities"}
    rows = {e["name"]: e for e in listed["entities"]}
    for row in rows.values():
        assert set(row) == {"id", "name", "type", "aliases", "mentions", "articles", "state"}
    assert rows["Ghasem Soleimani"] | {"id": 0} == {
        "id": 0, "name": "Ghasem Soleimani", "type": "person", "aliases": [],
        "mentions": 4, "articles": 1, "state": "suggested"}
    assert rows["United States"]["aliases"] == ["US"]
    assert sum(r["mentions"] for r in rows.values()) == report["mentions_added"]
    places = json_out("entities", seed_project, "--type", "place", "--json")["entities"]
    assert places and {p["type"] for p in places} == {"place"}
    # Again: nothing new, nothing twice.
    again = json_out("recognize", seed_project, "--json")
    assert (again["mentions_added"], again["existing_skipped"]) == (
        0, report["mentions_added"])
    assert "Ghasem Soleimani" in run_ok("entities", seed_project).stdout


def test_entity_commands_refuse_bad_input(seed_project, tmp_path):
    assert_usage_error(run_cli("entities", seed_project, "--type", "planet"), "planet")
    assert_usage_error(run_cli("recognize", seed_project, "--recognizer", "magic"), "magic")
    assert_usage_error(run_cli("entities-eval", tmp_path / "missing.conll"), "cannot read")
    empty = tmp_path / "empty.conll"
    empty.write_text("\n\n", encoding="utf-8")
    assert_usage_error(run_cli("entities-eval", empty), "no CoNLL sentences")
    if spacy_model_package() is None:
        assert_usage_error(run_cli("recognize", seed_project, "--recognizer", "spacy"),
                           "research-notes[spacy]")


def test_entities_eval_scores_and_writes_predictions(tmp_path):
    source = tmp_path / "small.conll"
    source.write_text(SNIPPET, encoding="utf-8")
    out = tmp_path / "predicted.conll"
    result = json_out("entities-eval", source, "--json", "--predict", out)
    assert {"file", "recognizer", "scores", "documents", "paragraphs", "cpu_seconds",
            "wall_seconds", "paragraphs_per_second"} <= result.keys()
    assert set(result["scores"]) == {"PER", "ORG", "LOC", "overall"}
    # Every name in this snippet is found: the rules and the document's own "John Kerry".
    assert result["scores"]["overall"] | {"f1": 1.0} == {
        "precision": 1.0, "recall": 1.0, "f1": 1.0, "true_positives": 5,
        "false_positives": 0, "false_negatives": 0}
    lines = out.read_text(encoding="utf-8").splitlines()
    assert "Revolutionary NNP I-NP I-ORG I-ORG" in lines and "lied VBD I-VP O O" in lines
    table = run_ok("entities-eval", source).stdout
    assert "overall" in table and "paragraphs per second" in table


@pytest.mark.skipif(not hasattr(os, "O_NOFOLLOW"), reason="no O_NOFOLLOW on this system")
def test_entities_eval_never_writes_through_a_link(tmp_path):
    source = tmp_path / "small.conll"
    source.write_text(SNIPPET, encoding="utf-8")
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me", encoding="utf-8")
    link = tmp_path / "out.conll"
    link.symlink_to(victim)
    assert_usage_error(run_cli("entities-eval", source, "--predict", link), "symbolic link")
    assert victim.read_text(encoding="utf-8") == "keep me"


@pytest.mark.corpus
def test_the_goal_on_conll_testa(tmp_path: Path):
    """The issue's goal for the default recogniser: overall F1 of at least 0.72 on eng.testa
    (speed is measured by the benchmark, not asserted here)."""
    testa = shared_path("corpora", "conll2003-ner", "eng.testa")
    result = json_out("entities-eval", testa, "--json")
    assert result["paragraphs"] == 3250 and result["documents"] == 216
    assert result["scores"]["overall"]["f1"] >= 0.72, result["scores"]
    assert all(result["scores"][t]["f1"] >= 0.55 for t in ("PER", "ORG", "LOC"))


@pytest.mark.skipif(spacy_model_package() is None,
                    reason="spaCy and its English model are not installed (extra [spacy])")
def test_recognize_with_spacy(seed_project):
    report = json_out("recognize", seed_project, "--recognizer", "spacy", "--json")
    assert report["recognizer"] == "spacy" and report["mentions_added"] > 10
    names = {e["name"] for e in json_out("entities", seed_project, "--json")["entities"]}
    assert {"John Kerry", "Baghdad"} <= names
