"""Where sources disagree: the conflict rule between figures of one series.

Two figures conflict when they are in the same series, about the same year (and end year), in the
same unit, from different documents, and their values differ by more than rounding: the relative
difference is over 1% AND the two values differ once both are rounded to the precision of the less
precise one ("$147 billion" and "$146.9 billion" agree; "$147 billion" and "$141 billion" do not;
nor do "$84.071 billion" and "$86.9 billion"). Figures without a year are never compared.
"""

from __future__ import annotations

import math
import re

from relexplorer.model import SeriesPoint, StoredFigure

# The relative difference at or below which two values always agree.
RELATIVE_TOLERANCE = 0.01
CONFLICT_RULE = ("same series, year and unit, different documents, values differing by more than 1% "
                 "and still different when both are rounded to the precision of the less precise one")
_NUMBER = re.compile(r"\d[\d,]*(?:\.(\d+))?")


def precision(figure: StoredFigure) -> float:
    """The step of the last digit written, in normalised units: "$84.071 billion" -> 1e6,
    "$147 billion" -> 1e9, "20.8 percent" -> 0.1."""
    m = _NUMBER.search(figure.text)
    if m is None:
        return 0.0
    written = float(m.group().replace(",", ""))
    decimals = len(m.group(1) or "")
    scale = abs(figure.value / written) if written else 1.0
    return scale * 10.0 ** -decimals


def _rounded(value: float, step: float) -> float:
    return math.floor(value / step + 0.5) * step if step > 0 else value


def disagree(a: StoredFigure, b: StoredFigure) -> bool:
    """True when two figures of one series, year and unit give values that differ beyond rounding."""
    if a.unit != b.unit:
        return False
    largest = max(abs(a.value), abs(b.value))
    if largest == 0 or abs(a.value - b.value) / largest <= RELATIVE_TOLERANCE:
        return False
    step = max(precision(a), precision(b))
    return not math.isclose(_rounded(a.value, step), _rounded(b.value, step), rel_tol=1e-9, abs_tol=1e-9)


def mark_conflicts(points: list[SeriesPoint]) -> None:
    """Fill each point's ``conflicts`` with the fact ids of the other documents' points it
    disagrees with (same year, end year and unit)."""
    groups: dict[tuple, list[SeriesPoint]] = {}
    for p in points:
        g = p.figure
        if g.year is not None:
            groups.setdefault((g.year, g.end_year, g.unit), []).append(p)
    for group in groups.values():
        for i, p in enumerate(group):
            for q in group[i + 1 :]:
                if p.figure.document != q.figure.document and disagree(p.figure, q.figure):
                    if q.figure.fact_id not in p.conflicts:
                        p.conflicts.append(q.figure.fact_id)
                    if p.figure.fact_id not in q.conflicts:
                        q.conflicts.append(p.figure.fact_id)
