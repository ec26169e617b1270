"""The period a figure is about: ``year`` / ``end_year`` and where they came from.

From the figure's own sentence first (``fact``): one year per figure when the sentence pairs
them ("Between 2000 and 2021, trade grew from $8 billion to $147 billion", "$190 billion and
$240.11 billion, respectively" after "2022 and 2023"), else the year nearest the figure
("$141 billion in 2021", "In 2017, trade reached ..."); a change over a range of years takes the
range ("64.2 percent from 2021 to 2023"), a change against a base year the other year ("26.3
percent from 2022" in a 2023 sentence). Then relative words with the document's date ("last
year": ``document date``), then the nearest earlier sentence of the paragraph that names years
(``paragraph``). Otherwise no period: the publication date is never used silently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from relexplorer.extract.series.vocabulary import vocabulary
from relexplorer.model import Fact, Figure

# A year right after a figure belongs to it: "$141 billion in 2021", "RMB 24.1 billion in April 2022".
AFTER_REACH = 24
# How far after a change its base year may stand ("jumped 47 percent in 2023 compared with 2022").
BASE_REACH = 40
_AFTER = re.compile(r"\A[\s,]*(?:in|for|of|during|by)\s+(?:the\s+)?(?:(?:first|second|third|fourth|last)\s+"
                    r"(?:half|quarter|months?)\s+of\s+|[A-Z][a-z]+\s+)?\Z")
# A year named as the base of a change: "from 2022", "since 2014", "than in 2021".
_BASE = re.compile(r"(?:\bfrom|\bsince|\bthan(?:\s+in)?|\bcompared\s+(?:with|to)(?:\s+in)?|\bversus|\bover)\s+\Z",
                   re.IGNORECASE)
_FROM_TO = re.compile(r"\A\s+to\s+\Z")
_CONVERSION = re.compile(r"\A\s*\(\s*(?:about|around|roughly|some|or|approximately)?\s*\Z")


@dataclass(slots=True)
class _Year:
    start: int
    end: int
    year: int
    end_year: int | None
    base: bool


def years_in(text: str, fact: Fact) -> list[_Year]:
    """The years a fact names, from its date figures, in order."""
    out = []
    for f in fact.figures:
        if f.kind != "date":
            continue
        end_year = int(f.end_value) if f.end_value is not None and int(f.end_value) != int(f.value) else None
        base = bool(_BASE.search(text, max(fact.start, f.start - 20), f.start))
        out.append(_Year(f.start, f.end, int(f.value), end_year, base and end_year is None))
    return out


def assign_periods(text: str, paragraph: list[Fact], document_year: int | None) -> None:
    """Set ``year``, ``end_year`` and ``period_source`` of every figure of a paragraph's facts."""
    for i, fact in enumerate(paragraph):
        targets = [f for f in fact.figures if f.kind != "date"]
        if not targets:
            continue
        years = years_in(text, fact)
        if years:
            _from_sentence(text, targets, years)
            continue
        if _from_document_date(targets, fact.text, document_year):
            continue
        for earlier in reversed(paragraph[:i]):
            context = years_in(text, earlier)
            if context:
                _from_paragraph(text, targets, context)
                break
            if _from_document_date(targets, earlier.text, document_year):
                break


def _from_document_date(targets: list, sentence: str, document_year: int | None) -> bool:
    """Years counted from the document's date when ``sentence`` says "last year" and the like."""
    shift = _relative(sentence)
    if shift is None or document_year is None:
        return False
    for f in targets:
        f.year, f.period_source = document_year + shift, "document date"
    return True


def _relative(sentence: str) -> int | None:
    v = vocabulary()
    m = v.relative_re.search(sentence)
    return v.relative_of[" ".join(m.group().lower().split())] if m else None


def _set(f: Figure, year: int, end_year: int | None, source: str) -> None:
    f.year, f.end_year, f.period_source = year, end_year, source


def _is_change(f: Figure) -> bool:
    return f.kind == "percent" or f.unit == "times"


def _from_sentence(text: str, targets: list[Figure], years: list[_Year]) -> None:
    money = [f for f in targets if f.kind == "money"]
    linked = _conversions(text, money)
    ordered = [f for f in money if id(f) not in linked]
    flat = _flatten(years)
    if len(ordered) >= 2 and len(flat) == len(ordered):
        for f, y in zip(ordered, flat, strict=True):
            _set(f, y, None, "fact")
    ranges = [y for y in years if y.end_year is not None]
    for f in targets:
        if f.period_source:
            continue
        if _is_change(f) and ranges:
            after = [r for r in ranges if r.start >= f.end]
            r = after[0] if after else ranges[-1]
            if r.end_year - r.year > 1:
                _set(f, r.year, r.end_year, "fact")
            else:
                _set(f, r.end_year, None, "fact")
            continue
        y = _nearest(text, f, years, ordered + [g for g in targets if g.kind != "money"])
        if y is None:
            continue
        base = _base_after(text, f, years) if _is_change(f) else None
        if base is not None and y.year - base.year > 1:
            _set(f, base.year, y.year, "fact")  # "64 percent compared with 2021" in 2023
        else:
            _set(f, y.year, y.end_year if not _is_change(f) else None, "fact")
    for f in money:
        prev = linked.get(id(f))
        if prev is not None and prev.year is not None:
            _set(f, prev.year, prev.end_year, prev.period_source)
        elif prev is not None and f.year is not None:
            _set(prev, f.year, f.end_year, f.period_source)


def _conversions(text: str, money: list[Figure]) -> dict[int, Figure]:
    """Money figures that restate the one before them in brackets ("954.35 billion yuan ($146.67
    billion)"), keyed by id, with the figure they restate."""
    out: dict[int, Figure] = {}
    for prev, f in zip(money, money[1:], strict=False):
        if _CONVERSION.match(text[prev.end : f.start]):
            out[id(f)] = prev
    return out


def _flatten(years: list[_Year]) -> list[int]:
    flat: list[int] = []
    for y in years:
        for v in (y.year, y.end_year):
            if v is not None and v not in flat:
                flat.append(v)
    return flat


def _nearest(text: str, f: Figure, years: list[_Year], others: list[Figure]) -> _Year | None:
    """The year of the figure's clause nearest it: just after it ("in 2021"), else before it."""
    years = [y for y in years if ";" not in text[min(y.end, f.end) : max(y.start, f.start)]]
    usable = [y for y in years if not y.base] if _is_change(f) else years
    if not usable:
        usable = years
    for y in usable:
        if f.end <= y.start <= f.end + AFTER_REACH and _AFTER.match(text[f.end : y.start]):
            return y
    before = [y for y in usable if y.end <= f.start]
    if before:
        return before[-1]
    after = [y for y in usable if y.start >= f.end]
    if not after or any(g is not f and f.end <= g.start < after[0].start for g in others):
        return None  # a year after another figure is that figure's
    return after[0]


def _base_after(text: str, f: Figure, years: list[_Year]) -> _Year | None:
    """The base year named just after a change ("47 percent in 2023 compared with 2022")."""
    for y in years:
        if y.base and f.end <= y.start <= f.end + BASE_REACH:
            return y
    return None


def _from_paragraph(text: str, targets: list[Figure], context: list[_Year]) -> None:
    """Years from an earlier sentence: "from $183 billion to $270 billion" after a sentence naming
    2014 and 2021 takes them in order; a change over that period takes both; else the first."""
    flat = sorted(_flatten(context))
    money = [f for f in targets if f.kind == "money"]
    if len(money) == 2 == len(flat) and _FROM_TO.match(text[money[0].end : money[1].start]):
        for f, y in zip(money, flat, strict=True):
            _set(f, y, None, "paragraph")
    for f in targets:
        if f.period_source:
            continue
        if _is_change(f) and len(flat) >= 2:
            _set(f, flat[0], flat[-1], "paragraph")
        else:
            _set(f, context[0].year, None, "paragraph")
