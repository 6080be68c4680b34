"""Opening a project for a command that only reads it, even while a window has it open.

Every edit is committed at once, so a project held by a window is complete on disk: a
command that reads (list, show, search, notes…) opens it read-only instead of refusing,
and says so on stderr. Commands that change the project still need it to themselves.
"""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from desktop.services.index_service import IndexService
from desktop.services.project import Project
from desktop.storage.storage_errors import ProjectLockedError
from index import IndexCheck, IndexStatus


class ReadAccess:
    def __init__(self, err: TextIO) -> None:
        self.err = err
        self.shared = False  # the last project opened is held by a window

    def open(self, path: Path) -> Project:
        self.shared = False
        try:
            return Project.open(path)
        except ProjectLockedError:
            project = Project.open(path, read_only=True)
            self.shared = True
            print(f"note: {project.path} is open in Research Notes; reading it as saved "
                  "there so far.", file=self.err)
            return project

    def open_for_search(self, path: Path) -> Project:
        """Open a project with an index that matches the data, so that scripted searches
        never run against a stale one. While a window holds the project its indexer is
        the one that writes the index: search what it has written, and say if it lags."""
        project = self.open(path)
        try:
            if self.shared:
                self._check_shared_index(project)
            else:
                self.say_if_rebuilding(project.search_index.check())
                IndexService(project).ensure_current()
        except BaseException:
            project.close()
            raise
        return project

    def say_if_rebuilding(self, check: IndexCheck) -> None:
        """A rebuild takes seconds to minutes: say why before it starts (a damaged index
        was rebuilt in silence, 16 s before the results, in a new user's trial)."""
        if check.status is IndexStatus.DAMAGED:
            print(f"note: the search index is damaged; rebuilding it from the project. "
                  f"{check.reason}", file=self.err)
        elif check.status is IndexStatus.OTHER_VERSION:
            print("note: the search index was built by another version; rebuilding it.",
                  file=self.err)

    def _check_shared_index(self, project: Project) -> None:
        if project.search_index.check().status is not IndexStatus.OK:
            if project.search_index.home.writer_busy():
                raise ProjectLockedError(
                    f"The search index of {project.path} is being built by the window that "
                    "has it open; search again when it is done.")
            # Nobody is building it: the window keeps its index in another cache folder
            # (another user's settings or installation), or has not started on it yet (its
            # indexer then waits for this build's writer lock). The index is this
            # installation's own, so it is built here from the database, which stays
            # read-only (it used to refuse, blaming the window: a new user's trial).
            print(f"note: building this installation's search index of {project.path}; "
                  "nothing else is building it now.", file=self.err)
            IndexService(project).ensure_current()
            return
        plan = IndexService(project).plan()
        if plan.behind:
            print(f"note: the window is still indexing the last {plan.behind:,} changes; "
                  "they may be missing from these results.", file=self.err)
