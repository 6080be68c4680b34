"""SampleProject: the built-in project made from the repository's seeds."""

from pathlib import Path

import pytest

from desktop.services.index_feeder import IndexNeed
from desktop.services.index_service import IndexService
from desktop.services.project import DB_NAME, LOCK_NAME, Project
from desktop.services.sample_project import SAMPLE_NAME, SampleProject, default_seeds_dir
from desktop.services.search_service import SearchService
from tests.support import SEED_FILE, SEED_TITLE, SEEDS


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    """Every entry under ``folder`` (the folder included) with its size and mtime."""
    entries = [folder, *folder.rglob("*")]
    return {
        str(p.relative_to(folder)): (p.stat().st_size if p.is_file() else -1, p.stat().st_mtime_ns)
        for p in entries
    }


@pytest.fixture
def seeds_before() -> dict[str, tuple[int, int]]:
    assert SEED_FILE.is_file()
    return snapshot(SEEDS)


def test_default_seeds_dir_is_the_repository_seeds_folder():
    seeds = default_seeds_dir()
    assert seeds.name == "seeds"
    assert (seeds / SEED_FILE.name).is_file()
    assert SampleProject().seeds_dir == seeds


def test_ensure_creates_project_holding_only_the_seed(tmp_path, seeds_before):
    target = tmp_path / "Sample project"
    assert SampleProject(SEEDS).ensure(target) == target
    assert (target / DB_NAME).is_file()
    assert not (target / LOCK_NAME).exists()  # closed again
    with Project.open(target) as project:
        assert project.name == SAMPLE_NAME
        summaries = list(project.store.articles.summaries())
        assert [s.title for s in summaries] == [SEED_TITLE]
        article = project.store.articles.get(summaries[0].id)
        assert article.body.startswith("Sunni militants captured a strategic northern Iraqi city")
        assert Path(article.origin_path).name == SEED_FILE.name
        assert IndexService(project).plan().need is IndexNeed.NOTHING
        results = SearchService(project).search("Soleimani")
        # The article, and the highlight and note the sample makes on it.
        assert {(hit.kind, hit.article_id) for hit in results.hits} == {
            (kind, summaries[0].id) for kind in ("article", "highlight", "note")}
    assert snapshot(SEEDS) == seeds_before


def test_ensure_again_does_not_duplicate(tmp_path, seeds_before):
    target = tmp_path / "sample"
    sample = SampleProject(SEEDS)
    sample.ensure(target)
    with Project.open(target) as project:
        changes = project.store.outbox.last_seq()
    assert sample.ensure(target) == target
    with Project.open(target) as project:
        assert project.store.articles.count() == 1
        assert project.store.outbox.last_seq() == changes
    assert snapshot(SEEDS) == seeds_before


def test_ensure_leaves_a_changed_sample_alone(tmp_path):
    target = tmp_path / "sample"
    sample = SampleProject(SEEDS)
    sample.ensure(target)
    with Project.open(target) as project:
        [summary] = project.store.articles.summaries()
        project.store.articles.delete([summary.id])
    sample.ensure(target)
    with Project.open(target) as project:
        assert project.store.articles.count() == 0  # the user's change is kept


def test_no_readable_seeds_is_an_error_not_an_empty_sample(tmp_path):
    from desktop.storage.storage_errors import ProjectError

    empty = tmp_path / "no-seeds"
    empty.mkdir()
    with pytest.raises(ProjectError, match="No sample articles"):
        SampleProject(empty).ensure(tmp_path / "sample")


def test_a_half_made_sample_is_finished_on_the_next_start(tmp_path):
    target = tmp_path / "sample"
    Project.create(target).close()  # as if the first run died before importing
    SampleProject(SEEDS).ensure(target)
    with Project.open(target) as project:
        assert project.store.articles.count() == 1


def test_the_sample_shows_the_whole_workflow_on_the_seed(tmp_path):
    from desktop.domain.link import LinkEnd, LinkKind
    from desktop.services.note_service import NoteService
    from desktop.services.sample_annotations import CODE, PASSAGE, PEOPLE

    target = tmp_path / "sample"
    SampleProject(SEEDS).ensure(target)
    SampleProject(SEEDS).ensure(target)  # a second start adds nothing
    with Project.open(target) as project:
        store = project.store
        [summary] = store.articles.summaries()
        article = store.articles.get(summary.id)
        [highlight] = store.highlights.for_article(summary.id)
        assert article.body[highlight.start:highlight.end].startswith(PASSAGE)
        assert article.body[highlight.end - 1] == "."
        [code_id] = store.highlights.codes_of([highlight.id])[highlight.id]
        assert store.codes.get(code_id).name == CODE
        [note] = store.notes.live(highlight_id=highlight.id)
        for name in PEOPLE:
            [entity] = store.entities.find(name)
            assert entity.state.value == "confirmed"
            linked = NoteService(project).backlinks(LinkEnd(LinkKind.ENTITY, entity.id))
            sources = {link.source for link in linked}
            assert LinkEnd(LinkKind.NOTE, note.id) in sources
            assert LinkEnd(LinkKind.HIGHLIGHT, highlight.id) in sources
            assert f"]({'rn://entity/'}{entity.id})" in note.body
        # The note's words are searchable with the article's: the sample is indexed.
        kinds = {hit.kind for hit in SearchService(project).search("Soleimani").hits}
        assert kinds == {"article", "highlight", "note"}
