"""The writer's faster parts write exactly the index Whoosh's own writer writes: a pool that
groups postings by term and spills whole terms, blocks written whole, and lengths read a
column at a time."""

from __future__ import annotations

from pathlib import Path

import pytest
from whoosh import index as whoosh_index
from whoosh.writing import PostingPool

from index.block_writer import BlockWriter
from index.bulk_segment_writer import BulkSegmentWriter
from index.index_schema import IndexSchema
from index.term_pool import TermPool
from tests.unit.index_support import article

WORDS = ("oil", "prices", "rose", "the", "minister", "said", "Ünïcode", "東京", "🙂x", "rates")


def _documents(first: int, last: int) -> list[dict[str, object]]:
    documents = []
    for n in range(first, last):
        # Bodies from 5 to 400 words: terms of one block and of several.
        body = " ".join(WORDS[(n * k + k // 3) % len(WORDS)] for k in range(5 + n % 400))
        # Every field filled in for some documents: the generic (not text) fields too.
        extra: dict[str, object] = {} if n % 3 else {
            "author": f"Writer {WORDS[n % 7]}", "published": f"2005-0{1 + n % 9}-1{n % 10}",
            "collection": ("business", "tech")[n % 2], "language": "en",
            "keywords": (WORDS[n % 10], "oil"), "entities": (f"Minister {WORDS[n % 5]}",),
            "entity_types": ("person",)}
        documents.append(IndexSchema.to_fields(article(
            n, f"Title {WORDS[n % 10]}", body, source=("Wire", "", "BBC")[n % 3], **extra)))
    return documents


def _writer(ix: whoosh_index.Index, faster: bool, **options: object) -> object:
    # A tiny memory limit: the pool spills many runs to disk, as a large import does.
    if not faster:
        return ix.writer(limitmb=1, **options)
    writer = BulkSegmentWriter(ix, limitmb=1, **options)
    assert isinstance(writer.pool, TermPool)
    assert isinstance(writer.fieldwriter, BlockWriter)
    return writer


def _written(folder: Path, faster: bool) -> dict[tuple[str, bytes], tuple[object, ...]]:
    folder.mkdir()
    ix = whoosh_index.create_in(str(folder), IndexSchema.build())
    writer = _writer(ix, faster)
    for fields in _documents(1, 700):
        writer.add_document(**fields)
    assert len(writer.pool.runs) >= 2
    writer.commit()
    # A second segment, with a deletion, then both merged into one by a third writer
    # (the merged segment's postings come from readers, renumbered, not from documents).
    writer = _writer(ix, faster)
    for fields in _documents(700, 900):
        writer.add_document(**fields)
    writer.delete_by_term("key", "article:5")
    writer.commit()
    merged = {}
    _read(ix, merged, "two segments")
    writer = _writer(ix, faster)
    writer.add_document(**_documents(900, 901)[0])
    writer.commit(optimize=True)
    found: dict[tuple[str, bytes], tuple[object, ...]] = {}
    _read(ix, found, "merged")
    found.update(merged)
    ix.close()
    return found


def _read(ix: whoosh_index.Index, found: dict[tuple[str, bytes], tuple[object, ...]],
          stage: str) -> None:
    with ix.reader() as whole:
        for number, (reader, _offset) in enumerate(whole.leaf_readers()):
            segment = f"{stage} {number} "
            for (fieldname, btext), info in reader:
                postings = reader.postings(fieldname, btext)
                while hasattr(postings, "child"):  # deletions filter the leaf's postings
                    postings = postings.child
                blocks = []  # each block's statistics, which scoring uses to skip blocks
                while postings.is_active():
                    blocks.append((postings.block_min_id(), postings.block_max_id(),
                                   postings.block_min_length(), postings.block_max_length(),
                                   postings.block_max_weight()))
                    postings._next_block()
                postings = reader.postings(fieldname, btext)
                found[(segment + fieldname, btext)] = (
                    tuple(blocks), info.weight(), info.doc_frequency(), info.min_length(),
                    info.max_length(), info.max_weight(), info.min_id(), info.max_id(),
                    list(postings.items_as("weight")),
                    list(reader.postings(fieldname, btext).all_items()),
                )
            found[(segment + "lengths", b"")] = tuple(
                reader.doc_field_length(doc, name) for doc in range(reader.doc_count_all())
                for name in reader.schema.scorable_names())
            found[(segment + "stored", b"")] = tuple(
                reader.stored_fields(doc) for doc in range(reader.doc_count_all()))
            for name in reader.schema.names():
                if reader.has_column(name):
                    found[(segment + "column " + name, b"")] = tuple(
                        reader.column_reader(name))


def test_the_faster_writer_writes_whooshs_index(tmp_path: Path) -> None:
    plain = _written(tmp_path / "plain", faster=False)
    faster = _written(tmp_path / "faster", faster=True)
    assert len(plain) > 200
    assert faster.keys() == plain.keys()
    for term, stats in plain.items():
        assert faster[term] == stats, term


def test_the_pool_hands_any_other_reader_whooshs_sorted_postings(tmp_path: Path) -> None:
    ix = whoosh_index.create_in(str(tmp_path), IndexSchema.build())
    writer = ix.writer(limitmb=1)
    plain = writer.pool
    assert type(plain) is PostingPool
    pool = TermPool(plain.tempstore, plain.segment, limitmb=0.05)
    items = [("body", word.encode(), doc, float(doc % 3 + 1), bytes([doc % 7]))
             for doc in range(300) for word in WORDS[doc % 4:]]
    # Out of order on purpose (a document number lower than one already added).
    items.append(("body", b"oil", 3, 1.0, b"\x01"))
    for item in items:
        pool.add(item)
    assert pool.runs
    assert list(pool.iter_postings()) == sorted(items)
    writer.cancel()
    ix.close()


def test_blocks_are_pickled_with_a_protocol_that_has_bytes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from whoosh.codec import whoosh3

    ix = whoosh_index.create_in(str(tmp_path), IndexSchema.build())
    writer = BulkSegmentWriter(ix)
    for fields in _documents(1, 300):
        writer.add_document(**fields)
    writer.commit()
    seen: list[bytes] = []
    real = whoosh3.loads

    def recording(data: bytes) -> object:
        found = real(data)
        if isinstance(found, tuple) and len(found) == 3:  # a block's ids, weights, values
            seen.append(bytes(data[:2]))
        return found

    monkeypatch.setattr(whoosh3, "loads", recording)
    with ix.reader() as reader:
        for fieldname in ("body", "body_exact", "key"):
            for btext in list(reader.lexicon(fieldname))[:5]:
                assert list(reader.postings(fieldname, btext).all_ids())
    ix.close()
    assert len(seen) >= 10
    assert set(seen) == {b"\x80\x05"}
