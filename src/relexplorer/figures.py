"""Figures: quantities that carry data (money, percent, counts, quantities, durations, dates, ordinals).

STUB -- being replaced by the real extractor (see the helper task).
"""

from __future__ import annotations

import re

from relexplorer.model import Figure

_PERCENT = re.compile(r"(\d+(?:\.\d+)?)\s*(?:percent|per cent|%)")


def find_figures(text: str, start: int = 0, end: int | None = None) -> list[Figure]:
    """Return the figures in ``text[start:end]`` with offsets into ``text``."""
    end = len(text) if end is None else end
    return [
        Figure(m.start(), m.end(), m.group(), float(m.group(1)), "percent", "percent")
        for m in _PERCENT.finditer(text, start, end)
    ]
