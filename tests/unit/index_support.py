"""The one place index tests create and fill indexes, and supply texts to searches.

Indexes are written through the engine's real writer (``IndexUpdater``) and searched
through its reader (``SearchIndex``); the texts that searches need come from an in-memory
table, as they come from the database in the application. When the lifecycle API changes,
only this module needs adapting.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path

from index import IndexDocument, IndexUpdater, SearchIndex, SearchResults


def article(
    doc_id: int, title: str, body: str, source: str = "", **fields: object
) -> IndexDocument:
    """An article document as the application hands it to the index."""
    return IndexDocument(
        key=IndexDocument.key_for("article", doc_id), kind="article", id=doc_id, title=title,
        body=body, article_id=doc_id, source=source, **fields,  # type: ignore[arg-type]
    )


doc = article  # the shorter name some tests use


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
    updater = IndexUpdater(folder)
    try:
        assert updater.rebuild(list(documents), len(documents), {"seq": 1})
    finally:
        updater.close()
    if texts is not None:
        texts.put(documents)
    return SearchIndex(folder)


def add_documents(search_index: SearchIndex, documents: Sequence[IndexDocument],
                  texts: MemoryTexts | None = None) -> None:
    """Add or replace documents in one commit, as the indexer would after a change."""
    _write(search_index.root, list(documents), [])
    if texts is not None:
        texts.put(documents)


def delete_documents(search_index: SearchIndex, ids: Sequence[int],
                     texts: MemoryTexts | None = None) -> None:
    """Delete articles by id from the index (and from ``texts``)."""
    keys = [IndexDocument.key_for("article", doc_id) for doc_id in ids]
    _write(search_index.root, [], keys)
    if texts is not None:
        texts.forget(keys)


def _write(root: Path, upserts: list[IndexDocument], deletes: list[str]) -> None:
    updater = IndexUpdater(root)
    try:
        seq = int(updater.check().state.get("seq", 0)) + 1  # type: ignore[call-overload]
        updater.apply(upserts, deletes)
        updater.commit({"seq": seq})
    finally:
        updater.close()


class IndexUnderTest:
    """An index and the texts the application would supply to it, searched together."""

    __test__ = False  # not a test class

    def __init__(self, folder: Path, documents: Sequence[IndexDocument] = ()) -> None:
        self.root = folder
        self.texts = MemoryTexts()
        # The writer stays open across calls, as the indexer process keeps it.
        self.updater = IndexUpdater(folder)
        self.index = SearchIndex(folder)
        self._seq = 0
        if documents:
            self.rebuild(documents)

    @property
    def source(self) -> MemoryTexts:
        return self.texts

    def rebuild(self, documents: Iterable[IndexDocument],
                cancel: Callable[[], bool] | None = None,
                progress: Callable[[int, int, str], None] | None = None) -> bool:
        documents = list(documents)
        self._seq += 1
        done = self.updater.rebuild(documents, len(documents), {"seq": self._seq},
                                    progress, cancel)
        if done:
            self.texts = MemoryTexts(documents)
        return done

    def add(self, documents: Sequence[IndexDocument]) -> None:
        self.updater.apply(documents, [])
        self._commit()
        self.texts.put(documents)

    def delete(self, ids: Sequence[int]) -> None:
        keys = [IndexDocument.key_for("article", i) for i in ids]
        self.updater.apply([], keys)
        self._commit()
        self.texts.forget(keys)

    def search(self, query: str, limit: int = 20, **options: object) -> SearchResults:
        return self.index.search(query, limit, texts=self.texts, **options)  # type: ignore[arg-type]

    def ids(self, query: str, **options: object) -> set[int]:
        results = self.search(query, **options)
        assert results.error is None, results.error
        return {hit.id for hit in results.hits}

    def document_count(self) -> int:
        return self.index.document_count()

    def close(self) -> None:
        self.updater.close()
        self.index.close()

    def _commit(self) -> None:
        self._seq += 1
        self.updater.commit({"seq": self._seq})


TestIndex = IndexUnderTest  # the name the lifecycle tests use


def whoosh_index(search_index: SearchIndex):
    """The live generation as a raw Whoosh index, for tests that look inside it."""
    from whoosh import index as whoosh_index_module

    folder = search_index.home.current()
    assert folder is not None
    return whoosh_index_module.open_dir(str(folder))


def every_key(keys: Sequence[str]) -> Mapping[str, IndexDocument]:
    """A TextSource that knows every key (with empty texts): for tests that only count."""
    documents = {}
    for key in keys:
        kind, _, raw_id = key.partition(":")
        documents[key] = IndexDocument(key=key, kind=kind, id=int(raw_id), title="", body="",
                                       article_id=int(raw_id))
    return documents
