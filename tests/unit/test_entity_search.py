"""Search by entity: ``entity:"…"`` finds articles by any name of an entity, ``type:`` by
the type of an entity mentioned, and the index follows curation through the outbox."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.services.curation_service import CurationService
from desktop.services.entity_service import EntityService
from desktop.services.history_service import HistoryService
from desktop.services.index_service import IndexService
from desktop.services.recognition_service import RecognitionService
from desktop.services.search_service import SearchService
from tests.entity_support import article_id, entity_named, seeded_project


@pytest.fixture
def indexed(project, tmp_path: Path):
    seeded_project(project, tmp_path / "articles")
    RecognitionService(project).recognize()
    assert IndexService(project).ensure_current()
    return project


def found(project, query: str) -> set[int]:
    assert IndexService(project).ensure_current()
    return {hit.id for hit in SearchService(project).search(query, limit=100).hits}


def test_an_entity_is_found_by_any_of_its_names(indexed):
    seed, kerry_story = article_id(indexed, "Sunni"), article_id(indexed, "Kerry")
    general = entity_named(indexed, "Ghasem Soleimani")
    assert found(indexed, 'entity:"Ghasem Soleimani"') == {seed}
    assert found(indexed, 'entity:"Qassem Soleimani"') == set()
    CurationService(indexed).add_alias(general.id, "Qassem Soleimani")
    # The article says "Ghasem", never "Qassem": found through the alias.
    assert found(indexed, 'entity:"Qassem Soleimani"') == {seed}
    assert found(indexed, '"Qassem Soleimani"') == set()
    # The Kerry story's lone "Soleimani" is a suggestion of its own until merged.
    lone = entity_named(indexed, "Soleimani")
    changes = CurationService(indexed).merge(lone.id, general.id)
    assert found(indexed, 'entity:"Qassem Soleimani"') == {seed, kerry_story}
    HistoryService(indexed).undo(changes, "Undo merge")
    assert found(indexed, 'entity:"Qassem Soleimani"') == {seed}


def test_type_finds_articles_mentioning_an_entity_of_that_type(indexed):
    everything = found(indexed, "kind:article")
    assert len(everything) == 3
    assert found(indexed, "type:person") == everything
    assert found(indexed, "type:Organisation") == {article_id(indexed, "Sunni"),
                                                  article_id(indexed, "Isis")}
    assert found(indexed, "type:event") == set()
    assert found(indexed, "type:place AND entity:paris") == {article_id(indexed, "Kerry")}


def test_rejected_and_deleted_entities_leave_the_index(indexed):
    paris_story = article_id(indexed, "Kerry")
    assert found(indexed, "entity:paris") == {paris_story}
    CurationService(indexed).reject_text("Paris")
    assert found(indexed, "entity:paris") == set()
    assert found(indexed, "paris") == {paris_story}  # the text itself is still searched
    baghdad = entity_named(indexed, "Baghdad")
    assert found(indexed, "entity:baghdad") == {paris_story, article_id(indexed, "Sunni")}
    changes = CurationService(indexed).delete([baghdad.id])
    assert found(indexed, "entity:baghdad") == set()
    HistoryService(indexed).undo(changes, "Undo delete")
    assert len(found(indexed, "entity:baghdad")) == 2


def test_a_phrase_never_spans_two_names(indexed):
    story = article_id(indexed, "Isis")
    # The story mentions "Mosul" and "Kerry": their names sit side by side in the field.
    names = {hit for hit in found(indexed, "entity:mosul")}
    assert names == {story}
    assert found(indexed, 'entity:"Mosul Kerry"') == set()
    # Nor does the word that joins names in the field bridge them.
    assert found(indexed, 'entity:"Mosul rnnamesep Kerry"') == set()
    assert found(indexed, 'entity:"Mosul"') == {story}


def test_a_renamed_type_and_a_new_manual_entity_are_followed(indexed):
    seed = article_id(indexed, "Sunni")
    start = indexed.store.articles.get(seed).body.index("Sunni militants")
    EntityService(indexed).from_selection(seed, start, start + len("Sunni militants"), "other",
                                          name="Sunni insurgents")
    assert found(indexed, 'entity:"Sunni insurgents"') == {seed}
    indexed.store.connection.execute("UPDATE entity_types SET name = 'faction' WHERE name = "
                                     "'other'")
    assert found(indexed, "type:faction") == {seed}
