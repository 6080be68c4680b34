"""ProjectSession: results stay with the project that asked for them; a cancelled index
build does not count as ready; a failed open keeps the current project."""

from __future__ import annotations

from pathlib import Path

from desktop.services.import_service import ImportService
from desktop.services.project import Project
from desktop.ui.project.project_session import ProjectSession
from tests.support import SEEDS
from tests.ui.conftest import WAIT_MS


def _project(folder: Path, with_seed: bool) -> Path:
    with Project.create(folder) as project:
        if with_seed:
            ImportService(project).import_paths([SEEDS])
    return folder


def test_results_of_the_previous_project_never_reach_the_next(qtbot, tmp_path: Path) -> None:
    first = _project(tmp_path / "a", with_seed=True)
    second = _project(tmp_path / "b", with_seed=False)
    session = ProjectSession()
    delivered: list[tuple[Path | None, str]] = []
    session.search_finished.connect(
        lambda r: delivered.append((session.project and session.project.path, "search")))
    with qtbot.waitSignal(session.index_ready, timeout=WAIT_MS):
        assert session.open(first)
    delivered.clear()
    session.search("Soleimani")  # queued, then the user switches projects at once
    assert session.open(second)
    with qtbot.waitSignal(session.index_ready, timeout=WAIT_MS):
        pass
    qtbot.wait(200)
    # Opening runs in a worker, so the first project's answers may still arrive while it is
    # open; none arrives once the second is (the article list has its own test, in
    # test_article_table_model.py).
    assert [d for d in delivered if d[0] == second.resolve()] == []
    session.close()


def test_cancelled_index_build_is_not_ready_and_search_builds_it(qtbot, tmp_path: Path) -> None:
    path = _project(tmp_path / "a", with_seed=True)  # no index on this machine yet
    session = ProjectSession()
    session.task_started.connect(lambda task: task.cancel_token.cancel())
    with qtbot.waitSignal(session.index_cancelled, timeout=WAIT_MS):
        assert session.open(path)
    assert not session.index_is_ready
    session.task_started.disconnect()
    with qtbot.waitSignal(session.search_finished, timeout=WAIT_MS) as found:
        session.search("Soleimani")
    assert session.index_is_ready and found.args[0].total == 1
    session.close()


def test_failed_open_keeps_the_current_project(qtbot, tmp_path: Path) -> None:
    good = _project(tmp_path / "good", with_seed=False)
    session = ProjectSession()
    with qtbot.waitSignal(session.index_ready, timeout=WAIT_MS):
        assert session.open(good)
    with qtbot.waitSignal(session.open_failed, timeout=WAIT_MS) as failed:
        assert not session.open(tmp_path / "not-a-project")
    assert "not a Research Notes project" in failed.args[0]
    assert session.project is not None and session.project.path == good.resolve()
    assert session.open(good)  # the same project again: nothing to do, still open
    assert session.project is not None
    session.close()
