"""Write a reproducible synthetic news corpus for benchmarking newslint.

Every article comes from its own ``random.Random`` seeded by ``(seed, index)``, so the same
``--seed``/``--count``/``--words`` always gives byte-identical files, and article *i* does not
change when ``--count`` grows. About 4 in 5 articles are Markdown (YAML front matter, H1, H2
sections, numeric/footnote/reference-link citations, a ``## References`` list); the rest are
plain-text wire copy (headline, paragraphs, trailing ``[n] Title`` entries).

Defects are injected at low rates so a run has findings; what was injected is recorded in
``MANIFEST.json`` next to the articles (newslint only reads *.md/*.txt, so it ignores it):

- ``uncited_entry``     a reference entry nothing cites                  (expect NL101)
- ``dangling_citation`` a citation with no reference entry               (expect NL102)
- ``duplicate_entry``   the same source listed twice                     (expect NL103)
- ``repeated_headline`` the H1 (or wire headline line) printed twice    (expect NL201)
- ``shared_title``      an article reusing an earlier article's headline (expect NL201)

``--profile dense`` writes articles built like scraped, rewritten war and politics roundups
instead: a citation or an attribution in most sentences, hedged and unhedged claims, real place
names (some in a second transliteration), a headline printed twice over a second headline, a
paragraph restated near the end, a run-on reference list, mixed apostrophes. Such articles have
findings in every file; they are the claims, names and structure rules' worst case.

Usage:
    python bench/generate.py [--count 2000] [--words 700] [--seed 1] [--out bench/corpus/generated]
    python bench/generate.py --scale 4 --out bench/corpus/x4      # 4 copies: x01/ .. x04/
    python bench/generate.py --single-words 500000 --out bench/corpus/single
    python bench/generate.py --profile dense --out bench/corpus/dense
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from random import Random

BENCH = Path(__file__).resolve().parent
DEFAULT_OUT = BENCH / "corpus" / "generated"
DENSE_OUT = BENCH / "corpus" / "dense"
MANIFEST = "MANIFEST.json"
GENERATOR_VERSION = 1

# Per-article defect rates (each drawn independently).
RATE_UNCITED = 0.04
RATE_DANGLING = 0.03
RATE_DUPLICATE_ENTRY = 0.02
RATE_REPEATED_HEADLINE = 0.02
RATE_SHARED_TITLE = 0.01
WIRE_SHARE = 0.2

# ---------------------------------------------------------------------------------------------
# Vocabulary (written for this generator; news-register words, no external data).


def _words(block: str) -> list[str]:
    return block.split()


NOUNS = _words("""
government minister ministry council parliament committee election vote voters campaign
candidate party coalition opposition budget deficit economy inflation prices market markets
shares investors bank banks lender loan loans rates growth recession unemployment jobs workers
union strike wages pensions tax taxes spending report inquiry investigation police officers
court judge trial ruling appeal lawyers prosecutors charges evidence witness jury verdict
hospital patients doctors nurses health vaccine outbreak virus cases deaths schools teachers
students university research scientists study data survey poll analysts experts officials
spokesman spokeswoman statement announcement proposal plan policy law bill legislation reform
regulator regulators agency watchdog company firm chief executive board shareholders profits
revenue sales losses quarter forecast outlook demand supply exports imports trade tariffs deal
talks agreement treaty summit leaders president mayor governor senator residents community
city town region province border capital district neighbourhood village coast river bridge
road railway airport port harbour flights passengers drivers traffic energy oil gas power
electricity grid prices fuel climate emissions weather storm flood floods drought heat fire
wildfire crops farmers harvest food water housing rents homes buyers construction developers
technology software network internet platform users privacy security attack hackers breach
military troops soldiers army navy ceasefire conflict refugees aid charity volunteers festival
museum theatre film director album season team coach players match league title championship
stadium fans injury contract transfer record decade century history week month year morning
evening night weekend ministry figures index currency dollar euro pound yield bonds debt
""")

VERBS = _words("""
said says announced confirmed denied warned urged called rejected approved backed opposed
launched unveiled published released reported revealed estimated expected predicted raised
cut lowered increased reduced doubled halved delayed postponed cancelled suspended resumed
signed agreed negotiated proposed introduced passed blocked challenged questioned criticised
defended praised welcomed condemned investigated arrested charged convicted sentenced acquitted
fined ordered closed opened expanded hired dismissed resigned appointed elected won lost
secured missed reached topped fell rose climbed slipped surged plunged recovered stalled
""")

ADJECTIVES = _words("""
new former senior junior local national regional federal international global public private
official independent major minor key leading rising falling higher lower record annual
quarterly monthly weekly early late recent previous next final first second third last
strong weak sharp modest steady significant unexpected widespread growing limited fresh
long-term short-term emergency temporary permanent controversial popular rival joint
""")

FUNCTION = _words("""
the the the the a a an of of of in in in to to to and and and for on with at by from
as that this its their after before over under amid despite during about against between
""")

ADVERBS = _words("""
also still already now again later earlier recently sharply slightly largely widely
reportedly officially publicly privately quickly slowly
""")

PLACES = _words("""
Northport Eastbridge Westvale Southam Kingsford Ashby Brackley Carrow Dunmere Elsford
Fairhaven Glenmore Harwick Ivybridge Jarrow Kelso Lindfield Marlow Newbury Oakham Penrith
Quarry Ravensholm Selby Thornbury Upton Varley Whitby Yarmouth Zenith
""")

ORGS = [
    "the Finance Ministry", "the Central Bank", "the Health Service", "the Transport Authority",
    "the Energy Regulator", "the Electoral Commission", "the Statistics Office",
    "the Chamber of Commerce", "the Teachers' Union", "the Port Authority",
    "the Competition Board", "the Housing Agency", "the Water Company", "the City Council",
    "the Supreme Court", "the Audit Office", "the Weather Service", "the Farmers' Federation",
]

PEOPLE_FIRST = _words("""
Anna Ben Clara David Elena Farid Grace Hugo Ines James Kofi Lena Marco Nadia Omar Priya
Quentin Rosa Samuel Tara Umar Vera William Yusuf Zoe
""")
PEOPLE_LAST = _words("""
Abbott Baptiste Chen Dlamini Evans Fischer Garcia Haddad Ivanova Jensen Kowalski Larsen
Mensah Novak Okafor Petrov Quinn Rahman Silva Tanaka Usman Varga Walsh Xu Yilmaz Zhou
""")

PUBLISHERS = [
    "Statistics Office", "Finance Ministry", "Central Bank", "Audit Office", "Reuters-style Wire",
    "Regional Gazette", "Evening Courier", "Business Journal", "Health Review", "Policy Institute",
    "University Press", "Parliamentary Committee", "Energy Regulator", "Trade Bulletin",
]
REPORT_KINDS = ["annual report", "press release", "briefing", "survey", "consultation paper",
                "statement", "working paper", "audit", "bulletin", "transcript"]

WORDS_CONTENT = NOUNS * 3 + VERBS * 2 + ADJECTIVES * 2 + ADVERBS
WORDS_ALL = WORDS_CONTENT + FUNCTION * 4


# ---------------------------------------------------------------------------------------------
# Article model.


@dataclass
class Article:
    name: str  # file name, e.g. "a00042.md"
    text: str
    title: str
    words: int
    defects: list[str] = field(default_factory=list)


@dataclass
class Citer:
    """Hands out citation markers so every entry 1..n is cited at least once."""

    rng: Random
    entries: int
    next_label: int = 1

    def marker(self) -> str:
        rng, n = self.rng, self.entries
        if n == 0:
            return ""
        if self.next_label > n:  # everything cited: re-cite something
            a = rng.randint(1, n)
            return f"[{a}]"
        a = self.next_label
        left = n - a + 1
        roll = rng.random()
        if roll < 0.15 and left >= 3:
            b = a + rng.randint(1, min(3, left - 1))
            self.next_label = b + 1
            return f"[{a}-{b}]"
        if roll < 0.35 and left >= 2:
            self.next_label = a + 2
            return f"[{a}, {a + 1}]"
        self.next_label = a + 1
        return f"[{a}]"

    def remaining(self) -> list[str]:
        """Markers for any entries not cited yet (so the article's body covers them all)."""
        out = []
        while self.next_label <= self.entries:
            out.append(self.marker())
        return out


def _cap(word: str) -> str:
    return word[:1].upper() + word[1:]


def _person(rng: Random) -> str:
    return f"{rng.choice(PEOPLE_FIRST)} {rng.choice(PEOPLE_LAST)}"


def _number(rng: Random) -> str:
    roll = rng.random()
    if roll < 0.3:
        return f"{rng.randint(2, 95)} percent"
    if roll < 0.55:
        return f"${rng.randint(1, 900)}.{rng.randint(0, 9)} million"
    if roll < 0.75:
        return f"{rng.randint(2, 9999):,}"
    return str(rng.randint(1990, 2024))


def _headline(rng: Random) -> str:
    parts = [rng.choice(PLACES), rng.choice(NOUNS), rng.choice(VERBS)]
    parts += rng.choices(WORDS_CONTENT, k=rng.randint(2, 5))
    if rng.random() < 0.3:
        parts.append("as " + rng.choice(NOUNS) + " " + rng.choice(VERBS))
    return " ".join([_cap(parts[0]), *parts[1:]])


def _section_heading(rng: Random) -> str:
    words = rng.choices(WORDS_CONTENT, k=rng.randint(2, 4))
    return _cap(" ".join(words))


def _sentence(rng: Random, length: int) -> str:
    words = rng.choices(WORDS_ALL, k=length)
    roll = rng.random()
    if roll < 0.12:
        words.insert(rng.randrange(len(words)), _number(rng))
    elif roll < 0.22:
        words.insert(rng.randrange(len(words)), rng.choice(ORGS))
    elif roll < 0.30:
        words.insert(rng.randrange(len(words)), rng.choice(PLACES))
    if rng.random() < 0.08:
        body = " ".join(words)
        role = rng.choice(["official", "spokesperson", "analyst"])
        return f'"{_cap(body)}," said {_person(rng)}, a {rng.choice(NOUNS)} {role}.'
    if rng.random() < 0.15 and len(words) > 6:
        cut = rng.randint(3, len(words) - 3)
        return _cap(" ".join(words[:cut])) + ", " + " ".join(words[cut:]) + "."
    return _cap(" ".join(words)) + "."


def _paragraph(rng: Random, target_words: int, markers: list[str]) -> tuple[str, int]:
    """A paragraph of about ``target_words`` words with ``markers`` appended to some sentences."""
    sentences: list[str] = []
    count = 0
    while count < target_words:
        length = rng.randint(8, 24)
        sentences.append(_sentence(rng, length))
        count += length
    # Distinct sentences where possible, so two markers rarely collide in one sentence.
    n = len(sentences)
    slots = rng.sample(range(n), len(markers)) if len(markers) <= n else [rng.randrange(n) for _ in markers]
    for i, marker in zip(slots, markers, strict=True):
        s = sentences[i]
        if not s.endswith("."):  # already carries a marker after its full stop
            sentences[i] = s + " " + marker
            continue
        # Footnote markers hug the word; numeric ones mostly follow a space ("word [1].") or hug
        # the full stop ("word.[1]"), and sometimes trail it as scraped text does ("word. [1]").
        roll = rng.random()
        if marker.startswith("[^"):
            sentences[i] = s[:-1] + marker + "." if roll < 0.5 else s + marker
        elif roll < 0.45:
            sentences[i] = s[:-1] + " " + marker + "."
        elif roll < 0.85:
            sentences[i] = s + marker
        else:
            sentences[i] = s + " " + marker
    return " ".join(sentences), count


def _source_title(rng: Random) -> str:
    kind = rng.choice(REPORT_KINDS)
    topic = " ".join(rng.choices(NOUNS, k=rng.randint(1, 3)))
    year = rng.randint(2005, 2024)
    pub = rng.choice(PUBLISHERS)
    style = rng.random()
    if style < 0.4:
        return f'{pub}, "{_cap(topic)} {kind}", {year}.'
    if style < 0.7:
        return f"{_cap(topic)}: {kind} ({pub}, {year})"
    return f"{_person(rng)}. {_cap(topic)} {kind}. {pub}, {year}. https://example.org/{topic.replace(' ', '-')}/{year}"


def _reference_entries(rng: Random, n: int, flags: dict[str, bool]) -> list[str]:
    """``n`` source titles; with ``duplicate_entry`` one cited entry repeats an earlier one (the
    last entry is left alone: it is the uncited one when ``uncited_entry`` is set)."""
    titles: list[str] = []
    seen: set[str] = set()
    while len(titles) < n:  # distinct, so long lists never collide by chance
        t = _source_title(rng)
        if t not in seen:
            seen.add(t)
            titles.append(t)
    if flags["duplicate_entry"]:
        k = rng.randrange(1, n - 1)  # n >= 3 guaranteed by _ref_count
        titles[k] = titles[rng.randrange(k)]
    return titles


def _ref_count(n: int, flags: dict[str, bool]) -> int:
    """At least three entries when a reference defect is injected, so defects never overlap."""
    return max(n, 3) if flags["uncited_entry"] or flags["duplicate_entry"] else n


def _split_words(rng: Random, total: int, parts: int) -> list[int]:
    weights = [rng.uniform(0.6, 1.4) for _ in range(parts)]
    s = sum(weights)
    return [max(30, round(total * w / s)) for w in weights]


def _inject_flags(rng: Random) -> dict[str, bool]:
    return {
        "uncited_entry": rng.random() < RATE_UNCITED,
        "dangling_citation": rng.random() < RATE_DANGLING,
        "duplicate_entry": rng.random() < RATE_DUPLICATE_ENTRY,
        "repeated_headline": rng.random() < RATE_REPEATED_HEADLINE,
        "shared_title": rng.random() < RATE_SHARED_TITLE,
    }


def _body(rng: Random, words: int, n_refs: int, flags: dict[str, bool], paragraph_words: tuple[int, int],
          extra_markers: list[str]) -> tuple[list[str], int]:
    """Paragraph texts totalling about ``words`` words that cite all of 1..n_refs."""
    n_paras = max(1, round(words / rng.randint(*paragraph_words)))
    sizes = _split_words(rng, words, n_paras)
    cited = n_refs - 1 if flags["uncited_entry"] else n_refs
    citer = Citer(rng, cited)
    per_para: list[list[str]] = [[] for _ in sizes]
    for i in range(len(sizes)):
        k = rng.choice((0, 1, 1, 2, 2, 3))
        per_para[i] = [m for m in (citer.marker() for _ in range(k)) if m]
    for m in citer.remaining():
        per_para[rng.randrange(len(per_para))].append(m)
    if flags["dangling_citation"]:
        per_para[rng.randrange(len(per_para))].append(f"[{n_refs + rng.randint(1, 3)}]")
    for m in extra_markers:
        per_para[rng.randrange(len(per_para))].append(m)
    paras: list[str] = []
    total = 0
    for size, markers in zip(sizes, per_para, strict=True):
        text, count = _paragraph(rng, size, markers)
        paras.append(text)
        total += count
    return paras, total


def _date(rng: Random) -> str:
    return f"{rng.randint(2015, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def markdown_article(rng: Random, name: str, words: int, title: str, flags: dict[str, bool]) -> Article:
    n_refs = _ref_count(min(9999, max(2, words // rng.randint(90, 160))), flags)
    n_foot = min(999, rng.choice((0, 0, 1, 2)) * max(1, words // 700))
    n_links = rng.choice((1, 1, 2))
    foot_markers = [f"[^{i}]" for i in range(1, n_foot + 1)]
    link_labels = [f"{rng.choice(PUBLISHERS).lower().replace(' ', '-')}-{i}" for i in range(1, n_links + 1)]
    paras, count = _body(rng, words, n_refs, flags, (55, 110), foot_markers)
    # Reference links go into paragraphs as "[anchor text][label]".
    for label in link_labels:
        i = rng.randrange(len(paras))
        anchor = " ".join(rng.choices(NOUNS, k=rng.randint(1, 3)))
        paras[i] = paras[i] + f" Read the [{anchor}][{label}]."
    n_sections = min(max(2, len(paras) // 3), 3 + words // 1500)
    bounds = sorted(rng.sample(range(1, len(paras)), min(n_sections, len(paras) - 1))) if len(paras) > 1 else []
    headings = [_section_heading(rng) for _ in bounds]

    out: list[str] = ["---", f'title: "{title}"', f"date: {_date(rng)}"]
    if rng.random() < 0.5:
        out.append(f'author: "{_person(rng)}"')
    out += ["---", "", f"# {title}", ""]
    if flags["repeated_headline"]:  # the H1 printed twice (template or scrape residue)
        out += [f"# {title}", ""]
    hi = 0
    for i, para in enumerate(paras):
        if hi < len(bounds) and bounds[hi] == i:
            out += [f"## {headings[hi]}", ""]
            hi += 1
        out += [para, ""]
    out += ["## References", ""]
    entries = _reference_entries(rng, n_refs, flags)
    bracket_style = rng.random() < 0.35
    for i, entry in enumerate(entries, 1):
        out.append(f"[{i}] {entry}" if bracket_style else f"{i}. {entry}")
    out.append("")
    for i in range(1, n_foot + 1):
        out.append(f"[^{i}]: {_cap(' '.join(rng.choices(WORDS_ALL, k=rng.randint(6, 16))))}.")
    if n_foot:
        out.append("")
    for label in link_labels:
        out.append(f"[{label}]: https://example.org/{label}/{rng.randint(1000, 99999)}")
    out.append("")
    return Article(name, "\n".join(out), title, count)


def wire_article(rng: Random, name: str, words: int, title: str, flags: dict[str, bool]) -> Article:
    n_refs = _ref_count(min(9999, max(1, words // rng.randint(120, 220))), flags)
    paras, count = _body(rng, words, n_refs, flags, (35, 80), [])
    if rng.random() < 0.5:
        place = rng.choice(PLACES).upper()
        paras[0] = f"{place}, {_date(rng)} - {paras[0]}"
    entries = _reference_entries(rng, n_refs, flags)
    out = [title, *([title] if flags["repeated_headline"] else []), "", *(p + "\n" for p in paras)]
    if rng.random() < 0.1:  # run together on one line, as scraped wire copy often is
        out.append(" ".join(f"[{i}] {e}" for i, e in enumerate(entries, 1)))
    else:
        out += [f"[{i}] {e}" for i, e in enumerate(entries, 1)]
    out.append("")
    return Article(name, "\n".join(out), title, count)


def article(seed: int, index: int, words: int, earlier_titles: list[str]) -> Article:
    """Article ``index`` (1-based) of the corpus for ``seed``; deterministic."""
    rng = Random(f"newslint-bench:{seed}:{index}")
    wire = rng.random() < WIRE_SHARE
    flags = _inject_flags(rng)
    if flags["shared_title"] and earlier_titles:
        title = earlier_titles[rng.randrange(len(earlier_titles))]
    else:
        flags["shared_title"] = False
        title = _headline(rng)
    target = max(60, round(words * rng.uniform(0.85, 1.15)))
    name = f"{'w' if wire else 'a'}{index:05d}.{'txt' if wire else 'md'}"
    make = wire_article if wire else markdown_article
    art = make(rng, name, target, title, flags)
    art.defects = [k for k, v in flags.items() if v]
    return art


def generate(count: int, words: int, seed: int) -> list[Article]:
    arts: list[Article] = []
    titles: list[str] = []
    for i in range(1, count + 1):
        a = article(seed, i, words, titles)
        arts.append(a)
        titles.append(a.title)
    return arts


def single_article(words: int, seed: int) -> Article:
    """One huge Markdown article of about ``words`` words (no injected defects)."""
    rng = Random(f"newslint-bench-single:{seed}:{words}")
    flags = dict.fromkeys(("uncited_entry", "dangling_citation", "duplicate_entry", "repeated_headline",
                           "shared_title"), False)
    return markdown_article(rng, f"single-{words}.md", words, _headline(rng), flags)


# ---------------------------------------------------------------------------------------------
# The dense profile: every sentence carries an attribution, a hedge or a citation.

DENSE_ACTORS = [
    "the defence ministry", "the general staff", "the regional governor", "the foreign minister",
    "the prime minister's office", "the army spokesman", "the mayor", "the energy operator",
    "the border service", "the human rights monitor", "the presidential envoy", "the navy",
]
# Real places, each with a second spelling a scraped or machine-rewritten copy would carry.
DENSE_PLACES = [
    ("Kharkiv", "Kharkov"), ("Odesa", "Odessa"), ("Mykolaiv", "Nikolaev"), ("Zaporizhzhia", "Zaporozhye"),
    ("Kherson", "Cherson"), ("Dnipro", "Dnepr"), ("Sumy", "Sumy"), ("Chernihiv", "Chernigov"),
    ("Kramatorsk", "Kramatorsk"), ("Sloviansk", "Slavyansk"), ("Lviv", "Lvov"), ("Poltava", "Poltava"),
]
DENSE_EVENTS = [
    "regained ground near {place}", "shot down {n} drones over {place}", "struck a fuel depot outside {place}",
    "restored power to {n} homes in {place}", "evacuated {n} residents from {place}",
    "repelled an assault on the outskirts of {place}", "closed the main road into {place}",
    "seized a rail junction west of {place}", "rejected a proposal to reopen talks in {place}",
]
DENSE_ATTRIBUTED = [
    "{actor} said that {who} had {event}", "According to {actor}, {who} {event}",
    "{actor} claimed {who} {event}", "{who} {event}, {actor} said",
    "{actor} reported that {who} had {event}, though the figure could not be independently verified",
    "{who} reportedly {event}", "{actor} denied that {who} had {event}",
    "Officials told reporters that {who} {event}",
]
DENSE_FLAT = [
    "{who} {event}", "Earlier this week {who} {event}", "Overnight, {who} {event}",
    "{who} {event} despite the talks",
]
DENSE_WHO = ["Ukrainian forces", "Russian troops", "air defence units", "the city council", "rescue crews",
             "engineers", "the regional administration", "volunteer brigades"]
DENSE_SOURCE_KINDS = ["Live updates", "Claims unverified", "Officials confirm", "Report", "Analysis",
                      "Statement", "Briefing"]


def _dense_sentence(rng: Random, places: list[tuple[str, str]], variant_rate: float) -> str:
    place_pair = rng.choice(places)
    place = place_pair[1] if rng.random() < variant_rate else place_pair[0]
    event = rng.choice(DENSE_EVENTS).format(place=place, n=rng.randint(3, 900))
    who = rng.choice(DENSE_WHO)
    actor = rng.choice(DENSE_ACTORS)
    shape = rng.choice(DENSE_ATTRIBUTED) if rng.random() < 0.7 else rng.choice(DENSE_FLAT)
    text = shape.format(actor=actor, who=who, event=event)
    # A clause of free words keeps two sentences from being the same passage by chance.
    clause = " ".join(rng.choices(WORDS_CONTENT, k=rng.randint(3, 6)))
    return _cap(text) + f" {rng.choice(('amid', 'after', 'as', 'while'))} {clause}."


def _dense_paragraph(rng: Random, citer: Citer, places: list[tuple[str, str]], variant_rate: float) -> str:
    sentences = []
    for _ in range(rng.randint(3, 5)):
        s = _dense_sentence(rng, places, variant_rate)
        if rng.random() < 0.75 and citer.entries:
            s = s[:-1] + " " + citer.marker() + "."
        sentences.append(s)
    if rng.random() < 0.3:  # a quoted line, with its own apostrophe style
        apostrophe = "’" if rng.random() < 0.5 else "'"
        sentences.append(f'"We won{apostrophe}t give up {rng.choice(places)[0]}," said {_person(rng)}.')
    return " ".join(sentences)


def dense_article(seed: int, index: int, words: int) -> Article:
    """Article ``index`` of the dense profile for ``seed``; deterministic, about ``words`` words."""
    rng = Random(f"newslint-bench-dense:{seed}:{index}")
    places = rng.sample(DENSE_PLACES, 5)
    variant_rate = 0.15 if rng.random() < 0.5 else 0.0
    n_refs = rng.randint(5, 9)
    citer = Citer(rng, n_refs - (1 if rng.random() < 0.3 else 0))
    headline = f"{_cap(rng.choice(DENSE_WHO))} {rng.choice(DENSE_EVENTS).format(place=places[0][0], n=12)}"
    headline = " ".join(_cap(w) for w in headline.split())
    second = f"{rng.choice(['Live', 'Real-Time Updates', 'Day 400'])}: {places[1][0]} Front"
    paras: list[str] = []
    count = 0
    while count < words:
        para = _dense_paragraph(rng, citer, places, variant_rate)
        paras.append(para)
        count += len(para.split())
    leftover = citer.remaining()
    if leftover:
        paras[-1] += " " + " ".join(leftover)
    if len(paras) > 2 and rng.random() < 0.6:  # a passage restated, as a rewriter pads an article
        restated = paras[rng.randrange(len(paras) - 1)].replace(" said", " stated", 1)
        paras.append(restated)
    spelling = "emphasised" if rng.random() < 0.5 else "emphasized"
    paras.append(f"{_cap(rng.choice(DENSE_ACTORS))} {spelling} that talks would continue.")
    entries = []
    for i in range(1, n_refs + 1):
        kind = rng.choice(DENSE_SOURCE_KINDS)
        entries.append(f"[{i}] {kind}: {_cap(rng.choice(DENSE_WHO))} near {rng.choice(places)[0]}, "
                       f"{rng.randint(1, 28)} {rng.choice(('March', 'April', 'May', 'June'))}")
    lines = ["Skip to content", "", headline, "", second, "", headline, "",
             *(p + "\n" for p in paras), " ".join(entries), "", "Read also:", ""]
    return Article(f"d{index:05d}.txt", "\n".join(lines), headline, count)


def generate_dense(count: int, words: int, seed: int) -> list[Article]:
    return [dense_article(seed, i, words) for i in range(1, count + 1)]


# ---------------------------------------------------------------------------------------------
# Writing.


def _clear(out: Path) -> None:
    """Remove a previous generated corpus (only if it looks like one of ours)."""
    if not out.exists():
        return
    if not (out / MANIFEST).exists() and any(out.iterdir()):
        raise SystemExit(f"generate: {out} exists, is not empty and has no {MANIFEST}; refusing to overwrite")
    shutil.rmtree(out)


def write_corpus(out: Path, count: int = 2000, words: int = 700, seed: int = 1, scale: int = 1,
                 profile: str = "default") -> dict[str, object]:
    """Generate and write the corpus; returns the manifest (also written to OUT/MANIFEST.json)."""
    arts = generate_dense(count, words, seed) if profile == "dense" else generate(count, words, seed)
    _clear(out)
    out.mkdir(parents=True)
    dirs = [out] if scale == 1 else [out / f"x{k:02d}" for k in range(1, scale + 1)]
    total_bytes = 0
    for d in dirs:
        d.mkdir(exist_ok=True)
        for a in arts:
            data = a.text.encode("utf-8")
            (d / a.name).write_bytes(data)
            total_bytes += len(data)
    defects = Counter(k for a in arts for k in a.defects)
    manifest: dict[str, object] = {
        "generator_version": GENERATOR_VERSION,
        "profile": profile,
        "seed": seed,
        "count": count,
        "words": words,
        "scale": scale,
        "files": count * scale,
        "bytes": total_bytes,
        "markdown_files": sum(a.name.endswith(".md") for a in arts) * scale,
        "wire_files": sum(a.name.endswith(".txt") for a in arts) * scale,
        "total_words": sum(a.words for a in arts) * scale,
        "distinct_titles": len({a.title for a in arts}),
        "injected_defects_per_copy": dict(sorted(defects.items())),
        "defects_by_file": {a.name: a.defects for a in arts if a.defects},
    }
    (out / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return manifest


def write_single(out: Path, words: int, seed: int = 1) -> Path:
    a = single_article(words, seed)
    _clear(out)
    out.mkdir(parents=True)
    path = out / a.name
    path.write_text(a.text, encoding="utf-8")
    manifest = {"generator_version": GENERATOR_VERSION, "seed": seed, "single_words": words,
                "files": 1, "bytes": path.stat().st_size, "total_words": a.words}
    (out / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return path


def read_manifest(out: Path) -> dict[str, object] | None:
    try:
        data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--count", type=int, default=2000, help="articles per copy (default 2000)")
    p.add_argument("--words", type=int, default=None, help="target words per article (default 700; +-15%%)")
    p.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    p.add_argument("--out", type=Path, default=None,
                   help=f"output folder (default {DEFAULT_OUT.relative_to(BENCH.parent)}, or "
                        f"{DENSE_OUT.relative_to(BENCH.parent)} for --profile dense)")
    p.add_argument("--scale", type=int, default=1,
                   help="write K identical copies in OUT/x01..xK (default 1: no subfolders)")
    p.add_argument("--profile", choices=("default", "dense"), default="default",
                   help="default: clean articles with rare defects; dense: attributions, citations and "
                        "place names in most sentences, findings in every file (words default 1000)")
    p.add_argument("--single-words", type=int, default=None, metavar="N",
                   help="instead, write one article of about N words (default out: bench/corpus/single)")
    args = p.parse_args(argv)
    if args.words is None:
        args.words = 1000 if args.profile == "dense" else 700
    if args.count < 1 or args.words < 1 or args.scale < 1:
        p.error("--count, --words and --scale must be positive")
    t0 = time.perf_counter()
    if args.single_words is not None:
        out = args.out or BENCH / "corpus" / "single"
        path = write_single(out, args.single_words, args.seed)
        print(f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB) in {time.perf_counter() - t0:.2f}s")
        return 0
    # Each profile has its own default folder, the one peers.py and rule_times.py read.
    out = args.out or (DENSE_OUT if args.profile == "dense" else DEFAULT_OUT)
    m = write_corpus(out, args.count, args.words, args.seed, args.scale, args.profile)
    mb = float(str(m["bytes"])) / 1e6
    print(f"wrote {m['files']} files ({m['markdown_files']} .md, {m['wire_files']} .txt), {mb:.1f} MB, "
          f"{m['total_words']:,} words to {out} in {time.perf_counter() - t0:.2f}s")
    print(f"injected defects per copy: {m['injected_defects_per_copy']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
