"""Recognition over a project: suggested mentions, reused and new entities, rejected
strings, idempotent re-runs, cancel, one undoable action."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from desktop.domain.entity import Entity, EntityState, MentionOrigin, MentionState
from desktop.entities.spacy_recognizer import SpacyUnavailableError, spacy_model_package
from desktop.services import recognition_service
from desktop.services.entity_service import EntityService
from desktop.services.history_service import HistoryService
from desktop.services.import_service import ImportService
from desktop.services.recognition_service import RecognitionService
from tests.support import SEED_FILE


@pytest.fixture
def seeded(project, tmp_path: Path):
    folder = tmp_path / "articles"
    folder.mkdir()
    shutil.copy(SEED_FILE, folder / "seed.txt")
    (folder / "other.txt").write_text(
        "Kerry in Paris\n\nJohn Kerry met officials in Paris. Kerry left for Baghdad.\n",
        encoding="utf-8")
    ImportService(project).import_paths([folder])
    return project


def mentions(project) -> list[tuple[int, str, str, str, str]]:
    return [(int(a), str(t), str(o), str(s), str(n)) for a, t, o, s, n in
            project.store.connection.execute(
                "SELECT m.article_id, m.text, m.origin, m.state, e.name FROM mentions AS m"
                " JOIN entities AS e ON e.id = m.entity_id ORDER BY m.article_id, m.start")]


def entity(project, name: str):
    [found] = [e for e in project.store.entities.find(name) if e.name == name]
    return found


def test_suggestions_are_stored_with_new_suggested_entities(seeded):
    progress: list[tuple[int, int, str]] = []
    report = RecognitionService(seeded).recognize(progress=lambda *a: progress.append(a))
    stored = mentions(seeded)
    assert report.mentions_added == len(stored) > 30
    assert {(o, s) for _, _, o, s, _ in stored} == {
        (MentionOrigin.RECOGNISED.value, MentionState.SUGGESTED.value)}
    kerry = entity(seeded, "John Kerry")
    assert kerry.state is EntityState.SUGGESTED
    # One entity for "John Kerry" and the bare "Kerry" in both articles.
    assert sorted(t for _, t, _, _, n in stored if n == "John Kerry") == [
        "John Kerry", "John Kerry", "Kerry"]
    assert {t for _, t, _, _, n in stored if n == "Ghasem Soleimani"} == {
        "Ghasem Soleimani", "Soleimani"}
    summaries = {s.name: s for s in seeded.store.recognition.summaries()}
    assert (summaries["John Kerry"].mentions, summaries["John Kerry"].articles,
            summaries["John Kerry"].state) == (3, 2, "suggested")
    assert progress[-1] == (2, 2, "Recognised")


def test_existing_entities_are_reused_by_name_or_alias_and_type(seeded):
    service = EntityService(seeded)
    # A confirmed entity is a curated name: its alias is found, and wins.
    general, _ = service.create("Qassem Soleimani", "person", aliases=["Ghasem Soleimani"])
    types = {t.name: t.id for t in service.types()}
    # A suggested one is reused only with the same type.
    karbala_org = seeded.store.entities.add(Entity(
        name="Karbala", type_id=types["organisation"], state=EntityState.SUGGESTED))
    iraq = seeded.store.entities.add(Entity(
        name="Iraq", type_id=types["place"], state=EntityState.SUGGESTED))
    report = RecognitionService(seeded).recognize()
    stored = mentions(seeded)
    assert {n for _, t, _, _, n in stored if "Soleimani" in t} == {"Qassem Soleimani"}
    karbala = [e for e in seeded.store.entities.find("Karbala") if e.id != karbala_org.id]
    assert len(karbala) == 1 and karbala[0].type_id == types["place"]
    assert seeded.store.recognition.summaries(types["organisation"])[-1].mentions == 0
    assert {s.name: s.mentions for s in seeded.store.recognition.summaries()}["Iraq"] == 4
    assert len(seeded.store.entities.find("Iraq")) == 1 and report.entities_reused == 2
    assert iraq.id in {e.id for e in seeded.store.entities.find("Iraq")}
    assert entity(seeded, "Qassem Soleimani").id == general.id


def test_rejected_names_are_never_suggested(seeded):
    seeded.store.recognition.reject("Iran")  # any type
    seeded.store.recognition.reject("US", seeded.store.entities.type_named("place").id)
    report = RecognitionService(seeded).recognize()
    texts = {t for _, t, _, _, _ in mentions(seeded)}
    assert "Iran" not in texts and "US" not in texts and "Iraq" in texts
    assert report.rejected_skipped >= 8
    assert not seeded.store.entities.find("Iran")


def test_running_again_adds_nothing_twice(seeded):
    first = RecognitionService(seeded).recognize()
    before = mentions(seeded)
    again = RecognitionService(seeded).recognize()
    assert mentions(seeded) == before
    assert (again.mentions_added, again.entities_created) == (0, 0)
    assert again.existing_skipped == first.mentions_added


def test_a_run_is_one_undoable_action(seeded):
    report = RecognitionService(seeded).recognize()
    assert len(report.changes.created("mentions")) == report.mentions_added
    assert len(report.changes.created("entities")) == report.entities_created
    [entry] = HistoryService(seeded).entries(kind="recognise")
    assert entry.counts["mentions"]["insert"] == report.mentions_added
    HistoryService(seeded).undo(report.changes, "Undo recognition")
    assert mentions(seeded) == [] and seeded.store.recognition.summaries() == []


def test_cancel_keeps_the_batches_that_finished(seeded, monkeypatch):
    monkeypatch.setattr(recognition_service, "_BATCH", 1)
    calls: list[tuple[int, int, str]] = []
    report = RecognitionService(seeded).recognize(
        progress=lambda *a: calls.append(a), cancel=lambda: len(calls) >= 2)
    assert report.cancelled and report.articles_done == 1
    articles = {a for a, *_ in mentions(seeded)}
    assert len(articles) == 1 and report.mentions_added == len(mentions(seeded)) > 0
    [entry] = HistoryService(seeded).entries(kind="recognise")
    assert entry.counts["mentions"]["insert"] == report.mentions_added


def test_only_the_given_articles_are_read(seeded):
    ids = seeded.store.recognition.article_ids()
    report = RecognitionService(seeded).recognize([ids[-1], 999_999])
    assert report.articles_done == 1
    assert {a for a, *_ in mentions(seeded)} == {ids[-1]}


def test_empty_articles_and_an_empty_project(project, tmp_path: Path):
    assert RecognitionService(project).recognize().articles_total == 0
    (tmp_path / "empty.txt").write_text("Title only\n", encoding="utf-8")
    ImportService(project).import_paths([tmp_path / "empty.txt"])
    report = RecognitionService(project).recognize()
    assert (report.articles_done, report.mentions_added) == (1, 0)


def test_an_unknown_or_missing_recognizer_is_refused(seeded):
    with pytest.raises(ValueError, match="no recogniser"):
        RecognitionService(seeded, "magic").recognize()
    if spacy_model_package() is None:
        with pytest.raises(SpacyUnavailableError, match="research-notes\\[spacy\\]"):
            RecognitionService(seeded, "spacy").recognize()
    assert mentions(seeded) == []
