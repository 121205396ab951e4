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

import re as stdlib_re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, NamedTuple

import regex

from newslint.lazyre import lazy_compile
from newslint.packs import Pack, PackError
from newslint.text.keys import content_keys, regular_forms
from newslint.text.quotes import is_question, quotation_spans
from newslint.text.sentences import claims_pack

__all__ = [
    "Attribution",
    "ClaimLexicon",
    "Cue",
    "claimed_by_source",
    "content_keys",
    "default_lexicon",
    "find_attribution",
    "find_hedge",
    "gate_lower",
    "has_hedge",
    "hedges_previous",
    "is_attributed",
    "is_question",
    "quotation_spans",
]


class Cue(NamedTuple):
    """A matched cue: ``text == sentence[start:end]``; ``kind`` says which family matched."""

    start: int
    end: int
    text: str
    kind: str


class Attribution(NamedTuple):
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
_ACCORDING = lazy_compile(
    r"\baccording\s+to\s+(?P<src>[^,;.:!?]{1,80}?)(?=\s*(?:[,;.:!?]|\Z|\s(?:that|the\s+\w+\s+(?:is|was|has))\b))",
    regex.IGNORECASE,
)


def _alternation(words: Iterable[str]) -> str:
    # Longest first so "points out" wins over "points"; spaces match any whitespace.
    ordered = sorted({w.strip().lower() for w in words if w.strip()}, key=lambda w: (-len(w), w))
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
    # The gates of the patterns built from the speech nouns and finding nouns: a search can
    # match only where one of these words is a substring of the casefolded sentence.
    speech_noun_heads: stdlib_re.Pattern[str] | None = None
    finding_heads: stdlib_re.Pattern[str] | None = None
    # Per entry of ``hedge_res``: the words one of which its matches hold (None: not known).
    hedge_gates: tuple[stdlib_re.Pattern[str] | None, ...] = ()
    # Whether every first word of a reporting-verb form is one run of letters and digits, as
    # ``letter_runs`` cuts a sentence: then a sentence whose runs hold none has no verb form.
    verb_keys_are_runs: bool = False

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
            forms |= set(irregular.get(lemma, [])) | ({lemma} if lemma in irregular else regular_forms(lemma))
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
            speech_noun_heads=_heads(pack.get("speech_nouns", [])),
            finding_heads=_heads(pack.get("finding_nouns", [])),
            hedge_gates=(
                *(_heads(e["contains"]) if e.get("contains") else None for e in pack.get("hedge_patterns", [])),
                _heads(pack.get("hedges", [])),
            ),
            uncertainty_contains=tuple(dict.fromkeys(contains)) if contains is not None else None,
            weasel_anchors=tuple(anchor_sets),
            weasel_also=tuple(also_lists),
            weasel_anchors_all=every,
            uncertainty_any_re=lazy_compile("|".join(f"(?:{p})" for p in uncertainty_sources) or r"(?!)", flags),
            verb_forms=frozenset(f.lower() for f in forms),
            verb_phrases=_phrases(forms),
            verb_keys_are_runs=all(letter_runs(key) == {key} for key in _phrases(forms)),
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


def _heads(words: Iterable[str]) -> stdlib_re.Pattern[str] | None:
    """A search for the longest word of each entry of a word list, casefolded, as a plain
    substring: every match of the list's alternation holds one. One pass of the standard
    library's engine over the sentence, not a test per word. ``None`` for an empty list, whose
    alternation matches anywhere."""
    heads = sorted({max(str(w).split(), key=len).casefold() for w in words if str(w).split()})
    return stdlib_re.compile("|".join(stdlib_re.escape(h) for h in heads)) if heads else None


def _may_hold(folded: str, gate: stdlib_re.Pattern[str] | None) -> bool:
    return gate is None or gate.search(folded) is not None


def _phrases(forms: Iterable[str]) -> dict[str, tuple[tuple[str, ...], ...]]:
    table: dict[str, list[tuple[str, ...]]] = {}
    for form in forms:
        words = tuple(form.lower().split())
        if words:
            table.setdefault(words[0], []).append(words)
    return {first: tuple(sorted(set(found), key=lambda w: (-len(w), w))) for first, found in table.items()}


@lru_cache(maxsize=8)
def default_lexicon(user_files: tuple[str, ...] = ()) -> ClaimLexicon:
    return ClaimLexicon.from_pack(claims_pack(user_files))


def _lex(lexicon: ClaimLexicon | None) -> ClaimLexicon:
    return lexicon if lexicon is not None else default_lexicon()


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
    # findall, then str.find for each token's offset (cheaper than a match object's calls): a
    # token starts with a character the pattern never skips, so its first occurrence at or after
    # the previous token's end is this token.
    tokens: list[tuple[int, int, str]] = []
    position = 0
    find = sentence.find
    for word in _TOKEN.findall(sentence):
        start = find(word, position)
        position = start + len(word)
        tokens.append((start, position, word))
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
    folded = sentence.casefold()
    found = [
        a
        for a in (
            _according(sentence),
            _verb_attribution(sentence, lex) if _verb_may_match(sentence, lex) else None,
            _speech_noun(sentence, folded, lex),
            _finding(sentence, folded, lex),
            _reportedly(sentence, folded),
            _quotation(sentence),
        )
        if a is not None
    ]
    if not found:
        return None
    return min(found, key=lambda a: a.start)


def claimed_by_source(sentence: str, lexicon: ClaimLexicon | None = None) -> str | None:
    """The verb of ``find_attribution(sentence)`` when that is a source claiming or alleging
    ("the command claims ..."), else ``None``. The other signs are searched only when the
    reporting verb is such a verb: whatever they find, no other verb can come first."""
    lex = _lex(lexicon)
    verb = _verb_attribution(sentence, lex) if _verb_may_match(sentence, lex) else None
    if verb is None or verb.kind not in {"verb", "inverted"} or not verb.text.lower().startswith(("claim", "alleg")):
        return None
    return verb.text if find_attribution(sentence, lex) == verb else None


def is_attributed(sentence: str, lexicon: ClaimLexicon | None = None) -> bool:
    """``find_attribution(sentence) is not None``, trying the cheapest signs first and stopping
    at the first one found."""
    lex = _lex(lexicon)
    folded = sentence.casefold()
    return bool(
        _according(sentence)
        or _reportedly(sentence, folded)
        or _quotation(sentence)
        or (_verb_may_match(sentence, lex) and _verb_attribution(sentence, lex))
        or _speech_noun(sentence, folded, lex)
        or _finding(sentence, folded, lex)
    )


def _according(sentence: str) -> Attribution | None:
    according = _ACCORDING.search(sentence)
    if not according:
        return None
    src = Cue(according.start("src"), according.end("src"), according.group("src"), "source")
    phrase = sentence[according.start() : according.start("src")].rstrip()
    cue = Cue(according.start(), according.start() + len(phrase), phrase, "according-to")
    return Attribution(cue, src, "according-to")


def _speech_noun(sentence: str, folded: str, lex: ClaimLexicon) -> Attribution | None:
    speech = lex.speech_noun_re.search(sentence) if _may_hold(folded, lex.speech_noun_heads) else None
    if not speech:
        return None
    return Attribution(Cue(speech.start(), speech.end(), speech.group(), "speech-noun"), None, "speech-noun")


def _finding(sentence: str, folded: str, lex: ClaimLexicon) -> Attribution | None:
    finding = lex.finding_re.search(sentence) if _may_hold(folded, lex.finding_heads) else None
    if not finding:
        return None
    return Attribution(Cue(finding.start(), finding.end(), finding.group(), "finding"), None, "finding")


def _reportedly(sentence: str, folded: str) -> Attribution | None:
    reportedly = _REPORTEDLY.search(sentence) if "edly" in folded else None
    if not reportedly:
        return None
    return Attribution(Cue(reportedly.start(), reportedly.end(), reportedly.group(), "reportedly"), None, "reportedly")


def _quotation(sentence: str) -> Attribution | None:
    if "“" not in sentence and '"' not in sentence and "‘" not in sentence:
        return None  # every quotation span opens with one of these
    for start, end in quotation_spans(sentence):
        inner = sentence[start + 1 : end - 1 if end - start > 1 and sentence[end - 1] in '”"’' else end]
        if len(inner.split()) >= 4 or (start == 0 and len(inner.split()) >= 2):
            return Attribution(Cue(start, end, sentence[start:end], "quotation"), None, "quotation")
    return None


def _verb_may_match(sentence: str, lex: ClaimLexicon) -> bool:
    """Whether some word token could be the first word of a reporting-verb form: what
    ``_verb_forms_in`` looks up. A token it finds ends in its form's first word (or in that word
    and dots, apostrophes or hyphens) and starts after a character that is no letter or digit,
    so that word is one of the sentence's ``letter_runs``."""
    if not lex.verb_keys_are_runs:
        return True
    return not lex.verb_phrases.keys().isdisjoint(letter_runs(sentence))


# Bytes of ASCII letters and digits stay, every other ASCII byte becomes a space; the bytes of
# wider characters stay for ``letter_runs`` to sort out.
_RUN_BYTES = bytes(b if chr(b).isalnum() or b >= 0x80 else 0x20 for b in range(256))
_ASCII_BYTES = bytes(range(0x80))
_LETTER_OR_DIGIT = lazy_compile(r"[\p{L}\p{N}]")
_WIDE_KEPT: dict[str, bool] = {}
# The one character that is no letter but folds to one ("\u0345" to iota).
_FOLDS_TO_LETTER = "\u0345"


def letter_runs(text: str) -> set[str]:
    """The case-folded runs of letters and digits (``\\p{L}``, ``\\p{N}``) of ``text``, read
    with byte translations instead of a regex: what the word gates of this module look for."""
    if _FOLDS_TO_LETTER in text:
        text = text.replace(_FOLDS_TO_LETTER, " ")  # it separates runs before folding too
    folded = text.casefold()
    data = folded.encode("utf-8", "surrogatepass")
    spaced = data.translate(_RUN_BYTES).decode("utf-8", "surrogatepass")
    if len(data) != len(folded):
        for char in set(data.translate(None, _ASCII_BYTES).decode("utf-8", "surrogatepass")):
            kept = _WIDE_KEPT.get(char)
            if kept is None:
                kept = _WIDE_KEPT[char] = _LETTER_OR_DIGIT.match(char) is not None
            if not kept:
                spaced = spaced.replace(char, " ")
    return set(spaced.split())


_REPORTEDLY = lazy_compile(r"\b(?:reportedly|allegedly|purportedly)\b", regex.IGNORECASE)


# ---------------------------------------------------------------------------- hedges


def find_hedge(sentence: str, lexicon: ClaimLexicon | None = None) -> Cue | None:
    """The hedge in the sentence ("unverified", "alleged", "may", "claims remain unverified").

    A verification cue ("could not be independently verified") wins over a single hedge word,
    since it is what a message should quote; otherwise the first hedge, the longest at a tie.
    """
    best: Cue | None = None
    for kind, match in _first_hedges(sentence, _lex(lexicon)):
        cue = Cue(match.start(), match.end(), match.group(), kind)
        if best is None or _hedge_rank(cue) < _hedge_rank(best):
            best = cue
    return best


def has_hedge(sentence: str, lexicon: ClaimLexicon | None = None) -> bool:
    """``find_hedge(sentence) is not None``, stopping at the first hedge any pattern finds
    (no ranking of the cues)."""
    return next(_first_hedges(sentence, _lex(lexicon)), None) is not None


def _first_hedges(sentence: str, lex: ClaimLexicon) -> Iterator[tuple[str, Any]]:
    """(kind, match) of each hedge pattern's first match, skipping patterns whose word gate the
    sentence fails."""
    folded = sentence.casefold()
    for (kind, pattern), gate in zip(lex.hedge_res, lex.hedge_gates, strict=True):
        if gate is not None and not _may_hold(folded, gate):
            continue
        for match in pattern.finditer(sentence):
            if match.group() == "May":
                continue  # capitalised "May" is the month (or a wish), not a hedge
            yield kind, match
            break


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


def __getattr__(name: str) -> Any:
    """Names that moved to their own modules stay importable from here (no import cycle: the
    moved modules import this one, so they are loaded on first use)."""
    if name == "find_weasels":
        from newslint.text.weasels import find_weasels

        return find_weasels
    if name == "find_uncertainty_cue":
        from newslint.text.sources import find_uncertainty_cue

        return find_uncertainty_cue
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
