"""Entity recognition in a process of its own (what the window runs): the same mentions as
in-process recognition, one change set that undo takes back, prompt cancel, errors passed
on, and background processes running at a lower priority than the window."""

from __future__ import annotations

import gc
import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.services import recognition_process
from desktop.services.background_priority import BackgroundPriority
from desktop.services.history_service import HistoryService
from desktop.services.import_service import ImportService
from desktop.services.project import Project
from desktop.services.recognition_process import RecognitionProcess
from desktop.services.recognition_service import RecognitionService
from tests.support import SEED_FILE

_PEOPLE = ("John Kerry", "Angela Merkel", "Kofi Annan", "Tony Blair", "Gordon Brown")
_PLACES = ("Paris", "Baghdad", "Berlin", "Nairobi", "London")


def write_articles(folder: Path, count: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(SEED_FILE, folder / "seed.txt")
    for i in range(count):
        person, place = _PEOPLE[i % 5], _PLACES[(i // 5) % 5]
        (folder / f"{i:04d}.txt").write_text(
            f"Talks number {i}\n\n{person} met officials of the United Nations in {place} "
            f"on Monday. {person.split()[-1]} said the talks in {place} went well. "
            f"Story {i}.\n", encoding="utf-8")
    return folder


def mentions(project: Project) -> list[tuple[int, int, int, str, str, str, str]]:
    return [tuple(row) for row in project.store.connection.execute(  # type: ignore[misc]
        'SELECT m.article_id, m.start, m."end", m.text, m.origin, m.state, e.name'
        " FROM mentions AS m JOIN entities AS e ON e.id = m.entity_id"
        " ORDER BY m.article_id, m.start")]


@pytest.fixture
def projects(tmp_path: Path) -> Iterator[tuple[Project, Project]]:
    """Two identical projects of 40 articles (the seed and 39 made-up talks)."""
    source = write_articles(tmp_path / "articles", 39)
    opened: list[Project] = []
    try:
        for name in ("a", "b"):
            project = Project.create(tmp_path / name)
            opened.append(project)
            ImportService(project).import_paths([source])
        yield opened[0], opened[1]
    finally:
        for project in opened:
            project.close()


def test_the_process_stores_what_in_process_recognition_stores(projects) -> None:
    in_process, in_child = projects
    expected = RecognitionService(in_process).recognize()
    progress: list[tuple[int, int, str]] = []
    report = RecognitionProcess(in_child).recognize(progress=lambda *a: progress.append(a))
    assert mentions(in_child) == mentions(in_process)
    assert len(mentions(in_child)) > 100
    assert (report.articles_total, report.articles_done, report.mentions_added,
            report.entities_created, report.cancelled) == (
        expected.articles_total, expected.articles_done, expected.mentions_added,
        expected.entities_created, False)
    # The change set came over the pipe whole: the same rows as the in-process run's.
    assert report.changes.counts() == expected.changes.counts()
    assert [(c.table, c.op) for c in report.changes] == [
        (c.table, c.op) for c in expected.changes]
    assert progress and progress[-1][:2] == (report.articles_done, report.articles_total)


def test_undo_takes_a_run_in_the_process_back(projects) -> None:
    project, _ = projects
    ids = project.store.recognition.article_ids()
    report = RecognitionProcess(project).recognize(ids[:10])
    assert report.articles_done == 10 and report.mentions_added > 0
    [entry] = HistoryService(project).entries(kind="recognise")
    assert entry.counts["mentions"]["insert"] == report.mentions_added
    redo = HistoryService(project).undo(report.changes, "Recognise entities")
    assert mentions(project) == [] and project.store.recognition.summaries() == []
    HistoryService(project).redo(redo, "Recognise entities")
    assert len(mentions(project)) == report.mentions_added


def test_cancel_stops_the_process_promptly_and_keeps_the_batches_done(tmp_path: Path) -> None:
    source = write_articles(tmp_path / "articles", 1200)
    with Project.create(tmp_path / "big") as project:
        ImportService(project).import_paths([source])
        asked: list[float] = []

        def progress(done: int, _total: int, _label: str) -> None:
            if done >= 100 and not asked:
                asked.append(time.monotonic())  # the first batch is stored: cancel now

        report = RecognitionProcess(project).recognize(
            progress=progress, cancel=lambda: bool(asked))
        took = time.monotonic() - asked[0]
        assert report.cancelled
        assert 100 <= report.articles_done < report.articles_total == 1201
        assert took < 3.0, f"the run went on {took:.1f} s after the cancel"
        # Every stored mention is in the change set, so undo leaves nothing behind.
        assert len(report.changes.created("mentions")) == len(mentions(project)) > 0
        HistoryService(project).undo(report.changes, "Recognise entities")
        assert mentions(project) == []


def test_errors_in_the_process_are_raised_here(projects) -> None:
    project, _ = projects
    with pytest.raises(ValueError, match="no recogniser"):
        RecognitionProcess(project, "magic").recognize()
    assert mentions(project) == []


@pytest.mark.skipif(not hasattr(os, "getpriority"), reason="no process priorities here")
def test_background_processes_run_at_a_lower_priority(projects,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    project, _ = projects
    monkeypatch.setattr(BackgroundPriority, "niceness", 0)
    BackgroundPriority.set(5)
    mine = os.getpriority(os.PRIO_PROCESS, 0)
    indexer = project.indexer
    indexer.start()
    process = indexer._process  # the test reaches in for the process id
    assert process is not None and process.pid is not None
    wanted = min(mine + 5, 19)
    deadline = time.monotonic() + 30
    # The process lowers its own priority first thing after it starts.
    while os.getpriority(os.PRIO_PROCESS, process.pid) != wanted:
        assert time.monotonic() < deadline, "the indexer kept the window's priority"
        time.sleep(0.05)
    assert os.getpriority(os.PRIO_PROCESS, 0) == mine  # this process keeps its own


def test_a_large_change_set_is_kept_out_of_the_collectors_walks(
        projects, monkeypatch: pytest.MonkeyPatch) -> None:
    # (Frozen every 50,000 rows in the application; every 10 here.)
    project, _ = projects
    monkeypatch.setattr(recognition_process, "_FREEZE_EVERY", 10)
    frozen = gc.get_freeze_count()
    report = RecognitionProcess(project).recognize()
    assert gc.get_freeze_count() >= frozen + len(report.changes)
    HistoryService(project).undo(report.changes, "Recognise entities")
    assert mentions(project) == []
