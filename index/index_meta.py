"""The small JSON file in each index generation that says what built it and how far it got."""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import ClassVar


@dataclass(frozen=True, slots=True)
class IndexMeta:
    """Version and analyzer settings of the code that built the index, plus ``state``: what
    the application says this index reflects (its database binding and the last change
    applied). The engine stores ``state`` and hands it back; it never interprets it."""

    FILE_NAME: ClassVar[str] = "index_meta.json"

    version: int
    analyzer: Mapping[str, object]
    state: Mapping[str, object] = field(default_factory=lambda: MappingProxyType({}))

    @classmethod
    def path_in(cls, folder: Path) -> Path:
        return folder / cls.FILE_NAME

    @classmethod
    def read(cls, folder: Path) -> IndexMeta:
        """Read and validate; raises OSError when unreadable, ValueError when malformed."""
        raw = json.loads(cls.path_in(folder).read_text(encoding="utf-8"))
        if not isinstance(raw, dict):
            raise ValueError("index meta is not a JSON object")
        version, analyzer, state = raw.get("version"), raw.get("analyzer"), raw.get("state", {})
        # bool is an int subclass; true/false in the file would be garbage, not a version.
        if not isinstance(version, int) or isinstance(version, bool):
            raise ValueError("index meta has no integer version")
        if not isinstance(analyzer, dict):
            raise ValueError("index meta has no analyzer settings")
        if not isinstance(state, dict):
            raise ValueError("index meta state is not an object")
        return cls(version, MappingProxyType(analyzer), MappingProxyType(state))

    def write(self, folder: Path) -> None:
        """Write atomically: a crash leaves either the old file or the new one, never half."""
        target = self.path_in(folder)
        tmp = target.with_name(f"{target.name}.{os.getpid()}.tmp")
        payload = {"version": self.version, "analyzer": dict(self.analyzer),
                   "state": dict(self.state)}
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0),
                     0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(payload, handle, ensure_ascii=False, indent=2)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
