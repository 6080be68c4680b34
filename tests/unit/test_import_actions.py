"""An import is one undoable action; batch files stream; names and folders are kept."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from desktop.domain.article import Article
from desktop.importers.importer_registry import ImporterRegistry, RecordFailure
from desktop.importers.plain_text_importer import PlainTextImporter
from desktop.services.cancel_token import CancelToken
from desktop.services.history_service import HistoryService
from desktop.services.import_service import SAME_TEXT_OTHER_SOURCE, ImportService
from desktop.services.index_service import IndexService
from desktop.services.search_service import SearchService


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def numbered(folder: Path, count: int) -> list[Path]:
    return [write(folder / f"{i:03d}.txt", f"Headline {i}\n\nBody with word kw{i:03d}x.\n")
            for i in range(count)]


def search_total(project, query: str) -> int:
    assert IndexService(project).ensure_current()
    return SearchService(project).search(query, limit=100).total


class BatchImporter:
    """A batch file format: one story per line, "title|source|body"; line "!" is broken."""

    name = "Batch"
    suffixes = (".batch",)

    def __init__(self) -> None:
        self.yielded = 0

    def iter_articles(self, source, path: Path) -> Iterator[Article | RecordFailure]:
        for number, raw in enumerate(source, 1):
            line = raw.decode("utf-8").rstrip("\n")
            if line == "!":
                yield RecordFailure(f"line {number}", "broken record")
                continue
            title, src, body = line.split("|")
            self.yielded += 1
            yield Article(title=title, body=body, source=src, origin_path=str(path))


def test_import_is_one_undoable_action_with_its_change_set(project, tmp_path):
    numbered(tmp_path / "src", 450)  # three database batches
    report = ImportService(project).import_paths([tmp_path / "src"])
    assert report.imported == 450
    assert report.label == "Import src"
    assert sorted(report.changes.created("articles")) == sorted(report.imported_ids)
    [entry] = HistoryService(project).entries()
    assert (entry.kind, entry.label) == ("import", "Import src")
    assert entry.counts == {"articles": {"insert": 450}}
    assert project.store.import_runs.recent()[0].report["imported"] == 450

    history = HistoryService(project)
    undone = history.undo(report.changes, report.label)
    assert project.store.articles.count() == 0
    assert search_total(project, "kw007x") == 0
    ids_before = sorted(undone.deleted("articles"))
    redone = history.redo(undone, report.label)
    assert project.store.articles.count() == 450
    assert sorted(redone.created("articles")) == ids_before == sorted(report.imported_ids)
    assert search_total(project, "kw007x") == 1
    labels = [e.label for e in history.entries()]
    assert labels == ["Redo Import src", "Undo Import src", "Import src"]


def test_ids_are_never_reused_after_a_delete(project, tmp_path):
    first = ImportService(project).import_paths(numbered(tmp_path / "a", 3))
    HistoryService(project).undo(first.changes, first.label)
    again = ImportService(project).import_paths(numbered(tmp_path / "b", 3))
    assert set(again.imported_ids).isdisjoint(first.imported_ids)
    assert min(again.imported_ids) > max(first.imported_ids)


def test_same_text_from_another_source_is_kept_and_grouped(project, tmp_path):
    batch = write(tmp_path / "wire.batch", "\n".join([
        "Quake hits coast|Reuters|A strong quake hit the coast.",
        "Quake hits coast|AP|A strong quake hit the coast.",
        "Quake hits coast|Reuters|A strong quake hit the coast.",
    ]) + "\n")
    service = ImportService(project, ImporterRegistry([BatchImporter()]))
    report = service.import_paths([batch])
    assert report.imported == 2
    assert len(report.duplicates) == 1  # the same story from the same outlet, again
    first, second = (project.store.articles.get(i) for i in report.imported_ids)
    assert first.duplicate_of is None
    assert second.duplicate_of == first.id
    assert second.duplicate_rule == SAME_TEXT_OTHER_SOURCE
    assert report.duplicates[0].article_id == first.id
    assert report.linked_duplicates[0].article_id == first.id


def test_a_batch_file_streams_and_a_cancel_inside_it_keeps_what_was_read(project, tmp_path):
    lines = [f"Story {i}|Wire|Body of story {i} with kw{i:04d}x." for i in range(1000)]
    lines[10] = "!"
    batch = write(tmp_path / "big.batch", "\n".join(lines) + "\n")
    importer = BatchImporter()
    token = CancelToken()

    def progress(done: int, total: int, label: str) -> None:
        pass

    def committed(stored: int) -> None:
        if stored >= 400:
            token.cancel()  # in the middle of the file, after two batches were stored

    report = ImportService(project, ImporterRegistry([importer])).import_paths(
        [batch], progress, token, on_committed=committed)
    assert report.cancelled
    # Streaming: the importer was not asked for the whole file before storing began.
    assert importer.yielded < 1000
    assert report.imported == importer.yielded == project.store.articles.count()
    assert 400 <= report.imported < 1000
    assert [p.reason for p in report.failed] == ["broken record"]
    assert "line 11" in report.failed[0].path
    assert "Cancelled" in report.summary()
    assert search_total(project, "kw0003x") == 1


def test_a_file_name_that_is_not_utf8_is_imported(project, tmp_path):
    folder = tmp_path / "src"
    folder.mkdir()
    name = os.fsdecode(b"caf\xe9-report.txt")  # Latin-1 bytes in a Linux file name
    (folder / name).write_bytes(b"Cafe headline\n\nA body.\n")
    write(folder / "other.txt", "Other headline\n\nAnother body.\n")
    report = ImportService(project).import_paths([folder])
    assert report.imported == 2
    assert report.failed == []
    origins = {project.store.articles.get(i).origin_path for i in report.imported_ids}
    assert str(folder / "caf\\xe9-report.txt") in origins
    report.to_json()  # serialisable for the command line


def test_collection_is_the_folder_a_file_came_from(project, tmp_path):
    root = tmp_path / "bbc"
    write(root / "sport" / "001.txt", "Cup final\n\nA match.\n")
    write(root / "business" / "001.txt", "Shares fall\n\nA market.\n")
    write(tmp_path / "loose" / "note.txt", "Loose one\n\nOn its own.\n")
    report = ImportService(project).import_paths([root, tmp_path / "loose" / "note.txt"])
    collections = {
        project.store.articles.get(i).title: project.store.articles.get(i).collection
        for i in report.imported_ids
    }
    assert collections == {"Cup final": "sport", "Shares fall": "business", "Loose one": "loose"}


def test_finding_files_reports_progress_and_honours_cancel(project, tmp_path):
    numbered(tmp_path / "src", 2500)
    labels: list[str] = []
    token = CancelToken()

    def progress(done: int, total: int, label: str) -> None:
        labels.append(label)
        if label.startswith("Finding files") and done >= 2000:
            token.cancel()

    report = ImportService(project).import_paths([tmp_path / "src"], progress, token)
    assert any(label == "Finding files (1,000)" for label in labels)
    assert report.cancelled
    assert report.files_total < 2500
    assert report.imported == 0


def test_plain_text_importer_streams_one_article(tmp_path):
    file = write(tmp_path / "a.txt", "Head\n\nBody.\n")
    with file.open("rb") as source:
        [article] = list(PlainTextImporter().iter_articles(source, file))
    assert article.raw_hash and article.title == "Head"
