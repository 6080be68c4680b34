"""Shared test set-up: no screen, and no test ever touches the user's real files."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

# Before any QApplication exists (pytest-qt creates it lazily, after this import).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

_USER_DIRS = (("XDG_DATA_HOME", "data"), ("XDG_CONFIG_HOME", "config"),
              ("XDG_CACHE_HOME", "cache"), ("XDG_STATE_HOME", "state"))


def _point_user_dirs_at(home: Path, setenv) -> None:
    for name, sub in _USER_DIRS:
        (home / sub).mkdir(exist_ok=True)
        setenv(name, str(home / sub))
    setenv("HOME", str(home))


@pytest.fixture(scope="session", autouse=True)
def isolated_session_dirs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Per-user folders for fixtures wider than one test (made before the per-test ones)."""
    home = tmp_path_factory.mktemp("session-home")
    saved = {name: os.environ.get(name) for name, _ in (*_USER_DIRS, ("HOME", ""))}
    _point_user_dirs_at(home, os.environ.__setitem__)
    yield home
    for name, value in saved.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


@pytest.fixture(autouse=True)
def isolated_user_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Point every per-user folder (data, config, cache) at a fresh temporary folder."""
    home = tmp_path_factory.mktemp("home")
    _point_user_dirs_at(home, monkeypatch.setenv)
    return home
