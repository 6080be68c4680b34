"""An import's files are parsed in a helper process when there are many: the same articles,
problems and counts as reading them on the import's own thread, large files streamed
here, a cancel honoured, and a helper that dies does not lose the rest."""

from __future__ import annotations

from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

import pytest

from desktop.importers.file_walker import FoundFile
from desktop.importers.importer_registry import ImporterRegistry
from desktop.services import file_reader
from desktop.services.cancel_token import CancelToken
from desktop.services.file_reader import FileReader
from desktop.services.import_service import ImportService


def _files(folder: Path) -> list[FoundFile]:
    folder.mkdir()
    texts = [f"Headline {n} 🙂\r\n\r\nBody {n}: مرحبا 東京, paragraph.\r\n" for n in range(40)]
    texts[7] = texts[3]  # a duplicate
    for n, text in enumerate(texts):
        (folder / f"story-{n:02d}.txt").write_text(text, encoding="utf-8", newline="")
    (folder / "empty.txt").write_bytes(b"")  # a problem to report
    # Large (for the test's limit): read on the import's thread, as it is taken.
    (folder / "large.txt").write_text("Large headline\n\n" + "word " * 400, encoding="utf-8")
    return [FoundFile(path, None, "wire") for path in sorted(folder.iterdir())]


@pytest.fixture
def small_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(FileReader, "PROCESS_MIN_FILES", 5)
    monkeypatch.setattr(FileReader, "CHUNK", 4)
    monkeypatch.setattr(FileReader, "LARGE_FILE_BYTES", 1000)


def _summary(reader: FileReader, files: list[FoundFile]) -> list[tuple[object, ...]]:
    out = []
    for entry, found in reader.read(files, lambda: False):
        out.append((entry.path.name, type(found.items) is list, [
            (item[0].title, item[0].body, item[0].content_hash, item[0].collection, item[1])
            if isinstance(item, tuple) else (item.path, item.reason) for item in found.items
        ], found.complete))
    return out


def test_the_helper_reads_what_the_thread_reads(tmp_path: Path, small_limits: None) -> None:
    files = _files(tmp_path / "src")
    registry = ImporterRegistry()
    here = _summary(FileReader(registry, standard=False), files)
    helper = _summary(FileReader(registry, standard=True), files)
    assert [row[0] for row in helper] == [row[0] for row in here] == [f.path.name for f in files]
    # Small files came from the helper (as lists); the large one streamed here.
    assert {name for name, as_list, _, _ in helper if not as_list} == {"large.txt"}
    assert not any(as_list for _, as_list, _, _ in here)
    assert [(n, items, complete) for n, _, items, complete in helper] == \
        [(n, items, complete) for n, _, items, complete in here]
    problems = [item for _, _, items, _ in here for item in items if len(item) == 2]
    assert len(problems) == 1, "the empty file is reported"


def test_an_import_through_the_helper_stores_the_same(project: Any, tmp_path: Path,
                                                      small_limits: None) -> None:
    files = _files(tmp_path / "src")
    report = ImportService(project).import_paths([tmp_path / "src"])
    assert report.files_total == len(files)
    assert report.imported == 40 - 1 + 1  # 40 stories less a duplicate, and the large one
    assert len(report.duplicates) == 1
    assert [Path(p.path).name for p in report.failed] == ["empty.txt"]
    assert report.files_read == len(files) - len(report.failed)
    assert project.store.articles.count() == report.imported


def test_a_cancel_stops_the_helper_early(project: Any, tmp_path: Path,
                                         small_limits: None) -> None:
    _files(tmp_path / "src")
    token = CancelToken()
    seen: list[int] = []

    def progress(done: int, total: int, label: str) -> None:
        seen.append(done)
        if done >= 6:
            token.cancel()

    report = ImportService(project).import_paths([tmp_path / "src"], progress, token)
    assert report.cancelled
    # Stopped within the file being read when asked, not at the end of the helper's chunks.
    assert 5 <= report.files_read <= 7 and report.files_total == 42
    assert project.store.articles.count() == report.imported <= 8


class _DyingPool:
    """A helper process that reads the first chunk, then dies: every later chunk's answer
    is BrokenProcessPool."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        self.submitted = 0

    def submit(self, function: Any, chunk: Any) -> Future[object]:
        self.submitted += 1
        future: Future[object] = Future()
        if self.submitted == 1:
            future.set_result(function(chunk))
        else:
            future.set_exception(BrokenProcessPool("killed"))
        return future

    def shutdown(self, **kwargs: object) -> None:
        pass


def test_a_helper_that_dies_leaves_the_rest_to_the_thread(
        tmp_path: Path, small_limits: None, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    files = _files(tmp_path / "src")
    registry = ImporterRegistry()
    here = _summary(FileReader(registry, standard=False), files)
    monkeypatch.setattr(file_reader, "ProcessPoolExecutor", _DyingPool)
    helper = _summary(FileReader(registry, standard=True), files)
    # Each file once: those of the first chunk from the "helper", the rest read here.
    assert [(n, items) for n, _, items, _ in helper] == [(n, items) for n, _, items, _ in here]
    assert helper[0][1], "the first chunk came from the helper"
    assert "reading the rest here" in caplog.text


def test_a_cancel_stops_the_helper_even_between_files_with_only_problems(
        tmp_path: Path, small_limits: None) -> None:
    folder = tmp_path / "src"
    folder.mkdir()
    for n in range(30):
        (folder / f"empty-{n:02d}.txt").write_bytes(b"")
    files = [FoundFile(path, None, "") for path in sorted(folder.iterdir())]
    taken = []
    for entry, found in FileReader(ImporterRegistry(), standard=True).read(
            files, lambda: len(taken) >= 3):
        taken.append((entry, list(found.items)))
    assert len(taken) == 3
