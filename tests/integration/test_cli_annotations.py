"""Highlights, notes and codes from the command line, as scripts use them."""

from __future__ import annotations

from pathlib import Path

from desktop.services.code_service import CodeService
from desktop.services.curation_service import CurationService
from desktop.services.entity_service import EntityService
from desktop.services.project import Project
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


def history_labels(project: Path) -> list[str]:
    return [a["label"] for a in json_out("history", project, "--json")["actions"]]


def test_a_refused_highlight_leaves_no_code_entity_or_history_behind(seed_project):
    article = seed_id(seed_project)
    before = history_labels(seed_project)
    assert_usage_error(run_cli("highlight", seed_project, article, 0, 1_100_000, "--code", "X",
                               "--entity", "Someone new"), "outside")
    assert_usage_error(run_cli("highlight", seed_project, 999, 0, 4, "--code", "X"),
                       "no article")
    assert json_out("codes", seed_project, "--json") == {"codes": []}
    assert json_out("entities", seed_project, "--json")["entities"] == []
    assert history_labels(seed_project) == before
    # One that is made is one entry in the history, codes and entity included.
    json_out("highlight", seed_project, article, 0, 4, "--code", "X", "--entity", "Someone new",
             "--json")
    assert len(history_labels(seed_project)) == len(before) + 1
    assert [c["name"] for c in json_out("codes", seed_project, "--json")["codes"]] == ["X"]


def test_an_entity_id_must_name_a_live_entity(seed_project):
    article = seed_id(seed_project)
    with Project.open(seed_project) as project:
        entities = EntityService(project)
        gone = entities.create("Gone", "person")[0].id
        kept = entities.create("Kept", "person")[0].id
        merged = entities.create("Merged", "person")[0].id
        entities.create("1999", "other")
        CurationService(project).delete([gone])
        CurationService(project).merge(merged, kept)
    line = assert_usage_error(run_cli("highlight", seed_project, article, 0, 4, "--entity", "12"),
                              "entity 12 does not exist")
    assert "Traceback" not in line
    assert_usage_error(run_cli("highlight", seed_project, article, 0, 4, "--entity", str(gone)),
                       f"entity {gone} was deleted")
    assert_usage_error(run_cli("note", seed_project, "x", "--link", f"entity:{gone}"),
                       f"entity {gone} was deleted")
    assert json_out("highlights", seed_project, "--json") == {"highlights": []}
    assert json_out("notes", seed_project, "--json") == {"notes": []}
    names = [e["name"] for e in json_out("entities", seed_project, "--json")["entities"]]
    assert "12" not in names
    # A live id, the id of an entity merged into a live one, and a name that is a number.
    for given, expected in ((str(kept), "Kept"), (str(merged), "Kept"), ("1999", "1999")):
        made = json_out("highlight", seed_project, article, 0, 4, "--entity", given, "--json")
        assert made["entities"] == [expected], given


def test_codes_show_their_own_count_and_the_total_with_subcodes(seed_project):
    article = seed_id(seed_project)
    with Project.open(seed_project) as project:
        codes = CodeService(project)
        military = codes.create("Military")[0].id
        codes.create("Navy", parent_id=military)
        codes.create("Iran")
    run_ok("highlight", seed_project, article, 0, 4, "--code", "Military")
    run_ok("highlight", seed_project, article, 5, 9, "--code", "Navy")
    run_ok("highlight", seed_project, article, 10, 14, "--code", "Iran")
    lines = run_ok("codes", seed_project).stdout.splitlines()
    assert lines == ["Military (1; 2 with subcodes)", "  Navy (1)", "Iran (1)"]
    [military_json, _iran] = json_out("codes", seed_project, "--json")["codes"]
    assert (military_json["highlights"], military_json["total"]) == (1, 2)
    assert [(c["name"], c["highlights"], c["total"]) for c in military_json["children"]] == [
        ("Navy", 1, 1)]


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
