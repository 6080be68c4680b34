"""The places, demonyms and first names shipped in ``resources/gazetteer``.

Built by ``tools/build_gazetteer.py`` from open-licence packages (see the README there);
the application only reads the files. Loaded once per process: recognisers are made for
every run, the lists never change.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Final

GAZETTEER_DIR: Final = Path(__file__).resolve().parents[2] / "resources" / "gazetteer"
DEMONYM: Final = "demonym"


@dataclass(frozen=True, slots=True)
class Place:
    kind: str  # country, capital, city, region, continent or demonym
    canonical: str


class Gazetteer:
    def __init__(self, places: dict[str, Place], first_names: frozenset[str]) -> None:
        self.places = places
        self.first_names = first_names
        # Headlines in capitals are matched on upper-cased names.
        self.places_upper = {name.upper(): place for name, place in places.items()}
        self.max_words = max((name.count(" ") + 1 for name in places), default=1)

    @classmethod
    @functools.cache
    def shipped(cls) -> Gazetteer:
        return cls.load(GAZETTEER_DIR)

    @classmethod
    def load(cls, folder: Path) -> Gazetteer:
        places: dict[str, Place] = {}
        kinds: dict[str, str] = {}
        for line in _data_lines(folder / "places.tsv"):
            name, kind, canonical = line.split("\t")
            # One object per kind string, not per line.
            places[name] = Place(kinds.setdefault(kind, kind), canonical)
        names = frozenset(_data_lines(folder / "first_names.tsv"))
        return cls(places, names)

    def place(self, name: str) -> Place | None:
        return self.places.get(name)


def _data_lines(path: Path) -> list[str]:
    with path.open(encoding="utf-8") as source:
        return [line.rstrip("\n") for line in source if line.strip() and line[0] != "#"]
