"""Checking one index generation folder: can this code open and trust it?"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from whoosh import index as whoosh_index

from index.file_seals import FileSeals
from index.index_meta import IndexMeta
from index.index_schema import IndexSchema
from index.index_status import IndexStatus

# Bump when the schema or analyzers change (3: entity and type fields; 4: the article id
# column that facets read), or when what is written is read faster rebuilt (5: posting
# blocks pickled with protocol 5, see BlockWriter; 6: article pairs, see ArticlePairs;
# 7: the files' checksums, see FileSeals).
VERSION = 7


@dataclass(frozen=True, slots=True)
class IndexCheck:
    status: IndexStatus
    # The application state recorded with the live generation (empty unless OK).
    state: Mapping[str, object] = field(default_factory=lambda: MappingProxyType({}))
    documents: int = 0
    reason: str = ""


def expected_meta(state: Mapping[str, object]) -> IndexMeta:
    return IndexMeta(VERSION, MappingProxyType(IndexSchema.analyzer_settings()),
                     MappingProxyType(dict(state)))


def compatible(meta: IndexMeta) -> bool:
    return meta.version == VERSION and dict(meta.analyzer) == IndexSchema.analyzer_settings()


def check_folder(folder: Path | None, damage: str | None = None) -> IndexCheck:
    """Status of ``folder`` (a generation): never raises, whatever is on disk."""
    if folder is None:
        return IndexCheck(IndexStatus.MISSING, reason="The search index has not been built yet.")
    if damage:
        return IndexCheck(IndexStatus.DAMAGED, reason=damage)
    try:
        meta = IndexMeta.read(folder)
    except FileNotFoundError:
        return IndexCheck(IndexStatus.MISSING, reason="The search index was never finished.")
    except (OSError, ValueError) as error:
        return IndexCheck(IndexStatus.DAMAGED, reason=f"Its description is unreadable: {error}")
    # Checked before Whoosh opens anything: a generation from other code is not unpickled.
    if not compatible(meta):
        return IndexCheck(IndexStatus.OTHER_VERSION,
                          reason="The search index was built by another version.")
    problem = FileSeals.problem(folder)
    if problem:
        return IndexCheck(IndexStatus.DAMAGED, reason=problem)
    try:
        opened = whoosh_index.open_dir(str(folder))
        try:
            with opened.reader() as reader:
                count = reader.doc_count()
        finally:
            opened.close()
    except Exception as error:  # damaged files fail in many ways (pickle, struct, OSError)
        return IndexCheck(IndexStatus.DAMAGED, reason=f"Its files cannot be read: {error!r}")
    return IndexCheck(IndexStatus.OK, meta.state, count)
