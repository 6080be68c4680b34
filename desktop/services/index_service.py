"""Bringing a project's index up to date in this process (command line, tests, the sample).

The GUI never does this on its own threads: it asks the project's indexer process
(:attr:`Project.indexer`). Both run the same :class:`IndexFeeder`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from desktop.services.cancel_token import Progress, no_progress
from desktop.services.index_feeder import IndexFeeder, IndexPlan
from desktop.services.project import Project


class IndexService:
    def __init__(self, project: Project) -> None:
        self.project = project

    def plan(self) -> IndexPlan:
        """What the index needs (nothing, a catch-up, a rebuild), without changing anything."""
        with self._feeder() as feeder:
            return feeder.plan()

    def ensure_current(
        self, progress: Progress = no_progress, cancel: Callable[[], bool] = lambda: False
    ) -> bool:
        """Rebuild or catch up as needed; True when the index reflects the database."""
        with self._feeder() as feeder:
            return feeder.ensure_current(progress, cancel)

    def rebuild(
        self, progress: Progress = no_progress, cancel: Callable[[], bool] = lambda: False
    ) -> bool:
        with self._feeder() as feeder:
            return feeder.rebuild(progress, cancel)

    @contextmanager
    def _feeder(self) -> Iterator[IndexFeeder]:
        with self.project.write_lock:
            store = self.project.connect()
            from index import IndexUpdater  # not at start-up: it imports Whoosh

            updater = IndexUpdater(self.project.index_root)
            try:
                yield IndexFeeder(store, updater)
            finally:
                updater.close()
                store.close()
