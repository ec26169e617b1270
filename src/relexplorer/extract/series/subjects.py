"""The subject a figure measures ("China–Russia trade", "China exports to Russia growth") and its
series key (subject + unit family), read from the figure's sentence with the words of
``data/series.yaml``.

A money figure takes the nearest measure word before it in its clause ("bilateral trade between
China and Russia reached $84 billion"), or one just after it ("$141 billion in trade"); a percent
or a multiple takes it only when a growth word says it is a change ("grew 26.3 percent"), never
when it is a share ("2 percent of China's trade"). Words for other things measured
(investment, oil, GDP ...) stop the search. Parties come from the sentence, and where it names
too few, from the document's two most-named parties.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from relexplorer.extract.series.vocabulary import Measure, measure_named, party_name, vocabulary

# How far before a figure its measure word is looked for, and how far after (characters).
BEFORE_REACH = 240
AFTER_REACH = 45
# How far before a measure word a word for another thing measured still claims it ("the share
# of the rouble in Russia's exports").
BLOCKER_BEFORE = 30
# How near a figure a word makes it a goal or forecast ("a target of $200 billion").
TARGET_NEAR = 20
# How far before a measure word a growth verb may stand ("raise military spending by 7.6 percent").
GROWTH_BEFORE = 20
# How far after a pair's word a group word makes it a group's trade ("trade flows among the four").
GROUP_AFTER = 30
# Where a figure's growth word may stand after it ("a 20.8 percent growth").
GROWTH_AFTER = 30
# How far before and after a pair's word its parties stand ("trade between China and Russia").
PAIR_BEFORE = 30
PAIR_AFTER = 40
# How near a flow's sending or receiving party stands to its word ("China's total exports to").
FLOW_NEAR = 50
# The unit family of a figure: money of any currency is one family; percent changes and
# multiples are one family of changes.
FAMILIES = {"money": "money", "percent": "change", "times": "change"}
# What may stand between a figure and a measure word after it: "in", "worth of", "increase in",
# and up to three words ("in China-Russia", "of bilateral").
_AFTER_GAP = re.compile(r"\A[\s,]*(?:[a-z]+\s+)?(?:in|of|worth\s+of)\s+(?:[\w’'-]+\s+){0,3}\Z|\A\s*\Z")
_CLAUSE_BREAK = re.compile(r"[;:]")
# Between a party and the flow it owns: "China's exports", "Chinese total exports", "Moscow purchased".
_OWNER_GAP = re.compile(r"(?:['’]s)?\s+(?:[a-z-]+\s+){0,2}\Z")
# A percent after "from" or "to" is a level ("rose from 15% to 80%"), not a change of a money series.
_LEVEL = re.compile(r"\b(?:from|to)\s+(?:(?:about|around|over|nearly|almost|just|more\s+than|less\s+than)\s+)?\Z",
                    re.IGNORECASE)
_RATE = re.compile(r"\b(?:growth|rate)\b", re.IGNORECASE)
_OF_WHAT = re.compile(r"\s+of\s+([\w’'-]+)")
_JOINED_BEFORE = re.compile(r"\A(?:[-–/]\s*|\s*(?:[-–/]|and)\s*[\w’'-]+\s+|['’]s\s+(?:[a-z-]+\s+){0,2}|\s+(?:[a-z-]+\s+){0,1})\Z")
_JOINED_AFTER = re.compile(r"\A\s+(?:[a-z]+\s+){0,2}(?:between|with|and|of)\s+(?:the\s+)?(?:[\w’'-]+\s+(?:and|&)\s+)?\Z")
_JOINT = re.compile(r"\A(?:\s*[-–/]\s*|\s+and\s+)\Z")
_WORD = re.compile(r"[\w’'-]+")
# A money figure followed by "per" is a price or a rate, not an amount of a series.
_PER = re.compile(r"\A\s*(?:per|a|an|each)\s+(?!year|annum)", re.IGNORECASE)
_TO = re.compile(r"\A[\s\w’'$.,-]{0,40}?\bto\s+(?:the\s+)?\Z", re.IGNORECASE)
_FROM = re.compile(r"\A[\s\w’'$.,-]{0,40}?\bfrom\s+(?:the\s+)?\Z", re.IGNORECASE)
_SEP = "–"  # en dash between a pair's parties, as an editor writes it


@dataclass(frozen=True, slots=True)
class Subject:
    """What a figure measures: a measure, its parties (sender first for a flow), and whether the
    figure is a change of it."""

    measure: Measure
    parties: tuple[str, ...]
    growth: bool = False

    @property
    def label(self) -> str:
        """The subject as a reader names it: "China–Russia trade", "China exports to Russia"."""
        m = self.measure
        if m.shape == "pair":
            base = f"{_SEP.join(self.parties)} {m.label}" if self.parties else m.label
        elif m.shape == "flow":
            base = f"{self.parties[0]} exports to {self.parties[1]}"
        else:
            base = f"{self.parties[0]} {m.label}" if self.parties else m.label
        return base + (" growth" if self.growth else "")

    def key(self, kind: str, unit: str) -> str:
        """The series key: the subject in a canonical spelling and the unit family."""
        family = FAMILIES.get(unit, FAMILIES.get(kind, kind))
        m = self.measure
        name = "exports" if m.shape == "flow" else m.name
        joint = ">" if m.shape == "flow" else "+"
        who = joint.join(p.lower() for p in self.parties)
        return f"{name}:{who}{'/growth' if self.growth else ''}|{family}"


def subject_of(text: str, sstart: int, send: int, fstart: int, fend: int, kind: str, unit: str,
               main_parties: tuple[str, ...], obstacles: tuple[tuple[int, int], ...] = ()) -> Subject | None:
    """The subject of the figure ``text[fstart:fend]`` in the sentence ``text[sstart:send]``.

    ``obstacles`` are the spans of the sentence's counts and quantities: a measure word does not
    reach a figure across one ("trade ministry counted 94,000 transits, up 3.2 percent").
    """
    if kind not in ("money", "percent") and unit != "times":
        return None
    v = vocabulary()
    change = kind != "money"
    if change and v.share_re.match(text[fend : min(send, fend + 8)]):
        return None
    if not change and _PER.match(text[fend : fend + 12]):
        return None
    if v.targets_re.search(text, max(sstart, fstart - TARGET_NEAR), fstart) or \
            v.targets_re.search(text, fend, min(send, fend + TARGET_NEAR)):
        return None
    for mstart, mend, measure in _measures_near(text, sstart, send, fstart, fend):
        if any(mend <= o_start and o_end <= fstart for o_start, o_end in obstacles):
            continue
        if change and not _says_change(text, max(sstart, min(mstart, fstart) - GROWTH_BEFORE), max(mend, fend), fend, send):
            continue
        if change and _LEVEL.search(text, max(sstart, fstart - 24), fstart) and not _RATE.search(text, mstart, fstart):
            continue  # "rose from 15% to 80%": levels; "growth slowed to 1.9 percent" is a rate
        if measure.shape == "pair" and v.group_re.search(text, mend, min(send, mend + GROUP_AFTER)):
            continue  # "bilateral trade flows among the four countries"
        if measure.shape == "own":
            measure = _official_or_estimate(text, sstart, send)
        parties = _parties(text, sstart, send, mstart, mend, measure, main_parties)
        if parties is not None:
            return Subject(measure, parties, growth=change)
    return None


def _measures_near(text: str, sstart: int, send: int, fstart: int, fend: int) -> list[tuple[int, int, Measure]]:
    """The measure words that may name what the figure measures, the likeliest first: those before
    it in its clause (nearest first), then one just after it ("$141 billion in trade", "a 30
    percent increase in China-Russia trade")."""
    v = vocabulary()
    lo = max(sstart, fstart - BEFORE_REACH)
    out = []
    for m in v.measures_re.finditer(text, lo, fstart):
        gap = text[m.end() : fstart]
        if not (v.blockers_re.search(gap) or _CLAUSE_BREAK.search(gap) or v.targets_re.search(gap)
                or v.blockers_re.search(_phrase_before(text, sstart, m.start()))):
            measure = measure_named(m.group())
            if not _of_a_product(text, sstart, m.start(), m.end(), measure):
                out.insert(0, (m.start(), m.end(), measure))
    m = v.measures_re.search(text, fend, min(send, fend + AFTER_REACH))
    if (m is not None and _AFTER_GAP.match(text[fend : m.start()]) and not v.blockers_re.search(text, fend, m.start())
            and not _of_a_product(text, sstart, m.start(), m.end(), measure_named(m.group()))):
        nearer = not out or m.start() - fend < fstart - out[0][1]
        out.insert(0 if nearer else len(out), (m.start(), m.end(), measure_named(m.group())))
    return out


def _phrase_before(text: str, sstart: int, mstart: int) -> str:
    """The words just before a measure word, back to the last punctuation mark."""
    lo = max(sstart, mstart - BLOCKER_BEFORE)
    while lo > sstart and text[lo - 1].isalnum():
        lo += 1  # not from inside a word: "said" is no "aid"
    window = text[lo:mstart]
    cut = max(window.rfind(ch) for ch in ",;—–()")
    return window[cut + 1 :]


def _of_a_product(text: str, sstart: int, mstart: int, mend: int, measure: Measure) -> bool:
    """True when a measure word does not name a total: the word after it makes it something else
    ("trade ministry"), one of the two words before it is a product ("crude oil imports"), or
    the word right before it is a lower-case word that is not a plain modifier ("laptop sales")."""
    v = vocabulary()
    if v.not_before_re.match(text[mend : mend + 40]):
        return True
    of = _OF_WHAT.match(text[mend : mend + 40])
    if of and measure.shape != "own" and of.group(1).lower() not in v.modifiers and not v.parties_re.match(of.group(1)):
        return True  # "exports of ball bearings": one product
    words = _WORD.findall(text, max(sstart, mstart - 30), mstart)[-2:]
    if any(v.products_re.fullmatch(w) for w in words):
        return True
    if measure.shape == "own" or not words or text[mstart - 1 : mstart] not in (" ", "\n"):
        return False
    last = words[-1]
    return last[:1].islower() and last.lower() not in v.modifiers and not last.endswith(("’s", "'s"))


def _says_change(text: str, lo: int, hi: int, fend: int, send: int) -> bool:
    v = vocabulary()
    return bool(v.growth_re.search(text, lo, hi) or v.growth_re.search(text, fend, min(send, fend + GROWTH_AFTER)))


def _official_or_estimate(text: str, sstart: int, send: int) -> Measure:
    """A defence budget, unless the sentence says the number is an estimate (SIPRI, NATO's
    definition): then military spending."""
    sentence = text[sstart:send]
    if vocabulary().estimate_re.search(sentence):
        return measure_named("military spending")
    return measure_named("defence budget")


def _parties_in(text: str, lo: int, hi: int) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), party_name(m.group())) for m in vocabulary().parties_re.finditer(text, lo, hi)]


def _parties(text: str, sstart: int, send: int, mstart: int, mend: int, measure: Measure,
             main: tuple[str, ...]) -> tuple[str, ...] | None:
    found = _parties_in(text, sstart, send)
    if measure.shape == "flow":
        return _flow(text, found, mstart, mend, measure, main)
    if measure.shape == "own":
        before = [p for p in found if p[1] <= mstart]
        if before:
            return (before[-1][2],)
        return (found[0][2],) if found else (main[:1] or None)
    # A pair's parties stand next to its word: "China-Russia trade", "trade between China and
    # Russia", "Beijing's two-way trade with Moscow".
    attached = _attached(text, found, mstart, mend)
    if len(attached) >= 2:
        return tuple(sorted(attached[:2]))
    v = vocabulary()
    if v.bilateral_re.search(text, max(sstart, mstart - PAIR_BEFORE), min(send, mend + PAIR_AFTER)):
        # "bilateral trade", "trade between the two countries": a pair the sentence joins
        # ("between Russia and China", "China-Russia"), else the two it names first, else the
        # document's two.
        named = list(dict.fromkeys(p[2] for p in found))
        joined = _joined_pair(text, found)
        if joined:
            return joined
        if len(named) >= 2:
            return tuple(sorted(named[:2]))
        if len(main) == 2 and (not named or named[0] in main):
            return tuple(sorted(main))
    near = _distinct([p for p in found if mstart - PAIR_BEFORE <= p[0] and p[1] <= mend + PAIR_AFTER],
                     mstart, mend)
    if len(near) >= 2:
        return tuple(sorted(near[:2]))
    if len(main) == 2 and not found:
        return tuple(sorted(main))
    return tuple(near[:1]) or None


def _joined_pair(text: str, found: list[tuple[int, int, str]]) -> tuple[str, ...] | None:
    """Two parties a sentence joins: "between X and Y", "X-Y", "X and Y" (not in a longer list)."""
    for (_, e1, a), (s2, _, b) in zip(found, found[1:], strict=False):
        if a != b and _JOINT.match(text[e1:s2]):
            return tuple(sorted((a, b)))
    return None


def _attached(text: str, found: list[tuple[int, int, str]], mstart: int, mend: int) -> list[str]:
    """Parties joined to a pair's word: right before it ("China-Russia", "Beijing's") or after it
    through "between", "with", "and" ("trade between China and Russia", "trade with Moscow")."""
    names: list[str] = []
    for start, end, name in found:
        before = end <= mstart and _JOINED_BEFORE.match(text[end:mstart])
        after = start >= mend and _JOINED_AFTER.match(text[mend:start])
        if (before or after) and name not in names:
            names.append(name)
    return names


def _distinct(found: list[tuple[int, int, str]], mstart: int, mend: int) -> list[str]:
    """The names of ``found``, nearest the measure word first, each once."""
    names: list[str] = []
    for _, _, name in sorted(found, key=lambda p: min(abs(p[0] - mend), abs(mstart - p[1]))):
        if name not in names:
            names.append(name)
    return names


def _flow(text: str, found: list[tuple[int, int, str]], mstart: int, mend: int, measure: Measure,
          main: tuple[str, ...]) -> tuple[str, str] | None:
    """(sender, receiver) of an export or import, filled from the document's pair when one is unsaid."""
    near_before = [p for p in found if p[1] <= mstart and _OWNER_GAP.match(text, p[1], mstart)]
    owner = near_before[-1][2] if near_before else None
    adjective = bool(near_before) and text[near_before[-1][0] : near_before[-1][1]] in vocabulary().adjectives
    to = frm = None
    for start, _, name in found:
        if start >= mend and start - mend <= FLOW_NEAR:
            gap = text[mend:start]
            if to is None and _TO.match(gap):
                to = name
            elif frm is None and _FROM.match(gap):
                frm = name
    if measure.direction == "out" or (adjective and frm is None):
        # "Chinese imports" without a "from": goods from China.
        sender, receiver = frm or owner, to
    else:
        sender, receiver = frm, owner or to
    if sender is None and receiver is None:
        return None
    others = {name for _, _, name in found} - set(main)
    if len(main) == 2 and not others:
        # "shipments to Russia", "imports from China" in a China–Russia text: the other side is
        # the other party; "China's exports" alone are its total, to the world.
        if sender is None and receiver in main and to is not None:
            sender = main[1] if receiver == main[0] else main[0]
        if receiver is None and sender in main and frm is not None:
            receiver = main[1] if sender == main[0] else main[0]
    if sender is None or receiver is None or sender == receiver:
        return None
    return sender, receiver


def main_parties(text: str) -> tuple[str, ...]:
    """The two parties a document names most (one, or none, when it names fewer)."""
    counts: dict[str, int] = {}
    for _, _, name in _parties_in(text, 0, len(text)):
        counts[name] = counts.get(name, 0) + 1
    ranked = sorted(counts, key=lambda n: (-counts[n], n))
    return tuple(ranked[:2])
