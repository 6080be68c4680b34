"""ProjectLock: one instance per project folder, stale locks from dead processes taken over."""

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

import desktop
from desktop.storage.project_lock import ProjectLock
from desktop.storage.storage_errors import ProjectError, ProjectLockedError

# The child processes run the same code as this process.
CODE_ROOT = Path(desktop.__file__).resolve().parents[1]

ACQUIRE_AND_DIE = """
import os, sys
from pathlib import Path
from desktop.storage.project_lock import ProjectLock
lock = ProjectLock(Path(sys.argv[1]))
lock.acquire()
os._exit(0)
"""

ACQUIRE_AND_WAIT = """
import os, sys
from pathlib import Path
from desktop.storage.project_lock import ProjectLock
lock = ProjectLock(Path(sys.argv[1]))
lock.acquire()
print("locked", os.getpid(), flush=True)
sys.stdin.read()  # hold the lock until the test closes our stdin
if sys.argv[2] == "release":
    lock.release()
os._exit(0)
"""


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(CODE_ROOT), env.get("PYTHONPATH")]))
    return env


@pytest.fixture
def lock_path(tmp_path: Path) -> Path:
    return tmp_path / "project.lock"


@pytest.fixture
def holder():
    """Start a child process that holds a lock until told to stop; always cleaned up."""
    processes: list[subprocess.Popen[str]] = []

    def start(path: Path, on_exit: str = "keep") -> subprocess.Popen[str]:
        process = subprocess.Popen(
            [sys.executable, "-c", ACQUIRE_AND_WAIT, str(path), on_exit],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            text=True, env=child_env(),
        )
        processes.append(process)
        assert process.stdout is not None
        line = process.stdout.readline()
        assert line.split() == ["locked", str(process.pid)], process.stderr.read()
        return process

    yield start
    for process in processes:
        if process.poll() is None:
            process.kill()
        process.communicate(timeout=30)


def stop(process: subprocess.Popen[str]) -> None:
    process.communicate(input="", timeout=30)
    assert process.returncode == 0


def test_acquire_writes_holder_details(lock_path):
    lock = ProjectLock(lock_path)
    lock.acquire()
    try:
        assert lock.held
        holder = json.loads(lock_path.read_text(encoding="utf-8"))
        assert holder["pid"] == os.getpid()
        assert holder["host"] == socket.gethostname()
        assert holder["since"]
        assert lock.took_over_stale is False
    finally:
        lock.release()


def test_acquire_twice_on_one_lock_object_is_harmless(lock_path):
    lock = ProjectLock(lock_path)
    lock.acquire()
    lock.acquire()
    assert lock.held
    lock.release()
    assert not lock_path.exists()


def test_second_lock_in_same_process_is_refused_naming_host_and_pid(lock_path):
    first = ProjectLock(lock_path)
    first.acquire()
    try:
        second = ProjectLock(lock_path)
        with pytest.raises(ProjectLockedError) as caught:
            second.acquire()
        message = str(caught.value)
        assert str(os.getpid()) in message
        assert socket.gethostname() in message
        assert str(lock_path.parent) in message
        assert isinstance(caught.value, ProjectError)
        assert not second.held
        # The refusal did not disturb the holder's record.
        assert json.loads(lock_path.read_text(encoding="utf-8"))["pid"] == os.getpid()
    finally:
        first.release()


def test_release_removes_the_file_and_allows_reacquire(lock_path):
    first = ProjectLock(lock_path)
    first.acquire()
    first.release()
    assert not first.held
    assert not lock_path.exists()
    second = ProjectLock(lock_path)
    second.acquire()
    try:
        assert second.held
        assert second.took_over_stale is False
    finally:
        second.release()
    first.acquire()  # the released object can take it again too
    first.release()


def test_release_without_acquire_is_harmless(lock_path):
    ProjectLock(lock_path).release()
    assert not lock_path.exists()


def test_stale_lock_of_dead_process_is_taken_over(lock_path):
    done = subprocess.run(
        [sys.executable, "-c", ACQUIRE_AND_DIE, str(lock_path)],
        capture_output=True, text=True, env=child_env(), timeout=60, check=False,
    )
    assert done.returncode == 0, done.stderr
    stale = json.loads(lock_path.read_text(encoding="utf-8"))
    assert stale["pid"] != os.getpid()

    lock = ProjectLock(lock_path)
    lock.acquire()
    try:
        assert lock.took_over_stale is True
        assert json.loads(lock_path.read_text(encoding="utf-8"))["pid"] == os.getpid()
    finally:
        lock.release()


def test_lock_of_live_other_process_is_refused_naming_its_pid(lock_path, holder):
    process = holder(lock_path)
    lock = ProjectLock(lock_path)
    with pytest.raises(ProjectLockedError) as caught:
        lock.acquire()
    assert f"process {process.pid} " in str(caught.value)
    assert socket.gethostname() in str(caught.value)
    assert not lock.held
    stop(process)


def test_lock_is_free_once_other_process_releases(lock_path, holder):
    process = holder(lock_path, "release")
    stop(process)
    assert not lock_path.exists()
    lock = ProjectLock(lock_path)
    lock.acquire()
    assert lock.took_over_stale is False
    lock.release()


def test_lock_is_free_once_other_process_dies_holding_it(lock_path, holder):
    process = holder(lock_path, "keep")
    stop(process)
    assert lock_path.exists()
    lock = ProjectLock(lock_path)
    lock.acquire()
    assert lock.took_over_stale is True
    lock.release()


def test_garbage_in_unheld_lock_file_does_not_block(lock_path):
    lock_path.write_text("not json {", encoding="utf-8")
    lock = ProjectLock(lock_path)
    lock.acquire()
    try:
        assert json.loads(lock_path.read_text(encoding="utf-8"))["pid"] == os.getpid()
    finally:
        lock.release()
