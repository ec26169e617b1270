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
BEFORE_REACH = 160
AFTER_REACH = 30
# Where a figure's growth word may stand after it ("a 20.8 percent growth").
GROWTH_AFTER = 30
# How near a flow's sending or receiving party stands to its word ("China's total exports to").
FLOW_NEAR = 40
# The unit family of a figure: money of any currency is one family; percent changes and
# multiples are one family of changes.
FAMILIES = {"money": "money", "percent": "change", "times": "change"}
_AFTER_GAP = re.compile(r"\A[\s,]*(?:(?:in|of|worth\s+of|in\s+total|of\s+total|in\s+bilateral|of\s+bilateral)\b[\s\w-]{0,12})?\Z",
                        re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"[;:]|\s[—–]\s|\(|\)")
_TO = re.compile(r"\A[\s\w’'-]{0,25}?\bto\s+(?:the\s+)?\Z", re.IGNORECASE)
_FROM = re.compile(r"\A[\s\w’'-]{0,25}?\bfrom\s+(?:the\s+)?\Z", re.IGNORECASE)
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
               main_parties: tuple[str, ...]) -> Subject | None:
    """The subject of the figure ``text[fstart:fend]`` in the sentence ``text[sstart:send]``."""
    if kind not in ("money", "percent") and unit != "times":
        return None
    v = vocabulary()
    change = kind != "money"
    if change and v.share_re.match(text, fend, min(send, fend + 8)):
        return None
    found = _measure_near(text, sstart, send, fstart, fend)
    if found is None:
        return None
    mstart, mend, measure = found
    if change and not _says_change(text, min(mstart, fstart), max(mend, fend), fend, send):
        return None
    if measure.shape == "own" and measure.name == "military spending":
        measure = _official_or_estimate(text, sstart, send, measure)
    parties = _parties(text, sstart, send, mstart, mend, measure, main_parties)
    if parties is None:
        return None
    return Subject(measure, parties, growth=change)


def _measure_near(text: str, sstart: int, send: int, fstart: int, fend: int) -> tuple[int, int, Measure] | None:
    v = vocabulary()
    lo = max(sstart, fstart - BEFORE_REACH)
    before = None
    for m in v.measures_re.finditer(text, lo, fstart):
        gap = text[m.end() : fstart]
        if v.blockers_re.search(gap) or _CLAUSE_BREAK.search(gap):
            continue
        before = m
    if before is not None:
        return before.start(), before.end(), measure_named(before.group())
    m = v.measures_re.search(text, fend, min(send, fend + AFTER_REACH))
    if m is not None and _AFTER_GAP.match(text[fend : m.start()]):
        return m.start(), m.end(), measure_named(m.group())
    return None


def _says_change(text: str, lo: int, hi: int, fend: int, send: int) -> bool:
    v = vocabulary()
    return bool(v.growth_re.search(text, lo, hi) or v.growth_re.search(text, fend, min(send, fend + GROWTH_AFTER)))


def _official_or_estimate(text: str, sstart: int, send: int, measure: Measure) -> Measure:
    v = vocabulary()
    sentence = text[sstart:send]
    if v.official_re.search(sentence) and not v.estimate_re.search(sentence):
        return measure_named("defence budget")
    return measure


def _parties_in(text: str, lo: int, hi: int) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), party_name(m.group())) for m in vocabulary().parties_re.finditer(text, lo, hi)]


def _parties(text: str, sstart: int, send: int, mstart: int, mend: int, measure: Measure,
             main: tuple[str, ...]) -> tuple[str, ...] | None:
    found = _parties_in(text, sstart, send)
    if measure.shape == "flow":
        return _flow(text, found, mstart, mend, measure, main)
    # The parties nearest the measure word, each once.
    by_distance = sorted(found, key=lambda p: min(abs(p[0] - mend), abs(mstart - p[1])))
    names: list[str] = []
    for _, _, name in by_distance:
        if name not in names:
            names.append(name)
    if measure.shape == "own":
        before = [p for p in found if p[1] <= mstart]
        if before:
            return (before[-1][2],)
        return (names[0],) if names else (main[:1] or None)
    if len(names) >= 2:
        return tuple(sorted(names[:2]))
    if len(main) == 2 and (not names or names[0] in main):
        return tuple(sorted(main))
    return tuple(names) or None


def _flow(text: str, found: list[tuple[int, int, str]], mstart: int, mend: int, measure: Measure,
          main: tuple[str, ...]) -> tuple[str, str] | None:
    """(sender, receiver) of an export or import, filled from the document's pair when one is unsaid."""
    near_before = [p for p in found if p[1] <= mstart and mstart - p[1] <= FLOW_NEAR]
    owner = near_before[-1][2] if near_before else None
    to = frm = None
    for start, _, name in found:
        if start >= mend and start - mend <= FLOW_NEAR:
            gap = text[mend:start]
            if to is None and _TO.match(gap):
                to = name
            elif frm is None and _FROM.match(gap):
                frm = name
    if measure.direction == "out":
        sender, receiver = frm or owner, to
    else:
        sender, receiver = frm, owner or to
    if sender is None and receiver is None:
        return None
    if len(main) == 2:
        if sender is None and receiver in main:
            sender = main[1] if receiver == main[0] else main[0]
        if receiver is None and sender in main:
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
