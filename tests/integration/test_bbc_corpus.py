"""Importing and searching the real BBC News corpus (2,225 articles, ../shared/corpora)."""

import hashlib
import re
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

from desktop.services.import_service import ImportService
from desktop.services.index_feeder import IndexNeed
from desktop.services.index_service import IndexService
from desktop.services.project import Project
from desktop.services.search_service import SearchService
from tests.support import SHARED

BBC = SHARED / "corpora" / "bbc-news" / "bbc"  # ../shared beside the repository
ARTICLE_FILES = 2225

pytestmark = [
    pytest.mark.corpus,
    pytest.mark.skipif(
        not BBC.is_dir(), reason=f"the BBC News corpus is not present at {BBC}"
    ),
]


def raw_articles() -> list[Path]:
    return sorted(BBC.glob("*/*.txt"))


def expected_duplicates(files: list[Path]) -> int:
    """Files whose headline and body repeat an earlier file's, up to white space and case.

    Computed from the raw files, independently of the importer: decode (UTF-8, else
    Windows-1252), NFC, headline = first non-blank line, body = the rest; compare both with
    every run of white space collapsed and letters case-folded.
    """
    groups: Counter[tuple[str, str]] = Counter()
    for file in files:
        data = file.read_bytes()
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("cp1252")
        lines = unicodedata.normalize("NFC", text).splitlines()
        first = next(i for i, line in enumerate(lines) if line.strip())
        title = " ".join(lines[first].split()).casefold()
        body = " ".join(" ".join(lines[first + 1 :]).split()).casefold()
        groups[title, body] += 1
    return sum(count - 1 for count in groups.values())


def byte_identical_duplicates(files: list[Path]) -> int:
    digests = Counter(hashlib.sha256(f.read_bytes()).hexdigest() for f in files)
    return sum(count - 1 for count in digests.values())


def title_phrase(title: str) -> str:
    """A quoted run of plain words from the headline: the longest, at most four words."""
    best: list[str] = []
    run: list[str] = []
    for word in [*title.split(), ""]:
        if re.fullmatch(r"[A-Za-z]+", word):
            run.append(word)
            continue
        if len(run) > len(best):
            best = run
        run = []
    return '"' + " ".join(best[:4]) + '"'


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory):
    project = Project.create(tmp_path_factory.mktemp("bbc") / "project")
    try:
        # As the GUI does it: the indexer process follows the import batch by batch.
        indexer = project.indexer
        report = ImportService(project).import_paths([BBC], on_committed=lambda n: indexer.sync())
        indexer.flush()
        assert indexer.wait_idle(timeout=600), "the indexer did not finish"
        assert indexer.last_error is None
        print(
            f"\nBBC import: {report.files_read} files read, {report.imported} imported,"
            f" {len(report.duplicates)} duplicates, {len(report.failed)} failed,"
            f" {report.seconds:.1f} s"
        )
        yield project, report
    finally:
        project.close()


def test_corpus_is_as_described():
    files = raw_articles()
    assert len(files) == ARTICLE_FILES
    assert (BBC / "README.TXT").is_file()
    assert byte_identical_duplicates(files) == 98


def test_every_article_file_is_read_and_readme_skipped(imported):
    _project, report = imported
    assert report.files_read == ARTICLE_FILES
    assert report.failed == []
    assert report.cancelled is False
    assert [(Path(p.path).name, "documentation" in p.reason) for p in report.skipped] == [
        ("README.TXT", True)
    ]


def test_imported_and_duplicates_account_for_every_file(imported):
    project, report = imported
    assert report.imported + len(report.duplicates) == ARTICLE_FILES
    assert project.store.articles.count() == report.imported == len(report.imported_ids)


def test_duplicates_are_exactly_the_repeated_articles(imported):
    _project, report = imported
    expected = expected_duplicates(raw_articles())
    assert expected >= 98  # at least the byte-identical ones
    assert len(report.duplicates) == expected


def test_latin1_pound_sign_in_sport_199(imported):
    project, report = imported
    wanted = str(BBC / "sport" / "199.txt")
    [article] = [a for a in project.store.articles.iter_all() if a.origin_path == wanted]
    assert article.id in report.imported_ids
    assert "\xa315.8m" in article.body  # "£15.8m"
    assert "\ufffd" not in article.body


def test_no_replacement_characters_in_any_article(imported):
    project, _report = imported
    damaged = [a.origin_path for a in project.store.articles.iter_all() if "\ufffd" in a.body]
    assert damaged == []


def test_index_holds_every_imported_article(imported):
    project, report = imported
    assert project.search_index.document_count() == report.imported
    assert IndexService(project).plan().need is IndexNeed.NOTHING


def test_sample_of_articles_found_by_a_phrase_of_their_title(imported):
    project, report = imported
    search = SearchService(project)
    sample = sorted(report.imported_ids)[::40]
    assert len(sample) >= 50
    missed = []
    for article_id in sample:
        article = project.store.articles.get(article_id)
        query = title_phrase(article.title)
        assert len(query) > 2, article.title
        results = search.search(query, limit=50)
        if results.error or article_id not in {hit.id for hit in results.hits}:
            missed.append((article_id, article.title, query, results.error, results.total))
    assert missed == []
