"""The one place index tests create and fill indexes, and supply texts to searches.

When the index lifecycle API changes (where an index lives, how it is fed), only this
module needs adapting: tests call ``build_index``, ``add_documents``, ``delete_documents``
and search with ``texts=`` a ``MemoryTexts``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from index import IndexDocument, SearchIndex, SearchResults


def article(
    doc_id: int, title: str, body: str, source: str = "", **fields: object
) -> IndexDocument:
    """An article document as the application hands it to the index."""
    return IndexDocument(
        key=IndexDocument.key_for("article", doc_id),
        kind="article",
        id=doc_id,
        title=title,
        body=body,
        article_id=doc_id,
        source=source,
        **fields,  # type: ignore[arg-type]
    )


class MemoryTexts:
    """An in-memory TextSource: what the application's database would answer.

    ``calls`` records the keys of every request, so tests can see what a search asked for.
    """

    def __init__(self, documents: Iterable[IndexDocument] = ()) -> None:
        self.documents: dict[str, IndexDocument] = {d.key: d for d in documents}
        self.calls: list[tuple[str, ...]] = []

    def __call__(self, keys: Sequence[str]) -> Mapping[str, IndexDocument]:
        self.calls.append(tuple(keys))
        return {key: self.documents[key] for key in keys if key in self.documents}

    def put(self, documents: Iterable[IndexDocument]) -> None:
        for document in documents:
            self.documents[document.key] = document

    def forget(self, keys: Iterable[str]) -> None:
        """Delete from the 'database' only (the index still has them: a stale index)."""
        for key in keys:
            self.documents.pop(key, None)


def build_index(
    folder: Path, documents: Sequence[IndexDocument], texts: MemoryTexts | None = None
) -> SearchIndex:
    """A complete index of ``documents`` in ``folder``; ``texts`` learns them too."""
    created = SearchIndex(folder)
    assert created.rebuild(list(documents), len(documents), generation=1)
    if texts is not None:
        texts.put(documents)
    return created


def add_documents(
    search_index: SearchIndex,
    documents: Sequence[IndexDocument],
    texts: MemoryTexts | None = None,
    generation: int = 2,
) -> None:
    """Add or replace documents in one commit, as the indexer would after a change."""
    search_index.add(list(documents), generation)
    if texts is not None:
        texts.put(documents)


def delete_documents(
    search_index: SearchIndex,
    ids: Sequence[int],
    texts: MemoryTexts | None = None,
    generation: int = 2,
) -> None:
    """Delete articles by id from the index (and from ``texts``)."""
    search_index.delete(list(ids), generation)
    if texts is not None:
        texts.forget(IndexDocument.key_for("article", doc_id) for doc_id in ids)


class IndexUnderTest:
    """An index and the texts the application would supply to it, searched together."""

    def __init__(self, folder: Path, documents: Sequence[IndexDocument] = ()) -> None:
        self.texts = MemoryTexts()
        if documents:
            self.index = build_index(folder, documents, self.texts)
        else:
            self.index = SearchIndex(folder)

    def rebuild(self, documents: Sequence[IndexDocument]) -> None:
        self.texts = MemoryTexts()
        assert self.index.rebuild(list(documents), len(documents), generation=1)
        self.texts.put(documents)

    def search(self, query: str, limit: int = 20, **options: object) -> SearchResults:
        return self.index.search(query, limit, texts=self.texts, **options)  # type: ignore[arg-type]

    def ids(self, query: str, **options: object) -> set[int]:
        results = self.search(query, **options)
        assert results.error is None, results.error
        return {hit.id for hit in results.hits}

    def add(self, documents: Sequence[IndexDocument], generation: int = 2) -> None:
        add_documents(self.index, documents, self.texts, generation)

    def delete(self, ids: Sequence[int], generation: int = 2) -> None:
        delete_documents(self.index, ids, self.texts, generation)

    def close(self) -> None:
        self.index.close()


def every_key(keys: Sequence[str]) -> Mapping[str, IndexDocument]:
    """A TextSource that knows every key (with empty texts): for tests that only count."""
    documents = {}
    for key in keys:
        kind, _, raw_id = key.partition(":")
        documents[key] = IndexDocument(key, kind, int(raw_id), "", "", article_id=int(raw_id))
    return documents
