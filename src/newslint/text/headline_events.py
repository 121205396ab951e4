"""Headlines read as events: labels set aside, attribution and hedges found, actor and target read.

A headline is usually title case, so capitals do not mark names in it: an actor is a word before
the predicate that the body writes as a name ("Zelensky") or an alias ("Kremlin"). Page labels
("LIVE:", "[Video]") are stripped; opinion labels and the headline's own attribution ("Kremlin
Says ...", "Report: ...", a question, quotation marks) are reported so the rules can leave such
headlines alone. The cue lists come from the ``events`` pack.
"""

from __future__ import annotations

from dataclasses import dataclass

from newslint.lazyre import lazy_compile
from newslint.text.events import EventLexicon, Mention, actor_keys, target_keys, tokenize

__all__ = ["HeadlineReading", "headline_mentions", "read_headline"]



@dataclass(frozen=True, slots=True)
class HeadlineReading:
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


def read_headline(headline: str, lex: EventLexicon) -> HeadlineReading:
    text = headline
    offset = 0
    opinion: str | None = None
    attribution: str | None = None
    # Strip labels ("LIVE:", "[Video]", "Opinion |") one at a time.
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
        elif match.group("lead") is not None and 1 <= len(label.split()) <= 4:
            # "Kremlin: ...": a source, or a topic; either way not plainly the writer's claim
            attribution = attribution or f"{label}:"
            break
        else:
            break
        offset += match.end()
        text = text[match.end() :]
    if attribution is None:
        if text.rstrip().endswith("?") or "?" in text:
            attribution = "?"
        elif _QUOTED.search(text):
            attribution = "quotation marks"
        else:
            cue = lex.attribution_re.search(text)
            if cue is not None:
                attribution = cue.group()
            else:
                tail = _TAIL.search(text)
                if tail is not None and _looks_like_source(tail.group("tail")):
                    attribution = tail.group("tail").strip()
    return HeadlineReading(text, offset, attribution, opinion)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_SOURCE_TAIL = _words(
    "police officials report reports media sources source ministry government kremlin army military "
    "study survey poll witnesses residents spokesman spokeswoman spokesperson agency paper"
)


def _looks_like_source(tail: str) -> bool:
    return any(w.lower().strip(".,'’\"") in _SOURCE_TAIL for w in tail.split())


def _bare(word: str) -> str:
    return word.removesuffix("'s").removesuffix("’s")


_SEGMENT = lazy_compile(r"\s*(?:[:;|]|\s[-–—]\s)\s*")


def headline_mentions(text: str, lex: EventLexicon, names: frozenset[str]) -> list[Mention]:
    """Event mentions of a headline (without its label), read case-blind: in title case every
    word is capitalised, so an actor is a word before the predicate that the body writes as a
    name ("Zelensky") or an alias ("Kremlin"); the target is the rest of its segment."""
    mentions: list[Mention] = []
    lowered_names = frozenset(n.lower() for n in names)
    position = 0
    for part in _SEGMENT.split(text):
        segment_start = text.find(part, position) if part else position
        position = segment_start + len(part)
        tokens = tokenize(part)
        i = 0
        while i < len(tokens):
            found = lex.predicate_at(tokens, i) if tokens[i].low in lex.first_words else None
            if found is None:
                i += 1
                continue
            size, classes = found
            before = [
                t for t in tokens[:i] if t.is_word and (_bare(t.low) in lowered_names or t.low in lex.alias_group)
            ]
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
