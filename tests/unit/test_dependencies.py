"""The installed search engine is the one the project pins, and the only one."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from importlib import metadata

from packaging.requirements import Requirement

from tests.support import REPO


def _declared(name: str) -> Requirement:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    for line in project["project"]["dependencies"]:
        requirement = Requirement(line)
        if requirement.name.lower() == name.lower():
            return requirement
    raise AssertionError(f"{name} is not declared in pyproject.toml")


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


def test_declared_pyside6_range_excludes_the_release_that_loses_references() -> None:
    # PySide6-Essentials 6.12.0 on Python 3.11 aborts the interpreter (bool_dealloc); see
    # tests/ui/test_qt_refcounts.py and the comment in pyproject.toml.
    specifier = _declared("PySide6-Essentials").specifier
    assert "6.12.0" not in specifier
    assert "6.11.3" in specifier


def test_installed_pyside6_is_in_the_declared_range_with_its_own_shiboken() -> None:
    # A venv made before the range changed keeps the old release unless pip reinstalls.
    installed = metadata.version("PySide6-Essentials")
    assert installed in _declared("PySide6-Essentials").specifier
    assert metadata.version("shiboken6") == installed
