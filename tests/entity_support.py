"""Projects with recognised entities, for the curation, query and entity-search tests."""

from __future__ import annotations

import shutil
from pathlib import Path

from desktop.domain.entity import Entity
from desktop.services.import_service import ImportService
from desktop.services.project import Project
from tests.support import SEED_FILE

# Small hand-made articles beside the seed: dates for the timeline, a second Kerry story,
# a lower-case "isis" and the alias "Soleimani" alone.
OTHER_ARTICLES = {
    "kerry.txt": ("Kerry in Paris\n\nJohn Kerry met officials in Paris. Kerry left for "
                  "Baghdad. The general Soleimani was not there.\n"),
    "isis.txt": ("Isis and ISIS\n\nThe goddess Isis is not ISIS. Analysts said ISIS "
                 "fighters held Mosul while Kerry spoke.\n"),
}


def seeded_project(project: Project, folder: Path) -> Project:
    """The seed article and :data:`OTHER_ARTICLES`, imported (not yet recognised)."""
    folder.mkdir()
    shutil.copy(SEED_FILE, folder / "seed.txt")
    for name, text in OTHER_ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    ImportService(project).import_paths([folder])
    return project


def article_id(project: Project, title_start: str) -> int:
    row = project.store.connection.execute(
        "SELECT id FROM articles WHERE title LIKE ? ORDER BY id", (title_start + "%",)).fetchone()
    assert row is not None, title_start
    return int(row[0])


def entity_named(project: Project, name: str) -> Entity:
    [found] = [e for e in project.store.entities.find(name) if e.name == name]
    return found


def mention_rows(project: Project, entity_id: int) -> list[tuple[int, str, str, str]]:
    """(article id, text, origin, state) of an entity's mentions, in reading order."""
    return [(int(a), str(t), str(o), str(s)) for a, t, o, s in project.store.connection.execute(
        "SELECT article_id, text, origin, state FROM mentions WHERE entity_id = ?"
        " ORDER BY article_id, start", (entity_id,))]
