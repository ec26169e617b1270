"""Turning one grammar match into figure candidates.

A match is a skip form (no figure), a date or ranking ordinal, or a number with its currency,
scale and unit and perhaps a second number. Ordinals (``6th largest`` -> 6) and decades
(``the 1990s`` -> 1990..1999) are decided here; one number goes to :mod:`.classify`.

Ranges (``$1.5-2 billion``, ``5 to 7 percent``, ``two or three times``, ``2017-2019``) give one
figure with ``end_value``; ``from X to Y`` (a change) gives two, except for years. Qualifiers
such as "more than" or "about" are left out of the span. Not figures: footnote marks glued to
a year (``in 2021.3`` is 2021), a year and a serial number (``2019/452`` is 2019 alone),
``24/7``, ``1/3``, ``a 50-50 venture``, and letters glued to a number that make a name
(``4K``, ``COP28``).

Dates: a full date keeps its ISO form in ``iso`` (``June 7, 2018`` -> 2018, ``2018-06-07``;
``March 2014`` -> ``2014-03``); ``FY2019-20`` and ``the mid-2010s`` are ranges of years.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from relexplorer.extract.figures.candidate import Candidate
from relexplorer.extract.figures.classify import single
from relexplorer.extract.figures.currency import currency_code
from relexplorer.extract.figures.grammar import BLANK, Grammar, Unit, norm
from relexplorer.extract.figures.numbers import (
    DECADE,
    YEAR,
    has_magnitude,
    is_word_number,
    lookup_unit,
    parse_digits,
    parse_words,
    scale_value,
)
from relexplorer.extract.figures.words import ORDINAL_WORDS, SUPERLATIVES
from relexplorer.lexicon import YEAR_MAX, YEAR_MIN

# How far before a match the word that makes two numbers a range or a change is read
# ("between 5 and 7", "from about 5 to 7"), in characters.
RANGE_CUE_REACH = 12

_SUPERLATIVE_AFTER = re.compile(rf"(?:{BLANK}{{1,3}}|-)(?:{SUPERLATIVES})\b")
_BETWEEN_BEFORE = re.compile(r"\b[Bb]etween[ \u00a0\n]\Z")
_FROM_BEFORE = re.compile(r"\b[Ff]rom[ \u00a0\n](?:(?:about|around|some|nearly|almost|over|just|only)[ \u00a0\n])?\Z")
_NOTE_MARK_AFTER = re.compile(r"[ \u00a0]*(?:\n|\Z)|[ \u00a0]+[A-Z\"“‘(]")
_TWO_DIGITS = re.compile(r"[0-9]{2}")


def interpret(g: Grammar, m: re.Match[str], text: str, lo: int, hi: int) -> tuple[list[Candidate], int]:
    """Figures for one match, and where scanning resumes."""
    if m.group("skip") is not None:
        return [], m.end()
    if m.group("num") is None:
        return _date_or_ordinal(g, m, text), m.end()

    number = m.group("n1")
    number_start, number_end = m.span("n1")
    currency = currency_code(g, m.group("cur"), text, m.start())
    scale = m.group("sc1")
    unit = lookup_unit(g, m.group("u1"))
    suffix = m.group("sfx")
    in_words = is_word_number(number)

    value = parse_words(number) if in_words else parse_digits(number)
    if value is None or not math.isfinite(value):
        return [], m.end()
    if (
        not in_words and len(number) in (6, 7) and number[4] == "." and YEAR.fullmatch(number, 0, 4)
        and not (currency or scale or m.group("u1") or suffix or m.group("n2"))
        and _NOTE_MARK_AFTER.match(text, number_end)
    ):
        # "ordered two corvettes in 2021.3": a year, then a footnote mark (PDF copies).
        return [Candidate(number_start, number_start + 4, float(number[:4]), "year", "date")], number_end

    # A single-letter scale glued to a bare number ("4K", "9M") is a model name, not a scale.
    if scale and scale.strip() in ("M", "B", "K", "b") and currency is None:
        return [], m.end()
    # Letters glued to a bare whole number name a thing ("COP28", "SAR2"), even when they spell
    # a currency code: amounts glue a symbol ("$5") or carry a scale ("Rmb380bn").
    if currency and m.group("cur").isalpha() and not (scale or m.group("u1")) and number.isdigit():
        return [], m.end()
    if suffix:
        return _ordinal_or_decade(m, text, hi, value, in_words, suffix)
    if m.group("n2") is not None:
        return _two_numbers(g, m, text, lo, hi, value, currency, scale, unit)
    found = single(g, m, text, lo, hi, value, number_start, m.end(), currency, scale, unit)
    return ([found] if found else []), m.end()


def _ordinal_or_decade(
    m: re.Match[str], text: str, hi: int, value: float, in_words: bool, suffix: str
) -> tuple[list[Candidate], int]:
    """A number with a suffix: an ordinal ("6th", "the 3rd largest") or a decade ("1990s")."""
    number = m.group("n1")
    number_start = m.start("n1")
    if suffix in ("st", "nd", "rd", "th"):
        if in_words or "." in number or "," in number:
            return [], m.end("sfx")
        end = m.end("sfx")
        superlative = _SUPERLATIVE_AFTER.match(text, end, hi)
        if superlative:
            end = superlative.end()
        return [Candidate(number_start, end, value, "ordinal", "ordinal")], end
    # The suffix is a plural "s".
    if not in_words and DECADE.fullmatch(number):
        if number_start >= 1 and text[number_start - 1] == "'":
            return [], m.end()
        return [Candidate(number_start, m.end("sfx"), value, "year", "date", end_value=value + 9)], m.end("sfx")
    return [], m.end()


@dataclass(slots=True)
class _Pair:
    """The two numbers of a match such as "5 to 7 percent" or "2017-19", as read."""

    separator: str  # "-", "to", "or", "and", "through" or "/"
    first_value: float
    second_value: float | None  # None when its words do not parse
    first_in_words: bool
    second_in_words: bool
    first_is_year: bool
    second_is_year: bool
    currency: str | None
    second_currency: str | None
    first_scale: str | None
    second_scale: str | None
    first_unit: Unit | None
    second_unit: Unit | None


def _two_numbers(
    g: Grammar,
    m: re.Match[str],
    text: str,
    lo: int,
    hi: int,
    first_value: float,
    currency: str | None,
    first_scale: str | None,
    first_unit: Unit | None,
) -> tuple[list[Candidate], int]:
    """Two numbers joined by "-", "to", "or", "and", "through" or "/": one range, two
    figures, or none."""
    first, second = m.group("n1"), m.group("n2")
    first_in_words, second_in_words = is_word_number(first), is_word_number(second)
    second_unit = lookup_unit(g, m.group("u2"))
    second_scale = m.group("sc2")
    second_currency = currency_code(g, m.group("cur2"), text, m.start())
    separator = m.group("sep").strip()
    second_value = parse_words(second) if second_in_words else parse_digits(second)
    first_is_year = (
        not first_in_words and YEAR.fullmatch(first) is not None and not (currency or first_scale or first_unit)
    )
    if (
        first_is_year and second_value is not None and not second_in_words and _TWO_DIGITS.fullmatch(second)
        and separator in ("-", "–", "—", "/")
    ):
        second_value = math.floor(first_value / 100) * 100 + second_value  # "2017-19"
    second_is_year = (
        second_value is not None and YEAR_MIN <= second_value <= YEAR_MAX and not second_in_words
        and not (second_currency or second_scale or second_unit)
    )
    pair = _Pair(
        separator, first_value, second_value, first_in_words, second_in_words, first_is_year,
        second_is_year, currency, second_currency, first_scale, second_scale, first_unit, second_unit,
    )
    is_range = _is_range(pair, m.group("sfx2"), text[max(lo, m.start() - RANGE_CUE_REACH) : m.start()])
    if is_range is None:
        return [], m.end()
    if is_range:
        return _range(g, m, text, lo, hi, pair)
    return _separate_figures(g, m, text, lo, hi, pair)


def _is_range(pair: _Pair, plural: str | None, before: str) -> bool | None:
    """True for a range, False for two figures, None for neither ("24/7", "1/3", "a 50-50
    venture"); ``plural`` is an "s" after the second number, ``before`` the text before the
    match."""
    p = pair
    sep = p.separator
    if p.second_value is None or plural or (
        p.first_in_words != p.second_in_words and sep not in ("to", "-", "–", "or")
    ):
        return False
    if p.first_is_year or p.second_is_year:
        return p.first_is_year and p.second_is_year and p.second_value > p.first_value and (
            sep != "and" or _BETWEEN_BEFORE.search(before) is not None
        ) and sep != "or"
    if sep == "/" or (sep in ("-", "–") and p.second_value == p.first_value):
        return None
    if p.first_unit and p.second_unit and p.first_unit[:2] != p.second_unit[:2]:
        return False
    if p.first_unit and (p.second_currency or p.second_scale) and not p.second_unit:
        return False
    if (p.first_unit or p.first_scale) and not (p.second_unit or p.second_scale or p.second_currency):
        return False  # "22 billion dollars to 75 projects"
    if sep == "and" and _BETWEEN_BEFORE.search(before) is None:
        return False
    if sep == "to" and _FROM_BEFORE.search(before):
        return False
    return p.second_value > p.first_value


def _separate_figures(
    g: Grammar, m: re.Match[str], text: str, lo: int, hi: int, p: _Pair
) -> tuple[list[Candidate], int]:
    """The first of two numbers that are figures of their own ("from 5 to 7 percent": a
    change); the scan resumes at the second."""
    number_start, number_end = m.span("n1")
    if (
        p.first_is_year and p.separator == "/" and not p.second_in_words and len(m.group("n2")) >= 3
        and not p.second_is_year
    ):
        # "Perspective 2022/104", "Regulation 2019/452": a year and a serial number.
        found = single(g, m, text, lo, hi, p.first_value, number_start, number_end, None, None, None)
        return ([found] if found else []), m.end()
    if p.first_in_words == p.second_in_words and not (
        p.first_unit or p.first_scale or p.first_is_year or (p.first_in_words and has_magnitude(m.group("n1")))
    ):
        # The first borrows the shared tail ("from 5 to 7 percent").
        found = single(
            g, m, text, lo, hi, p.first_value, number_start, number_end, p.currency or p.second_currency,
            p.second_scale, None, borrowed_unit=p.second_unit,
        )
    else:
        first_end = m.end("u1") if m.group("u1") else (m.end("sc1") if p.first_scale else number_end)
        found = single(
            g, m, text, lo, hi, p.first_value, number_start, first_end, p.currency, p.first_scale, p.first_unit
        )
    return ([found] if found is not None else []), m.start("cur2") if m.group("cur2") else m.start("n2")


def _range(g: Grammar, m: re.Match[str], text: str, lo: int, hi: int, p: _Pair) -> tuple[list[Candidate], int]:
    """One figure from the first number to the second; currency, scale and unit are those of
    either number."""
    unit = p.first_unit or p.second_unit
    found = single(
        g, m, text, lo, hi, p.first_value, m.start("n1"), m.end(), p.currency or p.second_currency,
        p.first_scale or p.second_scale, unit, keep_end=True,
    )
    if found is None:
        return [], m.end()
    second_scale_mult = scale_value(g, p.second_scale or p.first_scale)
    end_value = p.second_value * second_scale_mult if p.second_value is not None else None
    if unit is not None and unit[0] in ("quantity",):
        end_value = end_value * unit[2] if end_value is not None else None
    if unit is not None and unit[0] == "fraction":
        end_value = None
    found.end_value = end_value if found.kind != "date" else p.second_value
    found.end = m.end()
    found.start = m.start("cur") if m.group("cur") else m.start("n1")
    return [found], m.end()


def _date_or_ordinal(g: Grammar, m: re.Match[str], text: str) -> list[Candidate]:
    """The figure of a date form or a ranking ordinal word ("the second largest")."""
    s, e = m.span()
    if m.group("ordw") is not None:
        return [Candidate(s, e, float(ORDINAL_WORDS[m.group("ordw_n").lower()]), "ordinal", "ordinal")]
    if m.group("iso") is not None:
        return [Candidate(s, e, float(m.group("iso")[:4]), "year", "date", iso=m.group("iso"))]
    for key in ("dmy", "mdy"):
        if m.group(key) is not None:
            year = int(m.group(f"{key}_y"))
            month = g.months[norm(m.group(f"{key}_m"))]
            day = int(m.group(f"{key}_d"))
            iso = f"{year:04d}-{month:02d}-{day:02d}" if 1 <= day <= 31 else f"{year:04d}-{month:02d}"
            return [Candidate(s, e, float(year), "year", "date", iso=iso)]
    if m.group("my") is not None:
        year = int(m.group("my_y"))
        month = g.months[norm(m.group("my_m"))]
        return [Candidate(s, e, float(year), "year", "date", iso=f"{year:04d}-{month:02d}")]
    if m.group("num_date") is not None:
        day, month, year = int(m.group("nd_d")), int(m.group("nd_m")), int(m.group("nd_y"))
        if m.group("nd_sep") == "/":
            # 06/07/2018: day-month or month-day, the year is all that is certain.
            return [Candidate(s, e, float(year), "year", "date")] if max(day, month) <= 31 else []
        if not (1 <= day <= 31 and 1 <= month <= 12):
            return []
        return [Candidate(s, e, float(year), "year", "date", iso=f"{year:04d}-{month:02d}-{day:02d}")]
    if m.group("ymd") is not None:
        year, month, day = int(m.group("ymd_y")), int(m.group("ymd_m")), int(m.group("ymd_d"))
        if not (1 <= day <= 31 and 1 <= month <= 12):
            return []
        return [Candidate(s, e, float(year), "year", "date", iso=f"{year:04d}-{month:02d}-{day:02d}")]
    if m.group("fy") is not None:
        year = float(m.group("fy_y"))
        tail = m.group("fy_e")
        end_value = None
        if tail:
            end_value = float(tail) if len(tail) == 4 else math.floor(year / 100) * 100 + float(tail)
        return [Candidate(s, e, year, "year", "date", end_value=end_value)]
    if m.group("pre_date") is not None:
        year = float(m.group("pre_y"))
        end_value = year + 9 if m.group("pre_s") else None
        return [Candidate(s, e, year, "year", "date", end_value=end_value)]
    return []
