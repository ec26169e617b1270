"""The genre knowledge of ``data/series.yaml``, compiled once: parties, measures and cue words."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from relexplorer.lexicon import load_data


@dataclass(frozen=True, slots=True)
class Measure:
    """One thing a figure can measure: ``trade`` (a pair), ``exports`` (a flow), a budget (own)."""

    name: str
    shape: str  # "pair" | "flow" | "own"
    label: str
    direction: str = ""  # for a flow: "out" (exports) or "in" (imports)


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """Compiled patterns; each ``*_re`` finds its words on word boundaries."""

    parties_re: re.Pattern[str]
    party_of: dict[str, str]  # a form as written -> the party's name
    measures_re: re.Pattern[str]
    measure_of: dict[str, Measure]  # a phrase, lower case -> its measure
    bilateral_re: re.Pattern[str]
    growth_re: re.Pattern[str]
    share_re: re.Pattern[str]
    blockers_re: re.Pattern[str]
    estimate_re: re.Pattern[str]
    products_re: re.Pattern[str]
    modifiers: frozenset[str]
    not_before_re: re.Pattern[str]
    adjectives: frozenset[str]
    targets_re: re.Pattern[str]
    group_re: re.Pattern[str]
    relative_re: re.Pattern[str]
    relative_of: dict[str, int]  # "last year" -> -1


def _alternation(words, flags: int = re.IGNORECASE, tail: str = "", head: str = r"(?<![\w-])") -> re.Pattern[str]:
    forms = sorted({str(w) for w in words}, key=len, reverse=True)
    body = "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in forms)
    return re.compile(rf"{head}(?:{body})(?![\w]){tail}", flags)


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """The bundled vocabulary, loaded once per process."""
    data = load_data("series.yaml")
    party_of: dict[str, str] = {}
    for name, forms in data["parties"].items():
        for form in forms:
            party_of[str(form)] = str(name)
    measure_of: dict[str, Measure] = {}
    for name, spec in data["measures"].items():
        measure = Measure(str(name), spec["shape"], spec.get("label", name), spec.get("direction", ""))
        for word in spec["words"]:
            measure_of[" ".join(str(word).lower().split())] = measure
    relative = {str(k).lower(): int(v) for k, v in data["relative_years"].items()}
    return Vocabulary(
        # "US$5 billion", "5 billion U.S. dollars": a currency, not a party.
        parties_re=_alternation(party_of, 0, tail=r"(?!\$|\s+dollars?\b)", head=r"(?<!\w)"),
        party_of=party_of,
        measures_re=_alternation(measure_of),
        measure_of=measure_of,
        bilateral_re=_alternation(data["bilateral"]),
        growth_re=_alternation(data["growth"]),
        share_re=re.compile(r"\A\s*(?:of\b|share\b)", re.IGNORECASE),
        blockers_re=_alternation(data["blockers"]),
        estimate_re=_alternation(data["estimate"]),
        products_re=_alternation(data["products"]),
        modifiers=frozenset(str(w).lower() for w in data["modifiers"]),
        not_before_re=re.compile(r"\A\s+" + _alternation(data["not_before"]).pattern, re.IGNORECASE),
        adjectives=frozenset(str(w) for w in data["adjectives"]),
        targets_re=_alternation(data["targets"]),
        group_re=_alternation(data["group"]),
        relative_re=_alternation(relative),
        relative_of=relative,
    )


def party_name(form: str) -> str:
    """The party a form names ("Beijing" -> "China"); forms are matched as written."""
    return vocabulary().party_of.get(" ".join(form.split()), form)


def measure_named(phrase: str) -> Measure:
    """The measure a matched phrase names."""
    return vocabulary().measure_of[" ".join(phrase.lower().split())]
