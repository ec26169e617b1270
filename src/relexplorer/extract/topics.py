"""Topics: themes from the taxonomy file, tagged onto facts.

The taxonomy (``data/taxonomy.yaml``) lists themes with keyword, prefix and phrase rules,
matched case-insensitively on word boundaries. Rather than one regular expression per topic
(Python's ``re`` tries every alternative at every position: about 1 MB/s for the ten topics),
the sentence is split once into words and punctuation by one compiled regex and the rules of
all topics are hash look-ups on those tokens, which is many times faster and equivalent: a
keyword matches a whole word, a phrase a run of whole words, a prefix the start of a word.
A sentence may get several topics or none.

The ``third-countries`` topic also looks for countries. It means "this fact involves a country
other than the two parties of the relationship", which a single sentence cannot know; so:

- ``Taxonomy.tag(sentence, parties={"China", "Russia"})`` fires on any other country or bloc;
- ``Taxonomy.tag_all(sentences)`` takes the parties to be the two countries the document
  names most (see :func:`guess_parties`) and tags every sentence with them;
- ``Taxonomy.tag(sentence)`` without parties fires when the sentence names at least
  ``min_countries`` (3) distinct countries or blocs, one of which must be a third party.

Its explicit phrases ("third countries", "trilateral") fire in every case.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from relexplorer.lexicon import parse_yaml

THIRD_COUNTRIES = "third-countries"


@dataclass(frozen=True, slots=True)
class Topic:
    """One theme of the taxonomy."""

    name: str
    label: str
    description: str = ""


# Words, and the punctuation that can sit inside a name or phrase ("e-commerce", "r&d",
# "people's", "opec+", "u.s."); other punctuation is dropped.
_TOKEN = re.compile(r"\w+|[-'’&+.]")


def _tokens(text: str) -> list[str]:
    """Words and inner punctuation marks: "China-Russia" -> ["China", "-", "Russia"]."""
    toks = _TOKEN.findall(text)
    if "’" in text:
        toks = ["'" if t == "’" else t for t in toks]
    return toks


class _PhraseMatcher:
    """Finds which labels' words, phrases and prefixes occur in a token list.

    Matching whole tokens makes every rule respect word boundaries; one hash look-up per token
    (plus one per phrase starting with it) keeps tagging fast however long the lists are.
    """

    def __init__(self) -> None:
        self.single: dict[str, set[str]] = {}
        self.multi: dict[str, list[tuple[tuple[str, ...], str, bool]]] = {}
        self.prefixes: dict[str, set[str]] = {}
        self.prefix_lengths: list[int] = []
        self.prefix_tuple: tuple[str, ...] = ()
        self.excluding: set[str] = set()  # labels that have exclusions
        self.single_keys: frozenset[str] = frozenset()
        self.multi_keys: frozenset[str] = frozenset()
        self.by_key: dict[str, list[tuple[tuple[str, ...], int, str, bool]]] = {}

    def add(self, phrase: str, label: str, exclude: bool = False) -> None:
        toks = tuple(_tokens(phrase))
        if not toks:
            return
        if exclude:
            self.excluding.add(label)
        if len(toks) == 1 and not exclude:
            self.single.setdefault(toks[0], set()).add(label)
        else:
            self.multi.setdefault(toks[0], []).append((toks, label, exclude))
            # Also indexed by their longest (rarest) word: "the moon" is looked for only in
            # sentences that say "moon", not in every sentence that says "the".
            offset = max(range(len(toks)), key=lambda k: len(toks[k]))
            entry = (toks, offset, label, exclude)
            self.by_key.setdefault(toks[offset], []).append(entry)
        # Sets, so that intersecting them with a sentence's words iterates the smaller side.
        self.single_keys = frozenset(self.single)
        self.multi_keys = frozenset(self.by_key)

    def add_prefix(self, prefix: str, label: str) -> None:
        prefix = prefix.strip()
        if prefix:
            self.prefixes.setdefault(prefix, set()).add(label)
            self.prefix_lengths = sorted({len(p) for p in self.prefixes})
            self.prefix_tuple = tuple(self.prefixes)

    def hits(self, toks: list[str]) -> list[tuple[int, int, str]]:
        """``(start, end, label)`` of every rule match; exclusions already applied."""
        found: list[tuple[int, int, str]] = []
        blocked: list[tuple[int, int, str]] = []
        single, multi, prefixes = self.single, self.multi, self.prefixes
        n = len(toks)
        for i, tok in enumerate(toks):
            labels = single.get(tok)
            if labels:
                found.extend((i, i + 1, label) for label in labels)
            phrases = multi.get(tok)
            if phrases:
                for phrase, label, exclude in phrases:
                    k = len(phrase)
                    if i + k <= n and tuple(toks[i : i + k]) == phrase:
                        (blocked if exclude else found).append((i, i + k, label))
            if prefixes:
                for length in self.prefix_lengths:
                    if length > len(tok):
                        break
                    labels = prefixes.get(tok[:length])
                    if labels:
                        found.extend((i, i + 1, label) for label in labels)
        if blocked:
            found = [
                h
                for h in found
                if not any(b[2] == h[2] and b[0] <= h[0] and h[1] <= b[1] for b in blocked)
            ]
        return found

    def labels(self, toks: list[str], text: str | None = None) -> set[str]:
        """The labels that match ``toks`` (the tokens of ``text``, if given, for speed)."""
        words = set(toks)
        found: set[str] = set()
        for word in words & self.single_keys:
            found |= self.single[word]
        keys = words & self.multi_keys
        if keys:
            exclusions = False
            for key in keys:
                phrases = self.by_key[key]
                i = toks.index(key)
                while True:
                    for phrase, offset, label, exclude in phrases:
                        start = i - offset
                        if start >= 0 and tuple(toks[start : start + len(phrase)]) == phrase:
                            if exclude:
                                exclusions = True
                            else:
                                found.add(label)
                    try:
                        i = toks.index(key, i + 1)
                    except ValueError:
                        break
            if exclusions and not found.isdisjoint(self.excluding):
                # Rare: an exclusion phrase may hide a keyword; redo it with positions.
                return {h[2] for h in self.hits(toks)}
        if self.prefix_tuple and (text is None or any(p in text for p in self.prefix_tuple)):
            for word in words:
                if word.startswith(self.prefix_tuple):
                    found |= self._prefix_labels(word)
        return found

    def _prefix_labels(self, word: str) -> set[str]:
        out: set[str] = set()
        for length in self.prefix_lengths:
            out |= self.prefixes.get(word[:length], set())
        return out


@dataclass(slots=True)
class _CountryRule:
    matcher: _PhraseMatcher  # case-sensitive; labels are country ids
    min_countries: int = 3
    blocs: dict[str, frozenset[str]] = field(default_factory=dict)  # bloc -> member ids

    def sides(self, parties: Collection[str]) -> set[str]:
        """The parties plus the members of any bloc among them."""
        out = set(parties)
        for party in parties:
            out |= self.blocs.get(party, frozenset())
        return out


@dataclass
class Taxonomy:
    """The themes and the rules that tag a sentence with them."""

    topics: list[Topic]
    matcher: _PhraseMatcher = field(default_factory=_PhraseMatcher)  # lower-case rules
    countries: _CountryRule | None = None
    country_topic: str = THIRD_COUNTRIES

    def labels(self) -> dict[str, str]:
        """Topic name -> human label."""
        return {t.name: t.label for t in self.topics}

    def countries_in(self, sentence: str) -> set[str]:
        """Ids of the countries and blocs that ``sentence`` names (demonyms count)."""
        if self.countries is None:
            return set()
        return self.countries.matcher.labels(_tokens(sentence))

    def tag(self, sentence: str, parties: Collection[str] | None = None) -> list[str]:
        """Names of the topics that fit ``sentence``, in taxonomy order.

        ``parties`` are the country ids (as in the taxonomy's ``countries``) of the two sides
        of the relationship; they sharpen the third-countries topic (see the module doc).
        """
        return self._tag(sentence, parties, None)

    def _tag(
        self, sentence: str, parties: Collection[str] | None, countries: set[str] | None
    ) -> list[str]:
        lowered = sentence.lower()
        found = self.matcher.labels(_tokens(lowered), lowered)
        if self.countries is not None and self.country_topic not in found:
            if countries is None:
                countries = self.countries.matcher.labels(_tokens(sentence))
            if countries:
                if parties:
                    third = bool(countries - self.countries.sides(parties))
                else:
                    third = len(countries) >= self.countries.min_countries
                if third:
                    found.add(self.country_topic)
        if not found:
            return []
        return [t.name for t in self.topics if t.name in found]

    def tag_all(self, sentences: list[str]) -> list[list[str]]:
        """Tag the sentences of one document, guessing its two parties from the whole."""
        countries = [self.countries_in(s) for s in sentences]
        parties = _top_parties(countries)
        return [self._tag(s, parties, c) for s, c in zip(sentences, countries, strict=True)]


def guess_parties(taxonomy: Taxonomy, sentences: Iterable[str]) -> set[str]:
    """The two countries or blocs a document names most: the sides of its relationship.

    A runner-up named less than a quarter as often as the leader is not a party (the article
    is then about one country, and every other one is a third country).
    """
    return _top_parties(taxonomy.countries_in(s) for s in sentences)


def _top_parties(countries: Iterable[set[str]]) -> set[str]:
    counts: Counter[str] = Counter()
    for found in countries:
        # Sorted, so that a tie goes to the country named first (then alphabetically), not to
        # whichever a set happened to yield first under this process's hash seed.
        counts.update(sorted(found))
    top = counts.most_common(2)
    if not top:
        return set()
    parties = {top[0][0]}
    if len(top) > 1 and top[1][1] * 4 >= top[0][1]:
        parties.add(top[1][0])
    return parties


def build_taxonomy(data: dict) -> Taxonomy:
    """Build a :class:`Taxonomy` from the parsed YAML structure of ``taxonomy.yaml``."""
    topics: list[Topic] = []
    matcher = _PhraseMatcher()
    countries: _CountryRule | None = None
    country_topic = THIRD_COUNTRIES
    for item in data.get("topics") or []:
        name = str(item["name"])
        topics.append(
            Topic(name, str(item.get("label") or name), str(item.get("description") or ""))
        )
        for word in item.get("keywords") or []:
            matcher.add(str(word).lower(), name)
        for word in item.get("prefixes") or []:
            matcher.add_prefix(str(word).lower(), name)
        for word in item.get("exclude") or []:
            matcher.add(str(word).lower(), name, exclude=True)
        if item.get("countries"):
            country_matcher = _PhraseMatcher()
            for country, forms in item["countries"].items():
                for form in forms or [country]:
                    country_matcher.add(str(form), str(country))
                    if str(form).startswith("the "):
                        country_matcher.add("The " + str(form)[4:], str(country))
            for word in item.get("country_exclude") or []:
                for country in item["countries"]:
                    country_matcher.add(str(word), str(country), exclude=True)
            blocs = {
                str(bloc): frozenset(str(m) for m in members or [])
                for bloc, members in (item.get("blocs") or {}).items()
            }
            countries = _CountryRule(country_matcher, int(item.get("min_countries", 3)), blocs)
            country_topic = name
    return Taxonomy(topics, matcher, countries, country_topic)


def load_taxonomy(path: str | Path | None = None) -> Taxonomy:
    """Load the bundled taxonomy, or the YAML file at ``path``."""
    if path is None:
        raw = resources.files("relexplorer").joinpath("data/taxonomy.yaml").read_text("utf-8")
    else:
        raw = Path(path).read_text(encoding="utf-8")
    return build_taxonomy(parse_yaml(raw))
