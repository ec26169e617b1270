"""The rule for unlisted geographic features, and place names that name something else.

A feature word after capitalised words (``Yellow River``), before one (``Lake Baikal``) or
with ``of`` (``Gulf of Oman``) makes a place the gazetteer need not list. A place name that
names an agreement, a currency or a crude blend (``Paris Agreement``, ``US$5 billion``,
``Urals crude``) is not a mention of the place.
"""

from __future__ import annotations

import re

from relexplorer.extract.entities.candidates import Cand, gaz_kind
from relexplorer.extract.entities.gazetteer import PLACE
from relexplorer.extract.entities.people import name_like
from relexplorer.extract.entities.tokens import Doc, Tok, norm

_FEATURES = {
    "Sea", "Ocean", "River", "Strait", "Straits", "Islands", "Island", "Peninsula", "Bay",
    "Gulf", "Mountains", "Lake", "Canal", "Desert", "Plateau", "Delta", "Basin", "Province",
    "Oblast", "Krai", "Prefecture", "Governorate", "Shoal", "Reef", "Atoll",
}  # fmt: skip
_FEATURE_OF = {"Gulf", "Bay", "Sea", "Strait", "Straits", "Isle", "Lake", "Port", "Gulfs"}
_FEATURE_BEFORE = {"Lake", "Mount", "Mt.", "Cape"}
# Any word that can make a feature: a chunk without one needs no look at this rule.
ANY_FEATURE = _FEATURES | _FEATURE_OF | _FEATURE_BEFORE
_DIRECTIONS = {
    "North", "South", "East", "West", "Northern", "Southern", "Eastern", "Western",
    "Northeast", "Northwest", "Southeast", "Southwest", "Upper", "Lower", "Greater", "Inner",
    "Outer", "Central", "Yellow", "Red", "White", "Black",
}  # fmt: skip
# The most words of a feature's name that ends in the feature word: "South China Sea".
_FEATURE_WORDS_MAX = 3
# A place name that names an agreement, a currency or a crude blend is not a mention of the
# place: "Paris Agreement", "US$5 billion", "US dollars", "Urals crude".
_NAMED_AFTER = re.compile(
    r"\s+(?:[Aa]greements?|[Aa]ccords?|[Tt]reaty|[Pp]rotocols?|[Cc]onsensus|[Ff]ormat|"
    r"[Pp]rocess|[Dd]eclaration|[Cc]ommuniqu[eé]|[Cc]harter|[Cc]onvention|[Dd]octrine|"
    r"[Ss]yndrome|dollars?|cents|crude|blend)\b|\$"
)


def geo_match(doc: Doc, toks: list[Tok], i: int) -> Cand | None:
    """Unlisted geographic features: "Gulf of Oman", "Lake Baikal", "Yellow River"."""
    gaz = doc.gaz
    n = len(toks)
    t = toks[i]
    if t.poss:
        return None
    j = 0
    if t.word in _FEATURE_OF and i + 1 < n and toks[i + 1].sep == "of":
        nxt = toks[i + 1]
        if gaz_kind(doc, nxt) == PLACE or name_like(doc, nxt, strict=True):
            j = i + 2
    elif t.word in _FEATURE_BEFORE and i + 1 < n and toks[i + 1].sep == "":
        if name_like(doc, toks[i + 1], strict=True):
            j = i + 2
    else:
        k = i
        while k < n and k - i < _FEATURE_WORDS_MAX:
            tk = toks[k]
            if k > i and tk.sep != "":
                break
            if tk.word in _FEATURES:
                if k > i:
                    j = k + 1
                break
            ok = (
                gaz_kind(doc, tk) == PLACE
                or tk.word in _DIRECTIONS
                or name_like(doc, tk, strict=True)
            )
            if not ok or tk.poss or (tk.initial and tk.word in gaz.stop):
                break
            k += 1
    if not j:
        return None
    return Cand(j, PLACE, norm(doc.text[t.start : toks[j - 1].end]), "geo")


def named_after(text: str, end: int) -> bool:
    """Does the place name ending at ``end`` name an agreement, currency or crude blend?"""
    return _NAMED_AFTER.match(text, end) is not None
