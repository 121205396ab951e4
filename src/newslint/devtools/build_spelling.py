"""Build ``rules/spelling-en.toml``, the British/American spelling pairs, from two maintained sources.

Development-only inputs, pinned::

    pip install breame==0.1.2                        # Apache-2.0, github.com/cdpierse/breame
    apt-get install wbritish wamerican               # SCOWL word lists, Debian 2020.12.07-2

Run from the repository root::

    python -m newslint.devtools.build_spelling [--output rules/spelling-en.toml]

Candidate pairs come from breame's British-to-American table and from the SCOWL lists themselves
(a British-only word that a regular spelling change -- our/or, ise/ize, yse/yze, tre/ter, doubled
l, ae/oe, ence/ense, ogue/og, mme/m -- turns into an American-only word). SCOWL then decides what
each side of a pair marks:

* ``pairs``: the British form is not an American word and the American form is not a British word
  (colour/color, travelled/traveled, defence/defense);
* ``oxford``: the same, for -ise/-ize words, whose -ize form Oxford spelling accepts in British;
* ``british_only``: only the British form marks its variety (tyre/tire: "tire" is British too);
* ``american_only``: only the American form marks its variety (gray/grey: "grey" is American too).

Pairs where neither side marks a variety (program/programme, practice/practise, licence/license,
disc/disk, storey/story) are dropped. A word on the hand-written ``EXCLUDE`` list below never marks
its variety, though its counterpart still may (tyre marks British; tire, a verb, marks nothing). A
pair counts only if one side is regional in all its senses: EXCLUDE holds the words with a sense
both varieties share (check, groin, the plural analyses, dialog in software, IUPAC sulfate), and
the pack's ``exclude`` list repeats it, so such a word is not reported beside its counterpart either.
"""

from __future__ import annotations

import argparse
import itertools
import re
import subprocess
import sys
from pathlib import Path

from newslint.devtools import require_pinned

PINNED_BREAME = "0.1.2"
SCOWL_LISTS = {"british": Path("/usr/share/dict/british-english"), "american": Path("/usr/share/dict/american-english")}

# Regular British -> American spelling changes used to find pairs inside SCOWL.
CHANGES: tuple[tuple[str, str], ...] = (
    ("our", "or"),
    ("ise", "ize"),
    ("isi", "izi"),
    ("isa", "iza"),
    ("yse", "yze"),
    ("ysi", "yzi"),
    ("tre", "ter"),
    ("ll", "l"),
    ("ae", "e"),
    ("oe", "e"),
    ("ence", "ense"),
    ("ogue", "og"),
    ("mme", "m"),
    ("eing", "ing"),
    ("lment", "llment"),
    ("ilful", "illful"),
)

# Words a linter must not mark although the lists pair them: another common meaning in the
# other variety, a proper-noun use, or a form both varieties write in news copy.
EXCLUDE: dict[str, str] = {
    "tire": "to become tired, in both varieties",
    "tires": "to become tired, in both varieties",
    "tired": "fatigued, in both varieties",
    "check": "verb and noun in both varieties",
    "checks": "verb and noun in both varieties",
    "curb": "to restrain, in both varieties",
    "curbs": "to restrain, in both varieties",
    "draft": "a first version, in both varieties",
    "drafts": "a first version, in both varieties",
    "drafted": "in both varieties",
    "meter": "a measuring device, in both varieties",
    "meters": "a measuring device, in both varieties",
    "program": "a computer program, in both varieties",
    "programs": "a computer program, in both varieties",
    "story": "a tale, in both varieties",
    "stories": "a tale, in both varieties",
    "disk": "computer disk, in both varieties",
    "disks": "computer disk, in both varieties",
    "plow": "rare in British news but also a proper-noun",
    "whiskey": "Irish and American whiskey are spelled so in British English too",
    "whiskeys": "see whiskey",
    "whisky": "Scotch whisky is spelled so in American English too",
    "mum": "British for mother, but also 'keep mum' in both varieties",
    "mom": "informal; not a spelling variant in news copy",
    "pajamas": "not in news copy often; leave to a terminology rule",
    "artefact": "both forms common in British English",
    "artefacts": "both forms common in British English",
    "artifact": "both forms common in British English",
    "artifacts": "both forms common in British English",
    "enquiry": "British distinguishes enquiry and inquiry; not a plain spelling pair",
    "enquiries": "see enquiry",
    "inquiry": "see enquiry",
    "inquiries": "see enquiry",
    "annex": "verb in both varieties",
    "annexes": "verb in both varieties",
    "annexed": "verb in both varieties",
    "matt": "a name",
    "pall": "a noun in both varieties",
    "install": "both varieties",
    "installs": "both varieties",
    "gage": "a pledge; not the spelling of gauge in news copy",
    "gaged": "see gage",
    "gages": "see gage",
    "gaging": "see gage",
    "snowshoed": "the source pairs it with snowshed, another word",
    "mantoes": "the source pairs it with mantes, another word",
    "coloureds": "an ethnic label in South Africa, not a spelling choice",
    "defenced": "not a word in either variety's news copy",
    "gaol": "archaic; jail is British too",
    "gaols": "archaic; jail is British too",
    "groin": "a part of the body, in both varieties (groyne is the sea wall)",
    "groins": "see groin",
    "analyses": "the plural of analysis, in both varieties",
    "paralyses": "the plural of paralysis, in both varieties",
    "mantes": "the plural of mantis, not a spelling of mantoes",
    "snowshed": "a shelter over a railway, not a spelling of snowshoed",
    "dialog": "a dialog box in software, in both varieties",
    "dialogs": "see dialog",
    "sulfate": "IUPAC spelling, used in British science writing too",
    "sulfates": "see sulfate",
    "sulfide": "see sulfate",
    "sulfides": "see sulfate",
    "sulfurous": "see sulfate",
    "flautist": "common in American English too",
    "flautists": "see flautist",
    "prized": "valued, in both varieties (prised is the British for pried)",
    "prizing": "see prized",
    "kerb": "keep: marker",
}
EXCLUDE.pop("kerb")  # kerb is a good British marker; the entry above documents the decision

# Pairs neither source lists; hand-added, still classified by SCOWL like the others.
EXTRA_PAIRS: dict[str, str] = {
    "cheque": "check",
    "cheques": "checks",
    "kerb": "curb",
    "kerbs": "curbs",
    "kerbside": "curbside",
    "pyjamas": "pajamas",
}

# Official names that keep their own spelling whatever the article's variety.
PROPER_NAMES = [
    "Pearl Harbor",
    "Labour Party",
    "Labor Party",
    "Department of Defense",
    "Defense Department",
    "Ministry of Defence",
    "Defence Ministry",
    "Secretary of Defense",
    "Defence Secretary",
    "Defense Secretary",
    "Israel Defense Forces",
    "World Health Organization",
    "World Trade Organization",
    "International Labour Organization",
    "Organisation for Economic Co-operation and Development",
    "Organization for Security and Co-operation in Europe",
    "Shanghai Cooperation Organisation",
    "North Atlantic Treaty Organization",
    "Centers for Disease Control and Prevention",
    "World Trade Center",
    "Rockefeller Center",
    "Kennedy Center",
    "Lincoln Center",
    "Barbican Centre",
    "Southbank Centre",
    "Sydney Harbour",
    "Harbour Bridge",
    "Hong Kong Convention and Exhibition Centre",
    "Federal Security Service",
]

HEADER = '''\
# British/American spelling pairs, built by `python -m newslint.devtools.build_spelling`:
# do not edit by hand; change EXCLUDE or PROPER_NAMES in the script and rebuild.
[pack]
name = "spelling-en"
kind = "spelling-variants"
description = "British and American spellings of the same word, each classified by the SCOWL word lists"
source = """breame {breame} (https://github.com/cdpierse/breame, data from the \
American-British-English-Translator project) and SCOWL via Debian wbritish/wamerican {scowl} \
(http://wordlist.aspell.net/)"""
license = """breame: Apache-2.0; SCOWL: permissive (Copyright 2000-2011 Kevin Atkinson; permission \
to use, copy, modify, distribute and sell with this notice); the selection and the hand-written \
lists: same licence as newslint"""
version = "breame-{breame}+scowl-{scowl}"

'''


def read_list(path: Path) -> set[str]:
    words = path.read_text(encoding="utf-8", errors="replace").split()
    return {w for w in words if w.isalpha() and w.islower() and w.isascii()}


def scowl_version() -> str:
    try:
        out = subprocess.run(
            ["dpkg-query", "-W", "-f=${Version}", "wbritish"], capture_output=True, text=True, check=True
        )
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return out.stdout.strip() or "unknown"


def american_candidates(word: str) -> set[str]:
    found: set[str] = set()
    applicable = [c for c in CHANGES if c[0] in word]
    for size in (1, 2):
        for combo in itertools.combinations(applicable, size):
            candidate = word
            for old, new in combo:
                candidate = candidate.replace(old, new)
            found.add(candidate)
    found.discard(word)
    return found


_OXFORD = re.compile(r"is(e|ed|es|ing|ation|ations|er|ers|able)$")


def is_oxford(british: str, american: str) -> bool:
    """An -ise/-ize pair: Oxford spelling writes the -ize form in British English too."""
    if len(british) != len(american):
        return False
    diffs = [i for i, (b, a) in enumerate(zip(british, american, strict=True)) if b != a]
    return bool(diffs) and all(british[i] == "s" and american[i] == "z" and british[i - 1] == "i" for i in diffs)


def _same_inflection(british: str, american: str) -> bool:
    """Both words carry the same inflection (the source pairs snowploughs with snowplow)."""
    return all(british.endswith(suffix) == american.endswith(suffix) for suffix in ("ing", "ed", "s"))


def _rank(british: str, american: str) -> tuple[bool, int, str]:
    return (not is_oxford(british, american), abs(len(british) - len(american)), american)


def build(british_words: set[str], american_words: set[str]) -> tuple[dict[str, dict[str, str]], dict[str, int]]:
    from breame.data.spelling_constants import BRITISH_ENGLISH_SPELLINGS

    candidates: set[tuple[str, str]] = {(b.lower(), a.lower()) for b, a in BRITISH_ENGLISH_SPELLINGS.items()}
    from_breame = len(candidates)
    candidates |= set(EXTRA_PAIRS.items())
    for word in british_words - american_words:
        for american in american_candidates(word):
            if american in american_words and american not in british_words:
                candidates.add((word, american))
    stats = {"breame": from_breame, "candidates": len(candidates), "unknown": 0, "neutral": 0, "excluded": 0}
    # one counterpart per British word: the -ize form if there is one, else the closest spelling
    best: dict[str, str] = {}
    for british, american in sorted(candidates):
        if not _same_inflection(british, american):
            stats["excluded"] += 1
            continue
        old = best.get(british)
        if old is None or _rank(british, american) < _rank(british, old):
            best[british] = american
    candidates = set(best.items())
    tables: dict[str, dict[str, str]] = {"pairs": {}, "oxford": {}, "british_only": {}, "american_only": {}}
    for british, american in sorted(candidates):
        if british == american or " " in british or " " in american:
            continue
        if british not in british_words and british not in american_words:
            stats["unknown"] += 1
            continue
        if american not in american_words and american not in british_words:
            stats["unknown"] += 1
            continue
        # an excluded word never marks its variety, but its counterpart still may (tyre, not tire)
        british_marks = british not in american_words and british not in EXCLUDE
        american_marks = american not in british_words and american not in EXCLUDE
        if british_marks and american_marks:
            table = "oxford" if is_oxford(british, american) else "pairs"
            tables[table].setdefault(british, american)
        elif british_marks:
            tables["british_only"].setdefault(british, american)
        elif american_marks:
            tables["american_only"].setdefault(american, british)
        else:
            stats["neutral"] += 1
    # a word may mark one variety only once: drop words that appear on both sides
    british_side = set(tables["pairs"]) | set(tables["oxford"]) | set(tables["british_only"])
    american_side = set(tables["pairs"].values()) | set(tables["oxford"].values()) | set(tables["american_only"])
    clash = british_side & american_side
    for side in tables.values():
        for key in [k for k, v in side.items() if k in clash or v in clash]:
            del side[key]
    stats["clash"] = len(clash)
    return tables, stats


def render(tables: dict[str, dict[str, str]], breame_version: str, scowl: str) -> str:
    out = [HEADER.format(breame=breame_version, scowl=scowl)]
    # The excluded words go into the pack too: a word with another sense in both varieties must
    # not be reported even beside its counterpart (check beside cheque, tire beside tyre).
    out.append("# Never classify these words, nor pair them with their counterpart (users extend this list).\n")
    out.append("exclude = [\n")
    out.extend(f'    "{word}",  # {EXCLUDE[word]}\n' for word in sorted(EXCLUDE))
    out.append("]\n\n")
    out.append("# Official names that keep their spelling in either variety.\nproper_names = [\n")
    out.extend(f'    "{name}",\n' for name in PROPER_NAMES)
    out.append("]\n")
    notes = {
        "pairs": "British = American; each side marks its variety",
        "oxford": "-ise = -ize; each side marks its variety, but Oxford British also writes -ize",
        "british_only": "British = American; only the British form marks its variety",
        "american_only": "American = British; only the American form marks its variety",
    }
    for name, table in tables.items():
        out.append(f"\n# {notes[name]}\n[{name}]\n")
        out.extend(f'{key} = "{value}"\n' for key, value in sorted(table.items()))
    return "".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=Path("rules/spelling-en.toml"))
    args = parser.parse_args(argv)
    if not require_pinned("breame", PINNED_BREAME):
        return 2
    missing = [str(p) for p in SCOWL_LISTS.values() if not p.is_file()]
    if missing:
        print(f"missing {', '.join(missing)}: apt-get install wbritish wamerican", file=sys.stderr)
        return 2
    british_words = read_list(SCOWL_LISTS["british"])
    american_words = read_list(SCOWL_LISTS["american"])
    tables, stats = build(british_words, american_words)
    args.output.write_text(render(tables, PINNED_BREAME, scowl_version()), encoding="utf-8")
    counts = ", ".join(f"{name} {len(table)}" for name, table in tables.items())
    print(f"{args.output}: {counts}; {args.output.stat().st_size} bytes; {stats}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
