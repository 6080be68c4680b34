"""The installed search engine is the one the project pins, and the only one."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from importlib import metadata

from tests.support import REPO


def _pinned(name: str) -> str:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    for requirement in project["project"]["dependencies"]:
        match = re.fullmatch(rf"{re.escape(name)}==([\w.]+)", requirement.replace(" ", ""))
        if match:
            return match.group(1)
    raise AssertionError(f"{name} is not pinned exactly in pyproject.toml")


def test_exactly_one_distribution_provides_whoosh() -> None:
    # whoosh, whoosh-reloaded, whoosh3 and whoosh-ng all install the package "whoosh";
    # two of them at once overwrite each other's files.
    providers = metadata.packages_distributions().get("whoosh", [])
    assert sorted({p.lower() for p in providers}) == ["whoosh3"]


def test_installed_whoosh3_is_the_pinned_release() -> None:
    assert metadata.version("whoosh3") == _pinned("whoosh3")


def test_whoosh_imports_without_warnings() -> None:
    # In a fresh interpreter (here whoosh is already imported), with every warning an error:
    # whoosh 2.7.4 fails exactly this way (invalid escape sequences).
    done = subprocess.run(
        [sys.executable, "-W", "error", "-c",
         "import whoosh.index, whoosh.qparser, whoosh.highlight"],
        capture_output=True, text=True, check=False, timeout=120,
    )
    assert done.returncode == 0, done.stderr
