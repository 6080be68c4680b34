"""Tracebacks go to the program's log file; the terminal gets one line saying where."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.services.log_files import LogFiles


@pytest.fixture
def configured() -> Iterator[None]:
    root = logging.getLogger()
    level = root.level
    yield
    LogFiles.remove()
    root.setLevel(level)


def _fail(log: logging.Logger) -> None:
    try:
        raise ValueError("block 7 is damaged")
    except ValueError:
        log.exception("search for %r failed", "dave")


def test_the_terminal_gets_one_line_and_the_file_the_traceback(
        configured: None, capsys: pytest.CaptureFixture[str]) -> None:
    path = LogFiles.configure("research-notes")
    assert path is not None and path.name == "research-notes.log"
    _fail(logging.getLogger("index.search_index"))
    err = capsys.readouterr().err
    assert err.strip().splitlines() == [
        "ERROR research-notes index.search_index: search for 'dave' failed: ValueError: "
        f"block 7 is damaged (details in {path})"]
    kept = path.read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in kept and "block 7 is damaged" in kept
    # Configured again (another command in the same process): one line still, not two.
    LogFiles.configure("research-notes")
    logging.getLogger("x").warning("once")
    assert capsys.readouterr().err.count("once") == 1


def test_a_link_in_place_of_the_log_file_is_not_written_through(
        configured: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = LogFiles.configure("indexer")
    assert path is not None
    target = tmp_path / "elsewhere.txt"
    target.write_text("theirs", encoding="utf-8")
    path.unlink(missing_ok=True)
    path.symlink_to(target)
    _fail(logging.getLogger("desktop.services.indexer_process"))
    assert target.read_text(encoding="utf-8") == "theirs"
    err = capsys.readouterr().err
    assert "block 7 is damaged" in err and "Logging error" not in err
