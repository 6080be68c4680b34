"""Importing files and folders into a project, then indexing what was new."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from desktop.domain.article import Article
from desktop.domain.text import content_hash
from desktop.importers.import_error import ImportFailure
from desktop.importers.importer_registry import ImporterRegistry
from desktop.services.cancel_token import Progress, no_progress
from desktop.services.import_report import FileProblem, ImportReport
from desktop.services.index_service import IndexService
from desktop.services.project import Project
from desktop.storage.project_store import ProjectStore

# Articles are committed to the database in batches (durable progress; a crash loses at
# most one batch) and to the index in larger ones, because every index commit adds a
# segment that later searches and merges pay for. If the app dies between the two, the
# index is stale by generation and rebuilds itself on the next open.
_DB_BATCH = 200
_INDEX_BATCH = 2000


class ImportService:
    def __init__(self, project: Project, registry: ImporterRegistry | None = None) -> None:
        self.project = project
        self.registry = registry or ImporterRegistry()

    def import_paths(
        self,
        paths: Sequence[Path],
        progress: Progress = no_progress,
        cancel: Callable[[], bool] = lambda: False,
    ) -> ImportReport:
        """Import every supported file under ``paths``; never raises for a bad file.

        Runs on a worker thread: it opens its own database connection.
        """
        started = time.perf_counter()
        report = ImportReport()
        files: list[Path] = []
        for file, skip in self.registry.expand([Path(p) for p in paths]):
            if skip:
                report.skipped.append(FileProblem(str(file), skip))
            else:
                files.append(file)
        report.files_total = len(files)
        store = self.project.connect()
        try:
            with self.project.write_lock:
                self._import_files(store, files, report, progress, cancel)
        finally:
            store.close()
        report.seconds = time.perf_counter() - started
        return report

    def _import_files(
        self,
        store: ProjectStore,
        files: list[Path],
        report: ImportReport,
        progress: Progress,
        cancel: Callable[[], bool],
    ) -> None:
        # Incremental adds assume an index that matches the database: make it so first
        # (after a crash mid-import, or on a project whose index was deleted).
        IndexService(self.project).ensure_current(progress, cancel)
        pending: list[tuple[Article, str]] = []
        to_index: list[Article] = []
        total = len(files)
        for done, file in enumerate(files):
            if cancel():
                report.cancelled = True
                break
            if done % 10 == 0:
                progress(done, total, file.name)
            articles = self._read(file, report)
            pending.extend((article, str(file)) for article in articles)
            if len(pending) >= _DB_BATCH:
                to_index.extend(self._save(store, pending, report))
                pending.clear()
            if len(to_index) >= _INDEX_BATCH:
                IndexService(self.project).add(to_index, store.generation())
                to_index.clear()
        to_index.extend(self._save(store, pending, report))
        if to_index:
            progress(total, total, "Indexing")
            IndexService(self.project).add(to_index, store.generation())
        progress(total, total, "Done")

    def _read(self, file: Path, report: ImportReport) -> list[Article]:
        importer = self.registry.for_path(file)
        if importer is None:
            supported = ", ".join(self.registry.supported_suffixes())
            report.failed.append(FileProblem(str(file), f"not a supported file type ({supported})"))
            return []
        try:
            data = file.read_bytes()
            articles = importer.parse(data, file)
        except OSError as error:
            report.failed.append(FileProblem(str(file), f"cannot read: {error.strerror or error}"))
            return []
        except ImportFailure as error:
            report.failed.append(FileProblem(str(file), str(error)))
            return []
        except Exception as error:  # an importer bug must not end the whole import
            report.failed.append(FileProblem(str(file), f"unexpected error: {error!r}"))
            return []
        report.files_read += 1
        return [replace(a, content_hash=content_hash(a.title, a.body)) for a in articles]

    @staticmethod
    def _save(
        store: ProjectStore, pending: list[tuple[Article, str]], report: ImportReport
    ) -> list[Article]:
        if not pending:
            return []
        saved: list[Article] = []
        results = store.add_articles(article for article, _path in pending)
        for (_article, path), result in zip(pending, results, strict=True):
            if isinstance(result, Article):
                saved.append(result)
                report.imported_ids.append(result.id or 0)
            else:
                report.duplicates.append(
                    FileProblem(path, f"same text as article {result}", article_id=result))
        report.imported += len(saved)
        return saved
