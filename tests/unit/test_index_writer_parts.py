"""The writer's faster parts (a pool that spills in chunks, lengths read a column at a time)
write exactly the index Whoosh's own writer writes."""

from __future__ import annotations

from pathlib import Path

from whoosh import index as whoosh_index

from index.chunked_pool import ChunkedPool
from index.column_lengths import ColumnLengths
from index.index_schema import IndexSchema
from tests.unit.index_support import article

WORDS = ("oil", "prices", "rose", "the", "minister", "said", "Ünïcode", "東京", "🙂x", "rates")


def _documents() -> list[dict[str, object]]:
    documents = []
    for n in range(1, 700):
        body = " ".join(WORDS[(n * k + k // 3) % len(WORDS)] for k in range(5 + n % 60))
        documents.append(IndexSchema.to_fields(article(n, f"Title {WORDS[n % 10]}", body)))
    return documents


def _written(folder: Path, faster: bool) -> dict[tuple[str, bytes], tuple[object, ...]]:
    folder.mkdir()
    ix = whoosh_index.create_in(str(folder), IndexSchema.build())
    # A tiny memory limit: the pool spills many runs to disk, as a large import does.
    writer = ix.writer(limitmb=1)
    if faster:
        ChunkedPool.install(writer)
        ColumnLengths.install(writer)
        assert isinstance(writer.pool, ChunkedPool)
    for fields in _documents():
        writer.add_document(**fields)
    assert len(writer.pool.runs) >= 2
    writer.commit()
    found = {}
    with ix.reader() as reader:
        for (fieldname, btext), info in reader:
            postings = reader.postings(fieldname, btext)
            found[(fieldname, btext)] = (
                info.weight(), info.doc_frequency(), info.min_length(), info.max_length(),
                info.max_weight(), list(postings.items_as("weight")),
                list(reader.postings(fieldname, btext).all_items()),
            )
        lengths = [reader.doc_field_length(doc, "body") for doc in range(reader.doc_count())]
    found[("lengths", b"")] = tuple(lengths)
    ix.close()
    return found


def test_the_faster_writer_writes_whooshs_index(tmp_path: Path) -> None:
    plain = _written(tmp_path / "plain", faster=False)
    faster = _written(tmp_path / "faster", faster=True)
    assert len(plain) > 100
    assert faster.keys() == plain.keys()
    for term, stats in plain.items():
        assert faster[term] == stats, term
