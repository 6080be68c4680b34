"""Which importer reads which file: by suffix."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import BinaryIO, Protocol

from desktop.domain.article import Article
from desktop.importers.json_lines_importer import JsonLinesImporter
from desktop.importers.plain_text_importer import PlainTextImporter
from desktop.importers.record_failure import RecordFailure


class Importer(Protocol):
    name: str
    suffixes: tuple[str, ...]

    def iter_articles(self, source: BinaryIO, path: Path) -> Iterator[Article | RecordFailure]:
        """Articles (and failed records) one at a time, so a batch file of thousands of
        stories never sits whole in memory and import can report progress and stop
        between them. Raises ImportFailure when the file as a whole cannot be read."""
        ...


class ImporterRegistry:
    """The importers known to the application, looked up by file suffix."""

    def __init__(self, importers: Sequence[Importer] | None = None) -> None:
        self._importers: list[Importer] = list(
            importers or [PlainTextImporter(), JsonLinesImporter()])

    def for_path(self, path: Path) -> Importer | None:
        suffix = path.suffix.lower()
        for importer in self._importers:
            if suffix in importer.suffixes:
                return importer
        return None

    def supports(self, path: Path) -> bool:
        return self.for_path(path) is not None

    def supported_suffixes(self) -> list[str]:
        return sorted({s for importer in self._importers for s in importer.suffixes})
