"""Dates in metadata lines: finding one in text, normalising it to ISO, and datelines.

A date is written ``2021-01-05``, ``2021年1月5日``, ``5 January 2021``, ``January 5th, 2021``,
``5/1/2021`` or ``5.1.2021``, ``Jan 2021``, ``2021-01`` or as a bare year; the ISO form is
``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``. A *dateline* is a short line that holds a date and
nothing else but a weekday, a time, a time zone and words such as "Published" or "Updated"
(or the same kind of date again: a page's published and updated dates side by side). A web
address may carry the date in its path, and a wire dateline ("BEIJING, March 5 (Xinhua) --")
its month and day.
"""

from __future__ import annotations

import datetime as _dt
import re

from relexplorer.lexicon import MONTHS, WEEKDAY_ABBREVIATIONS, WEEKDAYS, is_year

_MON = r"(?P<mon>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
# A month name starts a word, or a capitalised word fused to the one before ("Associated
# PressApril 28, 2023": a copy of a page joins the text of neighbouring elements).
_MON_START = r"(?:(?<!\w)|(?-i:(?<=[a-z])(?=[A-Z])))"
# Dates with a day, and a month name with its year: what a dateline shows.
_FULL_DATE_PATTERNS = [
    re.compile(
        r"(?P<y>\d{4})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})(?:\s*日)?(?!\d)"
    ),
    re.compile(
        rf"(?<!\w)(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MON},?\s+(?P<y>\d{{4}})(?!\d)",
        re.I,
    ),
    re.compile(
        rf"{_MON_START}{_MON}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})(?!\d)", re.I
    ),
    re.compile(r"(?<!\d)(?P<a>\d{1,2})(?P<sep>[/.])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4})(?!\d)"),
    re.compile(rf"{_MON_START}{_MON},?\s+(?P<y>\d{{4}})(?!\d)", re.I),
]
# Most specific first: find_date takes the first pattern that matches anywhere.
_DATE_PATTERNS = [
    *_FULL_DATE_PATTERNS,
    re.compile(r"(?P<y>\d{4})\s*(?:-|年)\s*(?P<m>\d{1,2})(?:\s*月)?(?![\d-])"),
    re.compile(r"(?<![\d.])(?P<y>(?:19|20)\d{2})(?![\d.])"),
]
_WEEKDAY_WORDS = "|".join(day.lower() for day in (*WEEKDAYS, *WEEKDAY_ABBREVIATIONS))
# What may stand around the date on a dateline ("Published on Monday, 5 Jan 2021 at 09:15 GMT"):
# weekdays, times, time zones, the words of a dateline and separators. A line that is only a
# date once these are removed is a dateline.
_DATELINE_FILLER = re.compile(
    r"(?i)\b(?:at|on|updated|last updated|published|posted|am|pm|a\.m\.|p\.m\.|hrs|h|utc|gmt|bst|"
    r"cet|cest|eet|eest|wet|est|edt|cdt|pst|pdt|et|pt|ict|hkt|cst|bjt|msk|ist|jst|kst|sgt|wib|pht|"
    rf"aest|aedt|{_WEEKDAY_WORDS})\b|\d{{1,2}}[:.]\d{{2}}(?:[:.]\d{{2}})?(?:\s*[ap]\.?m\.?)?|[+-]\d{{2}}:?\d{{2}}\b"
    r"|[,|·•:\-–—()\s]"
)
_UPDATED_NOTE = re.compile(r"\s*[(\[](?:updated|last updated|modified|edited)\b[^)\]]*[)\]]", re.I)

# A dateline is short: longer lines that hold a date are sentences about it.
_DATELINE_MAX = 60
# "Publisher, 14.02.2022": the line's limit, and the most words before the date.
_SIGNED_DATE_MAX = 100
_SIGNED_DATE_WORDS = 8


def find_date(text: str) -> tuple[str, tuple[int, int]] | None:
    """The first date in ``text`` as ``(ISO date, span)``; ISO is ``YYYY-MM-DD``/``YYYY-MM``/``YYYY``."""
    for pattern in _DATE_PATTERNS:
        for m in pattern.finditer(text):
            iso = _iso(m.groupdict())
            if iso:
                return iso, m.span()
    return None


def _iso(g: dict) -> str:
    """The ISO form of a date pattern's groups, or "" when they name no real date."""
    try:
        year = int(g["y"])
        if g.get("mon"):
            month = MONTHS[g["mon"].lower().rstrip(".")]
        elif g.get("m"):
            month = int(g["m"])
        elif g.get("a"):
            a, b = int(g["a"]), int(g["b"])
            # 5/1/2021 is ambiguous; "/" reads month-first, "." day-first, unless impossible
            month, day = (a, b) if g["sep"] == "/" else (b, a)
            if month > 12:
                month, day = day, month
            _dt.date(year, month, day)
            return f"{year:04d}-{month:02d}-{day:02d}"
        else:
            return f"{year:04d}" if is_year(year) else ""
        if not is_year(year):
            return ""
        if g.get("d"):
            day = int(g["d"])
            _dt.date(year, month, day)
            return f"{year:04d}-{month:02d}-{day:02d}"
        if 1 <= month <= 12:
            return f"{year:04d}-{month:02d}"
    except (ValueError, KeyError):
        return ""
    return ""


def normalise_date(value: object) -> str:
    """Any date-ish value (``date``, ``datetime``, text) as an ISO string, or ``""``."""
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.strftime("%Y-%m-%d")
    found = find_date(str(value)) if value is not None else None
    return found[0] if found else ""


def ends_with_date(text: str) -> tuple[str, str] | None:
    """``Publisher, 14.02.2022`` -> (ISO date, "Publisher"), for short header lines."""
    if len(text) > _SIGNED_DATE_MAX or text[-1:] in ".!?":
        return None
    found = None
    for pattern in _FULL_DATE_PATTERNS:
        for m in pattern.finditer(text):
            iso = _iso(m.groupdict())
            if iso and not _DATELINE_FILLER.sub("", text[m.end() :]).strip():
                found = (iso, m.start())
        if found:
            break
    if not found:
        return None
    before = text[: found[1]].strip(" ,|·•●▪◆/:-–—(")
    if len(before.split()) > _SIGNED_DATE_WORDS:
        return None
    return found[0], before


def only_date(text: str) -> str:
    """The ISO date if ``text`` is a date (with perhaps a weekday and a time) and nothing else."""
    text = _UPDATED_NOTE.sub("", text)
    if len(text) > _DATELINE_MAX:
        return ""
    found = find_date(text)
    if not found:
        return ""
    iso, (a, b) = found
    rest = text[:a] + " " + text[b:]
    if not _DATELINE_FILLER.sub("", rest).strip():
        return iso
    again = find_date(rest)  # "October 11, 2022 October 11, 2022": published, then updated
    if again and again[0].count("-") == iso.count("-") == 2:
        a, b = again[1]
        if not _DATELINE_FILLER.sub("", rest[:a] + " " + rest[b:]).strip():
            return iso
    return ""


# A date in a web address's path: /2024/03/05/, /2024-03-05/, /20240305/ (and /2024/0305/).
_ADDRESS_DATE = re.compile(
    r"/(?P<y>(?:19|20)\d{2})[/-]?(?P<m>0[1-9]|1[0-2])[/-]?(?P<d>0[1-9]|[12]\d|3[01])(?=[/._-]|$)"
)
_ADDRESS_YEAR = re.compile(r"/(?P<y>(?:19|20)\d{2})/")
# A wire dateline: "BEIJING, March 5 (Xinhua) --", "XI'AN, March 5 --".
_DATELINE = re.compile(
    rf"^[A-Z][A-Z.'’ -]{{1,40}},\s*{_MON}\s+(?P<d>\d{{1,2}})(?:\s*\([^()]{{2,40}}\))?\s*[-–—]",
    re.I,
)


def address_date(url: str) -> str:
    """The publication date a web address carries in its path ("/2019/11/18/"), or ""."""
    m = _ADDRESS_DATE.search(url or "")
    return _iso(m.groupdict()) if m else ""


def dateline_date(paragraph: str, url: str) -> str:
    """The date of a wire dateline ("BEIJING, March 5 (Xinhua) --") when the web address gives
    its year ("/2024/..."); a dateline alone has no year, and a guessed year would be wrong."""
    m = _DATELINE.match(paragraph)
    year = _ADDRESS_YEAR.search(url or "")
    if not m or not year:
        return ""
    return _iso({"y": year.group("y"), "mon": m.group("mon"), "d": m.group("d")})
