"""Typed access to the user's settings (QSettings), so keys and types live in one place."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

_MAX_RECENT = 10


class AppSettings:
    def __init__(self, settings: QSettings | None = None) -> None:
        self._s = settings or QSettings()

    def recent_projects(self) -> list[Path]:
        value = self._s.value("projects/recent", [])
        items = [value] if isinstance(value, str) else list(value or [])
        return [Path(p) for p in items if p]

    def add_recent_project(self, path: Path) -> None:
        paths = [p for p in self.recent_projects() if p != path]
        paths.insert(0, path)
        self._s.setValue("projects/recent", [str(p) for p in paths[:_MAX_RECENT]])

    def remove_recent_project(self, path: Path) -> None:
        paths = [str(p) for p in self.recent_projects() if p != path]
        self._s.setValue("projects/recent", paths)

    def last_project(self) -> Path | None:
        recent = self.recent_projects()
        return recent[0] if recent else None

    def state(self, key: str) -> QByteArray | None:
        value = self._s.value(f"window/{key}")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_state(self, key: str, value: QByteArray) -> None:
        self._s.setValue(f"window/{key}", value)

    def sync(self) -> None:
        self._s.sync()
