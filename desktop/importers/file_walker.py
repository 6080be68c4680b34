"""Finding the files to import under the paths a user gave, with progress and cancel."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from desktop.importers.file_paths import display_path

# Files that travel with data sets to describe them; they are not articles. Only skipped
# while walking a folder: a file the user names explicitly is always imported.
_DOCUMENTATION_STEMS = {"readme", "license", "licence", "copying", "provenance", "changelog"}
_PROGRESS_EVERY = 1000


@dataclass(frozen=True, slots=True)
class FoundFile:
    path: Path
    # Why it is not imported (hidden, documentation, unsupported type), or None.
    skip_reason: str | None
    # The folder it came from, relative to the folder the user chose ("business" in BBC
    # News); for a folder's own files and for files named one by one, that folder's name.
    collection: str


class FileWalker:
    def __init__(self, supported: Callable[[Path], bool]) -> None:
        self._supported = supported

    def expand(
        self,
        paths: Sequence[Path],
        progress: Callable[[int, int, str], None] = lambda done, total, label: None,
        cancel: Callable[[], bool] = lambda: False,
    ) -> Iterator[FoundFile]:
        """Every file under ``paths``, sorted per folder; stops early when cancelled.

        Symbolic links to folders are not followed (they can loop); a linked file is read
        like any other. Unreadable folders are skipped silently by the walk and a file the
        user named that does not exist is still yielded, so the import reports it.
        """
        seen = 0
        for path in paths:
            if not path.is_dir():
                yield FoundFile(path, None, display_path(path.parent.name))
                continue
            for file in self._walk(path, cancel):
                seen += 1
                if seen % _PROGRESS_EVERY == 0:
                    progress(seen, 0, f"Finding files ({seen:,})")
                relative = file.parent.relative_to(path)
                collection = relative.as_posix() if relative.parts else path.name
                yield FoundFile(file, self._skip_reason(file), display_path(collection))

    def _walk(self, folder: Path, cancel: Callable[[], bool]) -> Iterator[Path]:
        if cancel():
            return
        try:
            with os.scandir(folder) as scan:
                entries = sorted(scan, key=lambda e: e.name)
        except OSError:
            return
        for entry in entries:
            if cancel():
                return
            if entry.is_dir(follow_symlinks=False):
                yield from self._walk(Path(entry.path), cancel)
            elif entry.is_file():
                yield Path(entry.path)

    def _skip_reason(self, file: Path) -> str | None:
        if file.name.startswith("."):
            return "hidden file"
        if file.stem.lower() in _DOCUMENTATION_STEMS:
            return "documentation file of the folder, not an article"
        if not self._supported(file):
            return "not a supported file type"
        return None
