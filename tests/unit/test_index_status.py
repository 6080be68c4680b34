"""IndexStatus transitions of SearchIndex.status()."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from index import IndexStatus, SearchIndex
from tests.unit.index_support import article, every_key

DOCS = [
    article(1, "Alpha report", "The first body text."),
    article(2, "Beta report", "The second body text."),
]


@pytest.fixture
def index_path(tmp_path: Path) -> Path:
    return tmp_path / "ix"


@pytest.fixture
def built(index_path: Path):
    search_index = SearchIndex(index_path)
    assert search_index.rebuild(DOCS, len(DOCS), generation=7)
    search_index.close()
    return index_path


def _edit_meta(path: Path, **changes: object) -> None:
    meta_file = path / "index_meta.json"
    meta = json.loads(meta_file.read_text(encoding="utf-8"))
    meta.update(changes)
    meta_file.write_text(json.dumps(meta), encoding="utf-8")


def test_missing_when_folder_absent(index_path):
    assert SearchIndex(index_path).status(generation=0, doc_count=0) is IndexStatus.MISSING
    # status() must not create anything.
    assert not index_path.exists()


def test_missing_when_folder_has_no_meta(index_path):
    index_path.mkdir()
    assert SearchIndex(index_path).status(0, 0) is IndexStatus.MISSING


def test_ok_after_rebuild(index_path):
    search_index = SearchIndex(index_path)
    assert search_index.status(7, 2) is IndexStatus.MISSING
    assert search_index.rebuild(DOCS, len(DOCS), generation=7)
    assert search_index.status(7, 2) is IndexStatus.OK
    search_index.close()


def test_stale_on_generation_mismatch(built):
    assert SearchIndex(built).status(generation=8, doc_count=2) is IndexStatus.STALE


def test_stale_on_document_count_mismatch(built):
    assert SearchIndex(built).status(generation=7, doc_count=3) is IndexStatus.STALE


def test_add_and_delete_record_generation(built):
    search_index = SearchIndex(built)
    search_index.add([article(3, "Gamma", "Third.")], generation=8)
    assert search_index.status(8, 3) is IndexStatus.OK
    search_index.delete([1], generation=9)
    assert search_index.status(9, 2) is IndexStatus.OK
    assert search_index.status(8, 2) is IndexStatus.STALE
    search_index.close()


@pytest.mark.parametrize("garbage", ["{not json", "[1, 2]", '{"version": "1"}', ""])
def test_corrupt_on_garbage_meta(built, garbage):
    (built / "index_meta.json").write_text(garbage, encoding="utf-8")
    assert SearchIndex(built).status(7, 2) is IndexStatus.CORRUPT


def test_corrupt_on_meta_with_bool_generation(built):
    _edit_meta(built, generation=True)
    assert SearchIndex(built).status(7, 2) is IndexStatus.CORRUPT


def test_corrupt_when_segment_files_deleted(built):
    segment_files = [p for p in built.iterdir() if p.suffix == ".seg"]
    assert segment_files, "expected compound segment files in a fresh index"
    for segment_file in segment_files:
        segment_file.unlink()
    assert SearchIndex(built).status(7, 2) is IndexStatus.CORRUPT


def test_corrupt_when_table_of_contents_deleted(built):
    for toc in built.glob("*.toc"):
        toc.unlink()
    assert SearchIndex(built).status(7, 2) is IndexStatus.CORRUPT


def test_other_version_when_meta_version_differs(built):
    _edit_meta(built, version=SearchIndex.VERSION + 1)
    assert SearchIndex(built).status(7, 2) is IndexStatus.OTHER_VERSION


def test_other_version_when_analyzer_settings_differ(built):
    _edit_meta(built, analyzer={"name": "StandardAnalyzer"})
    assert SearchIndex(built).status(7, 2) is IndexStatus.OTHER_VERSION


def test_other_version_index_is_not_opened_for_search(built):
    _edit_meta(built, version=SearchIndex.VERSION + 1)
    search_index = SearchIndex(built)
    results = search_index.search("alpha", texts=every_key)
    assert results.hits == ()
    assert results.error is not None
    assert search_index.document_count() == 0


def test_rebuild_recovers_from_corruption(built):
    (built / "index_meta.json").write_text("garbage", encoding="utf-8")
    search_index = SearchIndex(built)
    assert search_index.status(7, 2) is IndexStatus.CORRUPT
    assert search_index.rebuild(DOCS, len(DOCS), generation=7)
    assert search_index.status(7, 2) is IndexStatus.OK
    assert [hit.id for hit in search_index.search("alpha", texts=every_key).hits] == [1]
    search_index.close()


def test_meta_write_leaves_no_temporary_file(built):
    search_index = SearchIndex(built)
    search_index.add([article(5, "Epsilon", "Fifth.")], generation=11)
    search_index.close()
    assert not [p.name for p in built.iterdir() if p.name.endswith(".tmp")]
    assert json.loads((built / "index_meta.json").read_text(encoding="utf-8"))["generation"] == 11
