"""Runs a parsed query on a searcher: expansion, exact counting, texts, spans and snippets."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import ClassVar

from whoosh import query
from whoosh.searching import Searcher

from index.bounded_collector import BoundedCollector
from index.exact_phrase import ExactPhrase
from index.gc_pause import GcPause
from index.index_document import IndexDocument, TextSource
from index.search_deadline import SearchCancelled, SearchDeadline, SearchTimedOut
from index.search_hit import SearchHit
from index.search_results import SearchResults
from index.snippet import Snippet
from index.snippet_maker import SnippetMaker
from index.span_finder import SpanFinder
from index.span_plan import SpanPlan
from index.term_expander import TermExpander
from index.zero_filter import ZeroFilter

CANCELLED = "The search was cancelled."


class SearchRunner:
    """One search under a deadline, with code-point spans and snippets per hit.

    The index stores no texts: the hits' titles and bodies come from ``texts`` (the
    application's database), and hits whose key it no longer knows are dropped.
    """

    # Spans and snippets look no further into a text than this many code points: news
    # articles are far shorter, and a 100 MB "article" must not cost seconds per search.
    MARKED_CHARS: ClassVar[int] = 100_000

    def __init__(
        self, snippet_maker: SnippetMaker | None = None, expander: TermExpander | None = None
    ) -> None:
        self._snippets = snippet_maker or SnippetMaker()
        self._expander = expander or TermExpander()

    def run(
        self,
        searcher: Searcher,
        parsed: query.Query,
        text: str,
        limit: int,
        *,
        texts: TextSource,
        kinds: Collection[str] | None,
        snippets: bool,
        deadline: SearchDeadline,
    ) -> SearchResults:
        """Search; a time limit that runs out returns what was found, marked as such."""
        try:
            with GcPause():
                return self._run(searcher, parsed, text, limit, texts, kinds, snippets,
                                 deadline)
        except SearchCancelled:
            return SearchResults(query=text, total=0, hits=(), error=CANCELLED, total_exact=False)

    def _run(
        self,
        searcher: Searcher,
        parsed: query.Query,
        text: str,
        limit: int,
        texts: TextSource,
        kinds: Collection[str] | None,
        snippets: bool,
        deadline: SearchDeadline,
    ) -> SearchResults:
        if kinds is not None and not kinds:
            return SearchResults(query=text, total=0, hits=())
        try:
            expansion = self._expander.expand(parsed, searcher, deadline)
        except SearchTimedOut:
            notice = _stopped(deadline, 0)
            return SearchResults(
                query=text, total=0, hits=(), timed_out=True, total_exact=False, notice=notice
            )
        final = _restricted(expansion.query.accept(ExactPhrase.replacing(deadline)), kinds)
        # Twice the limit: spares a second pass when some hits were deleted meanwhile.
        collector = BoundedCollector(limit * 2, deadline)
        timed_out = False
        try:
            searcher.search_with_collector(final, collector)
        except SearchTimedOut:
            timed_out = True
        ranked = [(float(score), docnum) for score, docnum in collector.results().top_n]
        counted = collector.count_so_far
        hits, asked, dropped = self._hits(
            searcher, ranked, limit, texts, SpanPlan.of(final), snippets, deadline
        )
        # Matches the application no longer knows are not matches; beyond the ones asked
        # about, some may be stale too, so the count is then no longer exact.
        total = max(len(hits), counted - dropped)
        exact = not timed_out and not expansion.capped and (dropped == 0 or asked >= counted)
        notices = list(expansion.notices)
        if timed_out:
            notices.append(_stopped(deadline, total))
        return SearchResults(
            query=text,
            total=total,
            hits=tuple(hits),
            timed_out=timed_out,
            total_exact=exact,
            notice=" ".join(notices) or None,
        )

    def _hits(
        self,
        searcher: Searcher,
        ranked: Sequence[tuple[float, int]],
        limit: int,
        texts: TextSource,
        plan: SpanPlan,
        snippets: bool,
        deadline: SearchDeadline,
    ) -> tuple[list[SearchHit], int, int]:
        """The best ``limit`` hits the application still knows; how many were asked, dropped."""
        hits: list[SearchHit] = []
        asked = dropped = 0
        while len(hits) < limit and asked < len(ranked):
            batch = ranked[asked : asked + limit - len(hits)]
            asked += len(batch)
            keys = [str(searcher.stored_fields(docnum)["key"]) for _, docnum in batch]
            documents = texts(keys)
            for (score, _), key in zip(batch, keys, strict=True):
                document = documents.get(key)
                if document is None:
                    dropped += 1
                    continue
                if deadline.cancelled():
                    raise SearchCancelled
                hits.append(self._hit(score, document, plan, snippets))
        return hits, asked, dropped

    def _hit(
        self, score: float, document: IndexDocument, plan: SpanPlan, snippets: bool
    ) -> SearchHit:
        limit = self.MARKED_CHARS
        title_spans = SpanFinder.find(document.title, plan.marks("title"), limit)
        if snippets:
            body = document.body
            body_spans = SpanFinder.find(body, plan.marks("body"), limit)
            # The snippet never reaches past the marked part; cutting the body first keeps
            # the snippet maker's whole-text steps (strip, length) cheap on huge texts.
            snippet = self._snippets.make(body[: limit + 1], body_spans)
        else:
            # Re-tokenising the body is the expensive part of highlighting; skip it entirely.
            body_spans, snippet = (), Snippet("", ())
        return SearchHit(
            key=document.key,
            kind=document.kind,
            id=document.id,
            article_id=document.article_id,
            score=score,
            title=document.title,
            source=document.source,
            published=document.published or None,
            snippet=snippet,
            title_spans=title_spans,
            body_spans=body_spans,
        )


def _restricted(final: query.Query, kinds: Collection[str] | None) -> query.Query:
    if kinds is None:
        return final
    allowed = query.Or([query.Term("kind", kind) for kind in sorted(set(kinds))])
    # A filter, not a scored term: every document of a kind would get the same bonus.
    return query.And([final, ZeroFilter(allowed)])


def _stopped(deadline: SearchDeadline, found: int) -> str:
    seconds = f"{deadline.time_limit:g} second{'s' if deadline.time_limit != 1 else ''}"
    if not found:
        return (
            f"The search was stopped after {seconds} before any match was found; "
            "fewer words with *, ? or ~ would make it faster."
        )
    return (
        f"The search was stopped after {seconds}: at least {found:,} match, and the list "
        "shows the best of those found by then, not necessarily the best of all."
    )
