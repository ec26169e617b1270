"""Series: what each figure measures (its subject), the period it is about, and its series key.

:func:`attach_series` runs after the figures of a document are found: :mod:`.periods` sets each
figure's ``year``/``end_year``/``period_source``, :mod:`.subjects` its ``subject`` and ``series``
(subject + unit family), with the genre's words from ``data/series.yaml``
(:mod:`.vocabulary`). Figures of the same series in different documents are then compared by
:mod:`relexplorer.series`.
"""

from __future__ import annotations

from relexplorer.extract.series.periods import assign_periods
from relexplorer.extract.series.subjects import Subject, main_parties, subject_of
from relexplorer.lexicon import is_year
from relexplorer.model import Fact

__all__ = ["Subject", "attach_series", "document_year"]

# Figures that measure something else (a count, a quantity, with a label saying what): a measure
# word before one does not reach the figures after it. "between the two" (no digit) names no count.
OBSTACLE_KINDS = ("count", "quantity", "ordinal")


def document_year(published: str) -> int | None:
    """The year of an ISO publication date, when it has one."""
    head = published[:4]
    return int(head) if head.isdigit() and is_year(int(head)) else None


def attach_series(text: str, facts: list[Fact], published: str = "") -> None:
    """Fill the period, subject and series key of every figure of ``facts`` (in place)."""
    parties = main_parties(text)
    year = document_year(published)
    paragraph: list[Fact] = []
    for fact in facts:
        if paragraph and fact.paragraph != paragraph[0].paragraph:
            assign_periods(text, paragraph, year)
            paragraph = []
        paragraph.append(fact)
    if paragraph:
        assign_periods(text, paragraph, year)
    for fact in facts:
        obstacles = tuple((f.start, f.end) for f in fact.figures
                          if f.kind in OBSTACLE_KINDS and f.unit != "times" and f.label
                          and any(ch.isdigit() for ch in f.text))
        for f in fact.figures:
            subject = subject_of(text, fact.start, fact.end, f.start, f.end, f.kind, f.unit, parties, obstacles)
            if subject is not None:
                f.subject = subject.label
                f.series = subject.key(f.kind, f.unit)
