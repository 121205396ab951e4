"""Events in a headline or a sentence: who did what to what, read from the words around a predicate.

An event mention is a predicate of a known class ("rejected", "refusal", "turn down" are all
``reject``), the actor doing it and the target it is done to. No tagger: the actor is read from
the words around the predicate (the name run right before a finite verb, the clause's subject
for a participle after a comma, "by X" for a passive, "X's" before a nominalisation), the target
from the words after it (or the antecedent of "which"/"that"). Anything the reader cannot pin
down stays unknown (``None``), and the rules treat unknown as "could be the same": an unknown
actor never makes a headline wrong.

Every word list comes from the ``events`` pack (``rules/events.toml``). Offsets are character
indices into the string passed in.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import NamedTuple

from newslint.lazyre import lazy_compile
from newslint.text.event_lexicon import EventLexicon, event_lexicon

__all__ = [
    "AUXILIARIES",
    "DETERMINERS",
    "PREPOSITIONS",
    "ActorLinks",
    "EventLexicon",
    "Mention",
    "Token",
    "event_lexicon",
    "sentence_mentions",
    "target_keys",
    "tokenize",
]


class Token:
    """One word or punctuation mark: offsets into the sentence, the text and its lower case.
    A plain slotted class, not a frozen dataclass: every body sentence makes a few dozen, and a
    frozen dataclass's ``__init__`` costs three times as much. Treat it as immutable."""

    __slots__ = ("end", "low", "start", "text")

    def __init__(self, start: int, end: int, text: str, low: str) -> None:
        self.start = start
        self.end = end
        self.text = text
        self.low = low

    def __repr__(self) -> str:
        return f"Token({self.start}, {self.end}, {self.text!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Token) and (self.start, self.end, self.text) == (other.start, other.end, other.text)

    def __hash__(self) -> int:
        return hash((self.start, self.end, self.text))

    @property
    def is_word(self) -> bool:
        return self.text[:1].isalnum()

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()

    @property
    def possessive(self) -> bool:
        return self.low.endswith(("'s", "’s", "s'", "s’"))


_TOKEN = lazy_compile(r"[\p{L}\p{N}]+(?:['’.\-][\p{L}\p{N}]+)*['’]?|[,;:!?.()\[\]\"“”—–]")


def tokenize(text: str) -> list[Token]:
    # findall, then str.find for each token's offset: cheaper than three calls on a match
    # object. A token starts with a letter, digit or listed punctuation mark, none of which the
    # pattern ever skips, so the first occurrence at or after the previous token is this one.
    tokens: list[Token] = []
    position = 0
    find = text.find
    for word in _TOKEN.findall(text):
        start = find(word, position)
        position = start + len(word)
        tokens.append(Token(start, position, word, word.lower()))
    return tokens


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words that sit between a subject and its verb ("Russia has also rejected").
AUXILIARIES = _words(
    "has have had is was are were will would shall should can could may might must did does do "
    "been be being also not never now then later already still again formally finally effectively "
    "reportedly allegedly apparently flatly firmly repeatedly once just n't swiftly quickly"
)
_BE = _words("is was are were been being be")
_PRONOUNS = _words("he she they it we i you this these those")
_RELATIVES = _words("which that who whom")
PREPOSITIONS = _words(
    "of on in at to for with from by into onto over under about against near across after before "
    "between among toward towards via around through during without within like than per upon"
)
DETERMINERS = _words("a an the this that these those its his her their our my your some any every each no new")
# Capitalised sentence openers that are never names.
_NOT_NAMES = _words(
    "the a an this that these those it its he she they we i in on at as if but and or so yet however "
    "meanwhile although though when while after before since there here then now also according amid "
    "despite last earlier later what why how who where still both all one no not many most some such "
    "during with without for from by to of our his her their my"
)
_CLAUSE_BREAK = frozenset({";", ":", "(", ")", "[", "]", "—", "–", "\"", "“", "”", "?", "!", "."})
_LINKS = _words("while after by before when")
_TARGET_STOP = _words("while whereas but and because although though as after before since when if so which who")


class Mention(NamedTuple):
    """One event mention. ``actor_keys`` is ``None`` when the actor could not be read; ``named``
    says the actor contains a proper name (only then can it contradict another actor)."""

    classes: frozenset[str]
    kind: str  # verb, participle, passive, noun, headline
    start: int
    end: int
    predicate: str
    actor: str | None
    actor_keys: frozenset[str] | None
    named: bool
    target: str
    target_classes: frozenset[str]
    target_keys: frozenset[str]


# ---------------------------------------------------------------------------- actors


def actor_keys(words: Iterable[str], lex: EventLexicon) -> frozenset[str]:
    """Comparison keys of an actor's name words: titles dropped, aliases folded to their group
    ("Kremlin" and "Moscow" meet), the rest cut to five letters ("Ukrainian" meets "Ukraine")."""
    given = tuple(words)
    cache = lex.actor_cache
    found = cache.get(given)
    if found is None:
        if len(cache) >= _ACTOR_CACHE_SIZE:
            cache.clear()
        found = cache[given] = _actor_keys(given, lex)
    return found


_ACTOR_CACHE_SIZE = 20_000


def _actor_keys(given: tuple[str, ...], lex: EventLexicon) -> frozenset[str]:
    words = [w.lower().rstrip("'’").removesuffix("'s").removesuffix("’s") for w in given]
    keys: set[str] = set()
    skip = 0
    for index, word in enumerate(words):
        if skip:
            skip -= 1
            continue
        for size in (3, 2):
            group = lex.alias_group.get(" ".join(words[index : index + size]))
            if group is not None and index + size <= len(words):
                keys.add(f"={group}")
                skip = size - 1
                break
        else:
            group = lex.alias_group.get(word)
            if group is not None:
                keys.add(f"={group}")
            elif word not in lex.titles and word not in _NOT_NAMES and len(word) >= 2:
                keys.add(word[:5])
    return frozenset(keys)


class ActorLinks:
    """Which actor keys name the same party in this article: the words of one name run
    ("Governor Alma Castell") are one party; aliases are folded already."""

    def __init__(self) -> None:
        self._parent: dict[str, str] = {}

    def _find(self, key: str) -> str:
        parent = self._parent
        root = key
        while parent.get(root, root) != root:
            root = parent[root]
        while parent.get(key, key) != root:
            parent[key], key = root, parent[key]
        return root

    def link(self, keys: Iterable[str]) -> None:
        keys = list(keys)
        for key in keys[1:]:
            a, b = self._find(keys[0]), self._find(key)
            if a != b:
                self._parent[b] = a

    def same(self, left: Iterable[str], right: Iterable[str]) -> bool:
        roots = {self._find(k) for k in left}
        return any(self._find(k) in roots for k in right)


def name_runs(tokens: Sequence[Token], names: frozenset[str]) -> list[tuple[int, int]]:
    """Runs of name tokens (``[i, j)``) in a sentence: capitalised words, the first one only when
    the article capitalises it mid-sentence somewhere."""
    flags = _name_flags(tokens, names)
    runs: list[tuple[int, int]] = []
    i = 0
    count = len(tokens)
    while i < count:
        if flags[i]:
            j = i + 1
            while j < count and flags[j] and not tokens[j - 1].possessive:
                j += 1
            runs.append((i, j))
            i = j
        else:
            i += 1
    return runs


_OPENERS = frozenset({".", "!", "?", "\"", "“", ":", "(", "—", "–"})


def _name_flags(tokens: Sequence[Token], names: frozenset[str]) -> list[bool]:
    """``_is_name`` of every token, in one pass."""
    flags: list[bool] = []
    previous = ""
    for token in tokens:
        text = token.text
        if not text[:1].isupper() or token.low in _NOT_NAMES:
            flags.append(False)
        elif not previous or previous in _OPENERS:
            flags.append(_bare(text) in names)
        else:
            flags.append(True)
        previous = text
    return flags


def _is_name(tokens: Sequence[Token], i: int, names: frozenset[str]) -> bool:
    token = tokens[i]
    if not token.capitalised or token.low in _NOT_NAMES:
        return False
    opening = i == 0 or tokens[i - 1].text in _OPENERS
    return not opening or _bare(token.text) in names


def _bare(word: str) -> str:
    return word.removesuffix("'s").removesuffix("’s").rstrip("'’")


# ---------------------------------------------------------------------------- sentences


def sentence_mentions(
    text: str, lex: EventLexicon, names: frozenset[str], tokens: Sequence[Token] | None = None
) -> list[Mention]:
    """Event mentions of one body sentence, in order."""
    if tokens is None:
        tokens = tokenize(text)
    mentions: list[Mention] = []
    first_words = lex.first_words
    runs: list[tuple[int, int]] | None = None
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.low not in first_words:
            i += 1
            continue
        found = lex.predicate_at(tokens, i)
        if found is None or (token.capitalised and i > 0 and _is_name(tokens, i, names)):
            i += 1
            continue
        size, classes = found
        if runs is None:
            runs = name_runs(tokens, names)
        mentions.append(_read_mention(text, tokens, i, size, classes, lex, runs))
        i += size
    return mentions


def _read_mention(
    text: str,
    tokens: Sequence[Token],
    i: int,
    size: int,
    classes: frozenset[str],
    lex: EventLexicon,
    runs: list[tuple[int, int]],
) -> Mention:
    low = tokens[i].low
    prev = _skip_auxiliaries(tokens, i)
    previous = tokens[prev] if prev >= 0 else None
    is_noun = low in lex.nouns and (
        low not in lex.verb_forms
        or previous is None
        or previous.low in DETERMINERS
        or previous.possessive
        or (previous.is_word and not previous.capitalised and previous.low not in _RELATIVES and prev == i - 1)
    )
    after = i + size
    actor: tuple[int, int] | None = None
    unknown = False
    target_tokens: list[Token] = []
    if is_noun:
        kind = "noun"
        if previous is not None and previous.possessive and _run_ending(runs, prev) is not None:
            actor = _run_ending(runs, prev)
        elif previous is not None and _run_ending(runs, prev) is not None:
            actor = _run_ending(runs, prev)  # "Russian refusal", "Kremlin rejection"
        else:
            by = _by_actor(tokens, after, runs)
            actor = by
        if after < len(tokens) and tokens[after].low in {"of", "to"}:
            target_tokens = _phrase_after(tokens, after + 1)
        elif previous is not None and previous.is_word and not previous.capitalised and prev == i - 1:
            target_tokens = [previous]  # "ceasefire rejection"
    elif low.endswith("ing") and previous is not None and (previous.text in {",", "—", "–"} or previous.low in _LINKS):
        kind = "participle"
        actor, unknown = _clause_subject(tokens, prev, runs)
        target_tokens = _phrase_after(tokens, after)
    elif any(tokens[k].low in _BE for k in range(prev + 1, i)) and not low.endswith(("s", "ing")):
        kind = "passive"
        actor = _by_actor(tokens, after, runs)
        start = prev
        while start >= 0 and tokens[start].is_word and tokens[start].low not in _RELATIVES and i - start < 6:
            start -= 1
        target_tokens = list(tokens[start + 1 : prev + 1])
    else:
        kind = "verb"
        if previous is None or previous.low in _PRONOUNS:
            unknown = True
        elif previous.low in _RELATIVES:
            antecedent = prev - 1
            if antecedent >= 0 and tokens[antecedent].text == ",":
                antecedent -= 1
            actor = _run_ending(runs, antecedent) if antecedent >= 0 else None
        else:
            actor = _run_ending(runs, prev) or _subject_phrase(tokens, prev, runs)
        target_tokens = _phrase_after(tokens, after)
        if actor is not None and actor[0] >= 1 and tokens[actor[0] - 1].low in {"which", "that"}:
            # "the plan which Castell rejects": the target is what "which" stands for
            target_tokens = _phrase_before(tokens, actor[0] - 1) + target_tokens
    actor_text: str | None = None
    keys: frozenset[str] | None = None
    named = False
    if actor is not None and not unknown:
        words = tokens[actor[0] : actor[1]]
        keys = actor_keys((t.text for t in words if t.is_word), lex) or None
        named = keys is not None and any(_run_ending(runs, k) is not None for k in range(actor[0], actor[1]))
        actor_text = text[words[0].start : words[-1].end]
    actor_span = range(actor[0], actor[1]) if actor else range(0)
    target_tokens = [t for t in target_tokens if t.is_word]
    target_classes = lex.object_classes(target_tokens)
    keys_of_target = target_keys(target_tokens, lex, exclude={tokens[k].low for k in actor_span})
    return Mention(
        classes=classes,
        kind=kind,
        start=tokens[i].start,
        end=tokens[i + size - 1].end,
        predicate=text[tokens[i].start : tokens[i + size - 1].end],
        actor=actor_text,
        actor_keys=keys,
        named=named,
        target=" ".join(t.text for t in target_tokens),
        target_classes=target_classes,
        target_keys=keys_of_target,
    )


def _skip_auxiliaries(tokens: Sequence[Token], i: int) -> int:
    j = i - 1
    while j >= 0 and (tokens[j].low in AUXILIARIES or (tokens[j].low.endswith("ly") and len(tokens[j].low) > 4)):
        j -= 1
    return j


def _run_ending(runs: list[tuple[int, int]], index: int) -> tuple[int, int] | None:
    """The name run that ends at token ``index`` (inclusive), extended left over "X and Y"."""
    for start, end in runs:
        if end - 1 == index:
            return start, end
    return None


def _subject_phrase(tokens: Sequence[Token], j: int, runs: list[tuple[int, int]]) -> tuple[int, int] | None:
    """A common-noun subject right before the verb ("Russian forces", "the government"): the
    words back to a determiner or a break. Named only if a name run is inside it."""
    if not tokens[j].is_word or tokens[j].low in PREPOSITIONS or tokens[j].low in _TARGET_STOP:
        return None
    start = j
    while start - 1 >= 0 and j - start < 3:
        word = tokens[start - 1]
        if not word.is_word or word.low in DETERMINERS or word.low in PREPOSITIONS or word.low in _TARGET_STOP:
            break
        start -= 1
    return start, j + 1


def _clause_subject(
    tokens: Sequence[Token], j: int, runs: list[tuple[int, int]]
) -> tuple[tuple[int, int] | None, bool]:
    """The subject of the clause a participle hangs from: the nearest name run to the left that is
    neither a possessive ("Ukraine's military") nor the object of a preposition ("limits on
    Ukraine"). A pronoun subject on the way makes it unknown."""
    for start, end in sorted(runs, key=lambda r: -r[0]):
        if start > j:
            continue
        between = tokens[end : j + 1]
        if any(t.low in _PRONOUNS and t.low not in {"this", "these", "those"} for t in between):
            return None, True
        if tokens[end - 1].possessive:
            continue
        if start > 0 and tokens[start - 1].low in PREPOSITIONS:
            continue
        if start > 0 and tokens[start - 1].low in DETERMINERS and tokens[start - 1].low not in {"the"}:
            continue
        return (start, end), False
    return None, True


def _by_actor(tokens: Sequence[Token], k: int, runs: list[tuple[int, int]]) -> tuple[int, int] | None:
    for step in range(k, min(k + 6, len(tokens))):
        if tokens[step].text in _CLAUSE_BREAK or tokens[step].text == ",":
            return None
        if tokens[step].low == "by" and step + 1 < len(tokens):
            start = step + 1
            if tokens[start].low == "the":
                start += 1
            for run in runs:
                if run[0] == start:
                    return run
            return None
    return None


def _phrase_after(tokens: Sequence[Token], k: int, limit: int = 7) -> list[Token]:
    out: list[Token] = []
    for token in tokens[k : k + limit]:
        if token.text in _CLAUSE_BREAK or token.text == "," or token.low in _TARGET_STOP:
            break
        out.append(token)
    return out


def _phrase_before(tokens: Sequence[Token], k: int, limit: int = 4) -> list[Token]:
    out: list[Token] = []
    j = k - 1
    while j >= 0 and len(out) < limit:
        token = tokens[j]
        if token.text in _CLAUSE_BREAK or token.text == "," or token.low in _TARGET_STOP:
            break
        out.insert(0, token)
        j -= 1
    return out


_FUNCTION = _words(
    "a an the of to in on at for with by from and or its his her their this that these those new some "
    "any over into after before about against as up down out off is are was were be been has have had"
)


def target_keys(tokens: Sequence[Token], lex: EventLexicon, exclude: set[str]) -> frozenset[str]:
    keys: set[str] = set()
    for token in tokens:
        if token.low in exclude or token.low in _FUNCTION or token.low in lex.verb_forms or len(token.low) < 3:
            continue
        group = lex.alias_group.get(token.low)
        keys.add(f"={group}" if group is not None else _bare(token.low)[:5])
    return frozenset(keys)
