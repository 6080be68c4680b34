"""A project that cannot be written to opens read-only, with a banner, instead of being
refused; reading and searching work, changing does not."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtWidgets import QLabel

from desktop.services.import_service import ImportService
from desktop.services.project import DB_NAME, LOCK_NAME, Project
from desktop.ui.main.main_window import MainWindow
from tests.support import SEED_TITLE, SEEDS
from tests.ui.conftest import WAIT_MS


def test_a_project_without_write_permission_opens_read_only(
        qtbot, bare_window: MainWindow, tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "on a cd"
    with Project.create(path) as project:
        ImportService(project).import_paths([SEEDS])
    # As on read-only media or without permission (the tests run as root, who may write
    # anywhere, so the check itself is what is made to answer no).
    real_access = os.access
    frozen = {str(path.resolve()), str(path.resolve() / DB_NAME)}
    monkeypatch.setattr(os, "access", lambda p, mode, *a, **k: (
        False if str(p) in frozen and mode & os.W_OK else real_access(p, mode, *a, **k)))
    win = bare_window
    with qtbot.waitSignal(win.session.project_opened, timeout=WAIT_MS):
        win.open_project(path)
    project = win.session.project
    assert project is not None and project.read_only
    banner = win.findChild(QLabel, "readOnlyBanner")
    assert banner is not None and banner.isVisible()
    assert "read-only" in win.windowTitle()
    assert not win.main_actions.import_files.isEnabled()
    assert not win.main_actions.delete_articles.isEnabled()
    assert win.main_actions.find.isEnabled()
    assert not (path / LOCK_NAME).exists()  # nothing was written into the folder
    # The index is built in the user's cache, so searching works.
    qtbot.waitUntil(lambda: win.session.index_is_ready, timeout=WAIT_MS)
    win.search_field.setText("Soleimani")
    win.run_search()
    qtbot.waitUntil(lambda: win.results.rowCount() == 1, timeout=WAIT_MS)
    assert win.results.hit(0).title == SEED_TITLE
    # Back to a normal project: the banner goes.
    writable = tmp_path / "normal"
    Project.create(writable).close()
    with qtbot.waitSignal(win.session.project_opened, timeout=WAIT_MS):
        win.open_project(writable)
    assert not banner.isVisible()
    assert win.main_actions.import_files.isEnabled()
