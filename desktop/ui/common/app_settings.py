"""Typed access to the user's settings (QSettings), so keys, types and defaults live in one
place and a damaged or hand-edited value falls back to its default instead of crashing."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QByteArray, QSettings

from desktop.entities.recognizer_names import BUILTIN, RECOGNIZER_NAMES

_MAX_RECENT = 10
_E = TypeVar("_E", bound="Enum")


class Appearance(Enum):
    SYSTEM = "system"
    LIGHT = "light"
    DARK = "dark"


class ArticleSort(Enum):
    """The article list's order when a project opens."""

    NEWEST_FIRST = "newest"
    OLDEST_FIRST = "oldest"
    TITLE = "title"
    SOURCE = "source"


@dataclass(frozen=True, slots=True)
class RecentProject:
    path: Path
    name: str

    @property
    def label(self) -> str:
        return self.name or self.path.name or str(self.path)


@dataclass(frozen=True, slots=True)
class Preferences:
    """What the Preferences dialog edits, as one value (read, changed, written back)."""

    appearance: Appearance = Appearance.SYSTEM
    reader_font_family: str = ""  # empty: the application's default font
    reader_font_size: float = 11.0
    default_sort: ArticleSort = ArticleSort.NEWEST_FIRST
    search_as_you_type: bool = True
    recognizer: str = BUILTIN  # a name from desktop.entities.recognizer_names
    recognise_after_import: bool = True


MIN_FONT_SIZE, MAX_FONT_SIZE = 6.0, 48.0
MIN_ZOOM, MAX_ZOOM = 50, 300


class AppSettings:
    def __init__(self, settings: QSettings | None = None) -> None:
        self._s = settings or QSettings()

    # -- recent projects ----------------------------------------------------------------

    def recent_projects(self) -> list[RecentProject]:
        paths = self._list("projects/recent")
        names = self._list("projects/recentNames")
        names += [""] * (len(paths) - len(names))
        return [RecentProject(Path(p), n) for p, n in zip(paths, names, strict=False) if p]

    def add_recent_project(self, path: Path, name: str = "") -> None:
        recent = [r for r in self.recent_projects() if r.path != path]
        recent.insert(0, RecentProject(path, name))
        self._set_recent(recent[:_MAX_RECENT])

    def remove_recent_project(self, path: Path) -> None:
        self._set_recent([r for r in self.recent_projects() if r.path != path])

    def clear_recent_projects(self) -> None:
        self._set_recent([])

    def last_project(self) -> Path | None:
        recent = self.recent_projects()
        return recent[0].path if recent else None

    def _set_recent(self, recent: list[RecentProject]) -> None:
        # Two parallel lists rather than a QSettings array: older settings files hold the
        # paths list alone, and keep working.
        self._s.setValue("projects/recent", [str(r.path) for r in recent])
        self._s.setValue("projects/recentNames", [r.name for r in recent])

    def _list(self, key: str) -> list[str]:
        value = self._s.value(key, [])
        items = [value] if isinstance(value, str) else list(value or [])
        return [str(item) for item in items]

    # -- preferences --------------------------------------------------------------------

    def preferences(self) -> Preferences:
        default = Preferences()
        return Preferences(
            appearance=_enum(Appearance, self._s.value("appearance/mode"), default.appearance),
            reader_font_family=str(self._s.value("reader/fontFamily", "") or ""),
            reader_font_size=_clamp(
                _float(self._s.value("reader/fontSize"), default.reader_font_size),
                MIN_FONT_SIZE, MAX_FONT_SIZE,
            ),
            default_sort=_enum(ArticleSort, self._s.value("articles/defaultSort"),
                               default.default_sort),
            search_as_you_type=_bool(self._s.value("search/asYouType"),
                                     default.search_as_you_type),
            recognizer=_choice(self._s.value("entities/recognizer"), RECOGNIZER_NAMES,
                               default.recognizer),
            recognise_after_import=_bool(self._s.value("entities/afterImport"),
                                         default.recognise_after_import),
        )

    def set_preferences(self, prefs: Preferences) -> None:
        self._s.setValue("appearance/mode", prefs.appearance.value)
        self._s.setValue("reader/fontFamily", prefs.reader_font_family)
        self._s.setValue("reader/fontSize", float(prefs.reader_font_size))
        self._s.setValue("articles/defaultSort", prefs.default_sort.value)
        self._s.setValue("search/asYouType", bool(prefs.search_as_you_type))
        self._s.setValue("entities/recognizer", prefs.recognizer)
        self._s.setValue("entities/afterImport", bool(prefs.recognise_after_import))

    def reader_zoom(self) -> int:
        """The reader's zoom in percent (View > Zoom In / Out), kept between sessions."""
        return int(_clamp(_float(self._s.value("reader/zoom"), 100.0), MIN_ZOOM, MAX_ZOOM))

    def set_reader_zoom(self, percent: int) -> None:
        self._s.setValue("reader/zoom", int(_clamp(percent, MIN_ZOOM, MAX_ZOOM)))

    def reader_toggle(self, name: str, default: bool) -> bool:
        """A View toggle of the reader ("marginNotes", "entityMentions"), kept between
        sessions."""
        return _bool(self._s.value(f"reader/{name}"), default)

    def set_reader_toggle(self, name: str, on: bool) -> None:
        self._s.setValue(f"reader/{name}", bool(on))

    def import_folder(self) -> str:
        """Where the import dialogs open: the folder last imported from, else the home
        folder (the working directory a program was started in means nothing to a user)."""
        value = self._s.value("import/lastFolder")
        if isinstance(value, str) and value and Path(value).is_dir():
            return value
        return str(Path.home())

    def set_import_folder(self, folder: str) -> None:
        self._s.setValue("import/lastFolder", folder)

    # -- window layout ------------------------------------------------------------------

    def state(self, key: str) -> QByteArray | None:
        value = self._s.value(f"window/{key}")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_state(self, key: str, value: QByteArray) -> None:
        self._s.setValue(f"window/{key}", value)

    def sync(self) -> None:
        self._s.sync()


def _enum(kind: type[_E], value: object, default: _E) -> _E:
    try:
        return kind(value)
    except ValueError:
        return default


def _float(value: object, default: float) -> float:
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return default


def _clamp(value: float, low: float, high: float) -> float:
    return min(high, max(low, value))


def _bool(value: object, default: bool) -> bool:
    # INI files give back "true"/"false" strings; native backends give bools.
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in ("true", "false"):
        return value.lower() == "true"
    return default


def _choice(value: object, choices: tuple[str, ...], default: str) -> str:
    return value if isinstance(value, str) and value in choices else default
