"""The ``research-notes`` command line, run as a real child process."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from desktop import __version__
from desktop.cli import main
from desktop.importers.plain_text_importer import PlainTextImporter
from desktop.services.project import DB_NAME, LEGACY_INDEX_DIR, LOCK_NAME, Project
from desktop.storage.migrations import LATEST_VERSION
from tests.support import SEED_FILE, SEED_TITLE, SEEDS, change_a_byte

from .conftest import CODE_ROOT, command_prefix, run_cli, run_ok


def json_out(*args: object) -> object:
    return json.loads(run_ok(*args).stdout)


def assert_usage_error(done, *expected: str) -> str:
    """Exit status 2, one line on stderr naming the problem, no traceback."""
    assert done.returncode == 2, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    assert "Traceback" not in done.stdout
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    for text in expected:
        assert text in lines[0]
    return lines[0]


def seed_id(project: Path) -> int:
    [row] = json_out("list", project, "--json")
    return row["id"]


def test_new_creates_a_closed_project(tmp_path):
    target = tmp_path / "fresh"
    done = run_ok("new", target, "--name", "Field work")
    assert "Created project 'Field work'" in done.stdout
    assert (target / DB_NAME).is_file()
    assert not (target / LOCK_NAME).exists()
    info = json_out("info", target, "--json")
    assert info["name"] == "Field work"
    assert info["articles"] == 0


def test_new_refuses_existing_project(seed_project):
    assert_usage_error(run_cli("new", seed_project), "already")


def test_import_json_report(tmp_path):
    target = tmp_path / "p"
    run_ok("new", target)
    report = json_out("import", target, SEEDS, "--json")
    assert {"imported", "duplicates", "failed", "seconds"} <= report.keys()
    assert report["imported"] == 1
    assert report["duplicates"] == 0
    assert report["failed"] == []
    assert isinstance(report["seconds"], int | float)
    again = json_out("import", target, SEED_FILE, "--json")
    assert (again["imported"], again["duplicates"]) == (0, 1)


def test_import_reports_failed_files_and_still_succeeds(tmp_path):
    target = tmp_path / "p"
    run_ok("new", target)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    report = json_out("import", target, empty, SEED_FILE, "--json")
    assert report["imported"] == 1
    assert report["failed"] == [{"path": str(empty), "reason": "the file is empty"}]
    text = run_ok("import", target, empty).stdout
    assert "failed" in text
    assert str(empty) in text


def test_search_json(seed_project):
    result = json_out("search", seed_project, "Soleimani", "--json")
    assert result["total"] == 1
    [hit] = result["hits"]
    assert {"id", "title", "source", "published", "score", "snippet"} <= hit.keys()
    assert hit["id"] == seed_id(seed_project)
    assert hit["title"] == SEED_TITLE
    assert hit["source"] == ""
    assert hit["published"] is None
    assert hit["score"] > 0
    assert "<b>Soleimani</b>" in hit["snippet"]


def test_search_json_says_whether_the_total_is_exact(seed_project):
    result = json_out("search", seed_project, "Soleimani", "--json")
    assert result["total_exact"] is True
    assert result["timed_out"] is False
    assert result["notice"] is None
    [hit] = result["hits"]
    assert hit["key"] == f"article:{hit['id']}"
    assert hit["kind"] == "article"
    assert hit["article_id"] == hit["id"]


def test_search_with_undecodable_bytes_is_a_clear_error(seed_project):
    # Bytes that are not UTF-8 reach Python as lone surrogates (surrogateescape).
    done = run_cli("search", seed_project, os.fsdecode(b"caf\xff"))
    assert done.returncode == 2
    assert "invalid character" in done.stderr
    assert "Traceback" not in done.stderr


def test_search_refuses_a_leading_wildcard_with_a_hint(seed_project):
    done = run_cli("search", seed_project, "*ani")
    assert done.returncode == 2
    assert "at least 2 letters" in done.stderr


def test_a_query_that_starts_with_a_minus_is_explained_and_works_after_dashes(seed_project):
    assert_usage_error(run_cli("search", seed_project, "-Soleimani"), '"--"', '-- "-word"')
    assert_usage_error(run_cli("search", seed_project, "the", "-Soleimani"), '"--"')
    assert '"--"' not in run_cli("search", seed_project).stderr  # no minus: no hint
    everything = json_out("search", seed_project, "the", "--json")["total"]
    assert everything >= 1
    assert json_out("search", seed_project, "--json", "--", "-Soleimani")["total"] == 0
    assert json_out("search", seed_project, "--json", "--", "the -Soleimani")["total"] == 0


def test_search_body_spans_point_into_the_full_body(seed_project):
    [hit] = json_out("search", seed_project, "Soleimani", "--json")["hits"]
    body = json_out("show", seed_project, hit["id"], "--json")["body"]
    assert hit["body_spans"]
    assert all(body[start:end] == "Soleimani" for start, end in hit["body_spans"])


def test_search_without_match(seed_project):
    result = json_out("search", seed_project, "xylophone", "--json")
    assert result["total"] == 0
    assert result["hits"] == []


def test_search_plain_text(seed_project):
    done = run_ok("search", seed_project, "Soleimani")
    assert SEED_TITLE in done.stdout
    assert "Soleimani" in done.stdout
    assert "<b>" not in done.stdout


def test_list_json(seed_project):
    rows = json_out("list", seed_project, "--json")
    assert len(rows) == 1
    assert rows[0]["title"] == SEED_TITLE
    assert {"id", "title", "source", "published"} == rows[0].keys()


def test_show_json_has_the_full_body(seed_project):
    expected = PlainTextImporter().parse(SEED_FILE.read_bytes(), SEED_FILE)
    article = json_out("show", seed_project, seed_id(seed_project), "--json")
    assert article["title"] == SEED_TITLE
    assert article["body"] == expected.body
    assert article["body"].endswith("in his fight against Sunni rebels.")
    assert article["origin_path"] == str(SEED_FILE)
    assert len(article["content_hash"]) == 64


def test_show_plain_text(seed_project):
    done = run_ok("show", seed_project, seed_id(seed_project))
    assert done.stdout.splitlines()[0] == SEED_TITLE
    assert "in his fight against Sunni rebels." in done.stdout


def test_info_json(seed_project):
    run_ok("search", seed_project, "anything")  # the index is built on this machine first
    info = json_out("info", seed_project, "--json")
    assert info["articles"] == 1
    assert info["schema_version"] == LATEST_VERSION
    assert info["index"]["documents"] == 1
    assert isinstance(info["index"]["version"], int)
    assert info["index"]["status"] == "ok"
    assert Path(info["path"]) == seed_project.resolve()


def test_info_plain_text(seed_project):
    run_ok("search", seed_project, "anything")
    done = run_ok("info", seed_project)
    assert "articles: 1" in done.stdout
    assert "index.documents: 1" in done.stdout


def test_rebuild_index_then_still_searchable(seed_project):
    done = run_ok("rebuild-index", seed_project)
    assert "Index rebuilt: 1 documents." in done.stdout
    assert json_out("search", seed_project, "Soleimani", "--json")["total"] == 1


def index_path(project: Path) -> Path:
    run_ok("search", project, "anything")  # built in this test's cache folder if missing
    return Path(json_out("info", project, "--json")["index"]["path"])


def test_the_index_lives_in_the_user_cache_not_in_the_project(seed_project, isolated_user_dirs):
    where = index_path(seed_project)
    assert where.is_relative_to(isolated_user_dirs / "cache")
    assert where.is_dir()
    assert not (seed_project / LEGACY_INDEX_DIR).exists()


def test_search_after_index_folder_deleted(seed_project):
    shutil.rmtree(index_path(seed_project))
    result = json_out("search", seed_project, "Soleimani", "--json")
    assert [hit["title"] for hit in result["hits"]] == [SEED_TITLE]
    assert json_out("info", seed_project, "--json")["index"]["documents"] == 1


def test_search_after_index_files_corrupted(seed_project):
    json_out("search", seed_project, "Soleimani", "--json")
    files = [p for p in index_path(seed_project).rglob("gen-*/*") if p.is_file()]
    assert files
    for file in files:
        if not file.name.endswith(".json"):
            file.write_bytes(b"\x00garbage\xff" * 64)
    info = json_out("info", seed_project, "--json")  # never a traceback
    assert info["index"]["status"] == "damaged"
    result = json_out("search", seed_project, "Soleimani", "--json")
    assert [hit["title"] for hit in result["hits"]] == [SEED_TITLE]
    assert "<b>Soleimani</b>" in result["hits"][0]["snippet"]
    info = json_out("info", seed_project, "--json")
    assert (info["index"]["documents"], info["index"]["status"]) == (1, "ok")


def test_a_byte_the_disk_changed_is_reported_by_info_and_healed_by_search(seed_project):
    """Size and time as written: only reading the file finds it. ``info`` reads every
    index file; the next search says it rebuilds, then answers."""
    json_out("search", seed_project, "Soleimani", "--json")
    live = [p for p in index_path(seed_project).glob("gen-*/MAIN_*") if p.is_file()]
    target = max(live, key=lambda p: p.stat().st_size)
    change_a_byte(target)
    info = json_out("info", seed_project, "--json")["index"]
    assert info["status"] == "damaged" and target.name in info["problem"]
    done = run_ok("search", seed_project, "Soleimani", "--json")
    assert "rebuilding it from the project" in done.stderr and target.name in done.stderr
    assert "Traceback" not in done.stderr
    assert [hit["title"] for hit in json.loads(done.stdout)["hits"]] == [SEED_TITLE]
    assert json_out("info", seed_project, "--json")["index"]["status"] == "ok"


def test_info_reports_damage_but_does_not_mark_an_index_a_window_holds(seed_project):
    """Marked, the window (whose indexer rebuilds only what it meets) searched on while
    every command-line search was told, untruly, that the window was building it."""
    json_out("search", seed_project, "Soleimani", "--json")
    live = [p for p in index_path(seed_project).glob("gen-*/MAIN_*") if p.is_file()]
    target = max(live, key=lambda p: p.stat().st_size)
    change_a_byte(target)
    with Project.open(seed_project) as held:  # as the window holds it
        info = json_out("info", seed_project, "--json")["index"]
        assert info["status"] == "damaged" and target.name in info["problem"]
        assert held.search_index.home.damage() is None
    info = json_out("info", seed_project, "--json")["index"]  # its own: marked, healed next
    assert info["status"] == "damaged"
    assert json_out("search", seed_project, "Soleimani", "--json")["total"] == 1


def test_version():
    done = run_ok("--version")
    assert __version__ in done.stdout


# -- errors: exit status 2, one line on stderr, no traceback ------------------------------


def test_missing_project_folder(tmp_path):
    missing = tmp_path / "nowhere"
    assert_usage_error(run_cli("search", missing, "word"), "not a Research Notes project")
    assert not missing.exists()


def test_folder_that_is_not_a_project(tmp_path):
    assert_usage_error(run_cli("list", tmp_path), "not a Research Notes project", str(tmp_path))


def test_garbage_database(tmp_path):
    (tmp_path / DB_NAME).write_bytes(b"not a database\n" * 100)
    assert_usage_error(run_cli("info", tmp_path, "--json"), "not a readable")


def test_bad_subcommand(seed_project):
    assert_usage_error(run_cli("frobnicate", seed_project))


def test_bad_subcommand_in_process(capsys):
    assert main(["frobnicate"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert len(captured.err.strip().splitlines()) == 1
    assert "frobnicate" in captured.err


def test_missing_arguments(seed_project):
    assert_usage_error(run_cli("search", seed_project))


def test_show_of_missing_id(seed_project):
    assert_usage_error(run_cli("show", seed_project, "999"), "no article with id 999")


def test_show_of_non_numeric_id(seed_project):
    assert_usage_error(run_cli("show", seed_project, "abc"))


def test_import_of_missing_path(seed_project, tmp_path):
    missing = tmp_path / "no-such-folder"
    assert_usage_error(run_cli("import", seed_project, missing), str(missing))


def test_search_limit_must_be_positive(seed_project):
    assert_usage_error(run_cli("search", seed_project, "Soleimani", "--limit", "0"), "--limit")


def test_locked_project(seed_project):
    article = seed_id(seed_project)
    with Project.open(seed_project):
        line = assert_usage_error(run_cli("delete", seed_project, article))
    assert str(os.getpid()) in line
    assert "open in another instance" in line
    # Released again: the same command now works.
    run_ok("delete", seed_project, article)
    assert json_out("search", seed_project, "Soleimani", "--json")["total"] == 0


@pytest.mark.parametrize("command", [("rebuild-index",), ("import", SEEDS),
                                     ("recognize",), ("note", "A thought")])
def test_every_command_that_changes_a_project_refuses_a_locked_one(seed_project, command):
    with Project.open(seed_project):
        assert_usage_error(run_cli(command[0], seed_project, *command[1:]), str(os.getpid()))


def test_output_closed_early_is_not_an_error(tmp_path):
    # `research-notes show ... | head -1`: the reader goes away mid-output. The article is
    # far larger than a pipe buffer (64 KiB), so the child is still writing when we close.
    project = tmp_path / "big"
    run_ok("new", project)
    paragraph = "Soleimani visited Najaf and Karbala south of Baghdad. " * 20
    (tmp_path / "long.txt").write_text("Long\n\n" + "\n\n".join([paragraph] * 400))
    run_ok("import", project, tmp_path / "long.txt")
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(CODE_ROOT), env.get("PYTHONPATH")]))
    with subprocess.Popen(
        [*command_prefix(), "show", str(project), str(seed_id(project)), "--json"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, env=env,
    ) as child:
        assert child.stdout is not None and child.stderr is not None
        assert child.stdout.read(100)
        child.stdout.close()
        stderr = child.stderr.read().decode()
        code = child.wait(timeout=120)
    assert "Traceback" not in stderr and code == 0


def test_lock_path_that_is_a_folder_is_a_clear_error(seed_project):
    (seed_project / LOCK_NAME).mkdir()
    assert_usage_error(run_cli("list", seed_project), "Cannot open", LOCK_NAME)


def test_garbage_lock_file_is_replaced_with_one_warning(seed_project):
    (seed_project / LOCK_NAME).write_bytes(b"\xff\xfe\x00 not a lock \xc3\x28")
    done = run_ok("list", seed_project, "--json")
    assert [row["title"] for row in json.loads(done.stdout)]  # the command did its work
    assert "Traceback" not in done.stderr
    [line] = done.stderr.strip().splitlines()
    assert LOCK_NAME in line and "damaged" in line
    assert not (seed_project / LOCK_NAME).exists()  # released again


def test_symlinked_lock_file_never_writes_to_its_target(seed_project, tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"the user's own file\n")
    (seed_project / LOCK_NAME).symlink_to(victim)
    done = run_ok("list", seed_project)
    assert "Traceback" not in done.stderr
    assert victim.read_bytes() == b"the user's own file\n"


def test_commands_that_do_not_search_leave_the_index_alone(seed_project):
    shutil.rmtree(index_path(seed_project))
    run_ok("list", seed_project)
    run_ok("show", seed_project, seed_id(seed_project))
    info = json_out("info", seed_project, "--json")
    assert info["index"]["status"] == "missing"
    # Nothing was built (the folder may hold the note of which project it serves).
    assert not any(Path(info["index"]["path"]).glob("gen-*"))
    assert json_out("search", seed_project, "Soleimani", "--json")["total"] == 1
    assert json_out("info", seed_project, "--json")["index"]["status"] == "ok"


def test_a_window_with_its_index_elsewhere_leaves_the_command_line_to_build_its_own(
        seed_project):
    # The window keeps its index in another cache folder (another user's settings): this
    # installation has none, and nobody is building one here.
    where = index_path(seed_project)
    for generation in where.glob("gen-*"):
        shutil.rmtree(generation)  # none here (the writer's lock file stays, not held)
    assert (where / "writer.lock").exists()
    with Project.open(seed_project):  # as the window holds it: locked
        found = run_ok("search", seed_project, "Soleimani", "--json")
        assert [h["title"] for h in json.loads(found.stdout)["hits"]] == [SEED_TITLE]
        assert "building this installation's search index" in found.stderr
        assert "being built by the window" not in found.stderr


def test_an_index_the_window_is_building_is_waited_for_not_built_twice(seed_project):
    from index.index_home import IndexHome

    where = index_path(seed_project)
    for generation in where.glob("gen-*"):
        shutil.rmtree(generation)  # missing, and ...
    window = IndexHome(where)
    assert window.claim_writer()  # ... the window's indexer is writing it
    try:
        with Project.open(seed_project):
            refused = run_cli("search", seed_project, "Soleimani")
        assert refused.returncode == 2
        assert "being built by the window" in refused.stderr
        assert "Traceback" not in refused.stderr
        assert not any(where.glob("gen-*"))
    finally:
        window.release_writer()


def test_reading_commands_work_while_a_window_holds_the_project(seed_project, tmp_path):
    from desktop.services.import_service import ImportService

    json_out("search", seed_project, "Soleimani", "--json")  # the index is built
    seed = seed_id(seed_project)
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "late.txt").write_text("Late story\n\nSoleimani again.\n", encoding="utf-8")
    with Project.open(seed_project) as held:  # as the window holds it: locked
        # Stored but not yet indexed, as when the window's indexer is still busy.
        ImportService(held).import_paths([extra])
        listed = run_ok("list", seed_project, "--json")
        assert sorted(a["title"] for a in json.loads(listed.stdout)) == [
            "Late story", SEED_TITLE]
        assert "open in Research Notes" in listed.stderr
        for command in ("notes", "codes", "highlights", "entities", "history", "info"):
            run_ok(command, seed_project)
        found = run_ok("search", seed_project, "Soleimani", "--json")
        assert [h["title"] for h in json.loads(found.stdout)["hits"]] == [SEED_TITLE]
        assert "still indexing the last" in found.stderr
        # Changing it still needs it to itself.
        refused = run_cli("delete", seed_project, str(seed))
        assert refused.returncode == 2 and "open in another instance" in refused.stderr
    assert len(json_out("search", seed_project, "Soleimani", "--json")["hits"]) == 2
