"""British and American spelling pairs, from the ``spelling-en`` pack (kind ``spelling-variants``),
built by ``newslint.devtools.build_spelling``."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Literal

from newslint.packs import Pack, PackError, load_pack, register_kind
from newslint.places.records import str_list

__all__ = ["SpellingVariant", "SpellingVariants", "Variety"]

SPELLING_PACK = "spelling-en"

register_kind(
    "spelling-variants",
    {
        "pairs": dict,
        "oxford": dict,
        "british_only": dict,
        "american_only": dict,
        "exclude": list,
        "proper_names": list,
    },
)

Variety = Literal["en-GB", "en-US"]

@dataclass(frozen=True, slots=True)
class SpellingVariant:
    """A word that marks one variety of English, and its spelling in the other variety.

    ``oxford`` is true for -ise/-ize pairs: the -ize form is also correct British (Oxford) spelling,
    so a rule may want to treat it as neutral.
    """

    variety: Variety
    counterpart: str
    oxford: bool = False


def _match_case(model: str, word: str) -> str:
    if model.isupper() and len(model) > 1:
        return word.upper()
    if model[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


@dataclass
class SpellingVariants:
    """British and American spellings; a word is classified only if it marks its variety."""

    _words: dict[str, SpellingVariant]
    proper_names: tuple[str, ...] = ()
    _others: dict[str, str] = field(default_factory=dict)  # every listed word -> its other spelling

    @classmethod
    def load(cls, user_files: Iterable[str | Path] = ()) -> SpellingVariants:
        return _load_spelling(tuple(str(f) for f in user_files))

    @classmethod
    def from_pack(cls, pack: Pack) -> SpellingVariants:
        words: dict[str, SpellingVariant] = {}
        others: dict[str, str] = {}

        def table(key: str) -> dict[str, str]:
            value = pack.get(key, {})
            if not all(isinstance(v, str) for v in value.values()):
                raise PackError(f"{pack.path}: every value of {key!r} must be a string")
            return dict(value)

        for british, american in table("pairs").items():
            words[british] = SpellingVariant("en-GB", american)
            words[american] = SpellingVariant("en-US", british)
        for british, american in table("oxford").items():
            words[british] = SpellingVariant("en-GB", american, oxford=True)
            words[american] = SpellingVariant("en-US", british, oxford=True)
        for british, american in table("british_only").items():
            words[british] = SpellingVariant("en-GB", american)
        for american, british in table("american_only").items():
            words[american] = SpellingVariant("en-US", british)
        for key in ("pairs", "oxford", "british_only", "american_only"):
            for first, second in table(key).items():
                others[first] = second
                others[second] = first
        for word in str_list(pack.get("exclude"), f"{pack.path}: exclude"):
            words.pop(word.casefold(), None)
            others.pop(word.casefold(), None)
        proper = tuple(str_list(pack.get("proper_names"), f"{pack.path}: proper_names"))
        return cls(words, proper, others)

    def __len__(self) -> int:
        return len(self._words)

    def classify(self, word: str) -> SpellingVariant | None:
        """The variety ``word`` marks and its counterpart in the input's capitalisation, or None."""
        found = self._words.get(word.casefold())
        if found is None:
            return None
        return replace(found, counterpart=_match_case(word, found.counterpart))

    def other_spelling(self, word: str) -> str | None:
        """The other variety's spelling of ``word`` even when ``word`` marks no variety.

        SCOWL accepts "travelled" in American English, so ``classify("travelled")`` is None, but an
        article that writes both "travelled" and "traveled" is still inconsistent: this finds that.
        """
        other = self._others.get(word.casefold())
        return _match_case(word, other) if other is not None else None

    def words(self) -> frozenset[str]:
        """Every listed spelling (lower case): the classified ones and their counterparts."""
        return frozenset(self._words) | frozenset(self._others)

    def variety(self, word: str) -> Variety | None:
        found = self._words.get(word.casefold())
        return found.variety if found is not None else None


@lru_cache(maxsize=32)
def _load_spelling(user_files: tuple[str, ...]) -> SpellingVariants:
    return SpellingVariants.from_pack(load_pack(SPELLING_PACK, user_files))
