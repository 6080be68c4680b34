"""Schema v2 as the user meets it: every word searchable, exact forms, fuzzy and prefix on real
words, facet fields, kinds, and texts that come from the application."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from index import IndexDocument, SearchIndex
from index.index_schema import IndexSchema
from tests.unit.index_support import IndexUnderTest, article, whoosh_index

DOCS = [
    article(1, "US elections", "The US will vote in May. Voters used new machines."),
    article(2, "Tools", "People use tools; the tool was used and uses power."),
    article(3, "Music", "The Who played live. Who knows the band?"),
    article(4, "Quiz", "Who is the best? It is the question of the night."),
    article(5, "Technology", "New technology and technologies change the election campaign."),
    article(6, "Races", "An electoral race, an elected mayor, and more elections."),
    article(
        7,
        "Losing yourself in online gaming",
        "Gamers describe losing track of time.",
        source="BBC News",
        author="Jane Doe",
        published="2005-03-14",
        collection="Tech",
        language="en",
        keywords=("online games", "addiction"),
    ),
    article(8, "Lost online", "Gaming online: yourself, losing, in a world of games."),
]


@pytest.fixture(scope="module")
def searchable(tmp_path_factory: pytest.TempPathFactory) -> Iterator[IndexUnderTest]:
    created = IndexUnderTest(tmp_path_factory.mktemp("v2") / "ix", DOCS)
    yield created
    created.close()


def test_version_is_seven_since_the_files_are_sealed():
    # Version 3 added the entity and type fields, version 4 the article id column that
    # facets read: older indexes lack them and must be rebuilt, which a version check decides.
    # Version 5 blocks read faster (see BlockWriter): older ones are rebuilt too. Version 6
    # indexes article pairs (ArticlePairs), which phrases of common words read. Version 7
    # records the files' checksums (FileSeals), without which a generation is damaged.
    assert SearchIndex.VERSION == 7
    assert {"entity", "type", "article_num", "title_pairs", "body_pairs"} <= set(
        IndexSchema.build().names())


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # Stop words are indexed: each of these was unsearchable in version 1.
        ("US", {1, 2}),  # stemmed: "use", "used", "uses" share the stem "us"
        ('"US"', {1}),  # a quoted word is matched exactly as typed
        ("title:US", {1}),
        ("may", {1}),
        ("will", {1}),
        ("IT", {4}),
        ("the", {1, 2, 3, 4, 5}),
    ],
)
def test_every_word_is_searchable(searchable, query, expected):
    assert searchable.ids(query) == expected


def test_the_who_is_a_phrase_not_two_common_words(searchable):
    assert searchable.ids('"The Who"') == {3}
    # Both words occur in 4, never side by side.
    assert searchable.ids("the who") == {3, 4}


def test_fuzzy_terms_expand_against_real_words(searchable):
    # Against stems, "technolgy" would be compared with "technolog" and "elecion" with
    # "elect": the typo finds nothing, or only a few unrelated forms.
    assert searchable.ids("technolgy~") == {5}
    assert searchable.ids("elecion~") == {5}
    assert searchable.ids("elecion~2") == {1, 5, 6}


def test_prefix_expands_against_real_words(searchable):
    assert searchable.ids("electi*") == {1, 5, 6}
    assert searchable.ids("elector*") == {6}


def test_prefix_and_fuzzy_mark_the_words_they_matched(searchable):
    (hit,) = searchable.search("technolgy~").hits
    body = searchable.texts.documents[hit.key].body
    assert [body[s:e] for s, e in hit.body_spans] == ["technology"]
    assert [hit.title[s:e] for s, e in hit.title_spans] == ["Technology"]
    hit = next(h for h in searchable.search("elect*").hits if h.id == 6)
    body = searchable.texts.documents[hit.key].body
    assert [body[s:e] for s, e in hit.body_spans] == ["electoral", "elected", "elections"]


def test_field_with_a_phrase(searchable):
    results = searchable.search('title:"Losing yourself in online gaming"')
    assert results.error is None
    assert [hit.id for hit in results.hits] == [7]
    assert results.hits[0].title_spans == ((0, len("Losing yourself in online gaming")),)
    assert results.hits[0].body_spans == ()


def test_field_names_ignore_letter_case(searchable):
    assert searchable.ids("TITLE:music") == {3}


def test_engine_fields_are_not_user_fields(searchable):
    # "key:" is no field a user can name: the text is searched as words instead.
    results = searchable.search("key:article")
    assert results.error is None
    assert results.total == 0
    # Nor are the pair fields: the words "body_pairs" and "the" are searched instead.
    assert searchable.search('body_pairs:"the who"').total == 0


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("collection:tech", {7}),
        ("collection:Tech", {7}),
        ("year:2005", {7}),
        ("month:2005-03", {7}),
        ("published:2005-03-14", {7}),
        ("language:en", {7}),
        ('keyword:"online games"', {7}),
        ("keyword:addiction", {7}),
        ('source:"bbc news"', {7}),
        ("author:doe", {7}),
        ("kind:article", {1, 2, 3, 4, 5, 6, 7, 8}),
        ("gaming year:2005", {7}),
    ],
)
def test_facet_fields_can_be_searched(searchable, query, expected):
    assert searchable.ids(query) == expected


def test_no_texts_are_stored_in_the_index(searchable):
    with whoosh_index(searchable.index).searcher() as searcher:
        stored = searcher.stored_fields(0)
    assert set(stored) == {"key", "kind", "id", "article_id"}


def test_texts_come_from_the_application(searchable):
    searchable.texts.calls.clear()
    results = searchable.search("online", limit=1)
    assert results.total == 2
    # Only the hits shown are asked for.
    assert searchable.texts.calls == [(results.hits[0].key,)]


def test_title_and_snippet_are_the_current_texts(tmp_path):
    searchable = IndexUnderTest(tmp_path / "ix", [article(1, "Old title", "An otter swam.")])
    # The database changed; the index has not caught up yet.
    searchable.texts.put([article(1, "New title", "Today an otter slept.")])
    (hit,) = searchable.search("otter").hits
    searchable.close()
    assert hit.title == "New title"
    assert hit.snippet.text == "Today an otter slept."
    assert [hit.snippet.text[s:e] for s, e in hit.snippet.spans] == ["otter"]


def test_hits_the_application_no_longer_knows_are_dropped(tmp_path):
    docs = [article(n, f"Zebra {n}", "zebra crossing") for n in range(1, 6)]
    searchable = IndexUnderTest(tmp_path / "ix", docs)
    searchable.texts.forget(["article:2", "article:4"])
    results = searchable.search("zebra", limit=10)
    assert sorted(hit.id for hit in results.hits) == [1, 3, 5]
    # Every match was checked against the texts, so the count is still exact.
    assert results.total == 3 and results.total_exact
    # With a limit below the matches, the stale ones are skipped and the list refilled.
    results = searchable.search("zebra", limit=2)
    searchable.close()
    assert len(results.hits) == 2
    assert {hit.id for hit in results.hits} <= {1, 3, 5}


def test_kinds_restrict_the_search(tmp_path):
    note = IndexDocument("note:1", "note", 1, "Note on otters", "Otters again.", article_id=2)
    docs = [article(2, "Otters", "Otters swim."), note]
    searchable = IndexUnderTest(tmp_path / "ix", docs)
    assert searchable.ids("otters") == {1, 2}
    notes = searchable.search("otters", kinds={"note"})
    articles = searchable.search("otters", kinds=["article"])
    nothing = searchable.search("otters", kinds=())
    searchable.close()
    assert [(h.key, h.kind, h.article_id) for h in notes.hits] == [("note:1", "note", 2)]
    assert notes.total == 1
    assert [h.key for h in articles.hits] == ["article:2"]
    assert nothing.hits == () and nothing.total == 0 and nothing.error is None


def test_to_fields_derives_facets():
    values = IndexSchema.to_fields(DOCS[6])
    assert values["key"] == "article:7"
    assert values["year"] == "2005"
    assert values["month"] == "2005-03"
    assert values["keyword"] == "online games,addiction"
    assert values["title_exact"] == values["title"]
    bare = IndexSchema.to_fields(article(9, "t", "b"))
    assert not {"year", "month", "published", "collection", "keyword", "source_name"} & set(bare)


def test_keywords_with_commas_stay_whole():
    values = IndexSchema.to_fields(article(1, "t", "b", keywords=("a, b", "", "c")))
    assert values["keyword"] == "a b,c"


def test_key_for():
    assert IndexDocument.key_for("highlight", 7) == "highlight:7"
