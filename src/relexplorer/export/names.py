"""Authors for citations: a byline as stored (``"Anna Berg and John Smith"``) becomes a list of
names with a family part, a given part, or a literal (an organisation).

The byline is split on ``;``, on `` and `` and ``&`` between names (``Procter & Gamble`` stays
whole), and on commas between names of two words or more;
``"Berg, Anna"`` is one inverted name. Chinese and Korean names written family name first
(``Zhao Mingwen``, ``Moon Jae-in``) keep that order, by the same rule the entity finder uses.
Nothing is guessed beyond that: a one-word byline or one with an organisation's word
(``Reuters``, ``Ministry of Foreign Affairs``) is a literal name, cited as written.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

# A group that signs as a newsroom ("Reuters Staff", "Editorial Board"): cited as written.
_GROUP_WORDS = frozenset({"Staff", "Desk", "Team", "Editors", "Editorial", "Reporters", "Newsroom",
                          "Correspondents", "Writers", "Contributors", "News", "Press"})
_PARTICLES = frozenset({"van", "von", "der", "den", "de", "da", "dos", "del", "della", "di", "du", "le",
                        "la", "bin", "ibn", "al", "el", "ter", "ten"})
_SUFFIXES = frozenset({"Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV"})
_SEMICOLON = re.compile(r"\s*;\s*")
_AND = re.compile(r"\s+and\s+|\s*&\s*", re.I)
_COMMA = re.compile(r"\s*,\s*(?:and\s+)?", re.I)


@dataclass(frozen=True, slots=True)
class PersonName:
    """One author: ``family`` and ``given`` parts, or a ``literal`` name (an organisation).

    ``family_first`` says the name is written family name first (``Zhao Mingwen``).
    """

    family: str = ""
    given: str = ""
    literal: str = ""
    family_first: bool = False
    suffix: str = ""

    @property
    def written(self) -> str:
        """The name in its natural reading order: ``Anna Berg``, ``Zhao Mingwen``."""
        if self.literal:
            return self.literal
        parts = [self.family, self.given] if self.family_first else [self.given, self.family]
        name = " ".join(p for p in parts if p)
        return f"{name} {self.suffix}" if self.suffix else name

    @property
    def inverted(self) -> str:
        """``Berg, Anna`` (a family-first name stays as written: ``Zhao Mingwen``)."""
        if self.literal or self.family_first or not self.given:
            return self.written
        return f"{self.family}, {self.given}" + (f", {self.suffix}" if self.suffix else "")

    @property
    def initials(self) -> str:
        """``A.`` for Anna, ``J.-I.`` for Jae-in, ``J. P.`` for John Paul."""
        words = self.given.split()
        return " ".join("-".join(f"{part[0].upper()}." for part in word.split("-") if part) for word in words)

    @property
    def sort_key(self) -> str:
        """What a bibliography sorts by: the family name (or the literal), then the given."""
        return ascii_fold(f"{self.literal or self.family} {self.given}").lower()


def parse_names(byline: str) -> list[PersonName]:
    """The authors named in a stored byline, in order (none for an empty one)."""
    byline = " ".join(byline.split()).strip(" ,;")
    if not byline:
        return []
    names: list[PersonName] = []
    for part in _parts(byline):
        pieces = [p for p in _COMMA.split(part) if p]
        if len(pieces) > 1 and all(len(p.split()) >= 2 for p in pieces):
            names += [_one_name(p) for p in pieces]  # "Anna Berg, John Smith, and Jane Doe"
        else:
            names.append(_one_name(part))
    return names


def _parts(byline: str) -> list[str]:
    """The byline split on ";", and on "and" / "&" between names: "Procter & Gamble" or
    "Smith & Co" (a one-word side) stay whole."""
    parts: list[str] = []
    for chunk in _SEMICOLON.split(byline):
        pieces = [p.strip(" ,") for p in _AND.split(chunk)]
        if len(pieces) > 1 and all(len(p.split()) >= 2 or "," in p for p in pieces):
            parts += pieces
        else:
            parts.append(chunk.strip(" ,"))
    return [p for p in parts if p]


def _one_name(text: str) -> PersonName:
    words = text.split()
    if _is_literal(words):
        return PersonName(literal=text)
    if "," in text:  # "Berg, Anna" or "Berg, Anna, Jr."
        family, _, rest = text.partition(",")
        given, _, suffix = rest.partition(",")
        family, given = family.strip(), given.strip()
        return PersonName(family=family, given=given, suffix=suffix.strip(),
                          family_first=_family_name_first([family, given]))
    suffix = ""
    if len(words) > 2 and words[-1] in _SUFFIXES:
        suffix, words = words[-1], words[:-1]
    if _family_name_first(words):
        return PersonName(family=words[0], given=" ".join(words[1:]), family_first=True)
    # The family name is the last word with the particles before it ("Ursula von der Leyen").
    start = len(words) - 1
    while start > 1 and words[start - 1].lower() in _PARTICLES:
        start -= 1
    return PersonName(family=" ".join(words[start:]), given=" ".join(words[:start]), suffix=suffix)


def _is_literal(words: list[str]) -> bool:
    if len(words) < 2 or any(not any(ch.isalpha() for ch in w) for w in words):
        return True
    org_words = _organisation_words()
    return any(w.strip(",.") in org_words or w in _GROUP_WORDS for w in words)


@cache
def _organisation_words() -> frozenset[str]:
    from relexplorer.extract.entities.gazetteer import load_gazetteer

    return load_gazetteer().org_words


def _family_name_first(words: list[str]) -> bool:
    from relexplorer.extract.entities.gazetteer import load_gazetteer
    from relexplorer.extract.entities.people import family_name_first

    return len(words) == 2 and family_name_first(load_gazetteer(), words)


def ascii_fold(text: str) -> str:
    """``Müller`` -> ``Muller``: the ASCII letters of ``text`` (accents dropped)."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
