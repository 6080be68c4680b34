"""ImportService: files and folders into the database and the search index."""

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.domain.article import Article
from desktop.importers.import_error import ImportFailure
from desktop.importers.importer_registry import ImporterRegistry
from desktop.importers.plain_text_importer import PlainTextImporter
from desktop.services.cancel_token import CancelToken
from desktop.services.import_service import ImportService
from desktop.services.index_feeder import IndexNeed
from desktop.services.index_service import IndexService
from desktop.services.search_service import SearchService

ALPHA = "Alpha headline\n\nThe alpha body mentions zebrafish twice: zebrafish.\n"
# The same article re-saved: other case, other white space, CRLF line ends.
ALPHA_VARIANT = (
    "ALPHA   headline\r\n\r\nthe ALPHA body mentions  zebrafish twice:\r\nzebrafish.\r\n"
)


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8", newline="")
    else:
        path.write_bytes(content)
    return path


@pytest.fixture
def tree(tmp_path: Path) -> dict[str, Path]:
    src = tmp_path / "src"
    return {
        "src": src,
        "alpha": write(src / "a_alpha.txt", ALPHA),
        "beta": write(src / "b_beta.txt", "Beta headline\n\nBeta body about a narwhal.\n"),
        "latin1": write(
            src / "c_latin1.txt",
            b"Gamma headline\n\nCaf\xe9 prices rose sharply in the town centre, traders said"
            b" on Monday, and the mayor promised an inquiry.\n",
        ),
        "empty": write(src / "d_empty.txt", b""),
        "binary": write(src / "e_binary.txt", b"Title\x00\x00\x01binary"),
        "pdf": write(src / "f_report.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"),
        "readme": write(src / "README.txt", "About this folder\n\nNot an article.\n"),
        "hidden": write(src / ".hidden.txt", "Hidden headline\n\nHidden body.\n"),
        "copy": write(src / "dups" / "a_alpha_copy.txt", ALPHA),
        "variant": write(src / "dups" / "a_alpha_variant.txt", ALPHA_VARIANT),
        "delta": write(src / "sub" / "deeper" / "g_delta.txt", "Delta headline\n\nDelta body.\n"),
        "named_pdf": write(tmp_path / "named.pdf", b"%PDF-1.4\n"),
    }


def by_path(problems) -> dict[str, str]:
    return {p.path: p.reason for p in problems}


def test_import_folder_tree(project, tree):
    report = ImportService(project).import_paths([tree["src"], tree["named_pdf"]])

    assert report.cancelled is False
    assert report.imported == 4
    assert report.files_read == 6  # four new articles and two duplicates
    assert len(report.imported_ids) == 4
    assert project.store.articles.count() == 4
    titles = {project.store.articles.get(i).title for i in report.imported_ids}
    assert titles == {"Alpha headline", "Beta headline", "Gamma headline", "Delta headline"}

    failed = by_path(report.failed)
    assert set(failed) == {str(tree["empty"]), str(tree["binary"]), str(tree["named_pdf"])}
    assert "empty" in failed[str(tree["empty"])]
    assert "NUL" in failed[str(tree["binary"])]
    assert "not a supported file type" in failed[str(tree["named_pdf"])]
    assert ".txt" in failed[str(tree["named_pdf"])]

    skipped = by_path(report.skipped)
    assert set(skipped) == {str(tree["pdf"]), str(tree["readme"]), str(tree["hidden"])}
    assert "not a supported file type" in skipped[str(tree["pdf"])]
    assert "documentation" in skipped[str(tree["readme"])]
    assert "hidden" in skipped[str(tree["hidden"])]

    alpha_id = next(
        i for i in report.imported_ids if project.store.articles.get(i).title == "Alpha headline"
    )
    duplicates = by_path(report.duplicates)
    assert set(duplicates) == {str(tree["copy"]), str(tree["variant"])}
    assert all(reason == f"same text as article {alpha_id}" for reason in duplicates.values())


def test_badly_encoded_file_is_imported_not_failed(project, tree):
    report = ImportService(project).import_paths([tree["latin1"]])
    assert report.failed == []
    assert report.imported == 1
    article = project.store.articles.get(report.imported_ids[0])
    assert article.title == "Gamma headline"
    assert article.body.startswith("Caf")
    assert article.body.endswith("the mayor promised an inquiry.")
    assert article.origin_path == str(tree["latin1"])


def test_named_missing_file_fails_with_reason(project, tmp_path):
    missing = tmp_path / "gone.txt"
    report = ImportService(project).import_paths([missing])
    assert by_path(report.failed).keys() == {str(missing)}
    assert "cannot read" in report.failed[0].reason
    assert report.imported == 0


def test_importer_bug_is_reported_not_raised(project, tmp_path):
    class BrokenImporter:
        name = "Broken"
        suffixes = (".txt",)

        def iter_articles(self, source, path: Path) -> Iterator[Article]:
            data = source.read()
            if b"boom" in data:
                raise ValueError("importer bug")
            yield PlainTextImporter().parse(data, path)

    write(tmp_path / "src" / "1.txt", "Fine headline\n\nFine body.\n")
    bad = write(tmp_path / "src" / "2.txt", "Boom headline\n\nboom\n")
    service = ImportService(project, ImporterRegistry([BrokenImporter()]))
    report = service.import_paths([tmp_path / "src"])
    assert report.imported == 1
    assert by_path(report.failed).keys() == {str(bad)}
    assert "importer bug" in report.failed[0].reason


def test_import_failure_from_importer_keeps_its_reason(project, tmp_path):
    class PickyImporter:
        name = "Picky"
        suffixes = (".txt",)

        def iter_articles(self, source, path: Path) -> Iterator[Article]:
            raise ImportFailure("no headline found")

    file = write(tmp_path / "x.txt", "whatever\n")
    report = ImportService(project, ImporterRegistry([PickyImporter()])).import_paths([file])
    assert [(p.path, p.reason) for p in report.failed] == [(str(file), "no headline found")]


def test_importing_the_same_folder_twice_gives_only_duplicates(project, tree):
    service = ImportService(project)
    first = service.import_paths([tree["src"]])
    IndexService(project).ensure_current()
    outbox = project.store.outbox.last_seq()
    second = service.import_paths([tree["src"]])
    assert second.imported == 0
    assert second.imported_ids == []
    # Each duplicate names the stored article it duplicates, for the import report.
    stored = {a.content_hash: a.id for a in project.store.articles.iter_all()}
    assert all(p.article_id in stored.values() for p in second.duplicates)
    assert second.files_total == first.files_total > 0
    assert second.files_read == first.files_read
    assert len(second.duplicates) == first.files_read
    assert project.store.articles.count() == first.imported
    assert not second.changes  # nothing changed, so nothing to undo or to index
    assert project.store.outbox.last_seq() == outbox
    assert IndexService(project).plan().need is IndexNeed.NOTHING
    assert project.search_index.document_count() == first.imported


def numbered_files(folder: Path, count: int) -> dict[str, Path]:
    """``count`` articles, each with a made-up word found in no other."""
    return {
        f"kw{i:02d}x": write(
            folder / f"{i:03d}.txt", f"Headline number {i}\n\nThis body holds kw{i:02d}x only.\n"
        )
        for i in range(count)
    }


def search_ids(project, query: str) -> set[int]:
    assert IndexService(project).ensure_current()
    results = SearchService(project).search(query, limit=100)
    assert results.error is None
    return {hit.id for hit in results.hits}


def test_cancel_stops_early_and_leaves_database_and_index_consistent(project, tmp_path):
    words = numbered_files(tmp_path / "src", 25)
    token = CancelToken()

    def progress(done: int, total: int, label: str) -> None:
        if done >= 10:
            token.cancel()

    report = ImportService(project).import_paths([tmp_path / "src"], progress, token)

    assert report.cancelled is True
    assert 0 < report.imported < 25
    assert report.files_total == 25  # so the report can say "10 of 25 files"
    assert project.store.articles.count() == report.imported == len(report.imported_ids)
    assert IndexService(project).ensure_current()
    assert project.search_index.document_count() == report.imported
    stored = {a.id: a for a in project.store.articles.iter_all()}
    assert set(stored) == set(report.imported_ids)
    found = 0
    for word in words:
        ids = search_ids(project, word)
        assert len(ids) <= 1
        if ids:
            found += 1
            assert word in stored[ids.pop()].body
    assert found == report.imported

    # Importing again finishes the job without doubling anything.
    rest = ImportService(project).import_paths([tmp_path / "src"])
    assert rest.cancelled is False
    assert rest.imported == 25 - report.imported
    assert len(rest.duplicates) == report.imported
    assert project.store.articles.count() == 25
    assert all(len(search_ids(project, word)) == 1 for word in words)


def test_cancel_before_start_imports_nothing(project, tmp_path):
    numbered_files(tmp_path / "src", 3)
    token = CancelToken()
    token.cancel()
    report = ImportService(project).import_paths([tmp_path / "src"], cancel=token)
    assert report.cancelled is True
    assert report.imported == 0
    assert project.store.articles.count() == 0
    assert "Cancelled" in report.summary()


def import_with_progress(project, folder: Path) -> list[tuple[int, int, str]]:
    numbered_files(folder, 25)
    write(folder / "zz_empty.txt", b"")
    write(folder / "README.txt", "About\n\nthis folder\n")
    calls: list[tuple[int, int, str]] = []
    report = ImportService(project).import_paths(
        [folder], lambda done, total, label: calls.append((done, total, label))
    )
    assert report.imported == 25
    return calls


def test_progress_reports_increasing_done_and_correct_total(project, tmp_path):
    calls = import_with_progress(project, tmp_path / "src")
    assert len(calls) >= 3
    assert {total for _done, total, _label in calls} == {26}  # README.txt is skipped
    dones = [done for done, _total, _label in calls]
    assert dones == sorted(dones)
    assert dones[0] == 0
    assert len(set(dones)) >= 3  # it really moves, not only start and end
    assert calls[-1] == (26, 26, "Stored")
    assert all(label for _done, _total, label in calls)


def test_search_finds_imported_article_with_code_point_spans(project, tmp_path):
    body = "🎉🎉 Party 👩‍👩‍👧 time in 北京: the quokka smiled at 𝒳 and the quokka left."
    file = write(tmp_path / "party.txt", f"🐨 Quokka news\n\n{body}\n")
    write(tmp_path / "other.txt", "Other headline\n\nNothing to see here.\n")
    report = ImportService(project).import_paths([file, tmp_path / "other.txt"])
    assert report.imported == 2

    IndexService(project).ensure_current()
    results = SearchService(project).search("quokka")
    assert results.error is None
    assert results.total == 1
    [hit] = results.hits
    article = project.store.articles.get(hit.id)
    assert article.body == body
    assert hit.title == article.title == "🐨 Quokka news"

    assert len(hit.body_spans) == 2
    for start, end in hit.body_spans:
        assert article.body[start:end] == "quokka"
    assert [article.title[s:e] for s, e in hit.title_spans] == ["Quokka"]
    assert hit.snippet.spans
    for start, end in hit.snippet.spans:
        assert hit.snippet.text[start:end].casefold() == "quokka"
    assert "<b>quokka</b>" in hit.snippet.html()


def test_search_finds_each_imported_article(project, tree):
    report = ImportService(project).import_paths([tree["src"]])
    assert report.imported == 4
    IndexService(project).ensure_current()
    for word, title in [
        ("zebrafish", "Alpha headline"),
        ("narwhal", "Beta headline"),
        ("mayor", "Gamma headline"),
        ("delta", "Delta headline"),
    ]:
        results = SearchService(project).search(word)
        assert [hit.title for hit in results.hits] == [title], word


def test_report_json_and_summary(project, tree):
    report = ImportService(project).import_paths([tree["src"]])
    data = report.to_json()
    assert data["imported"] == 4
    assert data["duplicates"] == 2
    assert {f["path"] for f in data["failed"]} == {str(tree["empty"]), str(tree["binary"])}
    assert isinstance(data["seconds"], float)
    assert data["seconds"] >= 0
    assert "4 imported" in report.summary()
    assert "2 duplicates" in report.summary()


def test_the_summary_counts_one_as_one() -> None:
    from desktop.services.import_report import FileProblem, ImportReport

    one = ImportReport(files_read=1, imported=0, duplicates=[FileProblem("a.txt", "same text")])
    assert one.summary() == "0 imported, 1 duplicate not imported again (1 file read in 0.0 s)"
    two = ImportReport(files_read=2, imported=0, duplicates=[
        FileProblem("a.txt", "same text"), FileProblem("b.txt", "same text")])
    assert "2 duplicates not imported again (2 files read" in two.summary()
