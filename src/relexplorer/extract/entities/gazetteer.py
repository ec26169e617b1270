"""The gazetteer: known names, and the word lists that steer the rules.

``data/gazetteer.yaml`` lists countries, cities, regions, organisations and their acronyms,
and well-known people, each with its other surface forms; the rules look them up as
dictionary keys of word n-grams, longest first. Its ``lexicon`` lists the titles, organisation
words, function and common words, demonyms, given names and family names the rules use.
Demonyms ("Russian") are listed there and are deliberately not places. Weekday and month
names come from :mod:`relexplorer.lexicon`, not from the YAML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from relexplorer.extract.entities.tokens import CONNECTORS, norm
from relexplorer.lexicon import MONTH_ABBREVIATIONS, MONTH_NAMES, WEEKDAYS, load_data

PERSON = "person"
ORG = "organization"
PLACE = "place"

_KIND_OF_SECTION = {"places": PLACE, "organizations": ORG, "people": PERSON}

# Weekday and month names and abbreviations as prose capitalises them: never part of a name.
CALENDAR_WORDS = frozenset((*WEEKDAYS, *MONTH_NAMES, *MONTH_ABBREVIATIONS))

# Titles that do not end an organisation name when they appear inside one
# ("General Administration of Customs", "Chief Directorate").
_SOFT_TITLES = {
    "General", "Gen.", "Chief", "Deputy", "Leader", "Founder", "Chair", "Economist", "Analyst",
    "Researcher", "Scholar", "Academician", "Speaker", "Commander", "Head", "Captain", "Capt.",
    "Director", "Judge", "Envoy", "Representative",
}  # fmt: skip


@dataclass(slots=True)
class Gazetteer:
    """Known names and the word lists that steer the rules."""

    entries: dict[str, tuple[str, str]] = field(default_factory=dict)  # key -> (name, kind)
    max_words: dict[str, int] = field(default_factory=dict)  # first word -> longest key length
    titles: frozenset[str] = frozenset()
    org_blocking_titles: frozenset[str] = frozenset()
    lowercase_titles: re.Pattern[str] | None = None
    org_words: frozenset[str] = frozenset()
    function_words: frozenset[str] = frozenset()
    stop: frozenset[str] = frozenset()  # never part of a person's name
    demonyms: frozenset[str] = frozenset()
    given_names: frozenset[str] = frozenset()
    chinese_surnames: frozenset[str] = frozenset()
    korean_surnames: frozenset[str] = frozenset()
    name_shaped: dict[str, bool] = field(default_factory=dict)  # people.name_like's cache


def _key_words(key: str) -> list[str]:
    """The capitalised words of a key, i.e. the tokens a chunk would hold for it."""
    return [w for w in key.split(" ") if w and w not in CONNECTORS]


def _strip_possessive(word: str) -> str:
    return word[:-2] if word.endswith("'s") else word


def build_gazetteer(data: dict) -> Gazetteer:
    """Build a :class:`Gazetteer` from the parsed YAML structure of ``gazetteer.yaml``."""
    gaz = Gazetteer()
    for section, kind in _KIND_OF_SECTION.items():
        for name, aliases in (data.get(section) or {}).items():
            for surface in [name, *(aliases or [])]:
                key = norm(str(surface))
                words = _key_words(key)
                if not words:
                    continue
                gaz.entries.setdefault(key, (str(name), kind))
                first = _strip_possessive(words[0])
                gaz.max_words[first] = max(gaz.max_words.get(first, 0), len(words))
    lex = data.get("lexicon") or {}

    def words(name: str) -> frozenset[str]:
        return frozenset(str(w) for w in lex.get(name) or [])

    gaz.titles = words("titles")
    gaz.org_blocking_titles = frozenset(gaz.titles - _SOFT_TITLES)
    lower = sorted(words("lowercase_titles"), key=len, reverse=True)
    if lower:
        gaz.lowercase_titles = re.compile(
            r"(?<![\w-])(?:" + "|".join(re.escape(w) for w in lower) + r")\s+$"
        )
    gaz.org_words = words("org_words")
    gaz.function_words = words("function_words")
    gaz.demonyms = words("demonyms")
    gaz.stop = frozenset(
        gaz.function_words
        | words("common_words")
        | CALENDAR_WORDS
        | gaz.demonyms
        | gaz.titles
        | gaz.org_words
    )
    places = {n for n, (_, k) in gaz.entries.items() if k == PLACE}
    gaz.given_names = frozenset(words("given_names") - places)
    gaz.chinese_surnames = words("chinese_surnames")
    gaz.korean_surnames = words("korean_surnames")
    return gaz


@lru_cache(maxsize=4)
def load_gazetteer(path: str | None = None) -> Gazetteer:
    """Load (once) the bundled gazetteer, or the YAML file at ``path``."""
    if path is None:
        return build_gazetteer(load_data("gazetteer.yaml"))
    import yaml  # only for a gazetteer of one's own, as load_data imports it only when used

    return build_gazetteer(yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {})
