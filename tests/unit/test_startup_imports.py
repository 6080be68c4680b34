"""What opening the window costs in imports: Whoosh loads at the first search, not before."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.support import REPO

_PROBE = """
import sys
from pathlib import Path
import desktop.app, desktop.ui.main.main_window
from desktop.services.project import Project
with Project.create(Path(sys.argv[1])) as project:
    project.store.articles  # the list reads through here
    before = "whoosh" in sys.modules
    project.search_index.check()
    print(before, "whoosh" in sys.modules)
"""


def test_whoosh_loads_only_when_the_index_is_used(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CACHE_HOME=str(tmp_path / "cache"),
               HOME=str(tmp_path))
    done = subprocess.run([sys.executable, "-c", _PROBE, str(tmp_path / "project")], cwd=REPO,
                          env=env, capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "True"]
