"""Headlines read as events: labels set aside, attribution and hedges found, actor and target read.

A headline is usually title case, so capitals do not mark names in it: an actor is a word before
the predicate that the body writes as a name ("Castell") or an alias ("Kremlin"). Page labels
("LIVE:", "[Video]") are stripped; opinion labels and the headline's own attribution ("Kremlin
Says ...", "Report: ...", a question, quotation marks) are reported so the rules can leave such
headlines alone. The cue lists come from the ``events`` pack.
"""

from __future__ import annotations

from itertools import pairwise
from typing import NamedTuple

from newslint.lazyre import lazy_compile
from newslint.text.events import (
    AUXILIARIES,
    DETERMINERS,
    PREPOSITIONS,
    EventLexicon,
    Mention,
    Token,
    actor_keys,
    target_keys,
    tokenize,
)

__all__ = ["HeadlineReading", "headline_mentions", "read_headline"]



class HeadlineReading(NamedTuple):
    """A headline with its label stripped: ``attribution`` is the cue that makes it report a
    claim (a says-verb, a hedge, a question mark, quotation marks, a short source before a
    colon), ``opinion`` the opinion label, if any."""

    text: str
    offset: int  # where ``text`` starts in the headline
    attribution: str | None
    opinion: str | None


_LABEL_SPLIT = lazy_compile(
    r"^\s*(?:\[(?P<bracket>[^\]]{1,30})\]|\((?P<paren>[^)]{1,30})\)|(?P<lead>[^:|]{1,40}?)\s*[:|])\s*"
)
_QUOTED = lazy_compile(r"[\"“”«»]|(?<![\p{L}])['‘][^'’]{2,}['’](?![\p{L}])")
_TAIL = lazy_compile(r"\s(?:[:|]|[-–—]\s)\s*(?P<tail>(?:\S+\s*){1,4})$")


def read_headline(headline: str, lex: EventLexicon, names: frozenset[str] = frozenset()) -> HeadlineReading:
    """Labels stripped, then the headline's own attribution or hedge, if any. A short lead before
    a colon is a source ("Police: ...", "Kremlin: ...") when it holds a source word, a role or an
    alias, or only names the article gives (``names``); otherwise it is a kicker ("Party
    invoice: ...") and is stripped like a label."""
    text = headline
    offset = 0
    opinion: str | None = None
    attribution: str | None = None
    for _ in range(3):
        match = _LABEL_SPLIT.match(text)
        if match is None:
            break
        label = match.group("bracket") or match.group("paren") or match.group("lead") or ""
        key = " ".join(label.lower().replace("_", " ").replace("*", " ").split()).strip(" -–—")
        if key in lex.opinion_labels:
            opinion = label
        elif key in lex.labels or key.startswith(("update", "live", "breaking", "watch")):
            pass
        elif match.group("lead") is None or len(label.split()) > 4:
            break
        elif _is_source(label, lex, names):
            attribution = f"{label}:"
            break
        elif attribution is None:
            # A kicker can carry the hedge itself ("Alleged gunman: ...", "Rumour mill: ...").
            cue = lex.attribution_re.search(label)
            attribution = cue.group() if cue is not None else None
        offset += match.end()
        text = text[match.end() :]
    if attribution is None:
        if "?" in text:
            attribution = "?"
        elif _QUOTED.search(text):
            attribution = "quotation marks"
        else:
            cue = lex.attribution_re.search(text)
            if cue is not None:
                attribution = cue.group()
            else:
                attribution = _source_and_verb(text, lex)
                tail = _TAIL.search(text) if attribution is None else None
                if tail is not None and _is_source(tail.group("tail"), lex, frozenset()):
                    attribution = tail.group("tail").strip()
    return HeadlineReading(text, offset, attribution, opinion)


def _source_and_verb(text: str, lex: EventLexicon) -> str | None:
    """A source word right before a naming or estimating verb ("Police Name Suspect"): the
    headline reports what that source says."""
    words = text.split()
    for before, word in pairwise(words):
        if word.lower() in lex.source_verbs and _is_source(before, lex, frozenset()):
            return f"{before} {word}"
    return None


def _is_source(words: str, lex: EventLexicon, names: frozenset[str]) -> bool:
    tokens = [_bare(w.lower().strip(".,'’\"“”")) for w in words.split()]
    tokens = [t for t in tokens if t]
    if any(t in lex.headline_sources or t in lex.alias_group for t in tokens):
        return True
    lowered = {n.lower() for n in names}
    return bool(tokens) and all(t in lowered for t in tokens)


def _bare(word: str) -> str:
    return word.removesuffix("'s").removesuffix("’s")


# Headlines run to a few dozen words; a longer title line is pasted body text or debris, and
# reading events from it would cost time for nothing.
MAX_HEADLINE_CHARS = 400

_SEGMENT = lazy_compile(r"\s*(?:[:;|]|\s[-–—]\s)\s*")


def headline_mentions(text: str, lex: EventLexicon, names: frozenset[str]) -> list[Mention]:
    """Event mentions of a headline (without its label), read case-blind: in title case every
    word is capitalised, so an actor is a word before the predicate that the body writes as a
    name ("Castell") or an alias ("Kremlin"); the target is the rest of its segment."""
    mentions: list[Mention] = []
    if len(text) > MAX_HEADLINE_CHARS:  # a scraped run of text on a title line, not a headline
        return mentions
    lowered_names = frozenset(n.lower() for n in names)
    position = 0
    for part in _SEGMENT.split(text):
        segment_start = text.find(part, position) if part else position
        position = segment_start + len(part)
        tokens = tokenize(part)
        is_name = [_bare(t.low) in lowered_names or t.low in lex.alias_group for t in tokens]
        i = 0
        while i < len(tokens):
            found = lex.predicate_at(tokens, i) if tokens[i].low in lex.first_words else None
            if found is None:
                i += 1
                continue
            size, classes = found
            if _modifier(tokens, i, size, lex):
                i += size
                continue
            before = [tokens[k] for k in _headline_actor(tokens, i, lex, is_name)]
            keys = actor_keys((t.text for t in before), lex) or None
            target_tokens = [t for k, t in enumerate(tokens) if t.is_word and not i <= k < i + size and t not in before]
            mentions.append(
                Mention(
                    classes=classes,
                    kind="headline",
                    start=segment_start + tokens[i].start,
                    end=segment_start + tokens[i + size - 1].end,
                    predicate=" ".join(t.text for t in tokens[i : i + size]),
                    actor=" ".join(t.text for t in before) or None,
                    actor_keys=keys,
                    named=keys is not None,
                    target=" ".join(t.text for t in target_tokens),
                    target_classes=lex.object_classes(target_tokens),
                    target_keys=target_keys(target_tokens, lex, exclude={t.low for t in before}),
                )
            )
            i += size
    return mentions


def _is_noun(tokens: list[Token], i: int, lex: EventLexicon) -> bool:
    low = tokens[i].low
    if low not in lex.nouns:
        return False
    if low not in lex.verb_forms or i == 0:
        return True
    previous = tokens[i - 1]
    return previous.low in DETERMINERS or previous.low in PREPOSITIONS or previous.possessive


def _modifier(tokens: list[Token], i: int, size: int, lex: EventLexicon) -> bool:
    """A nominal predicate that modifies the next noun ("Offensive Campaign Assessment") names
    no event; one that ends its segment or takes "of"/"to"/"by" ("Capture of Town") does."""
    if not _is_noun(tokens, i, lex):
        return False
    after = i + size
    return after < len(tokens) and tokens[after].is_word and tokens[after].low not in PREPOSITIONS


def _headline_actor(tokens: list[Token], i: int, lex: EventLexicon, is_name: list[bool]) -> list[int]:
    """Token indices of the headline's actor: the names right before a verb ("Castell Rejects"),
    past auxiliaries ("Has", "Will"), with "and" between names; for a nominal predicate also
    the possessive before it or the names opening the segment ("Castell Stands Firm on
    Pipeline Rejection"). Names that modify a role ("Ridgeford Clerk Resigns") are no actor."""
    j = i - 1
    while j >= 0 and tokens[j].low in AUXILIARIES:
        j -= 1
    if j >= 0 and is_name[j]:
        indices = [j]
        k = j - 1
        while k >= 0 and (is_name[k] or (tokens[k].low in {"and", ","} and k > 0 and is_name[k - 1])):
            if is_name[k]:
                indices.insert(0, k)
            k -= 1
        return indices
    if not _is_noun(tokens, i, lex):
        return []
    opening = []
    k = 0
    while k < i and is_name[k]:
        opening.append(k)
        k += 1
    if opening and k < i and tokens[k].low not in lex.titles and not tokens[k - 1].possessive:
        return opening
    if opening and tokens[k - 1].possessive:
        return opening
    return []
