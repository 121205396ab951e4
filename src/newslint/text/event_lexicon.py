"""The ``events`` pack compiled: predicate and target classes, actor titles and aliases, and the
headline and report cues (``rules/events.toml``). The readers are in ``newslint.text.events``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import regex

from newslint.lazyre import lazy_compile
from newslint.packs import Pack, PackError, load_pack, register_kind
from newslint.text.keys import regular_forms

if TYPE_CHECKING:
    from newslint.text.events import Token

__all__ = ["PACK_NAME", "EventLexicon", "event_lexicon"]

PACK_NAME = "events"
register_kind(
    PACK_NAME,
    {
        "predicates": list,
        "objects": list,
        "titles": list,
        "aliases": list,
        "headline_attribution": list,
        "headline_labels": list,
        "headline_sources": list,
        "headline_source_verbs": list,
        "headline_denials": list,
        "report_cues": list,
        "opinion_labels": list,
    },
)

@dataclass(frozen=True)
class EventLexicon:
    """The compiled ``events`` pack."""

    single: Mapping[str, frozenset[str]]  # one-word predicate form -> classes
    multi: Mapping[str, tuple[tuple[tuple[str, ...], frozenset[str]], ...]]  # first word -> phrases
    nouns: frozenset[str]  # forms that are (also) nominalisations
    verb_forms: frozenset[str]
    object_single: Mapping[str, frozenset[str]]
    object_multi: Mapping[str, tuple[tuple[tuple[str, ...], frozenset[str]], ...]]
    titles: frozenset[str]
    alias_group: Mapping[str, int]  # lower-case name (one or more words) -> group number
    attribution_re: Any
    labels: frozenset[str]
    opinion_labels: frozenset[str]
    headline_sources: frozenset[str] = field(default_factory=frozenset)
    source_verbs: frozenset[str] = field(default_factory=frozenset)  # "Police Name ...": a source
    denial_re: Any = None
    report_re: Any = None
    first_words: frozenset[str] = field(default_factory=frozenset)
    # forms_of / words_of by their classes: the rules ask the same few questions per article.
    _forms: dict[frozenset[str], frozenset[str]] = field(default_factory=dict, compare=False, repr=False)
    _words: dict[frozenset[str], frozenset[str]] = field(default_factory=dict, compare=False, repr=False)
    # actor_keys by the actor's words: an article names the same few parties in every sentence.
    actor_cache: dict[tuple[str, ...], frozenset[str]] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def from_pack(cls, pack: Pack) -> EventLexicon:
        single: dict[str, set[str]] = {}
        multi: dict[str, dict[tuple[str, ...], set[str]]] = {}
        nouns: set[str] = set()
        verbs: set[str] = set()

        def add(form: str, name: str) -> None:
            words = tuple(form.lower().split())
            if len(words) == 1:
                single.setdefault(words[0], set()).add(name)
            elif words:
                multi.setdefault(words[0], {}).setdefault(words, set()).add(name)

        for entry in pack.get("predicates", []):
            _check_keys(entry, "predicates", {"class", "verbs", "forms", "nouns"})
            name = str(entry["class"])
            for lemma in entry.get("verbs", []):
                head, *rest = str(lemma).lower().split()
                for form in regular_forms(head):
                    add(" ".join([form, *rest]), name)
                    if not rest:
                        verbs.add(form)
            for form in entry.get("forms", []):
                add(str(form), name)
                verbs.add(str(form).lower().split()[0])
            for noun in entry.get("nouns", []):
                add(str(noun), name)
                nouns.add(str(noun).lower().split()[-1])
        objects_single: dict[str, set[str]] = {}
        objects_multi: dict[str, dict[tuple[str, ...], set[str]]] = {}
        for entry in pack.get("objects", []):
            _check_keys(entry, "objects", {"class", "words"})
            for word in entry.get("words", []):
                words = tuple(str(word).lower().split())
                if len(words) == 1:
                    objects_single.setdefault(words[0], set()).add(str(entry["class"]))
                elif words:
                    objects_multi.setdefault(words[0], {}).setdefault(words, set()).add(str(entry["class"]))
        alias_group: dict[str, int] = {}
        for number, group in enumerate(pack.get("aliases", [])):
            for name in group:
                alias_group[" ".join(str(name).lower().split())] = number
        patterns = pack.get("headline_attribution", [])
        return cls(
            single={k: frozenset(v) for k, v in single.items()},
            multi={
                k: tuple((w, frozenset(c)) for w, c in sorted(v.items(), key=lambda i: -len(i[0])))
                for k, v in multi.items()
            },
            nouns=frozenset(nouns),
            verb_forms=frozenset(verbs),
            object_single={k: frozenset(v) for k, v in objects_single.items()},
            object_multi={
                k: tuple((w, frozenset(c)) for w, c in sorted(v.items(), key=lambda i: -len(i[0])))
                for k, v in objects_multi.items()
            },
            titles=frozenset(str(t).lower() for t in pack.get("titles", [])),
            alias_group=alias_group,
            attribution_re=_alternatives(patterns),
            labels=frozenset(" ".join(str(t).lower().split()) for t in pack.get("headline_labels", [])),
            opinion_labels=frozenset(" ".join(str(t).lower().split()) for t in pack.get("opinion_labels", [])),
            first_words=frozenset(single) | frozenset(multi),
            headline_sources=frozenset(str(t).lower() for t in pack.get("headline_sources", [])),
            source_verbs=frozenset(str(t).lower() for t in pack.get("headline_source_verbs", [])),
            denial_re=_alternatives(pack.get("headline_denials", [])),
            report_re=_alternatives(pack.get("report_cues", [])),
        )

    def forms_of(self, classes: frozenset[str]) -> frozenset[str]:
        """First words of the predicate forms of these classes."""
        known = self._forms.get(classes)
        if known is None:
            known = self._forms[classes] = _first_words(self.single, self.multi, classes)
        return known

    def words_of(self, classes: frozenset[str]) -> frozenset[str]:
        """First words of the target words of these classes ("truce", "cease-fire", ...)."""
        if not classes:
            return frozenset()
        known = self._words.get(classes)
        if known is None:
            known = self._words[classes] = _first_words(self.object_single, self.object_multi, classes)
        return known

    def predicate_at(self, tokens: Sequence[Token], i: int) -> tuple[int, frozenset[str]] | None:
        """(number of tokens, classes) of a predicate starting at token ``i``, longest first."""
        low = tokens[i].low
        for words, classes in self.multi.get(low, ()):
            if tuple(t.low for t in tokens[i : i + len(words)]) == words:
                return len(words), classes
        single = self.single.get(low)
        return (1, single) if single else None

    def object_classes(self, tokens: Sequence[Token]) -> frozenset[str]:
        found: set[str] = set()
        for i, token in enumerate(tokens):
            for words, classes in self.object_multi.get(token.low, ()):
                if tuple(t.low for t in tokens[i : i + len(words)]) == words:
                    found |= classes
                    break
            found |= self.object_single.get(token.low, frozenset())
        return frozenset(found)


def _alternatives(patterns: Iterable[Any]) -> Any:
    return lazy_compile("|".join(f"(?:{p})" for p in patterns) or r"(?!)", regex.IGNORECASE)


def _check_keys(entry: Any, table: str, allowed: set[str]) -> None:
    if not isinstance(entry, dict) or "class" not in entry:
        raise PackError(f"events pack: every {table} entry needs a 'class'")
    unknown = set(entry) - allowed
    if unknown:
        raise PackError(f"events pack: {table} entry {entry['class']!r} has unknown key(s) {sorted(unknown)}")


def _first_words(
    single: Mapping[str, frozenset[str]],
    multi: Mapping[str, tuple[tuple[tuple[str, ...], frozenset[str]], ...]],
    classes: frozenset[str],
) -> frozenset[str]:
    """The words that start a one-word or several-word entry of any of these classes."""
    found = {word for word, of in single.items() if of & classes}
    found |= {word for word, phrases in multi.items() if any(of & classes for _, of in phrases)}
    return frozenset(found)


@lru_cache(maxsize=8)
def event_lexicon(user_files: tuple[str, ...] = ()) -> EventLexicon:
    return EventLexicon.from_pack(load_pack(PACK_NAME, user_files))
