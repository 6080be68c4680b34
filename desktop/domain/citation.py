"""A plain-text reference to an article, for pasting into notes and papers."""

from __future__ import annotations

from desktop.domain.article import Article


def format_citation(article: Article) -> str:
    """``Author, “Title”, Source, Date. URL`` with whatever is known; missing parts are left
    out rather than filled with placeholders, which would end up pasted into a paper."""
    title = article.title.strip()
    quoted = f"“{title.rstrip('.')}”" if title else ""
    parts = [p for p in (article.author.strip(), quoted, article.source.strip(),
                         (article.published or "")[:10]) if p]
    citation = ", ".join(parts) + "." if parts else ""
    if article.url.strip():
        citation = f"{citation} {article.url.strip()}".strip()
    return citation
