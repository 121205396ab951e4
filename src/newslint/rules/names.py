"""Place names: one place spelled two ways, in an article or across a run; a spelling house style avoids."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, ClassVar

from newslint.findings import Fix, Severity
from newslint.lazyre import lazy_compile
from newslint.names_data import Gazetteer, PlaceInfo, Role, fold, likely_same_name, skeleton
from newslint.rule import Context, Position, ProjectContext, Rule
from newslint.syntax.nodes import Document
from newslint.syntax.prose import prose_text

# --- prose segments (shared with the spelling rules) ---------------------------------------------


@dataclass(frozen=True, slots=True)
class Segment:
    """A stretch of prose: ``text`` starts at document offset ``base``; non-prose is blanked.

    ``source`` marks source titles (reference entries, footnote definitions): text a rule may
    report for consistency but never rewrite. ``quotes`` are the absolute spans of quoted speech.
    """

    text: str
    base: int
    source: bool
    quotes: tuple[tuple[int, int], ...]
    entry: bool = False  # a reference entry (not a footnote definition)

    def quoted(self, start: int, end: int) -> bool:
        return any(a <= start and end <= b for a, b in self.quotes)


_URL = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\w+")
_TEMPLATE = re.compile(r"\{%.*?%\}|\{\{.*?\}\}", re.DOTALL)  # Liquid/Jinja tags in Markdown posts
_CURLY_QUOTED = re.compile(r"“[^“”]*(?:”|\Z)|‘[^‘’]*’(?![^\W_])")
_STRAIGHT_DOUBLE = re.compile(r'"')


def _quote_spans(text: str, base: int) -> tuple[tuple[int, int], ...]:
    """Quoted speech in one block: curly pairs, and straight double quotes paired in order (an
    unclosed quote runs to the end of the block, as a quotation continued in the next paragraph)."""
    if '"' not in text and "“" not in text and "‘" not in text:
        return ()
    spans = [(base + m.start(), base + m.end()) for m in _CURLY_QUOTED.finditer(text)]
    marks = [m.start() for m in _STRAIGHT_DOUBLE.finditer(text)]
    for i in range(0, len(marks), 2):
        end = marks[i + 1] + 1 if i + 1 < len(marks) else len(text)
        spans.append((base + marks[i], base + end))
    return tuple(spans)


def _blank(match: re.Match[str]) -> str:
    return re.sub(r"[^\n]", " ", match.group())


def segments(doc: Document) -> list[Segment]:
    """The article's prose, block by block, then the source titles of its reference entries."""
    cached = doc.cache.get("names:segments")
    if cached is not None:
        return list(cached)
    out: list[Segment] = []
    covered: list[tuple[int, int]] = []
    for block in doc.prose_blocks():
        text = prose_text(doc, block)
        if "{%" in text or "{{" in text:
            text = _TEMPLATE.sub(_blank, text)
        covered.append((block.start, block.end))
        source = block.kind == "footnote_def"
        out.append(Segment(text, block.content_start, source, _quote_spans(text, block.content_start)))
    for entry in doc.references:
        if entry.kind == "link" or any(a <= entry.start < b for a, b in covered):
            continue
        raw = doc.text[entry.text_start : entry.text_end]
        text = _URL.sub(_blank, raw)
        out.append(Segment(text, entry.text_start, True, _quote_spans(text, entry.text_start), entry=True))
    doc.cache["names:segments"] = out
    return list(out)


# --- finding place names -------------------------------------------------------------------------

# A capitalised word of four letters or more (no listed spelling is shorter) with its internal
# apostrophes (Kyiv's, Pokrovs'k, O'Brien). The regex module's property classes scan about five
# times faster than re's equivalent here.
_CAPITALISED = lazy_compile(r"\b\p{Lu}\p{L}{3,}(?:['’ʼ]\p{L}+)*")
_POSSESSIVES = frozenset(f"{a}{s}" for a in "'’ʼ" for s in "sS")
# A US state or Canadian province after a name: "Odessa, Texas" is not the Ukrainian city.
_NAMESAKE_REGION = re.compile(
    r",?\s+(?:Alabama|Ala\.|Alaska|Arizona|Ariz\.|Arkansas|Ark\.|California|Calif\.|Colorado|Colo\."
    r"|Connecticut|Conn\.|Delaware|Del\.|Florida|Fla\.|Georgia|Ga\.|Idaho|Illinois|Ill\.|Indiana|Ind\."
    r"|Iowa|Kansas|Kan\.|Kentucky|Ky\.|Louisiana|La\.|Maine|Maryland|Md\.|Massachusetts|Mass\.|Michigan"
    r"|Mich\.|Minnesota|Minn\.|Mississippi|Miss\.|Missouri|Mo\.|Montana|Mont\.|Nebraska|Neb\.|Nevada"
    r"|Nev\.|New\s+Hampshire|New\s+Jersey|New\s+Mexico|New\s+York|North\s+Carolina|North\s+Dakota|Ohio"
    r"|Oklahoma|Okla\.|Oregon|Ore\.|Pennsylvania|Pa\.|Rhode\s+Island|South\s+Carolina|South\s+Dakota"
    r"|Tennessee|Tenn\.|Texas|Tex\.|Utah|Vermont|Vt\.|Virginia|Va\.|Washington|Wash\.|West\s+Virginia"
    r"|Wisconsin|Wis\.|Wyoming|Wyo\.|Ontario|Ont\.|Quebec|Manitoba|Saskatchewan|Alberta"
    r"|British\s+Columbia|Nova\s+Scotia|New\s+Brunswick|AL|AK|AZ|AR|CA|CO|CT|DE|FL|GA|ID|IL|IN|IA|KS"
    r"|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA"
    r"|WV|WI|WY|ON|QC|BC|USA|U\.S\.)(?![^\W_])"
)
# Words that introduce a former name as history, not as the writer's spelling of the place.
_FORMER_CUE = re.compile(
    r"\b(?:former(?:ly)?|renamed|rename|known\s+as|called|named|name|until|Soviet|then|old|once"
    r"|previously|historic(?:al)?|era)\b",
    re.IGNORECASE,
)
_CUE_WINDOW = 80
_SKELETON_JOIN_MIN = 6  # an unlisted spelling joins a house place only on a skeleton this long
_SKELETON_PAIR_MIN = 6  # two unlisted spellings pair only when both are this long (David/Dawid)


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    text: str  # as written, possessive removed
    key: str  # folded spelling
    group: str  # place id, or "skeleton:<skeleton>" for names no list holds
    info: PlaceInfo | None
    quoted: bool
    source: bool
    exempt: bool = False  # a namesake, a dish, a fixed official name, a former name given as history

    @property
    def former(self) -> bool:
        return self.info is not None and self.info.is_former


@dataclass
class _Scan:
    mentions: list[Mention] = field(default_factory=list)


def _names_option(ctx: Context) -> tuple[tuple[str, str], ...]:
    return _parse_names(ctx.option("names", None))


def _parse_names(names: Any) -> tuple[tuple[str, str], ...]:
    """The ``[tool.newslint.names]`` table as sorted (spelling, preferred) pairs."""
    if names is None:
        return ()
    if not isinstance(names, Mapping) or set(names) - {"prefer"}:
        raise ValueError("names: expected a table with one key, 'prefer' (e.g. prefer = {\"Odessa\" = \"Odesa\"})")
    prefer = names.get("prefer", {})
    if not isinstance(prefer, Mapping) or not all(
        isinstance(k, str) and isinstance(v, str) and k.strip() and v.strip() for k, v in prefer.items()
    ):
        raise ValueError("names.prefer: expected a table of spelling = preferred spelling, both strings")
    return tuple(sorted(prefer.items()))


@lru_cache(maxsize=16)
def _gazetteer_for(pack_files: tuple[str, ...], prefer: tuple[tuple[str, str], ...]) -> Gazetteer:
    gaz = Gazetteer.load(pack_files)
    return gaz.with_preferences(dict(prefer)) if prefer else gaz


@lru_cache(maxsize=16)
def _phrase_pattern(phrases: tuple[str, ...]) -> re.Pattern[str] | None:
    if not phrases:
        return None
    parts = [r"\s+".join(re.escape(w) for w in p.split()) for p in phrases]
    return re.compile(rf"(?<![^\W_])(?:{'|'.join(parts)})(?![^\W_])", re.IGNORECASE)


def gazetteer(ctx: Context) -> Gazetteer:
    return _gazetteer_for(tuple(ctx.pack_files), _names_option(ctx))


def place_mentions(doc: Document, gaz: Gazetteer) -> list[Mention]:
    """Every place name the article writes, in order, once per document and gazetteer."""
    key = f"names:mentions:{id(gaz)}"
    cached = doc.cache.get(key)
    if cached is None:
        cached = doc.cache[key] = _scan(doc, gaz)
    return list(cached)


def _bare(token: str) -> str:
    return token[:-2] if token[-2:] in _POSSESSIVES else token


_TOKENS: dict[str, tuple[str, str, str]] = {}
_TOKENS_MAX = 100_000


def _token_keys(token: str) -> tuple[str, str, str]:
    """(folded spelling without possessive, its skeleton or "" when too short to compare, the
    spelling without possessive); cached across articles."""
    keys = _TOKENS.get(token)
    if keys is None:
        bare = _bare(token)
        key = fold(bare)
        keys = (key, skeleton(key) if len(key) >= 5 else "", bare)
        if len(_TOKENS) < _TOKENS_MAX:
            _TOKENS[token] = keys
    return keys


def _scan(doc: Document, gaz: Gazetteer) -> list[Mention]:
    heads = gaz.multiword_heads
    house = gaz.house_keys
    # Phase 1, per distinct capitalised word of the raw text (a superset of the prose's): which
    # can name a place, or a place written two ways?
    keyed = [(token, *_token_keys(token)) for token in dict.fromkeys(_CAPITALISED.findall(doc.text))]
    wanted = {token for token, key, _, _ in keyed if key in house or key in heads}
    # names no list holds: folded -> (spelling, skeleton)
    unknown = {key: (bare, sk) for _, key, sk, bare in keyed if sk and key not in house and key not in heads}
    unlisted: dict[str, tuple[str, PlaceInfo | None]] = {}
    if unknown:
        # Only a skeleton shared by two names, or by a house spelling, can matter.
        house_sk = gaz.house_skeletons
        shared = Counter(sk for _, sk in unknown.values())
        candidates = {k: n for k, (n, sk) in unknown.items() if shared[sk] > 1 or sk in house_sk}
        if candidates:
            unlisted = _unlisted(gaz, candidates)
            wanted.update(token for token, key, _, _ in keyed if key in unlisted)
    if not wanted:
        return []
    segs = segments(doc)
    # Phase 2: where they are.
    mentions: list[Mention] = []
    namesakes: set[str] = set()  # spellings that name a namesake somewhere in the article
    for seg in segs:
        text, base = seg.text, seg.base
        if not any(t in text for t in wanted):
            continue
        phrases: tuple[list[tuple[int, int]], list[tuple[int, int]]] | None = None
        skip_to = -1
        for match in _CAPITALISED.finditer(text):
            start = match.start()
            if start < skip_to or match.group() not in wanted:
                continue
            name = _bare(match.group())
            folded = fold(name)
            end = start + len(name)
            extra = unlisted.get(folded)
            if extra is not None:
                group, extra_info = extra
                mentions.append(
                    Mention(
                        base + start, base + end, name, folded, group, extra_info,
                        seg.quoted(base + start, base + end), seg.source,
                    )
                )
                continue
            info = None
            head = heads.get(folded)
            if head is not None:
                longer = head.match(text, start)
                if longer is not None and longer.end() > end:
                    info = gaz.house_lookup(longer.group())
                    if info is not None:
                        name, end = longer.group(), longer.end()
                        folded = fold(name)
                        skip_to = end
            if info is None:
                info = gaz.house_lookup(name)
                if info is None:
                    continue
            if phrases is None:
                phrases = _phrase_spans(gaz, text)
            exonym_spans, fixed_spans = phrases
            exempt = info.caution
            if any(a <= start and end <= b for a, b in exonym_spans) or _NAMESAKE_REGION.match(text, end):
                namesakes.add(folded)
                exempt = True
            elif any(a <= start and end <= b for a, b in fixed_spans):
                exempt = True
            elif info.is_former:
                window = text[max(0, start - _CUE_WINDOW) : end + _CUE_WINDOW]
                if _FORMER_CUE.search(window) or fold(info.preferred) in fold(window):
                    exempt = True
            quoted = seg.quoted(base + start, base + end)
            mentions.append(
                Mention(base + start, base + end, name, folded, info.id, info, quoted, seg.source, exempt)
            )
    if namesakes:
        mentions = [m if m.key not in namesakes or m.exempt else _exempt(m) for m in mentions]
    return mentions


def _phrase_spans(gaz: Gazetteer, text: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Spans of exonym phrases (chicken Kiev) and fixed official names (Dnipropetrovsk region);
    computed only for a segment that names a listed place."""
    exonyms = _phrase_pattern(gaz.exonym_phrases)
    fixed = _phrase_pattern(gaz.fixed_phrases)
    return (
        [m.span() for m in exonyms.finditer(text)] if exonyms else [],
        [m.span() for m in fixed.finditer(text)] if fixed else [],
    )


def _exempt(mention: Mention) -> Mention:
    return Mention(
        mention.start, mention.end, mention.text, mention.key, mention.group, mention.info,
        mention.quoted, mention.source, True,
    )


def _unlisted(gaz: Gazetteer, unknown: dict[str, str]) -> dict[str, tuple[str, PlaceInfo | None]]:
    """Names no house list holds that still name a place written two ways: a transliteration of
    a house place (Dobropylija for Dobropillia: joins that place), or two spellings of one name,
    one of them a known place (GeoNames). Folded spelling -> (group, reading)."""
    house = gaz.house_skeletons
    found: dict[str, tuple[str, PlaceInfo | None]] = {}
    by_skeleton: dict[str, list[str]] = {}
    for folded, name in unknown.items():
        sk = skeleton(folded)
        if len(sk) >= _SKELETON_JOIN_MIN and sk in house:
            joined = next((pid for pid, spelling in house[sk] if likely_same_name(name, spelling)), None)
            if joined is not None:
                # GeoNames knows it as another place (Pokrovske is not Pokrovsk): leave it alone.
                other = gaz.lookup(name)
                place = gaz.place(joined)
                if place is not None and (other is None or other.id == joined):
                    found[folded] = (joined, PlaceInfo(joined, place.preferred, name, Role.VARIANT, "house"))
                    continue
        if len(sk) >= _SKELETON_PAIR_MIN and len(folded) >= _SKELETON_PAIR_MIN:
            by_skeleton.setdefault(sk, []).append(folded)
    for sk, keys in by_skeleton.items():
        if len(keys) < 2:
            continue
        names = [unknown[k] for k in keys]
        if not all(likely_same_name(names[0], other) for other in names[1:]):
            continue
        if not any(gaz.lookup(n) for n in names):
            continue
        # Two main names of different GeoNames places are two places (Hrushivka, Khrushchivka).
        mains = [frozenset(r.id for r in gaz.readings(n) if r.is_preferred) for n in names]
        if any(a and b and a.isdisjoint(b) for i, a in enumerate(mains) for b in mains[i + 1 :]):
            continue
        for key in keys:
            found[key] = (f"skeleton:{sk}", None)
    return found


# --- NL401 ---------------------------------------------------------------------------------------


def _standard(mentions: Sequence[Mention]) -> str:
    """The spelling the others should follow: the house spelling if used, else the most used,
    else the first."""
    counts: dict[str, int] = {}
    for m in mentions:
        counts[m.key] = counts.get(m.key, 0) + 1
    for m in mentions:
        if m.info is not None and m.info.is_preferred:
            return m.key
    first: dict[str, int] = {}
    for index, m in enumerate(mentions):
        first.setdefault(m.key, index)
    return min(counts, key=lambda k: (-counts[k], first[k]))


class InconsistentPlaceName(Rule):
    """One place spelled two or more ways in an article, or across the articles of one run.

    **What it flags**: each occurrence of a less-used or non-house spelling of a place the article
    (or another article of the same run) also writes another way: Pokrowsk beside Pokrovsk,
    Dobropylija beside Dobropillia. Spellings are matched through the house list of places and
    their variants, and, for names no list holds, through a transliteration skeleton (w/v, j/y/i,
    kh/ch, sch/sh, doubled letters) when one of the spellings is a known place. Case, diacritics
    and possessives (Kyiv's) do not make a new spelling; former names, namesakes ("Odessa,
    Texas"), dishes ("chicken Kiev") and fixed official names are not counted. Quoted speech and
    source titles count: the article should still spell the place one way.

    **Why it matters**: readers take two spellings for two places, search and tagging split the
    coverage, and a second spelling is the mark of copy pasted from differently edited sources.

    **Example**:

    ```text
    Troops advanced near Pokrowsk on Monday.

    Officials in Pokrovsk said the shelling continued.
    ```

    Not flagged: one spelling throughout, a possessive included.

    ```text
    Troops advanced near Pokrovsk on Monday.

    Pokrovsk's officials said the shelling continued.
    ```

    **Fix**: use one spelling (the house spelling, see NL402). No automatic fix: which spelling
    a quotation or a source title keeps is an editorial decision.

    **Options**: ``[tool.newslint.names] prefer = {"Odessa" = "Odesa"}`` sets the spelling to
    keep for a place; packs extending ``place-names`` add places and spellings.
    """

    code = "NL401"
    name = "inconsistent-place-name"
    severity = Severity.WARNING
    options: ClassVar[Mapping[str, Any]] = {"names": dict}

    @classmethod
    def validate_option(cls, key: str, value: Any) -> None:
        _parse_names(value)

    def check(self, doc: Document, ctx: Context) -> None:
        groups: dict[str, list[Mention]] = {}
        for m in place_mentions(doc, gazetteer(ctx)):
            if not m.exempt and not m.former:
                groups.setdefault(m.group, []).append(m)
        for mentions in groups.values():
            if len({m.key for m in mentions}) < 2:
                continue
            standard = _standard(mentions)
            model = next(m for m in mentions if m.key == standard)
            line, _ = doc.position(model.start)
            for m in mentions:
                if m.key != standard:
                    ctx.report(
                        m.start,
                        m.end,
                        f"{m.text}: this article also writes {model.text} (line {line}); use one spelling",
                    )

    def facts(self, doc: Document, ctx: Context) -> Any:
        """Per house place: each spelling used, how often, and where first."""
        places: dict[str, dict[str, list[Any]]] = {}
        for m in place_mentions(doc, gazetteer(ctx)):
            if m.exempt or m.former or m.group.startswith("skeleton:") or m.info is None:
                continue
            spellings = places.setdefault(m.group, {})
            seen = spellings.get(m.key)
            if seen is None:
                where = ctx.position(m.start, m.end)
                spellings[m.key] = [m.text, 1, tuple(vars_of(where)), m.start, m.end, m.info.is_preferred]
            else:
                seen[1] += 1
        return tuple(
            (place, tuple((key, *value) for key, value in spellings.items()))
            for place, spellings in places.items()
        ) or None

    def check_project(self, facts: Sequence[tuple[str, Any]], ctx: ProjectContext) -> None:
        # place -> spelling -> [paths using it, in order]; first occurrence per (path, spelling)
        users: dict[str, dict[str, list[str]]] = {}
        preferred: dict[str, str] = {}
        where: dict[tuple[str, str, str], tuple[str, tuple[int, int, int, int], int, int]] = {}
        order = {path: index for index, (path, _) in enumerate(facts)}
        for path, fact in facts:
            for place, spellings in fact or ():
                for key, text, _count, position, start, end, is_preferred in spellings:
                    users.setdefault(place, {}).setdefault(key, []).append(path)
                    where[(place, key, path)] = (text, position, start, end)
                    if is_preferred:
                        preferred[place] = key
        for place, by_spelling in users.items():
            paths = {p for ps in by_spelling.values() for p in ps}
            if len(by_spelling) < 2 or len(paths) < 2:
                continue
            standard = preferred.get(place)
            if standard is None:
                standard = min(by_spelling, key=lambda k: (-len(by_spelling[k]), order[by_spelling[k][0]]))
            model_path = by_spelling[standard][0]
            model_text, model_position, _, _ = where[(place, standard, model_path)]
            for key, spelling_paths in by_spelling.items():
                if key == standard:
                    continue
                for path in spelling_paths:
                    if path in by_spelling[standard]:
                        continue  # the article itself is inconsistent: reported there
                    text, position, start, end = where[(place, key, path)]
                    ctx.report(
                        path,
                        Position(*position),
                        f"{text}: other articles in this run write {model_text} ({model_path}:{model_position[0]});"
                        " use one spelling",
                        start,
                        end,
                    )


def vars_of(where: Position) -> tuple[int, int, int, int]:
    return (where.line, where.column, where.end_line, where.end_column)


# --- NL402 ---------------------------------------------------------------------------------------


def _cased(model: str, word: str) -> str:
    return word.upper() if model.isupper() and len(model) > 1 else word


class NonpreferredPlaceName(Rule):
    """A place spelled other than the house style spells it, or called by a former name.

    **What it flags**: a spelling of a place that the house list (``rules/place-names.toml``,
    extended by your packs and ``[tool.newslint.names] prefer``) does not prefer: Kiev, Odessa,
    Kharkov, Charkiw, Pokrowsk where the house writes Kyiv, Odesa, Kharkiv, Pokrovsk; an unlisted
    transliteration of a listed place (Dobropylija for Dobropillia); a former name (Artemivsk for
    Bakhmut, Dnipropetrovsk for Dnipro), reported as a former name. Not flagged: quoted speech,
    source titles (reference entries, footnotes), namesakes ("Odessa, Texas"), dishes ("chicken Kiev"),
    fixed official names
    ("Dnipropetrovsk region"), spellings that are also a surname or a historical term (Chernobyl,
    Zhdanov), and a former name given as history ("Bakhmut, formerly Artemivsk").

    **Why it matters**: house style picks one spelling so that articles agree with each other
    and with current usage; the Russian-derived spellings of Ukrainian places read as a political
    choice to many readers.

    **Example**:

    ```text
    Air raid sirens sounded across Kiev and Kharkov overnight.
    ```

    Not flagged:

    ```text
    Air raid sirens sounded across Kyiv and Kharkiv overnight, and in Odessa, Texas, it rained.
    ```

    **Fix**: safe: replace the spelling with the house spelling (capitals kept for an all-caps
    headline). Quoted speech and source titles are left alone; NL401 still reports a spelling
    there that differs from the article's.

    **Options**: ``[tool.newslint.names] prefer = {"Odessa" = "Odesa"}`` sets the house spelling
    of a place (the old house spelling becomes a variant).
    """

    code = "NL402"
    name = "nonpreferred-place-name"
    severity = Severity.WARNING
    fix = "safe"
    options: ClassVar[Mapping[str, Any]] = {"names": dict}

    @classmethod
    def validate_option(cls, key: str, value: Any) -> None:
        _parse_names(value)

    def check(self, doc: Document, ctx: Context) -> None:
        for m in place_mentions(doc, gazetteer(ctx)):
            info = m.info
            if info is None or m.exempt or m.quoted or m.source or info.is_preferred or info.source != "house":
                continue
            if info.is_former:
                message = f"{m.text}: former name of {info.preferred}; use {info.preferred}"
            else:
                message = f"{m.text}: house style spells this place {info.preferred}"
            new = _cased(m.text, info.preferred)
            ctx.report(m.start, m.end, message, fix=Fix(f"Replace with {new}", (ctx.edit(m.start, m.end, new),)))


RULES = [InconsistentPlaceName, NonpreferredPlaceName]
