"""Runs a parsed query on a searcher and converts Whoosh hits into plain dataclasses."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from typing import Any

from whoosh import query
from whoosh.collectors import TimeLimit, TimeLimitCollector
from whoosh.searching import Hit, Results, Searcher

from index.index_document import IndexDocument, TextSource
from index.index_schema import TEXT_FIELDS
from index.search_hit import SearchHit
from index.search_results import SearchResults
from index.snippet import Snippet
from index.snippet_maker import SnippetMaker
from index.span_finder import SpanFinder


class SearchRunner:
    """One search under a time budget, with matched-term spans and snippets per hit."""

    def __init__(self, snippet_maker: SnippetMaker | None = None) -> None:
        self._snippets = snippet_maker or SnippetMaker()

    def run(
        self,
        searcher: Searcher,
        parsed: query.Query,
        text: str,
        limit: int,
        *,
        texts: TextSource,
        kinds: Collection[str] | None = None,
        snippets: bool,
        time_limit: float,
        cancel: Callable[[], bool] | None = None,
    ) -> SearchResults:
        """Search; on running out of time return what was collected with ``timed_out``."""
        # terms=True records which terms matched each hit, so spans reuse the expansion of
        # fuzzy/prefix terms instead of redoing it per hit.
        collector = searcher.collector(limit=limit, terms=True)
        # use_alarm=False: SIGALRM only works on the main thread and would interrupt the GUI.
        timed = TimeLimitCollector(collector, timelimit=time_limit, use_alarm=False)
        timed_out = False
        try:
            searcher.search_with_collector(parsed, timed)
        except TimeLimit:
            timed_out = True
        results = timed.results()
        keys = [str(hit["key"]) for hit in results]
        documents = texts(keys)
        hits = tuple(
            self._convert(searcher, hit, documents[key], snippets)
            for hit, key in zip(results, keys, strict=True)
            if key in documents
        )
        return SearchResults(
            query=text, total=self._total(results, limit), hits=hits, timed_out=timed_out
        )

    @staticmethod
    def _total(results: Results, limit: int) -> int:
        scored = results.scored_length()
        if results.has_exact_length():
            return max(scored, len(results))
        # Fewer hits than the limit: the top-N heap never filled, so every match was kept.
        if scored < limit:
            return scored
        # len(results) would re-run the query; the estimate is an upper bound and cheap.
        return max(scored, results.estimated_length())

    def _convert(
        self, searcher: Searcher, hit: Hit, document: IndexDocument, snippets: bool
    ) -> SearchHit:
        terms = self._terms_by_field(hit.matched_terms())
        title, body = document.title, document.body
        schema = searcher.schema
        title_spans = SpanFinder.find(schema["title"].analyzer, title, terms.get("title", set()))
        if snippets:
            body_spans = SpanFinder.find(schema["body"].analyzer, body, terms.get("body", set()))
            snippet = self._snippets.make(body, body_spans)
        else:
            # Re-tokenising the body is the expensive part of highlighting; skip it entirely.
            body_spans, snippet = (), Snippet("", ())
        return SearchHit(
            key=document.key,
            kind=document.kind,
            id=document.id,
            article_id=document.article_id,
            score=float(hit.score or 0.0),
            title=title,
            source=document.source,
            published=document.published,
            snippet=snippet,
            title_spans=title_spans,
            body_spans=body_spans,
        )

    @staticmethod
    def _terms_by_field(matched: Iterable[tuple[str, Any]]) -> dict[str, set[str]]:
        terms: dict[str, set[str]] = {}
        for fieldname, text in matched:
            if fieldname not in TEXT_FIELDS:
                continue
            # Whoosh reports term text as UTF-8 bytes; the analyzer yields str.
            word = text.decode("utf-8") if isinstance(text, bytes) else str(text)
            terms.setdefault(fieldname, set()).add(word)
        return terms
