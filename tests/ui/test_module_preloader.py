"""Modules a dialog or service needs are loaded in the background, once."""

from __future__ import annotations

import sys
import threading
import time

import pytest

from desktop.ui.common.module_preloader import ModulePreloader


def _wait_for_preloads() -> None:
    deadline = time.monotonic() + 20
    while any(t.name == "preload-modules" for t in threading.enumerate()):
        assert time.monotonic() < deadline
        time.sleep(0.01)


def test_a_module_is_loaded_in_the_background_once(monkeypatch: pytest.MonkeyPatch) -> None:
    name = "desktop.ui.imports.import_report_dialog"
    monkeypatch.delitem(sys.modules, name, raising=False)
    monkeypatch.setattr(ModulePreloader, "_started", set())
    threads: list[str] = []
    real_start = threading.Thread.start

    def counted(thread: threading.Thread) -> None:
        threads.append(thread.name)
        real_start(thread)

    monkeypatch.setattr(threading.Thread, "start", counted)
    ModulePreloader.preload(name)
    ModulePreloader.preload(name)  # already on its way: no second thread
    _wait_for_preloads()
    assert name in sys.modules
    assert threads == ["preload-modules"]


def test_a_module_that_fails_to_load_is_logged_not_raised(
        monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setattr(ModulePreloader, "_started", set())
    ModulePreloader.preload("desktop.no_such_module_here")
    _wait_for_preloads()
    assert "preloading desktop.no_such_module_here failed" in caplog.text
