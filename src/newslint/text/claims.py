"""Claim cues in one sentence: attribution, hedges, weasel sources, and uncertain source titles.

Pure functions over plain strings; every offset is a character index into the string passed in.
The word lists and patterns come from the ``claims`` pack (``rules/claims.toml``); build a
``ClaimLexicon`` from an extended pack (``ClaimLexicon.from_pack(claims_pack(user_files))``) and
pass it as ``lexicon=`` to use house additions.

Attribution is decided without a tagger, from the words around a reporting verb: a verb counts
when a source stands next to it (a pronoun, a name, a source noun such as "officials" or "the
ministry", or an inverted "said the minister"), or when it is a participle after a comma
("..., saying that"). Forms that are also nouns ("claims", "reports", "notes") need that source
right before them, so "these claims" and "the report" do not count.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import regex

from newslint.lazyre import lazy_compile
from newslint.packs import Pack, PackError
from newslint.text.sentences import claims_pack

__all__ = [
    "Attribution",
    "ClaimLexicon",
    "Cue",
    "content_keys",
    "default_lexicon",
    "find_attribution",
    "find_hedge",
    "find_uncertainty_cue",
    "find_weasels",
    "hedges_previous",
    "is_question",
    "quotation_spans",
]


@dataclass(frozen=True, slots=True)
class Cue:
    """A matched cue: ``text == sentence[start:end]``; ``kind`` says which family matched."""

    start: int
    end: int
    text: str
    kind: str


@dataclass(frozen=True, slots=True)
class Attribution:
    """Why a sentence counts as attributed: the cue (verb, phrase or quotation) and its source if seen.

    ``kind`` is one of ``verb`` ("X said"), ``inverted`` ("said X"), ``participle`` ("..., saying"),
    ``according-to``, ``speech-noun`` ("in a statement"), ``finding`` ("the report found"),
    ``quotation`` (direct speech) or ``reportedly``.
    """

    cue: Cue
    source: Cue | None
    kind: str

    @property
    def start(self) -> int:
        return self.cue.start

    @property
    def end(self) -> int:
        return self.cue.end

    @property
    def text(self) -> str:
        return self.cue.text


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_PRONOUNS = _words(
    "he she they i we you it who which that officials police authorities everyone someone nobody somebody everybody one"
)
_DETERMINERS = _words(
    "the a an this that these those his her its their our my your some any no each every such new further other"
)
# Words that may sit between a subject and its verb: "he also said", "she has long argued".
_BETWEEN = _words(
    "also has have had will would could may might should later then previously recently again "
    "once long repeatedly often still now already reportedly further privately publicly "
    "separately earlier subsequently initially first last yesterday today tonight immediately "
    "quickly simply just never not n't did does do is was are were been be ultimately"
)
# Words that cannot end a subject noun phrase: prepositions, conjunctions, "to", "as".
_NOT_SUBJECT = _words(
    "to as of in on at for with by from into about than and or but if because so what how why whether where when"
)
_AMBIGUOUS_NOUN_FORMS = _words(
    "claims claim reports report charges charge notes note states state estimates estimate fears "
    "fear promises promise tweets tweet counters counter remarks remark concerns warns statements "
    "denies replies reply responds describes thinks believes hopes says tells adds"
)
_TOKEN = lazy_compile(r"[\p{L}\p{N}][\p{L}\p{N}'’.-]*|[,;:“”\"(\[\]—–]")
_QUOTES = lazy_compile(
    r"“[^“”]*(?:”|\Z)"  # curly: may run to the end when the quote continues into the next sentence
    r"|(?:(?<=^|[\s(\[—–-])\"[^\"]*(?:\"|\Z))"  # straight: opening quote after a space
    r"|‘[^‘’]*’(?!\w)"
)
_QUESTION_TAIL = lazy_compile(r"\?[\s\"'”’)\]]*(?:\[[^\]]{1,8}\][\s.]*)*\Z")
_ACCORDING = lazy_compile(
    r"\baccording\s+to\s+(?P<src>[^,;.:!?]{1,80}?)(?=\s*(?:[,;.:!?]|\Z|\s(?:that|the\s+\w+\s+(?:is|was|has))\b))",
    regex.IGNORECASE,
)


def _regular_forms(lemma: str) -> set[str]:
    """say -> says, sayed (harmless), saying; deny -> denies, denied; argue -> argued, arguing."""
    forms = {lemma}
    if lemma.endswith("e"):
        forms |= {lemma + "s", lemma + "d", lemma[:-1] + "ing"}
    elif lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"}
    elif lemma.endswith(("s", "sh", "ch", "x", "z")):
        forms |= {lemma + "es", lemma + "ed", lemma + "ing"}
    else:
        forms |= {lemma + "s", lemma + "ed", lemma + "ing"}
    return forms


def _alternation(words: Iterable[str]) -> str:
    # Longest first so "points out" wins over "points"; spaces match any whitespace.
    ordered = sorted({w.strip().lower() for w in words if w.strip()}, key=len, reverse=True)
    return "|".join(regex.escape(w).replace(r"\ ", r"\s+") for w in ordered)


@dataclass(frozen=True)
class ClaimLexicon:
    """The compiled cue lexicons of one ``claims`` pack."""

    verb_forms: frozenset[str]
    source_nouns: frozenset[str]
    verb_re: Any
    speech_noun_re: Any
    finding_re: Any
    hedge_res: tuple[tuple[str, Any], ...]
    verification_re: Any
    anaphor_re: Any
    uncertainty_res: tuple[tuple[str, Any], ...]
    weasel_res: tuple[tuple[str, Any], ...]
    weasel_exemption_res: tuple[Any, ...]
    # Per weasel pattern: its anchor words (one of them is in every match, followed by a space),
    # each also with the opening punctuation of _GATE_PREFIXES in front, or None; and the words
    # of which the text must also hold one (None: no second condition). ``weasel_anchors_all``
    # is their union, or None when some pattern has no anchors (then nothing can be skipped).
    weasel_anchors: tuple[frozenset[str] | None, ...] = ()
    weasel_also: tuple[frozenset[str] | None, ...] = ()
    weasel_anchors_all: frozenset[str] | None = None
    # Lower-cased substrings of which every uncertainty match holds one (None: some pattern
    # declares none), and one alternation of every uncertainty pattern.
    uncertainty_contains: tuple[str, ...] | None = None
    uncertainty_any_re: Any = None
    # Reporting-verb forms by their first word, each as its words: "points" -> (("points", "out"),).
    verb_phrases: Mapping[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)

    def may_mark_uncertain(self, text: str) -> bool:
        """False only when no uncertainty pattern can match in ``text`` (substring tests, no regex)."""
        if self.uncertainty_contains is None:
            return True
        low = text.lower()
        return any(word in low for word in self.uncertainty_contains)

    def weasel_candidates(self, text: str) -> set[int] | None:
        """Indices of the weasel patterns that can match somewhere in ``text``; ``None`` means
        all of them (ungated). No regex: one ``split()``, set lookups, a few substring tests."""
        every = self.weasel_anchors_all
        if every is None:
            return None
        low = gate_lower(text)
        tokens = low.split()
        if every.isdisjoint(tokens):
            return set()
        hits = every.intersection(tokens)
        found: set[int] = set()
        for number, anchors in enumerate(self.weasel_anchors):
            if anchors is None or anchors.isdisjoint(hits):
                continue
            also = self.weasel_also[number]
            if also is None or not also.isdisjoint(tokens):
                found.add(number)
        return found

    @classmethod
    def from_pack(cls, pack: Pack) -> ClaimLexicon:
        flags = regex.IGNORECASE
        irregular: Mapping[str, list[str]] = pack.get("irregular_verb_forms", {})
        forms: set[str] = set()
        for lemma in pack.get("reporting_verbs", []):
            lemma = str(lemma).lower()
            forms |= set(irregular.get(lemma, [])) | ({lemma} if lemma in irregular else _regular_forms(lemma))
        verb_re = lazy_compile(rf"\b(?:{_alternation(forms)})\b", flags)
        speech_nouns = _alternation(pack.get("speech_nouns", []))
        speech_noun_re = lazy_compile(
            rf"\b(?:in|during|at|on|via|through)\s+(?:a|an|the|his|her|their|its|this|that|one)\s+"
            rf"(?:[\w-]+\s+){{0,2}}(?:{speech_nouns})\b",
            flags,
        )
        finding_re = lazy_compile(
            rf"\b(?:{_alternation(pack.get('finding_nouns', []))})\s+"
            r"(?:(?:also|has|have|had|now|previously|recently|\w+ly)\s+)?"
            r"(?:shows?|showed|shown|found|finds|suggests?|suggested|indicates?|indicated|concluded|concludes|revealed|reveals)\b",
            flags,
        )
        hedge_words = _alternation(pack.get("hedges", []))
        hedge_res: list[tuple[str, Any]] = [
            (str(e["kind"]), lazy_compile(str(e["pattern"]), flags)) for e in pack.get("hedge_patterns", [])
        ]
        hedge_res.append(("hedge", lazy_compile(rf"\b(?:{hedge_words})\b", flags)))
        verification_re = lazy_compile("|".join(f"(?:{p})" for p in pack.get("verification_patterns", [])), flags)
        anaphor_re = lazy_compile(rf"\b(?:{_alternation(pack.get('anaphors', []))})\b", flags)
        placeholders = {
            "{group}": f"(?:{_alternation(pack.get('weasel_groups', []))})",
            "{opinion}": f"(?:{_alternation(pack.get('weasel_verbs', []))})",
        }

        def expand(pattern: str) -> str:
            for key, value in placeholders.items():
                pattern = pattern.replace(key, value)
            return pattern

        weasel_entries = list(pack.get("weasel_patterns", []))
        opinion_words = tuple(str(w).lower() for w in pack.get("weasel_verbs", []))
        anchor_sets: list[frozenset[str] | None] = []
        also_lists: list[frozenset[str] | None] = []
        for entry in weasel_entries:
            unknown = set(entry) - {"kind", "pattern", "anchors", "also"}
            if unknown:
                raise PackError(f"claims pack: weasel_patterns entry has unknown key(s) {sorted(unknown)}")
            words = entry.get("anchors")
            anchor_sets.append(
                frozenset(prefix + str(w).lower() for w in words for prefix in _GATE_PREFIXES) if words else None
            )
            also = entry.get("also")
            also_words = (w for item in also or () for w in (opinion_words if item == "{opinion}" else (str(item),)))
            also_lists.append(
                frozenset(w.lower().split()[0] + suffix for w in also_words for suffix in _GATE_SUFFIXES)
                if also
                else None
            )
        every: frozenset[str] | None = frozenset()
        for anchors in anchor_sets:
            every = None if anchors is None or every is None else every | anchors
        uncertainty_entries = list(pack.get("uncertainty_patterns", []))
        uncertainty_sources = [str(e["pattern"]) for e in uncertainty_entries]
        contains: tuple[str, ...] | None = ()
        for entry in uncertainty_entries:
            unknown = set(entry) - {"kind", "pattern", "contains"}
            if unknown:
                raise PackError(f"claims pack: uncertainty_patterns entry has unknown key(s) {sorted(unknown)}")
            words = entry.get("contains")
            contains = None if not words or contains is None else contains + tuple(str(w).lower() for w in words)
        return cls(
            uncertainty_contains=tuple(dict.fromkeys(contains)) if contains is not None else None,
            weasel_anchors=tuple(anchor_sets),
            weasel_also=tuple(also_lists),
            weasel_anchors_all=every,
            uncertainty_any_re=lazy_compile("|".join(f"(?:{p})" for p in uncertainty_sources) or r"(?!)", flags),
            verb_forms=frozenset(f.lower() for f in forms),
            verb_phrases=_phrases(forms),
            source_nouns=frozenset(str(n).lower() for n in pack.get("source_nouns", [])),
            verb_re=verb_re,
            speech_noun_re=speech_noun_re,
            finding_re=finding_re,
            hedge_res=tuple(hedge_res),
            verification_re=verification_re,
            anaphor_re=anaphor_re,
            uncertainty_res=tuple(
                (str(e["kind"]), lazy_compile(str(e["pattern"]), flags)) for e in pack.get("uncertainty_patterns", [])
            ),
            weasel_res=tuple(
                (str(e["kind"]), lazy_compile(expand(str(e["pattern"])), flags))
                for e in pack.get("weasel_patterns", [])
            ),
            weasel_exemption_res=tuple(lazy_compile(str(p), flags) for p in pack.get("weasel_exemptions", [])),
        )


def _phrases(forms: Iterable[str]) -> dict[str, tuple[tuple[str, ...], ...]]:
    table: dict[str, list[tuple[str, ...]]] = {}
    for form in forms:
        words = tuple(form.lower().split())
        if words:
            table.setdefault(words[0], []).append(words)
    return {first: tuple(sorted(set(found), key=len, reverse=True)) for first, found in table.items()}


@lru_cache(maxsize=8)
def default_lexicon(user_files: tuple[str, ...] = ()) -> ClaimLexicon:
    return ClaimLexicon.from_pack(claims_pack(user_files))


def _lex(lexicon: ClaimLexicon | None) -> ClaimLexicon:
    return lexicon if lexicon is not None else default_lexicon()


# ---------------------------------------------------------------------------- quotation


def quotation_spans(sentence: str) -> list[tuple[int, int]]:
    """Spans of direct quotation, quote marks included; an unclosed quote runs to the end."""
    return [m.span() for m in _QUOTES.finditer(sentence)]


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(a <= start and end <= b for a, b in spans)


def is_question(sentence: str) -> bool:
    """Whether the sentence ends with a question mark (before closing quotes and citation markers)."""
    return _QUESTION_TAIL.search(sentence.rstrip()) is not None


# ---------------------------------------------------------------------------- attribution


def _is_source_word(token: str, lexicon: ClaimLexicon, at_start: bool) -> bool:
    low = token.lower()
    if low in _PRONOUNS or low in lexicon.source_nouns:
        return True
    if low.endswith(("'s", "’s")) and len(low) > 2:
        return True  # "the ministry's spokesman said" is caught by the noun; "Smith's" stays a name
    if token[:1].isupper() and low not in _DETERMINERS and low not in lexicon.verb_forms:
        return not at_start or low not in _BETWEEN
    return False


def _verb_forms_in(tokens: list[tuple[int, int, str]], lexicon: ClaimLexicon) -> Iterator[tuple[int, int, str]]:
    """(token index, end offset, form) of each reporting-verb form, by table lookup per token:
    the matches ``verb_re`` finds at token starts, without searching a regex of every form."""
    phrases = lexicon.verb_phrases
    for i, (start, _end, text) in enumerate(tokens):
        low = text.lower()
        found = phrases.get(low) or phrases.get(low.rstrip(".'’-"))
        if not found:
            continue
        for words in found:
            if len(words) == 1:
                yield i, start + len(words[0]), words[0]
                break
            following = tuple(t[2].lower() for t in tokens[i + 1 : i + len(words)])
            if (words[0], *following) == words:
                yield i, tokens[i + len(words) - 1][1], " ".join(words)
                break


def _verb_attribution(sentence: str, lexicon: ClaimLexicon) -> Attribution | None:
    tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(sentence)]
    for i, end, _form in _verb_forms_in(tokens, lexicon):
        start = tokens[i][0]
        form = sentence[start:end].lower()
        cue = Cue(start, end, sentence[start:end], "verb")
        # Look left past adverbs and auxiliaries for a subject.
        j = i - 1
        while j >= 0 and (tokens[j][2].lower() in _BETWEEN or tokens[j][2].lower().endswith("ly")):
            j -= 1
        prev = tokens[j][2] if j >= 0 else ""
        nxt = tokens[i + 1][2] if i + 1 < len(tokens) else ""
        if form.endswith("ing"):
            if prev in {",", "—", "–"} or (j >= 0 and tokens[j][2].lower() in {"after", "while", "when", "by"}):
                return Attribution(Cue(cue.start, cue.end, cue.text, "verb"), None, "participle")
            continue
        if prev and prev.lower() in {"to"}:
            continue
        if prev and prev.lower() in _DETERMINERS and form in _AMBIGUOUS_NOUN_FORMS:
            continue
        if prev and _is_source_word(prev, lexicon, at_start=j == 0):
            if (
                j >= 1
                and tokens[j - 1][2].lower() in _DETERMINERS | {"of"}
                and form in _AMBIGUOUS_NOUN_FORMS
                and not (nxt in {",", "that"} or nxt.lower() in _DETERMINERS or nxt.lower() in _PRONOUNS)
            ):
                continue  # "the police reports were filed": a noun phrase, not a verb
            source = Cue(tokens[j][0], tokens[j][1], prev, "source")
            return Attribution(cue, source, "verb")
        # Inverted: '..., said the minister' / '" said Smith'
        after_break = prev in {",", "”", '"', "—", "–"} or (i > 0 and tokens[i - 1][2] in {",", "”", '"'})
        if after_break and nxt and (_is_source_word(nxt, lexicon, at_start=False) or nxt.lower() in _DETERMINERS):
            k = i + 1
            source = Cue(tokens[k][0], tokens[k][1], tokens[k][2], "source")
            return Attribution(cue, source, "inverted")
        # Unambiguous finite forms after any content word: "attorneys for the family said"
        if (
            form not in _AMBIGUOUS_NOUN_FORMS
            and not form.endswith("ing")
            and prev[:1].isalpha()
            and prev.lower() not in _DETERMINERS
            and prev.lower() not in _NOT_SUBJECT
        ):
            source = Cue(tokens[j][0], tokens[j][1], prev, "source")
            return Attribution(cue, source, "verb")
        # "told reporters", "said in a statement" after a noun phrase we could not see
        if (
            form in {"told", "said", "says", "tells", "added", "adds"}
            and nxt
            and (
                nxt.lower() in {"reporters", "journalists", "the", "a", "an", "in", "on", "that", ","}
                or nxt[:1].isupper()
            )
        ):
            return Attribution(cue, None, "verb")
    return None


def find_attribution(sentence: str, lexicon: ClaimLexicon | None = None) -> Attribution | None:
    """The first sign that the sentence reports what someone said, or ``None``.

    Counts: a reporting verb with a source ("the ministry reported", "said Smith", "..., adding
    that"), "according to X", a speech noun ("in a statement"), "reportedly", and direct
    quotation of four words or more (or an open quote carried over from the sentence before).
    """
    lex = _lex(lexicon)
    found: list[Attribution] = []
    according = _ACCORDING.search(sentence)
    if according:
        src = Cue(according.start("src"), according.end("src"), according.group("src"), "source")
        phrase = sentence[according.start() : according.start("src")].rstrip()
        cue = Cue(according.start(), according.start() + len(phrase), phrase, "according-to")
        found.append(Attribution(cue, src, "according-to"))
    verb = _verb_attribution(sentence, lex)
    if verb:
        found.append(verb)
    speech = lex.speech_noun_re.search(sentence)
    if speech:
        found.append(Attribution(Cue(speech.start(), speech.end(), speech.group(), "speech-noun"), None, "speech-noun"))
    finding = lex.finding_re.search(sentence)
    if finding:
        found.append(Attribution(Cue(finding.start(), finding.end(), finding.group(), "finding"), None, "finding"))
    reportedly = _REPORTEDLY.search(sentence)
    if reportedly:
        found.append(
            Attribution(Cue(reportedly.start(), reportedly.end(), reportedly.group(), "reportedly"), None, "reportedly")
        )
    for start, end in quotation_spans(sentence):
        inner = sentence[start + 1 : end - 1 if end - start > 1 and sentence[end - 1] in '”"’' else end]
        if len(inner.split()) >= 4 or (start == 0 and len(inner.split()) >= 2):
            found.append(Attribution(Cue(start, end, sentence[start:end], "quotation"), None, "quotation"))
            break
    if not found:
        return None
    return min(found, key=lambda a: a.start)


_REPORTEDLY = lazy_compile(r"\b(?:reportedly|allegedly|purportedly)\b", regex.IGNORECASE)


# ---------------------------------------------------------------------------- hedges


def find_hedge(sentence: str, lexicon: ClaimLexicon | None = None) -> Cue | None:
    """The hedge in the sentence ("unverified", "alleged", "may", "claims remain unverified").

    A verification cue ("could not be independently verified") wins over a single hedge word,
    since it is what a message should quote; otherwise the first hedge, the longest at a tie.
    """
    best: Cue | None = None
    for kind, pattern in _lex(lexicon).hedge_res:
        for match in pattern.finditer(sentence):
            text = match.group()
            if text == "May":
                continue  # capitalised "May" is the month (or a wish), not a hedge
            cue = Cue(match.start(), match.end(), text, kind)
            if best is None or _hedge_rank(cue) < _hedge_rank(best):
                best = cue
            break
    return best


def _hedge_rank(cue: Cue) -> tuple[int, int, int]:
    return (0 if cue.kind == "verification" else 1, cue.start, -(cue.end - cue.start))


def hedges_previous(next_sentence: str, lexicon: ClaimLexicon | None = None) -> bool:
    """Whether ``next_sentence`` says the sentence before it could not be verified.

    It must carry a verification cue ("could not be independently verified", "remain unconfirmed")
    and point back: open with an anaphor ("This", "The figures", "Such claims"), name one after
    the cue ("could not verify the claim"), or be a short comment with no claim of its own.
    """
    lex = _lex(lexicon)
    cue = lex.verification_re.search(next_sentence)
    if cue is None:
        return False
    opening = lex.anaphor_re.match(next_sentence.lstrip("\"“'‘( "))
    if opening is not None:
        return True
    if lex.anaphor_re.search(next_sentence, cue.end(), min(len(next_sentence), cue.end() + 40)):
        return True
    return len(next_sentence.split()) <= 10


# ---------------------------------------------------------------------------- sources


def find_uncertainty_cue(title: str, lexicon: ClaimLexicon | None = None) -> Cue | None:
    """The cue in a reference entry's title or text that marks the source as unverified or contested.

    Cues that stand next to each other (only spaces or a linking word between them) come back as
    one phrase, so a message can quote what the source says: "Claims Unverified", "unconfirmed
    reports". ``kind`` is the kind of the phrase's first cue.
    """
    lex = _lex(lexicon)
    if lex.uncertainty_any_re is not None and lex.uncertainty_any_re.search(title) is None:
        return None
    matches: list[Cue] = []
    for kind, pattern in lex.uncertainty_res:
        for match in pattern.finditer(title):
            matches.append(Cue(match.start(), match.end(), match.group(), kind))
    if not matches:
        return None
    matches.sort(key=lambda c: (c.start, -c.end))
    first = matches[0]
    start, end = first.start, first.end
    for cue in matches[1:]:
        if cue.start <= end or _LINK.fullmatch(title[end : cue.start]):
            end = max(end, cue.end)
        elif cue.start > end:
            break
    return Cue(start, end, title[start:end], first.kind)


_LINK = lazy_compile(r"\s*(?:(?:remains?|are|is|were|was|still|as|yet|but|and|or|of|as\s+yet)\s+)*", regex.IGNORECASE)


# ---------------------------------------------------------------------------- content words

_CONTENT_TOKEN = lazy_compile(r"\p{L}[\p{L}\p{N}'’-]*")
# Function words and the newsroom's own vocabulary: sharing "said" or "report" with a source
# title says nothing about whether the sentence is about what the source covers.
_STOPWORDS = _words(
    "about above after again against also although among an and another any are around as at "
    "be been before being below between both but by can could did does doing down during each "
    "either even ever every few for from further had has have having her here hers herself him "
    "himself his how however into its itself just least less many more most much must near neither "
    "never next none nor not now off once only onto other others otherwise ought ours ourselves out "
    "over own same shall she should since some still such than that their theirs them themselves "
    "then there these they this those though through thus till too toward towards under until upon "
    "very was were what whatever when where whether which while who whom whose why will with within "
    "without would yet your yours the one two three new news says said say saying told tells report "
    "reports reported reporting according amid amidst despite week weeks year years today yesterday "
    "monday tuesday wednesday thursday friday saturday sunday like make makes made well back first "
    "last latest update updates live"
)


def content_keys(text: str, prefix: int = 5) -> frozenset[str]:
    """Content words of ``text`` as comparison keys: lower-cased, cut to ``prefix`` letters so
    that inflections and demonyms meet ("territories"/"territory", "Ukraine"/"Ukrainian").

    Words of four letters or more count unless they are function or newsroom words; shorter
    ones only when written in capitals ("US", "EU", "NATO").
    """
    keys: set[str] = set()
    for match in _CONTENT_TOKEN.finditer(text):
        word = match.group().rstrip("'’")
        if word.endswith(("'s", "’s")):
            word = word[:-2]
        low = word.lower()
        if len(word) >= 4:
            if low not in _STOPWORDS:
                keys.add(low[:prefix])
        elif len(word) >= 2 and word.isupper():
            keys.add(low)
    return frozenset(keys)


# ---------------------------------------------------------------------------- weasels


# Characters that may stand right before an anchor word ("(Critics say", "“Some say"): the gate
# holds each anchor with each of them in front, so a plain split() finds them.
_GATE_PREFIXES = ("", "(", "[", '"', "“", "‘", "«", "—", "–", "'")
# And what may stand right after an `also` word ("some say," / "many disagree.").
_GATE_SUFFIXES = ("", ".", ",", ";", ":", "?", "!", '"', "”", ")", "'", "’", '."', ".”", ',"', ",”", "—")


def gate_lower(text: str) -> str:
    """Lower-cased, emphasis markup blanked (same length, so offsets hold): the gate's view."""
    low = text.lower()
    if "*" in low:
        low = low.replace("*", " ")
    if "_" in low:
        low = low.replace("_", " ")
    return low


def find_weasels(
    sentence: str,
    lexicon: ClaimLexicon | None = None,
    include_quoted: bool = False,
    candidates: set[int] | None = None,
) -> list[Cue]:
    """Vague sources standing in for a named one ("some say", "it is widely believed"), in order.

    Cues inside direct quotation are skipped unless ``include_quoted``: the speaker, not the
    writer, chose those words. A name right after the vague source ("critics such as John Smith
    argue", "many experts, including ...") cancels the cue. ``candidates`` (from
    ``ClaimLexicon.weasel_candidates`` of this text or a text containing it) saves recomputing them.
    """
    lex = _lex(lexicon)
    if candidates is None:
        candidates = lex.weasel_candidates(sentence)
    if candidates is not None and not candidates:
        return []
    quotes: list[tuple[int, int]] | None = None
    cues: list[Cue] = []
    for number, (kind, pattern) in enumerate(lex.weasel_res):
        if candidates is not None and number not in candidates:
            continue
        for match in pattern.finditer(sentence):
            if quotes is None:
                quotes = [] if include_quoted else quotation_spans(sentence)
            start, end = match.span()
            if quotes and _inside(quotes, start, end):
                continue
            rest = sentence[end : end + 80]
            if any(ex.match(rest) for ex in lex.weasel_exemption_res):
                continue
            if _quantifier_as_adverb(sentence, start, match):
                continue
            cues.append(Cue(start, end, match.group(), kind))
    cues.sort(key=lambda c: (c.start, -c.end))
    merged: list[Cue] = []
    for cue in cues:
        if merged and cue.start < merged[-1].end:
            continue
        merged.append(cue)
    return merged


# Words after which "most agreed" / "many feared" still opens a clause with a vague subject.
_CLAUSE_OPENERS = _words(
    "and but or while whereas that which who because although though as so yet when if since where "
    "however meanwhile still now today also"
)
_QUANTIFIERS = _words("some many most several various numerous countless few certain")


def _quantifier_as_adverb(sentence: str, start: int, match: Any) -> bool:
    """Whether the vague-looking source has a subject of its own: "Users most agreed" (an
    adverb after its subject), "the various tool authors agreed" (a group the story has
    defined), "I and others believe" (a named source among them). Only a quantifier that *is*
    the subject ("Most agreed", "and many experts believe") stands in for a source."""
    words = match.group().split()
    if not words:
        return False
    first = words[0].lower()
    before = sentence[:start].rstrip().split()
    previous = before[-1].lower() if before else ""
    if first == "others":
        if previous != "and" or len(before) < 2:
            return False
        partner = before[-2]
        return partner.lower() in {"i", "we", "he", "she"} or (len(before) >= 3 and partner[:1].isupper())
    if first not in _QUANTIFIERS:
        return False
    if previous in _DETERMINERS:
        return True
    if match.groupdict().get("weasel_group") or not previous[-1:].isalpha():
        return False
    return previous not in _CLAUSE_OPENERS
