"""A citation names what is known about an article and nothing that is not."""

from desktop.domain.article import Article
from desktop.domain.citation import format_citation


def test_full_citation():
    article = Article(title="Sunni militants capture Iraqi city near Syria.", body="…",
                      source="The Guardian", author="Martin Chulov",
                      published="2014-06-16T10:00:00", url="https://example.org/a")
    assert format_citation(article) == (
        "Martin Chulov, “Sunni militants capture Iraqi city near Syria”, The Guardian, "
        "2014-06-16. https://example.org/a")


def test_missing_metadata_is_left_out_not_invented():
    article = Article(title="Sunni militants capture Iraqi city near Syria", body="…",
                      origin_path="/seeds/000_17b1025494a7ebc6.txt")
    citation = format_citation(article)
    assert citation == "“Sunni militants capture Iraqi city near Syria”."
    assert "000_17b" not in citation


def test_source_and_date_without_author():
    article = Article(title="Ad sales boost Time Warner profit", body="…", source="BBC News",
                      published="2005-01-03")
    assert format_citation(article) == "“Ad sales boost Time Warner profit”, BBC News, 2005-01-03."
