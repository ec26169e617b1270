"""A figure candidate: what interpretation makes of one match, before labels and checks."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(slots=True)
class Candidate:
    """Span, value, unit and kind of a figure; ``iso`` is the ISO form of a full date."""

    start: int
    end: int
    value: float
    unit: str
    kind: str
    end_value: float | None = None
    label: str = ""
    iso: str = ""
