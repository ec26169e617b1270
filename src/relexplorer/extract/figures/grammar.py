"""The grammar of figures, built once from ``data/units.yaml`` and compiled into a few regexes.

One grammar (number, scale, currency, unit, range, date, ordinal and skip forms) is built
from the vocabularies in ``data/units.yaml`` and :mod:`.words` when it is first used, and
compiled into a few regular expressions that define the same groups: one for any start, and
smaller ones for a match that starts on a digit, on a number word, on a ranking ordinal, or on
a digit that the next characters show starts neither a date nor a reference (see
:mod:`.scan`). The ``anchors`` pattern finds where a figure may be.

Skip forms match what holds digits but is no figure, so that the scan passes over it: times of
day, phone numbers, URLs and e-mail addresses, version numbers (``1.2.3``), slashed runs
(``06/07/18``), ratios (``3:2``), sums (``5+5``), ``24/7``, list marks (``2)``, ``(2)``),
reference marks (``[3]``, ``[^3]``, ``p. 12``, ``No. 2``), "one in five", and a day and
month without a year (``7 June``, ``June 7``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from relexplorer.extract.figures.words import (
    FRACTION_DENOMINATORS,
    MULTIPLIER_WORDS,
    ORDINAL_WORDS,
    SMALL_NUMBER_WORDS,
    SUPERLATIVES,
    TENS_WORDS,
    YEARLY_TAILS,
    YEARLY_UNITS,
)
from relexplorer.lexicon import MONTH_ABBREVIATIONS, MONTH_NAMES, MONTHS, load_data
from relexplorer.regex_cache import compile_many

# A unit as written after a number, read: (kind, unit, multiplier), e.g. ("quantity", "tons", 1e6)
# for "million tons"; money forms carry the ISO code as unit.
Unit = tuple[str, str, float]


@dataclass(frozen=True, slots=True)
class Grammar:
    """The compiled patterns and the vocabularies that interpret their matches."""

    pattern: re.Pattern[str]
    pattern_digit: re.Pattern[str]
    pattern_word: re.Pattern[str]
    pattern_plain: re.Pattern[str]
    pattern_ordinal: re.Pattern[str]
    anchors: re.Pattern[str]
    prefixes: frozenset[str]
    scales: dict[str, float]
    cur_before: dict[str, str]
    units: dict[str, Unit]  # surface -> (kind, unit, multiplier)
    months: dict[str, int]
    party: frozenset[str]
    name_exceptions: frozenset[str]
    references: frozenset[str]
    yen_context: re.Pattern[str]
    # Currency forms shared by several countries ("pesos", "Sh"): per form group, the codes
    # with a pattern of the country words that pick each.
    shared: tuple[tuple[tuple[str, re.Pattern[str]], ...], ...]


# One to three blanks, or one line break (hard-wrapped text): never a paragraph break.
SPACE = r"(?:[ \u00a0\u202f\u2009]{1,3}|\n(?!\n))"
# At most one blank or line break (between a number and its unit: "5%", "5 %").
OPTIONAL_SPACE = r"(?:[ \u00a0\u202f\u2009]|\n(?!\n))?"
BLANK = r"[ \u00a0\n]"
# The four-digit years of a date: 1800 to 2099, the years of lexicon.YEAR_MIN..YEAR_MAX that
# are written with four digits and a century of 18, 19 or 20.
YEAR_PATTERN = r"(?:1[89]|20)[0-9]{2}"
DECADE_PATTERN = r"(?:1[89]|20)[0-9]0"
_DAY = r"[0-3]?[0-9](?:st|nd|rd|th)?"
_DAY_TO = rf"(?:{OPTIONAL_SPACE}[-–]{OPTIONAL_SPACE}|{SPACE}(?:to|and|through){SPACE})"
# Unit forms that only count glued to the number ("5pc", "3x"), never after a blank.
_GLUED_ONLY_UNITS = {"pc", "pp", "ppt", "x"}


def alternation(forms) -> str:
    """A regex matching any of the literal ``forms`` (a space matches :data:`SPACE`).

    Built as a character trie so that the engine tests one branch per first character
    rather than every form in turn; longer forms are tried first.
    """
    root: dict = {}
    for form in set(forms):
        node = root
        for ch in form:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        ends = "" in node
        branches = []
        for ch in sorted(k for k in node if k):
            head = SPACE if ch == " " else re.escape(ch)
            branches.append(head + emit(node[ch]))
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:
            return "(?:" + body + ")?" if len(branches) == 1 else body + "?"
        return body

    return "(?:" + emit(root) + ")"


def norm(surface: str) -> str:
    """``surface`` with every run of blanks as one space: the key of the vocabularies."""
    return " ".join(surface.split())


@lru_cache(maxsize=1)
def grammar() -> Grammar:
    """The grammar, built on first use."""
    data = load_data("units.yaml")
    cur_before, units, shared = _vocabulary(data)
    scales = {str(k): float(v) for k, v in data["scales"].items()}
    # Month names and abbreviations as written (capitalised), with the month's number.
    months = {form: MONTHS[form.lower()] for form in (*MONTH_NAMES, *MONTH_ABBREVIATIONS)}
    patterns = _patterns(scales, cur_before, units, months)
    yen_words = "|".join(re.escape(w) for w in data["yen_context"])
    return Grammar(
        **patterns,
        prefixes=frozenset([*cur_before, *months, "p.", "pp.", "No.", "no.", "FY", "CY", "half", "Half"]),
        scales=scales,
        cur_before=cur_before,
        units=units,
        months=months,
        party=frozenset(str(w).lower() for w in data["party_nouns"]),
        name_exceptions=frozenset(str(w) for w in data["name_exceptions"]),
        references=frozenset(str(w).lower() for w in data["reference_words"]),
        yen_context=re.compile(rf"\b(?:{yen_words})\b"),
        shared=tuple(shared),
    )


# --- vocabularies ----------------------------------------------------------------------------------


def _vocabulary(data: dict) -> tuple[dict[str, str], dict[str, Unit], list]:
    """Currency forms before the number, unit forms after it and the shared-currency groups."""
    cur_before: dict[str, str] = {}
    units: dict[str, Unit] = {}
    for code, forms in data["currencies"].items():
        for form in forms.get("before", []):
            cur_before.setdefault(norm(form), code)
        for form in forms.get("after", []):
            units.setdefault(norm(form), ("money", code, 1.0))
    cur_before.setdefault(data["yen_sign"], "CNY")
    shared = []
    for i, group in enumerate(data.get("shared_currencies") or []):
        # A shared form stands for the code "?i", resolved from the words around each figure.
        for form in group.get("before", []):
            cur_before.setdefault(norm(form), f"?{i}")
        for form in group.get("after", []):
            units.setdefault(norm(form), ("money", f"?{i}", 1.0))
        shared.append(tuple(
            (str(code), re.compile(r"\b(?:" + "|".join(re.escape(str(w)) for w in words) + r")\b"))
            for code, words in group["codes"].items()
        ))
    for form, unit in data["percent"].items():
        units.setdefault(norm(str(form)), ("percent", unit, 1.0))
    for form, (unit, mult) in data["quantities"].items():
        units.setdefault(norm(str(form)), ("quantity", unit, float(mult)))
    for form, (unit, mult) in data["quantities"].items():
        # Any form of a stock that is traded by the year is a rate with "a year" and the like
        # ("1.5 mt a year", "30 bcm per annum"); forms that say so themselves come first.
        if unit in YEARLY_UNITS:
            for tail in YEARLY_TAILS:
                units.setdefault(norm(str(form)) + tail, ("quantity", unit + " per year", float(mult)))
    for form, unit in data["durations"].items():
        units.setdefault(norm(form), ("duration", unit, 1.0))
    units["x"] = ("count", "times", 1.0)
    for form in data["times"]:
        units.setdefault(form.lstrip("-"), ("count", "times", 1.0))
    for form, denominator in FRACTION_DENOMINATORS.items():
        units.setdefault(form, ("fraction", "percent", 100.0 / denominator))
    return cur_before, units, shared


# --- patterns --------------------------------------------------------------------------------------


class _Numbers(NamedTuple):
    digits: str  # "84,071", "3.5"
    words: str  # "twenty-five", "a hundred", "half a million"
    any: str  # either
    article: str  # "a"/"an"/"half a" standing for one (or a half) before a magnitude
    small_words: str  # "zero" .. "nineteen"


def _number_forms() -> _Numbers:
    """Numbers in digits ("84,071.5") and in words ("two hundred and fifty", "half a million")."""
    sp = SPACE
    num_digits = r"(?:[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?)(?![0-9]|[.,][0-9])"
    small_words = "|".join(SMALL_NUMBER_WORDS)
    multipliers = "|".join(MULTIPLIER_WORDS)
    tens_alt = "|".join(TENS_WORDS)
    atom = rf"(?:(?:{tens_alt})(?:-(?:{small_words}))?|{small_words}|{multipliers})"
    # The first word of a number may be capitalised ("Twenty-five", "Eight"), the rest not.
    first_tens = "|".join(_either_case(word) for word in TENS_WORDS)
    first_small = "|".join(_either_case(word) for word in SMALL_NUMBER_WORDS)
    first_atom = rf"(?:(?:{first_tens})(?:-(?:{small_words}))?|{first_small})"
    a_word = (
        rf"(?:[Hh]alf{sp}a(?={sp}(?:{multipliers})\b)"
        rf"|[Aa]n?(?={sp}(?:{multipliers}|third|quarter|fifth|tenth)\b))"
    )
    word_end = r"(?:(?![A-Za-z])|(?=fold\b))"
    rest = rf"(?:(?:(?<=hundred){sp}and{sp}|{sp}|-){atom}{word_end}){{0,6}}"
    word_num = rf"(?:{a_word}(?:{sp}(?:{multipliers})(?![A-Za-z]))?|\b{first_atom}{word_end}{rest})"
    return _Numbers(num_digits, word_num, rf"(?:{num_digits}|{word_num})", a_word, small_words)


def _skip_forms(numbers: _Numbers, month: str, spaced_units: str) -> tuple[list[str], str, list[str]]:
    """Skip forms that start on a digit, "one in five", and those that start elsewhere."""
    sp, sp0, year, day, day_to = SPACE, OPTIONAL_SPACE, YEAR_PATTERN, _DAY, _DAY_TO
    skip_digit = [
        r"(?<![\w.:])[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?(?:[ ]?[AaPp]\.?[Mm]\b\.?)?",
        r"(?<![\w.])[0-9]{1,2}(?:[.:][0-9]{2})?[ ]?(?:[ap]\.m\.|[AaPp][Mm]\b)",
        r"(?<![\w.])[0-9]+(?:\.[0-9]+){2,}",
        r"(?<![\w.])[0-9]+/[0-9]+/[0-9]+",
        r"(?<![\w.-])[0-9]{3}-[0-9]{3}-[0-9]{4}(?![\w-])",
        r"\b24/7\b",
        r"(?<![\w.])[0-9]+\+[0-9]+\b",
        r"(?<![\w.:])[0-9]{1,4}:[0-9]{1,4}\b",
        r"(?<![\w.(])[0-9]{1,2}\)(?=[ \t])",
        rf"(?<![\w.]){day}(?:{day_to}{day})?{sp}(?:of{sp})?{month}\b\.?(?!,?{sp}{year})",
    ]
    one_in = rf"\b(?:[Oo]ne|1){sp}in{sp}(?:every{sp})?(?:{numbers.small_words}|[0-9]+)\b"
    skip_other = [
        r"https?://\S+|www\.\S+",
        # Bounded like real addresses (64-character local part), so that a failed attempt
        # inside a long hyphenated run ("787-9-787-9-...") costs a constant, not the run.
        r"[\w.+-]{1,64}@[\w-]{1,63}\.[\w.]{1,253}",
        r"\[\^?[0-9]{1,3}(?:[,–-][ ]?[0-9]{1,3})*\]",
        r"\(0?[0-9]{2,4}\)[ ]?[0-9]{3,4}[ -][0-9]{3,4}",
        r"\([0-9]{1,2}\)",
        r"\b(?:pp?|[Nn]o|[Nn]os|[Vv]ol|[Aa]rt|[Pp]ara|[Ff]ig|[Ss]ec|[Cc]h|[Ee]d|[Nn]r)\.[ ]?[0-9]+(?:[ ]?[-–][ ]?[0-9]+)?",
        r"\+[0-9][0-9 ().-]{7,}[0-9]",
        rf"\b{month}\.?{sp}{day}(?:{day_to}{day})?\b(?!,?{sp}{year})(?!{sp0}(?:%|{spaced_units}\b))",
    ]
    return skip_digit, one_in, skip_other


def _date_forms(month: str) -> tuple[list[str], list[str]]:
    """Date forms that start on a digit, and those that start on a word."""
    sp, year, day_to = SPACE, YEAR_PATTERN, _DAY_TO
    date_digit = [
        rf"(?P<iso>(?<![\w.-]){year}-[01][0-9]-[0-3][0-9])(?![\w-])",
        rf"(?P<dmy>(?<![\w.])(?P<dmy_d>[0-3]?[0-9])(?:st|nd|rd|th)?(?:{day_to}[0-3]?[0-9](?:st|nd|rd|th)?)?{sp}(?:of{sp})?(?P<dmy_m>{month})\b\.?,?{sp}(?P<dmy_y>{year}))(?!\w)",
        rf"(?P<num_date>(?<![\w.])(?P<nd_d>[0-3]?[0-9])(?P<nd_sep>[./])(?P<nd_m>[0-3]?[0-9])(?P=nd_sep)(?P<nd_y>{year}))(?![\w.])",
        rf"(?P<ymd>(?<![\w.])(?P<ymd_y>{year})(?P<ymd_sep>[./])(?P<ymd_m>[01]?[0-9])(?P=ymd_sep)(?P<ymd_d>[0-3]?[0-9]))(?![\w.])",
    ]
    date_other = [
        rf"(?P<mdy>\b(?P<mdy_m>{month})\.?{sp}(?P<mdy_d>[0-3]?[0-9])(?:st|nd|rd|th)?(?:{day_to}[0-3]?[0-9](?:st|nd|rd|th)?)?,?{sp}(?P<mdy_y>{year}))(?!\w)",
        rf"(?P<my>\b(?P<my_m>{month})\.?,?{sp}(?:of{sp})?(?P<my_y>{year}))(?![\w-])",
        rf"(?P<fy>\b(?:FY|CY)[ ]?(?P<fy_y>{year})(?:[-–/](?P<fy_e>[0-9]{{2}}|{year}))?)(?![\w-])",
        rf"(?P<pre_date>\b(?:[Mm]id|[Ee]arly|[Ll]ate|[Pp]re|[Pp]ost|[Ee]nd)-(?P<pre_y>{year})(?P<pre_s>s)?)(?![\w-])",
    ]
    return date_digit, date_other


def _figure_form(first: str, with_cur: bool, number: str, cur: str, scale: str, unit: str) -> str:
    """A number with its currency, suffix, scale and unit, and the second number of a range.

    ``first`` is the form of the first number. Without ``with_cur`` no currency may stand
    before it: the scan tries a match from a currency sign before the anchor with the full
    pattern.
    """
    sp, sp0 = SPACE, OPTIONAL_SPACE
    cur_part = rf"(?P<cur>{cur}{sp0})?" if with_cur else "(?P<cur>(?!))?"
    return (
        r"(?P<num>(?<![\w.)”’])(?<![A-Za-z]-)"
        rf"{cur_part}(?P<n1>{first})(?P<sfx>st|nd|rd|th|s(?![A-Za-z]))?"
        rf"(?P<sc1>{scale})?(?P<u1>{unit})?"
        rf"(?:(?P<sep>{sp0}[-–—]{sp0}|{sp}(?:to|or|and|through)(?!\w){sp}|/)"
        rf"(?P<cur2>{cur}{sp0})?(?P<n2>{number})(?P<sfx2>s(?![A-Za-z]))?(?P<sc2>{scale})?(?P<u2>{unit})?)?"
        r")(?![\w])"
    )


def _either_case(word: str) -> str:
    """``word`` with its first letter in either case, as a regex."""
    return f"[{word[0].upper()}{word[0]}]{word[1:]}"


def _dead(*parts: str) -> str:
    # Alternatives that never match but define the same groups, so that every pattern
    # answers the same ``group()`` calls.
    names = re.findall(r"\(\?P<(\w+)>", "".join(parts))
    return "(?!)" + "".join(f"(?P<{n}>)" for n in names)


def _patterns(
    scales: dict[str, float], cur_before: dict[str, str], units: dict[str, Unit], months: dict[str, int]
) -> dict[str, re.Pattern[str]]:
    """The five match patterns and the anchor pattern, by field of :class:`Grammar`."""
    sp, sp0 = SPACE, OPTIONAL_SPACE
    numbers = _number_forms()
    spaced_units = alternation(u for u in units if u not in _GLUED_ONLY_UNITS)
    single_scales = [s for s in scales if len(s) == 1]
    word_scales = [s for s in scales if len(s) > 1]
    scale = (
        rf"(?:(?:{sp0}|-){alternation(word_scales)}(?![A-Za-z])(?:{sp}(?:lakh|crore)(?![A-Za-z]))?"
        rf"|{alternation(single_scales)}(?![A-Za-z0-9]))"
    )
    unit = rf"(?:(?:{sp0}|-){spaced_units}|{alternation(_GLUED_ONLY_UNITS)})(?![A-Za-z0-9²³])"
    cur = alternation(cur_before)
    month = alternation(months)
    skip_digit, one_in, skip_other = _skip_forms(numbers, month, spaced_units)
    date_digit, date_other = _date_forms(month)
    ordinal_words = "|".join(_either_case(w) for w in ORDINAL_WORDS)
    ordw = rf"(?P<ordw>\b(?P<ordw_n>{ordinal_words})(?:{sp}|-)(?:{SUPERLATIVES})\b)"

    def figure(first: str, with_cur: bool) -> str:
        return _figure_form(first, with_cur, numbers.any, cur, scale, unit)

    dates = "|".join(date_digit + date_other)
    # Entry points over the same groups: a match starting on a digit, on a number word, on an
    # ordinal word, or a little before the anchor ("US$", "June", "mid-", "p.") where anything
    # may start.
    pattern = (
        f"{dates}|(?P<skip>{'|'.join(skip_digit + [one_in] + skip_other)})|{ordw}|{figure(numbers.any, True)}"
    )
    pattern_digit = (
        f"{'|'.join(date_digit)}|{_dead(*date_other)}|(?P<skip>{'|'.join([*skip_digit, one_in])})|"
        f"{_dead(ordw)}|{figure(numbers.digits, False)}"
    )
    pattern_word = (
        f"{_dead(dates)}|(?P<skip>{one_in})|{ordw}|{figure(numbers.words, False)}"
    )
    # Most numbers are followed by a blank, a comma or a unit: no date or skip form can start
    # there, so the number alone is tried (the scan decides from the next characters).
    pattern_plain = (f"{_dead(dates)}|(?P<skip>(?!))|{_dead(ordw)}|{figure(numbers.digits, False)}")
    pattern_ordinal = (f"{_dead(dates)}|(?P<skip>(?!))|{ordw}|{_dead(figure(numbers.any, True))}")
    # Every figure holds a digit run, a number word or a ranking ordinal word: the cheap anchor
    # scan finds those, and the full pattern only runs in a small window around each anchor.
    anchor_words = [*SMALL_NUMBER_WORDS, *TENS_WORDS, *ORDINAL_WORDS]
    anchor_words += [w.capitalize() for w in anchor_words]
    anchors = (
        rf"[0-9]+|(?<![A-Za-z])(?:{alternation(anchor_words)}(?:fold)?(?![A-Za-z])|{numbers.article}"
        r"|h(?P<url>ttps?://\S+)|w(?P<www>ww\.\S+))"
    )
    # Compiling these takes longer than the rest of a small ingest: compiled once per install.
    return compile_many("figures", {
        "pattern": pattern,
        "pattern_digit": pattern_digit,
        "pattern_word": pattern_word,
        "pattern_plain": pattern_plain,
        "pattern_ordinal": pattern_ordinal,
        "anchors": anchors,
    })
