"""Curation: confirm and reject suggestions, aliases with a re-scan, merge, split, edit and
delete; each one undoable action, bad input refused with a message."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.domain.entity import EntityState
from desktop.domain.link import LinkEnd, LinkKind
from desktop.services.curation_service import CurationService
from desktop.services.entity_service import EntityService
from desktop.services.highlight_service import AnnotationError, HighlightService
from desktop.services.history_service import HistoryService
from desktop.services.note_service import NoteService
from desktop.services.recognition_service import RecognitionService
from tests.entity_support import article_id, entity_named, mention_rows, seeded_project


@pytest.fixture
def recognised(project, tmp_path: Path):
    seeded_project(project, tmp_path / "articles")
    RecognitionService(project).recognize()
    return project


def snapshot(project) -> list[tuple]:
    """Every curated row, to prove that undo restores exactly what was there."""
    db = project.store.connection
    return [tuple(r) for table in ("entities", "entity_aliases", "mentions", "links",
                                   "rejected_names", "notes")
            for r in db.execute(f"SELECT '{table}', * FROM {table} ORDER BY id")]


def undo_restores(project, changes, before) -> None:
    assert changes
    HistoryService(project).undo(changes, "Undo")
    assert snapshot(project) == before


def test_confirming_a_mention_confirms_its_suggested_entity(recognised):
    kerry = entity_named(recognised, "John Kerry")
    ids = [m.id for m in recognised.store.entities.mentions_in(article_id(recognised, "Kerry"))
           if m.entity_id == kerry.id]
    before = snapshot(recognised)
    changes = CurationService(recognised).confirm(ids[:1])
    assert [s for *_, s in mention_rows(recognised, kerry.id)].count("confirmed") == 1
    assert recognised.store.entities.get(kerry.id).state is EntityState.CONFIRMED
    assert changes.updated("entities") == (kerry.id,)
    undo_restores(recognised, changes, before)


def test_rejecting_every_mention_retires_a_suggested_entity(recognised):
    paris = entity_named(recognised, "Paris")
    [mention] = [r for r in recognised.store.connection.execute(
        "SELECT id FROM mentions WHERE entity_id = ?", (paris.id,))]
    before = snapshot(recognised)
    changes = CurationService(recognised).reject([mention[0]])
    assert mention_rows(recognised, paris.id)[0][3] == "rejected"
    assert recognised.store.entities.get(paris.id).deleted_at is not None
    # The span keeps its rejected mention, so running recognition again skips it.
    RecognitionService(recognised).recognize()
    assert not recognised.store.entities.find("Paris")
    assert not recognised.store.recognition.rejected()  # one mention: no name rejected
    undo_restores(recognised, changes, before)


def test_a_string_rejected_in_the_project_is_never_suggested_again(recognised, tmp_path):
    united = entity_named(recognised, "United States")
    before = snapshot(recognised)
    changes = CurationService(recognised).reject_text("US")
    assert {s for *_, s in mention_rows(recognised, united.id)} == {"rejected"}
    assert recognised.store.entities.get(united.id).deleted_at is not None
    assert [r.name for r in recognised.store.recognition.rejected()] == ["US"]
    (tmp_path / "more").mkdir()
    (tmp_path / "more" / "us.txt").write_text("US aid\n\nThe US sent aid to Iraq.\n",
                                              encoding="utf-8")
    from desktop.services.import_service import ImportService
    ImportService(recognised).import_paths([tmp_path / "more"])
    RecognitionService(recognised).recognize()
    texts = [t for (t,) in recognised.store.connection.execute(
        "SELECT text FROM mentions WHERE article_id = ?", (article_id(recognised, "US aid"),))]
    assert texts == ["Iraq"]
    HistoryService(recognised).undo(changes, "Undo")
    assert recognised.store.recognition.rejected() == []
    assert snapshot(recognised) != before  # the import and re-run stay; only the reject went


def test_text_in_one_article_touches_only_that_article(recognised):
    seed = article_id(recognised, "Sunni")
    baghdad = entity_named(recognised, "Baghdad")
    CurationService(recognised).reject_text("Baghdad", seed)
    rows = mention_rows(recognised, baghdad.id)
    assert {s for a, _, _, s in rows if a == seed} == {"rejected"}
    assert {s for a, _, _, s in rows if a != seed} == {"suggested"}
    assert recognised.store.recognition.rejected() == []  # not remembered by default
    CurationService(recognised).confirm_text("Baghdad")
    assert {s for a, _, _, s in mention_rows(recognised, baghdad.id) if a != seed} == {
        "confirmed"}
    with pytest.raises(AnnotationError, match="no suggested mention of “Baghdad”"):
        CurationService(recognised).confirm_text("Baghdad", seed)


def test_an_added_alias_is_found_across_the_collection(recognised):
    service = CurationService(recognised)
    general = entity_named(recognised, "Ghasem Soleimani")
    before = snapshot(recognised)
    changes = service.add_alias(general.id, "Quds")
    assert "Quds" in recognised.store.entities.get(general.id).aliases
    # "Quds" stands alone nowhere: "Quds Force" already has its mentions; nothing overlaps.
    assert not [r for r in mention_rows(recognised, general.id) if r[1] == "Quds"]
    undo_restores(recognised, changes, before)

    kerry = entity_named(recognised, "John Kerry")
    lone = entity_named(recognised, "Kerry")  # a suggestion made for the lone "Kerry"
    changes = service.add_alias(kerry.id, "Kerry")
    rows = mention_rows(recognised, kerry.id)
    # The suggested lone "Kerry" is taken over and confirmed; its entity retires.
    isis_article = article_id(recognised, "Isis")
    assert (isis_article, "Kerry", "recognised", "confirmed") in rows
    assert recognised.store.entities.get(lone.id).deleted_at is not None
    assert recognised.store.entities.get(kerry.id).state is EntityState.CONFIRMED
    undo_restores(recognised, changes, before)


def test_an_alias_scan_adds_new_mentions_on_word_boundaries_and_respects_case(recognised):
    service = CurationService(recognised)
    entity, _ = EntityService(recognised).create("Mosul Dam", "place")
    service.add_alias(entity.id, "mosul")  # as written: "Mosul" in the text does not match
    assert mention_rows(recognised, entity.id) == []
    service.set_match_case(entity.id, False)
    other, _ = EntityService(recognised).create("Kerry Packer", "person")
    service.add_alias(other.id, "Pari")  # never inside "Paris"
    assert mention_rows(recognised, other.id) == []
    goddess, _ = EntityService(recognised).create("Isis (goddess)", "other")
    goddess = recognised.store.entities.get(goddess.id)
    service.set_match_case(goddess.id, False)
    service.add_alias(goddess.id, "isis")
    rows = mention_rows(recognised, goddess.id)
    # "ISIS" (twice) already has suggested mentions of the organisation: taken over only
    # where the span is the same, which it is; "Isis" too. All three are now hers.
    assert sorted(t for _, t, _, _ in rows) == ["ISIS", "ISIS", "Isis"]
    assert {(o, s) for _, _, o, s in rows} == {("recognised", "confirmed")}


def test_remove_alias_keeps_or_drops_its_mentions(recognised):
    service = CurationService(recognised)
    kerry = entity_named(recognised, "John Kerry")
    service.add_alias(kerry.id, "Kerry")
    service.remove_alias(kerry.id, "Kerry")
    assert "Kerry" not in recognised.store.entities.get(kerry.id).aliases
    assert len(mention_rows(recognised, kerry.id)) == 4
    service.add_alias(kerry.id, "Kerry")
    service.remove_alias(kerry.id, "Kerry", drop_mentions=True)
    assert [t for _, t, _, _ in mention_rows(recognised, kerry.id)] == ["John Kerry"] * 2
    with pytest.raises(AnnotationError, match="not an alias"):
        service.remove_alias(kerry.id, "Kerry")


def test_merge_unites_names_moves_mentions_and_links_and_undoes_as_one(recognised):
    general = entity_named(recognised, "Ghasem Soleimani")
    lone = entity_named(recognised, "Soleimani")
    seed = article_id(recognised, "Sunni")
    note, _ = NoteService(recognised).create(f"See [him](rn://entity/{lone.id}).")
    HighlightService(recognised).create(seed, 0, 5, entity_ids=[lone.id, general.id])
    CurationService(recognised).describe(lone.id, "Commander of the Quds Force", "q1234")
    before = snapshot(recognised)
    changes = CurationService(recognised).merge(lone.id, general.id)
    merged = recognised.store.entities.get(general.id)
    assert merged.aliases == ("Soleimani",) and merged.state is EntityState.CONFIRMED
    assert (merged.description, merged.external_id) == ("Commander of the Quds Force", "Q1234")
    gone = recognised.store.entities.get(lone.id)
    assert gone.merged_into == general.id and gone.deleted_at is not None
    assert len(mention_rows(recognised, general.id)) == 5
    assert mention_rows(recognised, lone.id) == []
    backlinks = NoteService(recognised).backlinks(LinkEnd(LinkKind.ENTITY, general.id))
    assert sorted(link.source.kind.value for link in backlinks) == ["highlight", "note"]
    assert NoteService(recognised).backlinks(LinkEnd(LinkKind.ENTITY, lone.id)) == []
    assert recognised.store.notes.get(note.id).body == f"See [him](rn://entity/{general.id})."
    assert [e.id for e in recognised.store.entities.find("Soleimani")] == [general.id]
    undo_restores(recognised, changes, before)
    with pytest.raises(AnnotationError, match="into itself"):
        CurationService(recognised).merge(general.id, general.id)
    CurationService(recognised).merge(lone.id, general.id)
    with pytest.raises(AnnotationError, match="was merged into “Ghasem Soleimani”"):
        CurationService(recognised).merge(lone.id, general.id)


def test_merging_two_entities_that_marked_the_same_words_keeps_one_mention_there(recognised):
    quds = entity_named(recognised, "Quds Force")
    seed = article_id(recognised, "Sunni")
    [(start, end)] = list(recognised.store.connection.execute(
        'SELECT start, "end" FROM mentions WHERE entity_id = ? AND article_id = ?'
        " ORDER BY start LIMIT 1", (quds.id, seed)))
    # The same words made an entity by hand, under another name: a second, confirmed mark.
    manual, _ = EntityService(recognised).from_selection(seed, start, end, "organisation",
                                                         "Iran's Quds Force")
    mentions_before = len(mention_rows(recognised, quds.id))
    before = snapshot(recognised)
    changes = CurationService(recognised).merge(manual.id, quds.id)
    spans = list(recognised.store.connection.execute(
        'SELECT article_id, start, "end", state FROM mentions WHERE entity_id = ?', (quds.id,)))
    assert len(spans) == mentions_before == len({(a, b, c) for a, b, c, _ in spans})
    assert (seed, start, end, "confirmed") in spans  # the decided mark is the one kept
    undo_restores(recognised, changes, before)


def test_split_alias_makes_an_entity_of_its_own(recognised):
    service = CurationService(recognised)
    kerry = entity_named(recognised, "John Kerry")
    service.add_alias(kerry.id, "Kerry")
    before = snapshot(recognised)
    created, changes = service.split_alias(kerry.id, "Kerry", "other")
    assert (created.name, recognised.store.entities.get(created.id).state) == (
        "Kerry", EntityState.CONFIRMED)
    assert [t for _, t, _, _ in mention_rows(recognised, created.id)] == ["Kerry"] * 2
    assert [t for _, t, _, _ in mention_rows(recognised, kerry.id)] == ["John Kerry"] * 2
    assert recognised.store.entities.get(kerry.id).aliases == ()
    undo_restores(recognised, changes, before)
    with pytest.raises(AnnotationError, match="is the name of the entity"):
        service.split_alias(kerry.id, "John Kerry")
    with pytest.raises(AnnotationError, match="no entity type “alien”"):
        service.split_alias(kerry.id, "Kerry", "alien")


def test_rename_type_describe_and_delete(recognised):
    service = CurationService(recognised)
    isil = entity_named(recognised, "Islamic State of Iraq and the Levant")
    before = snapshot(recognised)
    changes = service.rename(isil.id, "  Islamic   State ")
    renamed = recognised.store.entities.get(isil.id)
    assert (renamed.name, renamed.aliases) == ("Islamic State",
                                               ("Islamic State of Iraq and the Levant",))
    undo_restores(recognised, changes, before)
    service.set_type(isil.id, "Organisation")  # any case
    service.set_type(isil.id, "event")
    assert recognised.store.entities.get(isil.id).type_id == \
        recognised.store.entities.type_named("event").id
    service.describe(isil.id, "Jihadist group", "https://www.wikidata.org/wiki/Q2429253")
    with pytest.raises(AnnotationError, match="not an identifier"):
        service.describe(isil.id, "", "wikidata please")
    changes = service.delete([isil.id])
    assert recognised.store.entities.get(isil.id).deleted_at is not None
    assert not recognised.store.entities.find("Islamic State of Iraq and the Levant")
    with pytest.raises(AnnotationError, match="was deleted"):
        service.rename(isil.id, "ISIL")
    HistoryService(recognised).undo(changes, "Undo")
    assert recognised.store.entities.get(isil.id).deleted_at is None


@pytest.mark.parametrize(("call", "message"), [
    (lambda s: s.confirm([]), "No mentions to confirm"),
    (lambda s: s.reject([999_999]), "no mention with id 999999"),
    (lambda s: s.confirm_text("   "), "it is empty"),
    (lambda s: s.reject_text("Paris", 999_999), "no article with id 999999"),
    (lambda s: s.add_alias(999_999, "X"), "no entity with id 999999"),
    (lambda s: s.rename(1, " \n "), "needs a name"),
    (lambda s: s.delete([]), "No entities to delete"),
])
def test_bad_input_is_refused_with_a_message_and_changes_nothing(recognised, call, message):
    before = snapshot(recognised)
    with pytest.raises(AnnotationError, match=message):
        call(CurationService(recognised))
    assert snapshot(recognised) == before


def test_add_alias_refuses_a_name_it_already_has(recognised):
    kerry = entity_named(recognised, "John Kerry")
    with pytest.raises(AnnotationError, match="already a name"):
        CurationService(recognised).add_alias(kerry.id, " John  Kerry ")
    with pytest.raises(AnnotationError, match="cannot be empty"):
        CurationService(recognised).add_alias(kerry.id, "")
