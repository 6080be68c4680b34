"""The small JSON file beside the Whoosh files that says what built the index."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar


@dataclass(frozen=True, slots=True)
class IndexMeta:
    """Version, analyzer settings and the application's data generation of an index folder."""

    FILE_NAME: ClassVar[str] = "index_meta.json"

    version: int
    analyzer: dict[str, object]
    generation: int

    @classmethod
    def path_in(cls, folder: Path) -> Path:
        """Where the meta file lives inside an index folder."""
        return folder / cls.FILE_NAME

    @classmethod
    def read(cls, folder: Path) -> IndexMeta:
        """Read and validate; raises OSError when unreadable, ValueError when malformed."""
        raw = json.loads(cls.path_in(folder).read_text(encoding="utf-8"))
        if not isinstance(raw, dict):
            raise ValueError("index meta is not a JSON object")
        version, generation = raw.get("version"), raw.get("generation")
        analyzer = raw.get("analyzer")
        # bool is an int subclass; true/false in the file would be garbage, not a version.
        if not isinstance(version, int) or isinstance(version, bool):
            raise ValueError("index meta has no integer version")
        if not isinstance(generation, int) or isinstance(generation, bool):
            raise ValueError("index meta has no integer generation")
        if not isinstance(analyzer, dict):
            raise ValueError("index meta has no analyzer settings")
        return cls(version=version, analyzer=analyzer, generation=generation)

    def write(self, folder: Path) -> None:
        """Write atomically: a crash leaves either the old file or the new one, never half."""
        target = self.path_in(folder)
        tmp = target.with_name(f"{target.name}.{os.getpid()}.tmp")
        payload = {
            "version": self.version,
            "analyzer": self.analyzer,
            "generation": self.generation,
        }
        with tmp.open("w", encoding="utf-8") as handle:
            json.dump(payload, handle, ensure_ascii=False, indent=2)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
