"""Lookups over the name and spelling packs, gathered in one import for rules and plugins.

The code lives in :mod:`newslint.places` (folding, records, gazetteer) and
:mod:`newslint.spelling_data` (British and American spelling pairs).
"""

from __future__ import annotations

from newslint.places.folding import fold, likely_same_name, skeleton, word_pattern
from newslint.places.gazetteer import Gazetteer
from newslint.places.records import FormerName, PlaceInfo, Role
from newslint.spelling_data import SpellingVariant, SpellingVariants

__all__ = [
    "FormerName",
    "Gazetteer",
    "PlaceInfo",
    "Role",
    "SpellingVariant",
    "SpellingVariants",
    "fold",
    "likely_same_name",
    "skeleton",
    "word_pattern",
]
