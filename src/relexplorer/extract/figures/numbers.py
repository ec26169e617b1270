"""Numbers as written: digits, number words, scales and units, and the value they make."""

from __future__ import annotations

import re

from relexplorer.extract.figures.grammar import DECADE_PATTERN, YEAR_PATTERN, Grammar, Unit, norm
from relexplorer.extract.figures.words import (
    MAGNITUDE_WORDS,
    MULTIPLIER_WORDS,
    SMALL_NUMBER_WORDS,
    TENS_WORDS,
)

YEAR = re.compile(YEAR_PATTERN)
DECADE = re.compile(DECADE_PATTERN)


def parse_digits(s: str) -> float:
    """The value of a digit run such as "84,071.5"."""
    return float(s.replace(",", ""))


def parse_words(s: str) -> float | None:
    """The value of number words ("twenty-five", "a hundred and two", "half a million")."""
    total = 0.0
    current = 0.0
    seen = False
    factor = 1.0
    for word in re.split(r"[\s\u00a0-]+", s.lower()):
        if not word or word == "and":
            continue
        if word == "half" and not seen:
            factor = 0.5  # "half a million"
            continue
        if word in ("a", "an"):
            current = 1.0
        elif word in SMALL_NUMBER_WORDS:
            current += SMALL_NUMBER_WORDS[word]
        elif word in TENS_WORDS:
            current += TENS_WORDS[word]
        elif word == "hundred":
            current = (current or 1.0) * 100
        elif word == "dozen":
            current = (current or 1.0) * 12
        elif word in MAGNITUDE_WORDS:
            total += (current or 1.0) * MAGNITUDE_WORDS[word]
            current = 0.0
        else:
            return None
        seen = True
    return (total + current) * factor if seen else None


def is_word_number(s: str) -> bool:
    """True when the number ``s`` is written in words."""
    return not s[:1].isdigit()


def has_magnitude(s: str) -> bool:
    """True when the number words ``s`` hold a multiplier ("hundred", "million", "dozen")."""
    low = s.lower()
    return any(w in low for w in MULTIPLIER_WORDS)


def scale_value(g: Grammar, surface: str | None) -> float:
    """The factor of a scale as written ("bn", "million", "lakh crore"); 1 without one."""
    if not surface:
        return 1.0
    value = 1.0
    for part in surface.replace("-", " ").split():
        value *= g.scales.get(part, 1.0)
    return value


def lookup_unit(g: Grammar, surface: str | None) -> Unit | None:
    """``(kind, unit, multiplier)`` of a unit as written after a number, or None."""
    if not surface:
        return None
    key = norm(surface.lstrip(" \u00a0-"))
    return g.units.get(key)


def clean_value(value: float) -> float:
    """Drop binary noise from scaling (8.2 * 1e9 is 8199999999.999999): 12 significant digits."""
    return float(f"{float(value):.12g}")
