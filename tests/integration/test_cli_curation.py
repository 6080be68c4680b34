"""One entity's page and the curation commands, run as a user runs them."""

from __future__ import annotations

from pathlib import Path

from .conftest import run_ok
from .test_cli import assert_usage_error, json_out, run_cli


def recognised(seed_project: Path) -> Path:
    run_ok("recognize", seed_project)
    return seed_project


def ids_by_name(project: Path) -> dict[str, int]:
    return {e["name"]: e["id"] for e in json_out("entities", project, "--json")["entities"]}


def test_entity_page_as_json(seed_project):
    project = recognised(seed_project)
    page = json_out("entity", project, "John Kerry", "--json", "--context", "15")
    assert {"id", "uuid", "name", "type", "aliases", "description", "external_id", "state",
            "mentions", "articles", "contexts", "notes", "highlights", "cooccurring",
            "months", "undated"} <= page.keys()
    assert (page["name"], page["type"], page["mentions"]) == ("John Kerry", "person", 1)
    [context] = page["contexts"]
    assert context["text"] == "John Kerry" and context["left"] == "etary of State "
    assert len(context["left"]) == 15 and context["article_title"].startswith("Sunni")
    assert {"Iran", "Iraq"} <= {c["name"] for c in page["cooccurring"]}
    assert page["undated"] == 1 and page["months"] == []
    by_id = json_out("entity", project, str(page["id"]), "--json")
    assert by_id["name"] == "John Kerry"
    text = run_ok("entity", project, "john kerry").stdout
    assert "[John Kerry]" in text and "1 mentions in 1 articles" in text


def test_merge_alias_and_mentions_from_the_command_line(seed_project):
    project = recognised(seed_project)
    ids = ids_by_name(project)
    merged = json_out("entity-merge", project, "Islamic State of Iraq and the Levant",
                      str(ids["Quds Force"]), "--json")
    assert merged["name"] == "Quds Force"
    assert "Islamic State of Iraq and the Levant" in merged["aliases"]
    assert merged["changes"]["entities"]["update"] == 2
    # The search index followed: the merged name finds the article through the target.
    hits = json_out("search", project, 'entity:"Islamic State of Iraq and the Levant"',
                    "--json")
    assert hits["total"] == 1
    alias = json_out("entity-alias", project, "Najaf", "Najaf city", "--json")
    assert alias["aliases"] == ["Najaf city"]
    removed = json_out("entity-alias", project, "Najaf", "Najaf city", "--remove", "--json")
    assert removed["aliases"] == []
    rejected = json_out("mentions-reject", project, "Karbala", "--json")
    assert (rejected["mentions"], rejected["state"]) == (2, "rejected")
    assert "Karbala" not in ids_by_name(project)
    confirmed = run_ok("mentions-confirm", project, "Baghdad").stdout
    assert confirmed.strip() == "3 mentions confirmed."


def test_bad_input_gets_one_line_and_no_traceback(seed_project):
    project = recognised(seed_project)
    assert_usage_error(run_cli("entity", project, "Nobody"), "no entity is called “Nobody”")
    assert_usage_error(run_cli("entity", project, "99999"), "no entity with id 99999")
    assert_usage_error(run_cli("entity-merge", project, "Iran", "Iran"), "into itself")
    assert_usage_error(run_cli("entity-alias", project, "Iran", "Iran"), "already a name")
    assert_usage_error(run_cli("mentions-confirm", project), "give either a TEXT or --id")
    assert_usage_error(run_cli("mentions-reject", project, "--id", "424242"),
                       "no mention with id 424242")
    assert_usage_error(run_cli("mentions-confirm", project, "Nowhere", "--article", "1"),
                       "no suggested mention of “Nowhere”")
