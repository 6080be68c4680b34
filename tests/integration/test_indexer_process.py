"""The indexer process: follows imports, survives kills, answers searches while rebuilding,
and stops within about a second."""

from __future__ import annotations

import itertools
import os
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from desktop.services.import_service import ImportService
from desktop.services.index_feeder import IndexNeed
from desktop.services.index_service import IndexService
from desktop.services.project import DB_NAME, Project
from desktop.services.search_service import SearchService

from .conftest import CODE_ROOT, command_prefix


def make_files(folder: Path, count: int, words: int = 60, first: int = 0) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    filler = " ".join(f"w{n % 97}" for n in range(words))
    for i in range(first, first + count):
        (folder / f"{i:05d}.txt").write_text(
            f"Story {i}\n\nThe common word lantern and kw{i:05d}x. {filler}\n", encoding="utf-8")
    return folder


def stored_articles(project: Path) -> int:
    try:
        with sqlite3.connect(f"file:{project / DB_NAME}?mode=ro", uri=True) as db:
            return int(db.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.Error:
        return 0


def test_index_catches_up_after_the_importer_was_killed(tmp_path):
    project = tmp_path / "p"
    env = dict(os.environ, PYTHONPATH=str(CODE_ROOT))
    first = make_files(tmp_path / "first", 1500)
    subprocess.run([*command_prefix(), "new", str(project)], env=env, check=True,
                   capture_output=True)
    subprocess.run([*command_prefix(), "import", str(project), str(first)], env=env, check=True,
                   capture_output=True)
    more = make_files(tmp_path / "more", 6000, first=10000)
    marker = f"RESEARCH_NOTES_TEST_RUN={tmp_path.name}"
    child = subprocess.Popen([*command_prefix(), "import", str(project), str(more)],
                             env={**env, "RESEARCH_NOTES_TEST_RUN": tmp_path.name},
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        # Mid-import, with the indexer process following it, kill it without any cleanup.
        deadline = time.monotonic() + 300
        while stored_articles(project) < 1500 + 3000:
            assert time.monotonic() < deadline
            assert child.poll() is None, "the import finished before it could be interrupted"
            time.sleep(0.05)
        child.send_signal(signal.SIGKILL)
    finally:
        child.wait(timeout=60)
    with Project.open(project) as opened:
        stored = opened.store.articles.count()
        assert 4500 <= stored < 7500
        plan = IndexService(opened).plan()
        # The index the killed indexer had committed is kept and caught up, not rebuilt.
        assert plan.need is IndexNeed.CATCH_UP, plan
        assert IndexService(opened).ensure_current()
        assert opened.search_index.document_count() == stored
        assert SearchService(opened).search("lantern").total == stored
        assert SearchService(opened).search("kw10007x").total == 1
    # Nothing it started is left behind: the reading process, the indexer and its helpers
    # all leave once their parent is gone (the reading process waited for work forever).
    deadline = time.monotonic() + 30
    while _processes_with(marker) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert _processes_with(marker) == []


def _processes_with(marker: str) -> list[int]:
    """Processes whose environment holds ``marker`` (Linux's /proc; none elsewhere)."""
    found = []
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            environ = (entry / "environ").read_bytes().split(b"\0")
        except OSError:
            continue
        if marker.encode() in environ:
            found.append(int(entry.name))
    return found


@pytest.fixture
def big_project(tmp_path: Path):
    project = Project.create(tmp_path / "big")
    ImportService(project).import_paths([make_files(tmp_path / "src", 1500, words=200)])
    assert IndexService(project).ensure_current()
    yield project
    project.close()


def test_searches_are_answered_while_the_index_is_rebuilt(big_project):
    indexer = big_project.indexer
    indexer.rebuild()
    answered = 0
    deadline = time.monotonic() + 300
    while indexer.busy and time.monotonic() < deadline:
        indexer.events()
        results = SearchService(big_project).search("lantern")
        assert results.error is None
        assert results.total == 1500
        answered += 1
    assert not indexer.busy
    assert answered > 3, "the rebuild should take long enough to search during it"
    assert indexer.last_error is None
    assert SearchService(big_project).search("kw01499x").total == 1


def _rebuild_under_way(project):
    """The project's indexer, asked to rebuild and reporting its first progress."""
    indexer = project.indexer
    indexer.rebuild()
    deadline = time.monotonic() + 60
    while not any(e[0] == "progress" for e in indexer.events()):
        assert time.monotonic() < deadline
        time.sleep(0.02)
    return indexer


def test_stopping_during_a_rebuild_returns_within_about_a_second(big_project):
    indexer = _rebuild_under_way(big_project)
    started = time.monotonic()
    indexer.stop()
    elapsed = time.monotonic() - started
    assert not indexer.alive
    assert elapsed < 3.0, f"stop took {elapsed:.1f} s"
    # The live index was never touched: it still answers.
    assert SearchService(big_project).search("lantern").total == 1500


def test_a_terminated_indexer_leaves_through_its_clean_up(big_project, capfd):
    """Terminated mid-rebuild (a stop not answered in time), the indexer removes the
    generation it was building and stops its helpers: killed outright, it left the build
    behind (until a later rebuild) and its helpers printed tracebacks."""
    indexer = _rebuild_under_way(big_project)
    process = indexer._process  # the test terminates it as the client does
    assert process is not None
    process.terminate()
    process.join(30)
    assert process.exitcode == 0
    home = big_project.search_index.home
    assert [p.name for p in home.root.glob("gen-*")] == [home.current().name]
    assert "Traceback" not in capfd.readouterr().err
    assert SearchService(big_project).search("lantern").total == 1500


def test_a_closing_project_asks_the_indexer_to_stop_and_nothing_restarts_it(big_project):
    indexer = _rebuild_under_way(big_project)
    process = indexer._process  # the test looks at the process it asked to stop
    assert process is not None
    indexer.request_stop()  # returns at once; the process winds down meanwhile
    assert not indexer.busy
    indexer.sync()  # a worker's last request while the project closes: ignored
    indexer.start()
    process.join(10)
    assert not process.is_alive()
    assert not indexer.alive  # no new process was started
    started = time.monotonic()
    indexer.stop()  # nothing left to wait for
    assert time.monotonic() - started < 0.5
    assert SearchService(big_project).search("lantern").total == 1500


def test_a_killed_indexer_is_restarted_and_nothing_is_lost(big_project, tmp_path):
    indexer = big_project.indexer
    indexer.flush()
    assert indexer.wait_idle(60)
    process = indexer._process  # the test reaches in to kill it like a crash would
    assert process is not None
    os.kill(process.pid, signal.SIGKILL)
    process.join(10)
    more = make_files(tmp_path / "more", 5, first=90000)
    report = ImportService(big_project).import_paths([more])
    assert report.imported == 5
    indexer.flush()
    assert indexer.wait_idle(120)
    assert SearchService(big_project).search("lantern").total == 1505


def test_requests_read_the_pipe_so_a_caller_that_never_reads_events_cannot_stall_it(
        big_project):
    # The command line asks for a sync after every stored batch and reads events only when
    # the import is over. The pipe holds a few hundred events: unread, it would fill and
    # the indexer would wait on its next progress report until the import ended.
    indexer = big_project.indexer
    # Started and idle first: starting a process can take seconds on a busy machine, and
    # the point here is what happens to the events of a running rebuild.
    indexer.flush()
    assert indexer.wait_idle(120)
    indexer.events()
    indexer.rebuild()
    for _ in range(40):
        indexer.sync()  # reads what arrived, as every request does
        time.sleep(0.05)
    kinds = [event[0] for event in indexer.events()]
    assert "rebuilding" in kinds, kinds
    # Progress reports read while nobody asked are kept as one: the latest of a run.
    assert all(not (a == b == "progress") for a, b in itertools.pairwise(kinds))
    assert indexer.wait_idle(120)
    assert SearchService(big_project).search("lantern").total == 1500
