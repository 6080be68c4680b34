"""Building and feeding indexes in tests through the engine's real writer and reader.

All index tests go through here, so a change in how indexes are written touches one place.
The texts that searches need come from an in-memory table, as they come from the database
in the application.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from pathlib import Path

from index import IndexDocument, IndexUpdater, SearchIndex, SearchResults


def doc(id: int, title: str, body: str, source: str = "", **fields: object) -> IndexDocument:
    """An article document, as the application makes them."""
    return IndexDocument(
        key=IndexDocument.key_for("article", id), kind="article", id=id, title=title,
        body=body, article_id=id, source=source, **fields,  # type: ignore[arg-type]
    )


class TestIndex:
    """A search index with its writer and an in-memory text table."""

    __test__ = False  # not a test class, despite the name

    def __init__(self, root: Path) -> None:
        self.root = root
        self.texts: dict[str, IndexDocument] = {}
        self.updater = IndexUpdater(root)
        self.index = SearchIndex(root)
        self._seq = 0

    def source(self, keys: Sequence[str]) -> Mapping[str, IndexDocument]:
        return {k: self.texts[k] for k in keys if k in self.texts}

    def rebuild(self, documents: Iterable[IndexDocument],
                cancel: Callable[[], bool] | None = None,
                progress: Callable[[int, int, str], None] | None = None) -> bool:
        documents = list(documents)
        self._seq += 1
        done = self.updater.rebuild(documents, len(documents), {"seq": self._seq},
                                    progress, cancel)
        if done:
            self.texts = {d.key: d for d in documents}
        return done

    def add(self, documents: Sequence[IndexDocument]) -> None:
        self.updater.apply(documents, [])
        self._commit()
        self.texts.update({d.key: d for d in documents})

    def delete(self, ids: Sequence[int]) -> None:
        keys = [IndexDocument.key_for("article", i) for i in ids]
        self.updater.apply([], keys)
        self._commit()
        for key in keys:
            self.texts.pop(key, None)

    def search(self, query: str, limit: int = 20, *, kinds: Collection[str] | None = None,
               **options: object) -> SearchResults:
        return self.index.search(query, limit, texts=self.source, kinds=kinds,
                                 **options)  # type: ignore[arg-type]

    def document_count(self) -> int:
        return self.index.document_count()

    def close(self) -> None:
        self.updater.close()
        self.index.close()

    def _commit(self) -> None:
        self._seq += 1
        self.updater.commit({"seq": self._seq})
