"""Highlights, notes and codes from the command line, as scripts use them."""

from __future__ import annotations

from pathlib import Path

from tests.support import SEED_TITLE

from .conftest import run_ok
from .test_cli import assert_usage_error, json_out, run_cli, seed_id


def body_of(project: Path) -> str:
    return json_out("show", project, seed_id(project), "--json")["body"]


def test_highlight_prints_the_stored_passage(seed_project):
    body = body_of(seed_project)
    start = body.index("Gen Ghasem Soleimani")
    end = start + len("Gen Ghasem Soleimani")
    made = json_out("highlight", seed_project, seed_id(seed_project), start, end,
                    "--code", "Iran", "--code", "Military", "--note", "Why is he there?",
                    "--entity", "Qassem Soleimani", "--json")
    assert {"id", "uuid", "article_id", "start", "end", "quote", "prefix", "suffix", "codes",
            "entities", "status"} <= made.keys()
    assert made["quote"] == body[start:end] == "Gen Ghasem Soleimani"
    assert made["prefix"] == body[start - 32:start] and made["suffix"] == body[end:end + 32]
    assert (made["codes"], made["entities"], made["status"]) == (
        ["Iran", "Military"], ["Qassem Soleimani"], "anchored")
    listed = json_out("highlights", seed_project, "--code", "Iran", "--json")["highlights"]
    assert [h["id"] for h in listed] == [made["id"]]
    assert json_out("highlights", seed_project, "--status", "needs_review", "--json") == {
        "highlights": []}
    codes = json_out("codes", seed_project, "--json")["codes"]
    assert [(c["name"], c["highlights"]) for c in codes] == [("Iran", 1), ("Military", 1)]
    # The note on the highlight is searchable, and so is the highlight itself.
    assert json_out("search", seed_project, '"why is he there"', "--json")["total"] == 1


def test_bad_highlights_are_usage_errors(seed_project):
    article = seed_id(seed_project)
    assert_usage_error(run_cli("highlight", seed_project, article, 10, 10), "empty")
    assert_usage_error(run_cli("highlight", seed_project, 999, 0, 4), "no article")
    assert_usage_error(run_cli("highlight", seed_project, article, 0, 10**9), "outside")


def test_note_with_links_and_the_notes_list(seed_project):
    note = json_out("note", seed_project, "Compare with *last year*.", "--link",
                    f"article:{seed_id(seed_project)}", "--link", "entity:Kerry", "--json")
    assert [link["kind"] for link in note["links"]] == ["article", "entity"]
    assert f"[{SEED_TITLE}](rn://article/{seed_id(seed_project)})" in note["body"]
    notes = json_out("notes", seed_project, "--json")["notes"]
    assert [n["id"] for n in notes] == [note["id"]]
    assert_usage_error(run_cli("note", seed_project, "x", "--link", "planet:Mars"), "KIND")


def test_import_update_reanchors_and_counts(tmp_path):
    project = tmp_path / "p"
    source = tmp_path / "src" / "story.txt"
    source.parent.mkdir()
    text = "The harbour reopened on Tuesday. Fishermen returned to sea at dawn."
    source.write_text(f"Harbour news\n\n{text}\n", encoding="utf-8")
    run_ok("new", project)
    run_ok("import", project, source)
    article = seed_id(project)
    start = text.index("Fishermen returned")
    json_out("highlight", project, article, start, start + len("Fishermen returned"), "--json")
    source.write_text(f"Harbour news\n\nUPDATE: {text}\n", encoding="utf-8")
    report = json_out("import", project, source, "--update", "--json")
    assert (report["imported"], report["updated"], report["reanchored"],
            report["needs_review"]) == (0, 1, 1, 0)
    [moved] = json_out("highlights", project, "--json")["highlights"]
    assert moved["start"] == start + len("UPDATE: ") and moved["body_version"] == 2
