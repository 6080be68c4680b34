"""The built-in sample project, made from the articles in the repository's ``seeds/``."""

from __future__ import annotations

from pathlib import Path

from desktop.services.import_service import ImportService
from desktop.services.index_service import IndexService
from desktop.services.project import DB_NAME, Project
from desktop.services.sample_annotations import SampleAnnotations
from desktop.storage.storage_errors import ProjectError

SAMPLE_NAME = "Sample project"
# Set once the seeds are in: a sample interrupted half-way (a crash on first run) is
# finished on the next start instead of being reused as it is.
_COMPLETE = "sample_complete"


def default_seeds_dir() -> Path:
    return Path(__file__).resolve().parents[2] / "seeds"


class SampleProject:
    """Creates the sample project once; afterwards it is the user's to change."""

    def __init__(self, seeds_dir: Path | None = None) -> None:
        self.seeds_dir = seeds_dir or default_seeds_dir()

    def ensure(self, target: Path) -> Path:
        """Create (or finish creating) the sample project in ``target``; return its path."""
        exists = (target / DB_NAME).exists()
        with Project.open(target) if exists else Project.create(target, SAMPLE_NAME) as project:
            if project.store.meta(_COMPLETE) == "1":
                return target
            report = ImportService(project).import_paths([self.seeds_dir])
            if project.store.articles.count() == 0:
                reasons = "; ".join(f"{p.path}: {p.reason}" for p in report.failed)
                raise ProjectError(
                    f"No sample articles could be read from {self.seeds_dir}"
                    + (f" ({reasons})" if reasons else " (the folder is missing or empty)")
                )
            SampleAnnotations(project).add()
            IndexService(project).ensure_current()
            project.store.set_meta(_COMPLETE, "1")
        return target
