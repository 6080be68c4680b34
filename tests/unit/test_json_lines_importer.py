"""JSON Lines batch files: read line by line, bad lines reported by number, and an import
cancelled in the middle of one keeps every article already stored."""

from __future__ import annotations

import io
import json
from pathlib import Path

from desktop.domain.article import Article
from desktop.domain.text import normalise_text
from desktop.importers.json_lines_importer import JsonLinesImporter
from desktop.importers.record_failure import RecordFailure
from desktop.services.import_service import ImportService
from desktop.services.index_service import IndexService
from desktop.services.search_service import SearchService


def _line(**fields: object) -> bytes:
    return json.dumps(fields, ensure_ascii=False).encode("utf-8") + b"\n"


def test_fields_are_read_by_their_usual_names() -> None:
    data = (_line(headline="Kerry in Baghdad &amp; Najaf", text="Body one.\r\nMore.",
                  source={"name": "Reuters"}, author=["A. Giles", "B. Khan"],
                  publishedAt="2014-06-14T10:00:00Z", link="https://example.org/1",
                  lang="en", tags=["Iraq", "Iran"])
            + b"\n"  # blank lines are allowed
            + _line(title="Only a title"))
    items = list(JsonLinesImporter().iter_articles(io.BytesIO(data), Path("feed.jsonl")))
    assert all(isinstance(i, Article) for i in items)
    first, second = items
    assert isinstance(first, Article) and isinstance(second, Article)
    assert (first.title, first.body, first.source, first.author) == (
        "Kerry in Baghdad & Najaf", normalise_text("Body one.\nMore."), "Reuters",
        "A. Giles, B. Khan")
    assert (first.published, first.url, first.language, first.keywords) == (
        "2014-06-14T10:00:00Z", "https://example.org/1", "en", ("Iraq", "Iran"))
    assert first.origin_path == "feed.jsonl:1" and second.origin_path == "feed.jsonl:3"
    assert (second.title, second.body) == ("Only a title", "")


def test_bad_lines_are_reported_and_the_rest_goes_on() -> None:
    data = (_line(title="Good one", body="Text.")
            + b"{not json\n"
            + b"[1, 2]\n"
            + b"\xff\xfe{}\n"
            + _line(title="", body="   ")
            + _line(title="Good two", body="Text.", date="last Tuesday"))
    items = list(JsonLinesImporter().iter_articles(io.BytesIO(data), Path("x.ndjson")))
    failures = [(i.detail, i.reason.split(" (")[0]) for i in items
                if isinstance(i, RecordFailure)]
    assert failures == [("line 2", "not valid JSON"), ("line 3", "not a JSON object"),
                        ("line 4", "not UTF-8 text"), ("line 5", "no title and no text")]
    good = [i for i in items if isinstance(i, Article)]
    assert [a.title for a in good] == ["Good one", "Good two"]
    assert good[1].published is None  # an unreadable date is left out, not guessed


def test_a_cancel_in_the_middle_of_a_batch_file_keeps_what_was_read(project, tmp_path) -> None:
    path = tmp_path / "batch.jsonl"
    with path.open("wb") as out:
        for n in range(1000):
            out.write(_line(title=f"Story {n}", body=f"Harvest report number {n} of many."))
    read: list[int] = []

    def cancel() -> bool:
        # The user presses Cancel once 450 stories were handed over (inside the one file).
        read.append(1)
        return len(read) > 450

    report = ImportService(project).import_paths([path], cancel=cancel)
    stored = project.store.articles.count()
    assert report.cancelled
    assert 0 < stored < 1000 and stored == report.imported
    titles = {s.title for s in project.store.articles.summaries()}
    assert titles == {f"Story {n}" for n in range(stored)}  # the first ones, each once
    # What was kept is searchable (the index follows the outbox).
    IndexService(project).ensure_current()
    assert SearchService(project).search("harvest").total == stored


def test_a_batch_file_imports_through_the_registry(project, tmp_path) -> None:
    path = tmp_path / "two.jsonl"
    path.write_bytes(_line(title="Alpha", body="Zebrafish.") + b"oops\n"
                     + _line(title="Beta", body="Narwhal."))
    report = ImportService(project).import_paths([tmp_path])
    assert report.imported == 2
    assert [(p.path.rsplit("(", 1)[-1], p.reason.split(" (")[0]) for p in report.failed] == [
        ("line 2)", "not valid JSON")]
