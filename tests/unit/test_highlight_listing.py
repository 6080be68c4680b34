"""Filtering a known list by codes in memory gives the list SQL gives: the same rows in the
same order (article, start, id; or newest first)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from desktop.services.project import Project
from desktop.storage import highlight_listing, json_ids
from desktop.storage.highlight_listing import HighlightFilter, HighlightListing, _where
from tests.annotation_support import build_highlight_project


@pytest.fixture(scope="module")
def coded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    folder = tmp_path_factory.mktemp("listing") / "p"
    return folder, build_highlight_project(folder, articles=13, highlights=3000)


@pytest.fixture
def listing(coded) -> Iterator[HighlightListing]:
    with Project.open(coded[0], read_only=True) as project:
        yield project.store.highlight_listing


def _filters(listing: HighlightListing) -> list[HighlightFilter]:
    article_id = listing.rows(limit=1, offset=1500)[0].article_id
    return [HighlightFilter(), HighlightFilter(article_id=article_id),
            HighlightFilter(has_note=True), HighlightFilter(has_note=False),
            HighlightFilter(text="Note 1"), HighlightFilter(text="minister")]


def _by_rows(listing: HighlightListing, where: HighlightFilter, newest_first: bool) -> list[int]:
    """The list read row by row, in an order spelled out here."""
    clause, params = _where(where)
    order = "h.id DESC" if newest_first else "h.article_id, h.start, h.id"
    return [h_id for (h_id,) in listing._db.execute(
        f"SELECT h.id FROM highlights AS h {clause} ORDER BY {order}", params)]


@pytest.mark.parametrize("slices", [None, (7, 13)])
@pytest.mark.parametrize("newest_first", [False, True])
@pytest.mark.parametrize("names", [("Politics", "Elections"), ("Violence",),
                                   ("Elections", "Other", "Violence")])
def test_a_known_list_filtered_by_codes_is_the_list_sql_gives(
        listing: HighlightListing, coded, names: tuple[str, ...], newest_first: bool,
        slices: tuple[int, int] | None, monkeypatch: pytest.MonkeyPatch) -> None:
    if slices:  # ids parsed and filtered in many pieces, cut anywhere
        monkeypatch.setattr(json_ids, "JSON_SLICE", slices[0])
        monkeypatch.setattr(highlight_listing, "_SLICE", slices[1])
    code_ids = tuple(coded[1][name] for name in names)
    for uncoded in _filters(listing):
        order = listing.ids(uncoded, newest_first=newest_first)
        assert order == _by_rows(listing, uncoded, newest_first)
        where = replace(uncoded, code_ids=code_ids)
        expected = _by_rows(listing, where, newest_first)
        assert listing.ids(where, newest_first=newest_first) == expected
        assert 0 < len(expected) < len(order)
        assert listing.with_codes(tuple(order), code_ids) == expected


def test_the_list_order_is_not_the_order_of_ids(listing: HighlightListing, coded) -> None:
    """What the test above relies on to catch a list returned in the wrong order."""
    code_ids = (coded[1]["Politics"],)
    listed = listing.with_codes(listing.ids(), code_ids)
    assert listed != sorted(listed)
    rows = listing.by_ids(listed[:400])
    keys = [(rows[i].article_id, rows[i].start, i) for i in listed[:400]]
    assert keys == sorted(keys)


def test_codes_without_highlights_and_no_codes(listing: HighlightListing) -> None:
    order = tuple(listing.ids())
    assert listing.ids(HighlightFilter(article_id=987_654)) == []
    assert listing.with_codes(order, (987_654,)) == []
    assert listing.with_codes(order, ()) == list(order)
    assert listing.with_codes((), (1, 2)) == []


def test_a_filter_names_the_tables_its_list_depends_on() -> None:
    assert HighlightFilter().tables() == {"highlights", "articles"}
    assert "highlight_codes" in HighlightFilter(code_ids=(1,)).tables()
    assert "notes" in HighlightFilter(text="x").tables()
    assert "notes" in HighlightFilter(has_note=False).tables()
    assert "notes" not in HighlightFilter(article_id=1, status="anchored").tables()
