"""The search index is never trusted from elsewhere (issue: forged indexes run code).

A project folder may come from someone else. Whoosh keeps pickles in its files, so an
index inside it could run its author's code the moment it is opened. These tests forge
such an index, prove that plain Whoosh would run it, and prove that nothing we do with
the project (info, search, import, opening it in the window) runs it. They also swap and
copy databases under an index and check that search results always match the database.
"""

from __future__ import annotations

import json
import os
import pickle
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import whoosh
from whoosh import fields, index
from whoosh.filedb.filestore import FileStorage

from desktop.services.index_location import index_root
from desktop.services.project import DB_NAME, LEGACY_INDEX_DIR, Project
from tests.support import SEEDS

from .conftest import CODE_ROOT, command_prefix, run_ok
from .test_cli import json_out


class _TouchMarker:
    """Unpickling this creates a file: the stand-in for an attacker's code."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (open, (str(self.marker), "w"))


def forge_index(folder: Path, marker: Path) -> None:
    """A real Whoosh index whose table of contents unpickles ``_TouchMarker``."""
    folder.mkdir(parents=True)
    built = index.create_in(str(folder), fields.Schema(body=fields.TEXT(stored=True)))
    with built.writer() as writer:
        writer.add_document(body="bait")
    toc = next(folder.glob("_MAIN_*.toc"))
    generation = int(toc.stem.rsplit("_", 1)[1])
    segments = index.TOC.read(FileStorage(str(folder)), "MAIN").segments
    stream = FileStorage(str(folder)).create_file(toc.name)
    # The header exactly as Whoosh writes it (TOC.write), then the poisoned schema.
    for size in (index._INT_SIZE, index._LONG_SIZE, index._FLOAT_SIZE):
        stream.write_varint(size)
    stream.write_int(-12345)
    stream.write_int(index._CURRENT_TOC_VERSION)
    for number in whoosh.__version__[:3]:
        stream.write_varint(number)
    stream.write_string(pickle.dumps(_TouchMarker(marker), 2))
    stream.write_int(generation)
    stream.write_int(0)
    stream.write_pickle(segments)
    stream.close()


def test_the_forged_index_is_live_ammunition(tmp_path):
    """Without this, the tests below could pass with a dud."""
    marker = tmp_path / "pwned"
    forge_index(tmp_path / "forged", marker)
    subprocess.run(
        [sys.executable, "-c", "import sys; from whoosh import index; index.open_dir(sys.argv[1])",
         str(tmp_path / "forged")], capture_output=True, check=False, timeout=60)
    assert marker.exists()


def test_an_index_that_came_with_the_project_never_runs(tmp_path, qtbot):
    project = tmp_path / "received"
    run_ok("new", project)
    run_ok("import", project, SEEDS)
    marker = tmp_path / "pwned"
    forged = project / LEGACY_INDEX_DIR
    forge_index(forged, marker)
    # The meta file an attacker would copy from a real project (its contents are public).
    (forged / "index_meta.json").write_text(json.dumps({"version": 2, "analyzer": {}}))

    assert json_out("info", project, "--json")["articles"] == 1
    assert json_out("search", project, "Soleimani", "--json")["total"] == 1
    run_ok("import", project, SEEDS)
    from desktop.ui.project.project_session import ProjectSession

    session = ProjectSession()
    with qtbot.waitSignal(session.index_ready, timeout=30_000):
        assert session.open(project)
    session.close()
    assert not marker.exists()


def test_a_hostile_project_id_cannot_move_the_index_out_of_the_cache(tmp_path):
    base = tmp_path / "cache"
    for hostile in ("../../../../etc", "/tmp/x", "..", "", "a/b"):
        assert index_root(hostile, base).resolve().is_relative_to(base / "indexes")
    assert index_root("6f1c1e1e-9d5e-4a53-9b59-3f0d1e1c2b3a", base).name == (
        "6f1c1e1e-9d5e-4a53-9b59-3f0d1e1c2b3a")


def _titles_found(project: Path, query: str) -> list[str]:
    result = json_out("search", project, query, "--json")
    shown = {hit["id"]: hit["title"] for hit in result["hits"]}
    for article_id, title in shown.items():  # every id resolves to the article shown
        assert json_out("show", project, article_id, "--json")["title"] == title
    return sorted(shown.values())


def _write_article(folder: Path, name: str, title: str, body: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(f"{title}\n\n{body}\n", encoding="utf-8")
    return path


def test_a_database_swapped_in_from_another_project_is_not_served_a_stale_index(tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    run_ok("new", first)
    run_ok("new", second)
    run_ok("import", first, _write_article(tmp_path / "a", "1.txt", "Apple harvest", "Orchard"))
    run_ok("import", second, _write_article(tmp_path / "b", "1.txt", "Banana boat", "Orchard"))
    assert _titles_found(first, "orchard") == ["Apple harvest"]
    assert _titles_found(second, "orchard") == ["Banana boat"]
    shutil.copyfile(second / DB_NAME, first / DB_NAME)  # same count, same ids
    assert _titles_found(first, "orchard") == ["Banana boat"]


def test_two_copies_of_one_project_that_went_their_own_ways(tmp_path):
    original = tmp_path / "original"
    run_ok("new", original)
    run_ok("import", original, _write_article(tmp_path / "o", "1.txt", "Common root", "Shared"))
    assert _titles_found(original, "shared") == ["Common root"]
    copy = tmp_path / "copy"
    shutil.copytree(original, copy)  # same project identity, same outbox position
    run_ok("import", original, _write_article(tmp_path / "p", "2.txt", "Only here", "Shared"))
    run_ok("import", copy, _write_article(tmp_path / "q", "2.txt", "Only there", "Shared"))
    assert _titles_found(original, "shared") == ["Common root", "Only here"]
    assert _titles_found(copy, "shared") == ["Common root", "Only there"]
    assert _titles_found(original, "shared") == ["Common root", "Only here"]


def _live_generation(project: Path) -> tuple[Path, str]:
    with Project.open(project, read_only=True) as opened:
        root = opened.index_root
    return root, (root / "current").read_text(encoding="ascii")


def test_copies_keep_an_index_each_and_a_move_keeps_its_index(tmp_path):
    original = tmp_path / "original"
    run_ok("new", original)
    run_ok("import", original, _write_article(tmp_path / "o", "1.txt", "Common root", "Shared"))
    copy = tmp_path / "copy"
    shutil.copytree(original, copy)
    run_ok("import", copy, _write_article(tmp_path / "q", "2.txt", "Only there", "Shared"))
    before = {p: _live_generation(p) for p in (original, copy)}
    assert before[original][0] != before[copy][0]
    # Going back and forth between the copies rebuilds neither (a shared home would).
    for _ in range(2):
        for project, expected in ((original, ["Common root"]),
                                  (copy, ["Common root", "Only there"])):
            assert _titles_found(project, "shared") == expected
    assert {p: _live_generation(p) for p in (original, copy)} == before
    moved = tmp_path / "renamed"
    original.rename(moved)
    assert _titles_found(moved, "shared") == ["Common root"]
    assert _live_generation(moved) == before[original]  # taken over, not rebuilt


def test_two_copies_rebuilt_at_the_same_time_both_succeed(tmp_path):
    original = tmp_path / "original"
    run_ok("new", original)
    articles = tmp_path / "articles"
    for number in range(300):
        _write_article(articles, f"{number}.txt", f"Story {number}", "Shared words " * 200)
    run_ok("import", original, articles)
    copy = tmp_path / "copy"
    shutil.copytree(original, copy)
    env = dict(os.environ, PYTHONPATH=str(CODE_ROOT), QT_QPA_PLATFORM="offscreen")
    running = [subprocess.Popen([*command_prefix(), "rebuild-index", str(project)], env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
               for project in (original, copy)]
    for process in running:
        _, err = process.communicate(timeout=300)
        assert process.returncode == 0, err
        assert "Traceback" not in err
    for project in (original, copy):
        assert json_out("search", project, "shared", "--json")["total"] == 300


def test_an_older_copy_restored_over_the_project_is_reindexed(tmp_path):
    project = tmp_path / "p"
    run_ok("new", project)
    run_ok("import", project, _write_article(tmp_path / "o", "1.txt", "First story", "News"))
    backup = tmp_path / "backup.sqlite3"
    with sqlite3.connect(project / DB_NAME) as db, sqlite3.connect(backup) as copy:
        db.backup(copy)
    run_ok("import", project, _write_article(tmp_path / "n", "2.txt", "Second story", "News"))
    assert _titles_found(project, "news") == ["First story", "Second story"]
    shutil.copyfile(backup, project / DB_NAME)
    for leftover in ("-wal", "-shm"):
        (project / (DB_NAME + leftover)).unlink(missing_ok=True)
    assert _titles_found(project, "news") == ["First story"]


def test_the_legacy_in_folder_index_is_removed_after_the_upgrade(tmp_path):
    from tests.unit.test_migrations import make_v1_database

    project = tmp_path / "old"
    project.mkdir()
    make_v1_database(project / DB_NAME)
    legacy = project / LEGACY_INDEX_DIR
    legacy.mkdir()
    (legacy / "_MAIN_1.toc").write_bytes(b"whatever")
    with Project.open(project) as opened:
        assert opened.store.articles.count() == 1
    assert not legacy.exists()
