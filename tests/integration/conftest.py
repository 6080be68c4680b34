"""Fixtures for the integration tests: running the real command line in a child process."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import desktop
from tests.support import SEEDS

# The child processes run the same code as this process (a checkout, not an installed copy).
CODE_ROOT = Path(desktop.__file__).resolve().parents[1]


def command_prefix() -> list[str]:
    """``python -m desktop`` where the package has a ``__main__``, else the CLI module."""
    if (CODE_ROOT / "desktop" / "__main__.py").is_file():
        return [sys.executable, "-m", "desktop"]
    return [sys.executable, "-c", "import sys; from desktop.cli import main; sys.exit(main())"]


def run_cli(*args: object, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(CODE_ROOT), env.get("PYTHONPATH")]))
    env["PYTHONIOENCODING"] = "utf-8"
    env["QT_QPA_PLATFORM"] = "offscreen"  # should a command ever reach the GUI by mistake
    return subprocess.run(
        [*command_prefix(), *map(str, args)],
        capture_output=True, text=True, encoding="utf-8", env=env, cwd=cwd,
        stdin=subprocess.DEVNULL, timeout=300, check=False,
    )


def run_ok(*args: object) -> subprocess.CompletedProcess[str]:
    done = run_cli(*args)
    assert done.returncode == 0, f"{args}: exit {done.returncode}\n{done.stderr}"
    return done


@pytest.fixture(scope="module")
def seed_project_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project made with the command line from the seeds folder; copy it to change it."""
    path = tmp_path_factory.mktemp("cli") / "seed-project"
    run_ok("new", path)
    run_ok("import", path, SEEDS)
    return path


@pytest.fixture
def seed_project(tmp_path: Path, seed_project_template: Path) -> Path:
    """A private copy of the seed project for one test."""
    path = tmp_path / "seed-project"
    shutil.copytree(seed_project_template, path)
    return path
