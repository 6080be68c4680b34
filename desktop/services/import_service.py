"""Importing files and folders into a project: one undoable user action.

Articles are committed in batches (durable progress: a crash or a cancel keeps every
finished batch), all under one journal action, so the whole import is one step in
Edit > Undo and in the history. After each batch ``on_committed(articles stored so far)``
is called: the GUI and the command line let the indexer process pick the new articles up
from the outbox while the next batch is being read (two cores, both busy).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from contextlib import closing
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from desktop.domain.article import Article
from desktop.importers.file_paths import display_path
from desktop.importers.file_walker import FileWalker, FoundFile
from desktop.importers.importer_registry import ImporterRegistry
from desktop.services.cancel_token import Progress, no_progress
from desktop.services.file_reader import FileReader
from desktop.services.import_report import FileProblem, ImportReport
from desktop.services.project import Project
from desktop.services.text_update import TextUpdater
from desktop.storage.action import Action
from desktop.storage.project_store import ProjectStore

_DB_BATCH = 200

SAME_TEXT = "same text"
SAME_TEXT_OTHER_SOURCE = "same text, other source"


class ImportService:
    def __init__(self, project: Project, registry: ImporterRegistry | None = None, *,
                 update: bool = False) -> None:
        self.project = project
        self.registry = registry or ImporterRegistry()
        # Files are parsed in a helper process only with the standard importers.
        self.reader = FileReader(self.registry, standard=registry is None)
        # With ``update``, a file whose origin (or address) matches a stored article
        # replaces that article's text (a new body version) and re-anchors its highlights.
        self.update = update

    def import_paths(
        self,
        paths: Sequence[Path],
        progress: Progress = no_progress,
        cancel: Callable[[], bool] = lambda: False,
        on_committed: Callable[[int], object] = lambda stored: None,
    ) -> ImportReport:
        """Import every supported file under ``paths``; never raises for a bad file.

        Runs on a worker thread: it opens its own database connection.
        """
        started = time.perf_counter()
        report = ImportReport(label=_label(paths),
                              started_at=datetime.now(UTC).isoformat(timespec="seconds"))
        found: list[FoundFile] = []
        walker = FileWalker(self.registry.supports)
        for entry in walker.expand([Path(p) for p in paths], progress, cancel):
            if entry.skip_reason:
                report.skipped.append(FileProblem(display_path(entry.path), entry.skip_reason))
            else:
                found.append(entry)
        report.files_total = len(found)
        action = Action("import", report.label)
        store = self.project.connect()
        try:
            with self.project.write_lock:
                self._import(store, action, found, report, progress, cancel, on_committed)
            report.changes = action.change_set()
            report.seconds = time.perf_counter() - started
            store.import_runs.add(report.started_at, report.to_json(), action.journal_id)
        finally:
            store.close()
        return report

    def _import(
        self,
        store: ProjectStore,
        action: Action,
        files: list[FoundFile],
        report: ImportReport,
        progress: Progress,
        cancel: Callable[[], bool],
        on_committed: Callable[[int], object],
    ) -> None:
        pending: list[tuple[Article, str]] = []
        total = len(files)
        report.cancelled = cancel()
        done = 0
        # Closed however the loop ends: a helper process reading ahead stops.
        with closing(self.reader.read([] if report.cancelled else files, cancel)) as reading:
            for entry, found in reading:
                progress(done, total, f"Reading {display_path(entry.path.name)}")
                for item in found.items:
                    if isinstance(item, FileProblem):
                        report.failed.append(item)
                        continue
                    pending.append(item)
                    if len(pending) >= _DB_BATCH:
                        self._save(store, action, pending, report)
                        pending.clear()
                        on_committed(report.imported)
                    if cancel():
                        # Inside a batch file too: what was read so far is kept.
                        report.cancelled = True
                        break
                else:
                    report.files_read += int(found.complete)
                done += 1
                if report.cancelled:
                    break
        # A cancel while the reader waited for a file ends its loop without one.
        report.cancelled = report.cancelled or (done < total and cancel())
        if pending:
            self._save(store, action, pending, report)
            on_committed(report.imported)
        progress(done, total, "Stored")

    def _save(
        self, store: ProjectStore, action: Action, pending: list[tuple[Article, str]],
        report: ImportReport,
    ) -> None:
        with store.transaction(action):
            for article, where in pending:
                if self.update and self._updated(store, article, where, report):
                    continue
                same = store.articles.same_text(article.content_hash)
                if same and _is_repeat(article, same):
                    first = same[0][0]
                    report.duplicates.append(
                        FileProblem(where, f"same text as article {first}", first))
                    continue
                if same:
                    article = replace(article, duplicate_of=same[0][0],
                                      duplicate_rule=SAME_TEXT_OTHER_SOURCE)
                [saved] = store.articles.add([article])
                report.imported += 1
                report.imported_ids.append(saved.id or 0)
                if same:
                    report.linked_duplicates.append(FileProblem(
                        where, f"same text as article {same[0][0]}, from another source",
                        same[0][0]))


    @staticmethod
    def _updated(store: ProjectStore, article: Article, where: str, report: ImportReport) -> bool:
        """Replace the text of the article this file was imported as, if any."""
        stored = store.articles.by_origin(article.origin_path, article.url)
        if stored is None:
            return False
        if stored.content_hash == article.content_hash:
            report.duplicates.append(FileProblem(where, "unchanged", stored.id))
        else:
            TextUpdater(store).replace(stored, article, report.text_update)
            report.updated.append(FileProblem(where, "new version of the text", stored.id))
        return True


def _is_repeat(article: Article, same: list[tuple[int, str, str]]) -> bool:
    """The same text is stored twice only when it comes from somewhere else: a copy with no
    source and address of its own, or the same ones, is the same article again."""
    if not article.source and not article.url:
        return True
    return any(source == article.source and url == article.url for _, source, url in same)


def _label(paths: Sequence[Path]) -> str:
    if len(paths) == 1:
        name = display_path(Path(paths[0]).name) or display_path(paths[0])
        return f"Import {name}"
    return f"Import {len(paths):,} items"
