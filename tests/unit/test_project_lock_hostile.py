"""ProjectLock against lock files it did not write: links, folders, damage, huge files.

A project folder may come from anyone. Whatever sits at ``project.lock``, the lock never
writes through a link, never rewrites a file that has another name, never crashes on its
contents, and still keeps a second instance away.
"""

import json
import logging
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop.storage.lock_holder import MAX_RECORD_BYTES, parse_record
from desktop.storage.project_lock import ProjectLock
from desktop.storage.storage_errors import ProjectLockedError
from tests.unit.test_project_lock import child_env

VICTIM_BYTES = b"precious \xff\x00 data the user wrote\n" * 50


@pytest.fixture
def lock_path(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    project.mkdir()
    return project / "project.lock"


@pytest.fixture
def victim(tmp_path: Path) -> Path:
    path = tmp_path / "victim.txt"
    path.write_bytes(VICTIM_BYTES)
    return path


def assert_ours(lock_path: Path) -> None:
    """The lock path is now a regular file of ours, naming this process."""
    assert not lock_path.is_symlink()
    assert lock_path.stat().st_nlink == 1
    assert json.loads(lock_path.read_bytes())["pid"] == os.getpid()


def test_symlinked_lock_is_not_followed_and_its_target_is_untouched(lock_path, victim, caplog):
    lock_path.symlink_to(victim)
    before = victim.stat()
    lock = ProjectLock(lock_path)
    with caplog.at_level(logging.WARNING):
        lock.acquire()
    try:
        assert lock.held
        assert lock.took_over_stale is True
        assert_ours(lock_path)
        assert "symbolic link" in caplog.text
    finally:
        lock.release()
    assert victim.read_bytes() == VICTIM_BYTES
    assert victim.stat().st_mtime_ns == before.st_mtime_ns
    assert not lock_path.exists()


def test_dangling_symlink_does_not_create_its_target(lock_path, tmp_path):
    target = tmp_path / "elsewhere" / "created-by-us.txt"
    target.parent.mkdir()
    lock_path.symlink_to(target)
    lock = ProjectLock(lock_path)
    lock.acquire()
    try:
        assert_ours(lock_path)
        assert not target.exists()
    finally:
        lock.release()
    assert not target.exists()


def test_symlink_to_a_folder_is_replaced_and_the_folder_kept(lock_path, tmp_path):
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "inside.txt").write_text("kept")
    lock_path.symlink_to(folder, target_is_directory=True)
    lock = ProjectLock(lock_path)
    lock.acquire()
    lock.release()
    assert (folder / "inside.txt").read_text() == "kept"


def test_hard_link_is_not_rewritten(lock_path, victim):
    os.link(victim, lock_path)
    lock = ProjectLock(lock_path)
    lock.acquire()
    try:
        assert_ours(lock_path)
        assert lock.took_over_stale is True
    finally:
        lock.release()
    assert victim.read_bytes() == VICTIM_BYTES


def test_a_fifo_does_not_hang_and_is_replaced(lock_path):
    os.mkfifo(lock_path)
    lock = ProjectLock(lock_path)
    lock.acquire()
    try:
        assert_ours(lock_path)
    finally:
        lock.release()


def test_lock_that_is_a_folder_is_refused_and_left_alone(lock_path):
    lock_path.mkdir()
    (lock_path / "inside.txt").write_text("kept")
    lock = ProjectLock(lock_path)
    with pytest.raises(IsADirectoryError):
        lock.acquire()
    assert not lock.held
    assert (lock_path / "inside.txt").read_text() == "kept"


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"\xff\xfe\x00garbage \xc3\x28", "not UTF-8"),
        (b"not json {", "not JSON"),
        (b"[1, 2, 3]", "not a JSON object"),
        (b'{"host": "vm", "pid": true, "since": "x"}', "lacks"),
        (b'{"host": ["x"], "pid": 12, "since": "x"}', "lacks"),
        (b'{"host": "vm", "pid": 0, "since": "x"}', "lacks"),
    ],
)
def test_damaged_lock_is_taken_for_stale_with_a_log_line(lock_path, content, reason, caplog):
    lock_path.write_bytes(content)
    lock = ProjectLock(lock_path)
    with caplog.at_level(logging.WARNING, logger="desktop.storage.project_lock"):
        lock.acquire()
    try:
        assert lock.took_over_stale is True
        assert_ours(lock_path)
        [record] = caplog.records
        assert record.levelno == logging.WARNING
        assert reason in record.getMessage()
        assert str(lock_path) in record.getMessage()
    finally:
        lock.release()


def test_empty_lock_file_is_simply_used(lock_path, caplog):
    lock_path.write_bytes(b"")
    lock = ProjectLock(lock_path)
    with caplog.at_level(logging.WARNING):
        lock.acquire()
    try:
        assert lock.took_over_stale is False
        assert_ours(lock_path)
        assert caplog.records == []
    finally:
        lock.release()


def test_huge_lock_file_is_replaced_not_read_whole(lock_path, caplog):
    # 64 MiB of valid-looking JSON padding: parsed whole it would be "fine" and slow.
    with lock_path.open("wb") as file:
        file.write(b'{"host": "vm", "pid": 1, "since": "x", "pad": "')
        file.truncate(64 * 1024 * 1024)
    lock = ProjectLock(lock_path)
    with caplog.at_level(logging.WARNING):
        lock.acquire()
    try:
        assert lock.took_over_stale is True
        assert lock_path.stat().st_size < MAX_RECORD_BYTES
        assert "67,108,864 bytes" in caplog.text
    finally:
        lock.release()


def test_damaged_record_of_a_live_holder_still_refuses_and_is_kept(lock_path):
    first = ProjectLock(lock_path)
    first.acquire()
    try:
        lock_path.write_bytes(b"\xff garbage")
        second = ProjectLock(lock_path)
        with pytest.raises(ProjectLockedError, match="unknown host"):
            second.acquire()
        assert not second.held
        assert lock_path.read_bytes() == b"\xff garbage"
    finally:
        first.release()


def test_release_leaves_a_link_planted_after_acquire(lock_path, victim):
    lock = ProjectLock(lock_path)
    lock.acquire()
    lock_path.unlink()
    lock_path.symlink_to(victim)
    lock.release()
    assert lock_path.is_symlink()
    assert victim.read_bytes() == VICTIM_BYTES


def test_holder_record_fields_are_shortened_for_messages():
    record = parse_record(json.dumps({"host": "h" * 3000, "pid": 7, "since": "s" * 300})
                          .encode(), 3400)
    assert record.holder is not None
    assert len(record.holder.host) == 255
    assert len(record.holder.since) == 64


RACE_FOR_LINK = """
import os, sys, time
from pathlib import Path
from desktop.storage.project_lock import ProjectLock
from desktop.storage.storage_errors import ProjectLockedError
go = Path(sys.argv[2])
while not go.exists():
    time.sleep(0.001)
lock = ProjectLock(Path(sys.argv[1]))
try:
    lock.acquire()
except ProjectLockedError:
    print("refused", flush=True)
else:
    print("locked", flush=True)
sys.stdin.read()  # hold until the test has heard from everyone
os._exit(0)
"""


def test_instances_racing_to_replace_a_link_end_with_one_holder(lock_path, victim, tmp_path):
    # Each instance removes the link and creates its own file; without one decision at a
    # time, one could remove the file another has just locked, and both would go on.
    for _round in range(3):
        lock_path.unlink(missing_ok=True)
        lock_path.symlink_to(victim)
        go = tmp_path / "go"
        go.unlink(missing_ok=True)
        children = [
            subprocess.Popen(
                [sys.executable, "-c", RACE_FOR_LINK, str(lock_path), str(go)],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                text=True, env=child_env(),
            )
            for _ in range(4)
        ]
        answers: list[str] = []
        errors: list[str] = []
        try:
            time.sleep(0.5)  # let them all start and wait at the gate
            go.touch()
            for child in children:
                assert child.stdout is not None
                answers.append(child.stdout.readline().strip())
        finally:
            errors = [child.communicate(input="", timeout=60)[1] for child in children]
        assert sorted(answers) == ["locked", "refused", "refused", "refused"], errors
        assert victim.read_bytes() == VICTIM_BYTES
