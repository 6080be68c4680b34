"""Which importer reads which file: by suffix, then by a look at the content."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Protocol

from desktop.domain.article import Article
from desktop.importers.plain_text_importer import PlainTextImporter

# Files that travel with data sets to describe them; they are not articles. Only skipped
# while walking a folder: a file the user names explicitly is always imported.
_DOCUMENTATION_STEMS = {"readme", "license", "licence", "copying", "provenance", "changelog"}


class Importer(Protocol):
    name: str
    suffixes: tuple[str, ...]

    def parse(self, data: bytes, path: Path) -> list[Article]: ...


class ImporterRegistry:
    """The importers known to the application, looked up by file suffix."""

    def __init__(self, importers: Sequence[Importer] | None = None) -> None:
        self._importers: list[Importer] = list(importers or [PlainTextImporter()])

    def for_path(self, path: Path) -> Importer | None:
        suffix = path.suffix.lower()
        for importer in self._importers:
            if suffix in importer.suffixes:
                return importer
        return None

    def supported_suffixes(self) -> list[str]:
        return sorted({s for importer in self._importers for s in importer.suffixes})

    def expand(self, paths: Sequence[Path]) -> Iterator[tuple[Path, str | None]]:
        """Yield ``(file, skip_reason)`` for every file under ``paths``, sorted per folder.

        ``skip_reason`` is ``None`` for files to import. Files the user named are never
        skipped by type, so an unsupported one is reported as a failure, not dropped.
        """
        for path in paths:
            if path.is_dir():
                for file in sorted(p for p in path.rglob("*") if p.is_file()):
                    yield file, self._skip_reason(file)
            else:
                yield path, None

    def _skip_reason(self, file: Path) -> str | None:
        if file.name.startswith("."):
            return "hidden file"
        if file.stem.lower() in _DOCUMENTATION_STEMS:
            return "documentation file of the folder, not an article"
        if self.for_path(file) is None:
            return "not a supported file type"
        return None
