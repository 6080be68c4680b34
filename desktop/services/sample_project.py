"""The built-in sample project, made from the articles in the repository's ``seeds/``."""

from __future__ import annotations

from pathlib import Path

from desktop.services.import_service import ImportService
from desktop.services.index_service import IndexService
from desktop.services.project import DB_NAME, Project

SAMPLE_NAME = "Sample project"


def default_seeds_dir() -> Path:
    return Path(__file__).resolve().parents[2] / "seeds"


class SampleProject:
    """Creates the sample project once; afterwards it is the user's to change."""

    def __init__(self, seeds_dir: Path | None = None) -> None:
        self.seeds_dir = seeds_dir or default_seeds_dir()

    def ensure(self, target: Path) -> Path:
        """Create the sample project in ``target`` unless one is there; return its path."""
        if (target / DB_NAME).exists():
            return target
        with Project.create(target, SAMPLE_NAME) as project:
            ImportService(project).import_paths([self.seeds_dir])
            IndexService(project).ensure_current()
        return target
