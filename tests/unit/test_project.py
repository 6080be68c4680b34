"""Project: creating, opening, locking and describing a project folder."""

import os
import sqlite3
from pathlib import Path

import pytest

from desktop.services.project import BACKUP_DIR, DB_NAME, LOCK_NAME, Project
from desktop.storage.migrations import LATEST_VERSION
from desktop.storage.storage_errors import ProjectError, ProjectLockedError, SchemaTooNewError

from .conftest import make_article


def test_create_makes_database_and_lock(tmp_path):
    target = tmp_path / "new" / "nested" / "project"
    with Project.create(target, "My research") as project:
        assert project.path == target.resolve()
        assert (target / DB_NAME).is_file()
        assert (target / LOCK_NAME).is_file()
        assert project.name == "My research"
        assert project.store.schema_version == LATEST_VERSION
    assert not (target / LOCK_NAME).exists()


def test_create_in_existing_empty_folder_uses_folder_name(tmp_path):
    target = tmp_path / "Climate notes"
    target.mkdir()
    with Project.create(target) as project:
        assert project.name == "Climate notes"


def test_create_refuses_non_empty_folder(tmp_path):
    target = tmp_path / "busy"
    target.mkdir()
    (target / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(ProjectError, match="not empty"):
        Project.create(target)
    assert sorted(p.name for p in target.iterdir()) == ["notes.txt"]


def test_create_refuses_existing_project(tmp_path):
    target = tmp_path / "project"
    Project.create(target, "First").close()
    with pytest.raises(ProjectError, match="already"):
        Project.create(target, "Second")
    with Project.open(target) as project:
        assert project.name == "First"


def test_create_refuses_file_path(tmp_path):
    target = tmp_path / "a-file"
    target.write_text("data", encoding="utf-8")
    with pytest.raises(ProjectError, match="file"):
        Project.create(target)
    assert target.read_text(encoding="utf-8") == "data"


def test_open_of_empty_folder_is_a_project_error(tmp_path):
    with pytest.raises(ProjectError, match="not a Research Notes project"):
        Project.open(tmp_path)


def test_open_of_missing_folder_is_a_project_error(tmp_path):
    with pytest.raises(ProjectError):
        Project.open(tmp_path / "does-not-exist")
    assert not (tmp_path / "does-not-exist").exists()


def test_open_of_file_is_a_project_error(tmp_path):
    target = tmp_path / "a-file.txt"
    target.write_text("data", encoding="utf-8")
    with pytest.raises(ProjectError):
        Project.open(target)


def test_open_of_garbage_database_is_a_project_error_and_releases_lock(tmp_path):
    (tmp_path / DB_NAME).write_bytes(b"definitely not sqlite\n" * 100)
    with pytest.raises(ProjectError):
        Project.open(tmp_path)
    assert not (tmp_path / LOCK_NAME).exists()


def test_open_of_newer_schema_is_refused_and_releases_lock(tmp_path):
    target = tmp_path / "project"
    Project.create(target).close()
    db = sqlite3.connect(target / DB_NAME)
    db.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
    db.close()
    with pytest.raises(SchemaTooNewError):
        Project.open(target)
    assert not (target / LOCK_NAME).exists()


def test_second_open_of_an_open_project_is_refused(tmp_path):
    target = tmp_path / "project"
    with Project.create(target):
        with pytest.raises(ProjectLockedError) as caught:
            Project.open(target)
        assert "another instance" in str(caught.value)
        with pytest.raises(ProjectError, match="already"):
            Project.create(target)
    with Project.open(target) as again:
        assert again.lock.held


def test_close_releases_the_lock(tmp_path):
    target = tmp_path / "project"
    project = Project.create(target)
    project.close()
    assert not (target / LOCK_NAME).exists()
    Project.open(target).close()


def test_project_keeps_its_data_across_reopen(tmp_path):
    target = tmp_path / "project"
    with Project.create(target) as project:
        project.store.articles.add([make_article("Kept", "Across sessions")])
    with Project.open(target) as project:
        assert [s.title for s in project.store.articles.summaries()] == ["Kept"]
    assert not (target / BACKUP_DIR).exists()  # no migration, so no backup


def test_connect_gives_a_separate_connection_to_the_same_data(project):
    project.store.articles.add([make_article("Shared", "Seen by both connections")])
    other = project.connect()
    try:
        assert other is not project.store
        assert other.articles.count() == 1
    finally:
        other.close()


def test_info_counts(project):
    from desktop.services.import_service import ImportService
    from desktop.services.index_service import IndexService

    info = project.info()
    assert info["articles"] == 0
    assert info["schema_version"] == LATEST_VERSION
    assert info["name"] == project.name
    assert info["path"] == str(project.path)

    source = project.path.parent / "source"
    source.mkdir()
    for i, word in enumerate(["alpha", "beta", "gamma"]):
        (source / f"{i}.txt").write_text(f"Headline {word}\n\nBody about {word}.\n", "utf-8")
    report = ImportService(project).import_paths([source])
    assert report.imported == 3
    IndexService(project).ensure_current()

    info = project.info()
    assert info["articles"] == 3
    assert (info["highlights"], info["notes"], info["entities"]) == (0, 0, 0)
    assert info["index"]["documents"] == 3
    assert info["index"]["status"] == "ok"
    assert "version" in info["index"]


def _without_write_permission(monkeypatch, path: Path) -> None:
    real_access = os.access
    frozen = {str(path.resolve()), str(path.resolve() / DB_NAME)}
    monkeypatch.setattr(os, "access", lambda p, mode, *a, **k: (
        False if str(p) in frozen and mode & os.W_OK else real_access(p, mode, *a, **k)))


def test_a_project_that_cannot_be_written_opens_read_only_for_the_command_line(
        tmp_path, monkeypatch, capsys):
    from desktop.cli import main
    from desktop.services.import_service import ImportService
    from tests.support import SEEDS

    target = tmp_path / "project"
    with Project.create(target) as project:
        ImportService(project).import_paths([SEEDS])
    _without_write_permission(monkeypatch, target)
    with Project.open(target) as project:
        assert project.read_only and project.lock is None
    assert main(["list", str(target), "--json"]) == 0
    assert main(["search", str(target), "Soleimani", "--json"]) == 0
    assert '"total": 1' in capsys.readouterr().out
    assert main(["import", str(target), str(SEEDS)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "read-only" in err[0]
    assert not (target / LOCK_NAME).exists()


def test_a_rebuild_that_would_not_fit_on_the_disk_is_refused_clearly(project, monkeypatch,
                                                                      capsys):
    import shutil

    from desktop.cli import main
    from desktop.services.index_feeder import NotEnoughSpaceError
    from desktop.services.index_service import IndexService

    real = shutil.disk_usage
    monkeypatch.setattr(shutil, "disk_usage",
                        lambda path: real(path)._replace(free=10_000_000))  # 10 MB left
    with pytest.raises(NotEnoughSpaceError, match="Not enough free space") as refused:
        IndexService(project).rebuild()
    assert str(project.index_root) in str(refused.value)
    assert not any(project.index_root.glob("gen-*"))  # nothing half-written left behind
    path = project.path
    project.close()
    assert main(["rebuild-index", str(path)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "Not enough free space" in err[0]
