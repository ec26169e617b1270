"""Figures: quantities that carry data (money, percent, counts, quantities, durations, dates, ordinals).

How: one grammar (number, scale, currency, unit, range, date, ordinal and skip forms), built
once from the vocabularies in ``data/units.yaml`` and compiled into a few regular expressions.
A cheap anchor scan finds every digit run and number word in one left-to-right pass; the
grammar is matched only at those anchors (and just before them, for "US$5" or "June 7,
2018"), with a smaller pattern when the next characters rule out dates and references. A
short interpretation step per match decides whether it is a figure, what it is worth and
what it measures (``label``: the noun phrase after the number, or the subject before a verb
such as "reached" or "grew by"; at most five words, never beyond the sentence).

Normalised values (the conventions the store, the search filters and the tests rely on):

- money: the amount in units of the currency, ``unit`` the ISO 4217 code
  (``$84.071 billion`` -> 84071000000 USD; ``Rs 500 crore`` -> 5e9 INR). ``¥`` is CNY unless
  the text around it speaks of yen or Japan; forms several countries share (``pesos``,
  ``Sh``, ``dinars``) take the country named in the sentence, else the one named most nearby.
- percent: the value in percent (``20.8 percent`` -> 20.8 percent); ``percentage points`` and
  ``basis points`` keep their own unit; ``two thirds of`` -> 66.67 percent.
- count: a number of things (``eight hundred thousand`` tourists -> 800000 count) or of times
  (``five times`` -> 5 times).
- quantity: the value in the canonical unit of ``units.yaml`` (``4 million tons`` -> 4e6 tons,
  ``38 bcm`` -> 3.8e10 cubic meters, ``1.2 GW`` -> 1.2e9 W).
- duration: the value as written in a plural unit (``first 9 months`` -> 9 months).
- date: the year as a float (``2018 to 2022`` -> 2018, ``end_value`` 2022; ``the 1990s`` ->
  1990..1999); a full date keeps its ISO form in ``label`` (``June 7, 2018`` -> 2018,
  label ``2018-06-07``; ``March 2014`` -> label ``2014-03``).
- ordinal: the rank (``6th largest`` -> 6); word ordinals only when they rank something
  (``the second largest``), never ``for the first time``.

Ranges (``$1.5-2 billion``, ``5 to 7 percent``, ``two or three times``, ``2017-2019``) give one
figure with ``end_value``; ``from X to Y`` (a change) gives two, except for years.
Qualifiers such as "more than" or "about" are left out of the span.

Not figures: digits inside names and models (``Su-35s``, ``S-400``, ``Joint Sea-2017``,
``Type 055``, ``Nord Stream 2``, ``COVID-19``, ``787-9``, ``COP28``), reference numbers
(``Article 5``, ``No. 2``, ``p. 12``, ``[3]``, ``[^3]``, ``2019/452``), page numbers and
pagination alone on their line, footnotes at the foot of a page (``1 Ministry of ..., p. 18``)
and footnote marks glued to a year (``in 2021.3``), times of day, phone numbers, URLs, and
number words that only name the parties (``the two countries``, ``the two sides``) or idioms
(``one of the``).
"""

from __future__ import annotations

import math
import re

from relexplorer.extract.figures.candidate import Candidate
from relexplorer.extract.figures.context import (
    TOKEN,
    is_sentence_start,
    paragraph_end,
    word_before,
)
from relexplorer.extract.figures.currency import currency_code, resolve_shared
from relexplorer.extract.figures.grammar import (
    BLANK,
    Grammar,
    grammar,
    norm,
)
from relexplorer.extract.figures.labels import label
from relexplorer.extract.figures.numbers import (
    DECADE,
    YEAR,
    clean_value,
    has_magnitude,
    is_word_number,
    lookup_unit,
    parse_digits,
    parse_words,
    scale_value,
)
from relexplorer.extract.figures.words import (
    COUNT_AFTER_WORDS,
    COUNTED_COMPOUNDS,
    DETERMINERS,
    DURATION_MODIFIERS,
    ORDINAL_WORDS,
    STOP_WORDS,
    SUPERLATIVES,
    VERB_AFTER_COUNT,
    VERB_CURRENCIES,
)
from relexplorer.lexicon import (
    MONTH_NAMES,
    YEAR_MAX,
    YEAR_MIN,
)
from relexplorer.model import Figure

__all__ = ["find_figures"]

# --- helpers ---------------------------------------------------------------------------------------

_SUPERLATIVE_AFTER = re.compile(rf"(?:{BLANK}{{1,3}}|-)(?:{SUPERLATIVES})\b")
_MODIFIER_BEFORE = re.compile(
    rf"\b(?:{'|'.join(DURATION_MODIFIERS)}|{'|'.join(w.capitalize() for w in DURATION_MODIFIERS)}){BLANK}{{1,3}}\Z"
)
_OF_AFTER = re.compile(r"[ \u00a0\n]{1,3}of\b(?![ \u00a0\n]{1,3}an?\b)")
_PLURAL_AFTER = re.compile(r"[ \u00a0\n]([a-z][a-z-]*s|people)\b")
_ATTRIBUTIVE_BEFORE = re.compile(
    r"(?:\A|\b(?:[Tt]he|[Aa]n?|[Ii]ts|[Tt]heir|[Hh]is|[Hh]er|[Tt]his|[Tt]hat|[Ss]ince|[Ii]n|[Bb]y|[Dd]uring|[Uu]ntil|"
    r"[Ff]rom|[Aa]fter|[Bb]efore|[Oo]f|[Ff]or|[Tt]o|[Tt]hrough|[Tt]hroughout|[Bb]etween|[Aa]nd|[Oo]r|[Ee]nd|[Ss]ummer|"
    r"[Ww]inter|[Ss]pring|[Aa]utumn|[Ff]all|[Aa]s|[Oo]n|[Aa]t|[Ww]ith)|[;:(])[ \u00a0\n]?\Z"
)
_ISSUE_NUMBER = re.compile(r"N[oO0]\.?[0-9]{1,3},?")
_GROUP_OF_BEFORE = re.compile(r"\bGroup[ \u00a0]of[ \u00a0]\Z")
_COMPARATIVE_AFTER = re.compile(r"[ \u00a0\n](?:more|less|fewer|higher|lower|larger|smaller|bigger|cheaper)\b")
_BY_BEFORE = re.compile(r"\bby[ \u00a0\n]\Z")
_BETWEEN_BEFORE = re.compile(r"\b[Bb]etween[ \u00a0\n]\Z")
_FROM_BEFORE = re.compile(r"\b[Ff]rom[ \u00a0\n](?:(?:about|around|some|nearly|almost|over|just|only)[ \u00a0\n])?\Z")
_COUNTED_COMPOUND_AFTER = re.compile(rf"(?:{'|'.join(COUNTED_COMPOUNDS)})\b(?!-)")
_NOTE_MARK_AFTER = re.compile(r"[ \u00a0]*(?:\n|\Z)|[ \u00a0]+[A-Z\"“‘(]")
_NAV_BEFORE = re.compile(r"(?:\A|\n)[ \t\u00a0\d|·•«‹<]*\Z")
_NAV_AFTER = re.compile(r"[ \t\u00a0\d|·•]*(?:(?:Next|Previous|Prev|More|Older|Newer|Last)\b[ \t›»>]*)?(?:\n|\Z)")
_CAPITAL_AFTER = re.compile(r" [A-Z]")
_PARAGRAPH_START = re.compile(r"(?:\A|\n[ \t]*\n)[ \t]*\Z")
_CITATION = re.compile(
    r"\b(?:pp?\.[ ]?[0-9]|[Ii]bid|See\b|https?:|doi|[Vv]ol\.|No\.)"
    r"|,[ ](?:[0-9]{1,2}[ ])?(?:[A-Z][a-z]+\.?[ ])?(?:1[89]|20)[0-9]{2}\b|\((?:[^()\n]{0,40}[ ])?(?:1[89]|20)[0-9]{2}\)"
)
_LINE_START = re.compile(r"(?:\A|\n)[ \t#>*-]*\Z")














# --- labels ----------------------------------------------------------------------------------------












# --- interpretation of one match -------------------------------------------------------------------


















def _interpret(g: Grammar, m: re.Match[str], text: str, lo: int, hi: int) -> tuple[list[Candidate], int]:
    """Figures for one match, and where scanning resumes."""
    if m.group("skip") is not None:
        return [], m.end()
    if m.group("num") is None:
        return _interpret_date_or_ordinal(g, m, text), m.end()

    n1 = m.group("n1")
    s1, e1 = m.span("n1")
    cur = currency_code(g, m.group("cur"), text, m.start())
    sc1 = m.group("sc1")
    u1 = lookup_unit(g, m.group("u1"))
    sfx = m.group("sfx")
    n2 = m.group("n2")
    words1 = is_word_number(n1)

    value1 = parse_words(n1) if words1 else parse_digits(n1)
    if value1 is None or not math.isfinite(value1):
        return [], m.end()
    if (
        not words1 and len(n1) in (6, 7) and n1[4] == "." and YEAR.fullmatch(n1, 0, 4)
        and not (cur or sc1 or m.group("u1") or sfx or n2) and _NOTE_MARK_AFTER.match(text, e1)
    ):
        # "ordered two corvettes in 2021.3": a year, then a footnote mark (PDF copies).
        return [Candidate(s1, s1 + 4, float(n1[:4]), "year", "date")], e1

    # A single-letter scale glued to a bare number ("4K", "9M") is a model name, not a scale.
    if sc1 and sc1.strip() in ("M", "B", "K", "b") and cur is None:
        return [], m.end()
    # Letters glued to a bare whole number name a thing ("COP28", "SAR2"), even when they spell
    # a currency code: amounts glue a symbol ("$5") or carry a scale ("Rmb380bn").
    if cur and m.group("cur").isalpha() and not (sc1 or m.group("u1")) and n1.isdigit():
        return [], m.end()

    # --- ordinals and decades --------------------------------------------------------------------
    if sfx in ("st", "nd", "rd", "th"):
        if words1 or "." in n1 or "," in n1:
            return [], m.end("sfx")
        end = m.end("sfx")
        sup = _SUPERLATIVE_AFTER.match(text, end, hi)
        if sup:
            end = sup.end()
        return [Candidate(m.start("n1"), end, value1, "ordinal", "ordinal")], end
    if sfx == "s":
        if not words1 and DECADE.fullmatch(n1):
            cand = Candidate(s1, m.end("sfx"), value1, "year", "date", end_value=value1 + 9)
            if s1 >= 1 and text[s1 - 1] == "'":
                return [], m.end()
            return [cand], m.end("sfx")
        return [], m.end()

    # --- a second number: a range, or two figures -------------------------------------------------
    tail_unit = lookup_unit(g, m.group("u2"))
    tail_scale = m.group("sc2")
    cur2 = currency_code(g, m.group("cur2"), text, m.start())
    is_range = False
    value2: float | None = None
    if n2 is not None:
        sep = m.group("sep").strip()
        words2 = is_word_number(n2)
        value2 = parse_words(n2) if words2 else parse_digits(n2)
        is_year1 = not words1 and YEAR.fullmatch(n1) is not None and not (cur or sc1 or u1)
        if is_year1 and value2 is not None and not words2 and re.fullmatch(r"[0-9]{2}", n2) and sep in ("-", "–", "—", "/"):
            value2 = math.floor(value1 / 100) * 100 + value2
        is_year2 = value2 is not None and YEAR_MIN <= value2 <= YEAR_MAX and not words2 and not (cur2 or tail_scale or tail_unit)
        before = text[max(lo, m.start() - 12) : m.start()]
        if value2 is None or m.group("sfx2") or (words1 != words2 and sep not in ("to", "-", "–", "or")):
            is_range = False
        elif is_year1 or is_year2:
            is_range = is_year1 and is_year2 and value2 > value1 and (
                sep != "and" or _BETWEEN_BEFORE.search(before) is not None
            ) and sep != "or"
        elif sep == "/" or (sep in ("-", "–") and value2 == value1):
            # "24/7", "1/3", "a 50-50 venture": neither a range nor two figures.
            return [], m.end()
        elif u1 and tail_unit and (u1[0], u1[1]) != (tail_unit[0], tail_unit[1]):
            is_range = False
        elif u1 and (cur2 or tail_scale) and not tail_unit:
            is_range = False
        elif (u1 or sc1) and not (tail_unit or tail_scale or cur2):
            is_range = False  # "22 billion dollars to 75 projects"
        elif sep == "and" and _BETWEEN_BEFORE.search(before) is None:
            is_range = False
        elif sep == "to" and _FROM_BEFORE.search(before):
            is_range = False
        else:
            is_range = value2 > value1
        if not is_range and is_year1 and sep == "/" and not words2 and len(n2) >= 3 and not is_year2:
            # "Perspective 2022/104", "Regulation 2019/452": a year and a serial number.
            cand = _single(g, m, text, lo, hi, value1, s1, e1, None, None, None)
            return ([cand] if cand else []), m.end()
        if not is_range:
            # Figures of their own: the first one borrows the shared tail ("from 5 to 7 percent").
            figures: list[Candidate] = []
            share = words1 == words2 and not (u1 or sc1 or is_year1 or (words1 and has_magnitude(n1)))
            if share:
                cand = _single(g, m, text, lo, hi, value1, s1, e1, cur or cur2, tail_scale, None, borrowed_unit=tail_unit)
            else:
                end1 = m.end("u1") if m.group("u1") else (m.end("sc1") if sc1 else e1)
                cand = _single(g, m, text, lo, hi, value1, s1, end1, cur, sc1, u1)
            if cand is not None:
                figures.append(cand)
            return figures, m.start("cur2") if m.group("cur2") else m.start("n2")

    if is_range:
        unit_info = u1 or tail_unit
        scale = sc1 or tail_scale
        cand = _single(g, m, text, lo, hi, value1, s1, m.end(), cur or cur2, scale, unit_info, keep_end=True)
        if cand is None:
            return [], m.end()
        mult2 = scale_value(g, tail_scale or sc1)
        v2 = value2 * mult2 if value2 is not None else None
        if unit_info is not None and unit_info[0] in ("quantity",):
            v2 = v2 * unit_info[2] if v2 is not None else None
        if unit_info is not None and unit_info[0] == "fraction":
            v2 = None
        cand.end_value = v2 if cand.kind != "date" else value2
        cand.end = m.end()
        cand.start = m.start("cur") if m.group("cur") else s1
        return [cand], m.end()

    end = m.end()
    cand = _single(g, m, text, lo, hi, value1, s1, end, cur, sc1, u1)
    return ([cand] if cand else []), end


def _single(
    g: Grammar,
    m: re.Match[str],
    text: str,
    lo: int,
    hi: int,
    value: float,
    s1: int,
    end: int,
    cur: str | None,
    sc: str | None,
    unit_info: tuple[str, str, float] | None,
    borrowed_unit: tuple[str, str, float] | None = None,
    keep_end: bool = False,
) -> Candidate | None:
    """Decide kind, unit and value of one number with what follows it."""
    n1 = m.group("n1")
    words = is_word_number(n1)
    start = m.start("cur") if m.group("cur") and cur else s1
    scale_mult = scale_value(g, sc)
    info = unit_info or borrowed_unit
    after = text[end : min(hi, end + 40)]

    if (
        cur is None and info is not None and info[0] == "money" and unit_info is not None and not sc
        and YEAR.fullmatch(n1) and norm(m.group("u1").lstrip(" \u00a0-")) in VERB_CURRENCIES
    ):
        # "the contract signed in 2022 won plaudits": a year before the verb, not 2,022 won.
        info = unit_info = None
        end = m.end("n1")
    if cur is None and info is not None and info[0] == "money":
        cur = resolve_shared(g, info[1], text, s1)
    if cur is not None:
        if info is not None and info[0] not in ("money",):
            if info[0] == "percent" or info[0] == "quantity":
                return None
            # "$5 billion-a-year" style tails are fine; a duration after money is not its unit.
            end = m.end("sc1") if m.group("sc1") and m.end("sc1") <= end else m.end("n1")
        return Candidate(start, end, value * scale_mult, cur, "money")

    if info is not None:
        kind, unit, mult = info
        if kind == "fraction":
            if (
                not _OF_AFTER.match(text, end, hi)
                and not _BY_BEFORE.search(text, max(lo, s1 - 4), s1)
                and not _COMPARATIVE_AFTER.match(text, end, hi)
            ):
                return None
            if sc:
                return None
            return Candidate(s1, end, round(value * mult, 2), "percent", "percent")
        if kind == "percent":
            return Candidate(s1, end, value * scale_mult, unit, "percent")
        if kind == "quantity":
            return Candidate(s1, end, value * scale_mult * mult, unit, "quantity")
        if kind == "count":
            return Candidate(s1, end, value * scale_mult, "times", "count")
        if kind == "duration":
            if sc:
                return None
            if words and n1.lower() in ("one",) and text[m.end("n1") : m.end("n1") + 1] == " ":
                # "one day", "one year": idioms more often than data.
                if unit in ("days",):
                    return None
            if _is_capitalised_mid_sentence(text, s1, lo, n1):
                return None
            mod = _MODIFIER_BEFORE.search(text, max(lo, s1 - 12), s1)
            start = mod.start() if mod else s1
            return Candidate(start, end, value, unit, "duration")

    # --- a bare number -------------------------------------------------------------------------------
    if not keep_end and unit_info is None and borrowed_unit is None and m.group("u1") is None and m.group("u2") is None:
        end = min(end, m.end("sc1") if sc else m.end("n1"))
    value *= scale_mult
    if words:
        return _bare_words(g, m, text, lo, hi, value, s1, end, n1, sc)
    return _bare_digits(g, m, text, lo, hi, value, s1, end, n1, sc, after)


def _is_capitalised_mid_sentence(text: str, s: int, lo: int, n1: str) -> bool:
    return n1[:1].isupper() and not is_sentence_start(text, s, lo)


def _bare_words(
    g: Grammar, m: re.Match[str], text: str, lo: int, hi: int, value: float, s: int, end: int, n1: str, sc: str | None
) -> Candidate | None:
    if _is_capitalised_mid_sentence(text, s, lo, n1):
        return None
    nxt = text[end : end + 1]
    if nxt == "-":
        if _COUNTED_COMPOUND_AFTER.match(text, end + 1) and n1.lower() not in ("one", "zero"):
            return Candidate(s, end, value, "count", "count")
        return None
    magnitude = has_magnitude(n1) or sc is not None
    if not magnitude and n1.lower() in ("one", "zero"):
        return None
    if magnitude:
        return Candidate(s, end, value, "count", "count")
    tokens = TOKEN.findall(text[end : min(hi, end + 60)])
    if not tokens or not tokens[0][:1].isalpha():
        return None
    first = tokens[0].lower()
    before = word_before(text, s).lower()
    if before in DETERMINERS and value <= 4:
        # "the two countries", "the two have agreed": the parties, not a figure.
        for tok in tokens[:3]:
            if tok.lower().rstrip("'’") in g.party or tok.lower() in STOP_WORDS:
                return None
            if value >= 3 and tok[:1].isupper():
                break  # "the three Baltic states", "all four United Nations votes": a named group
    elif first in STOP_WORDS and first not in VERB_AFTER_COUNT and first not in COUNT_AFTER_WORDS:
        return None
    return Candidate(s, end, value, "count", "count")


def _common_sentence_opener(text: str, s: int, lo: int, word: str) -> bool:
    """``word`` opens the sentence and is a common word written in lower case nearby
    ("Perhaps 300 people"), not a name ("Vostok 2018")."""
    start = s - len(word) - 1
    if start < lo or not is_sentence_start(text, start, lo):
        return False
    lower = word.lower()
    return text.find(" " + lower + " ", max(0, s - 3000), s + 3000) >= 0


def _bare_digits(
    g: Grammar,
    m: re.Match[str],
    text: str,
    lo: int,
    hi: int,
    value: float,
    s: int,
    end: int,
    n1: str,
    sc: str | None,
    after: str,
) -> Candidate | None:
    if sc is None:
        if len(n1) > 1 and n1[0] == "0" and n1[1] != ".":
            return None
        # list numbers ("1. ", "2) ") first: every test here rejects, the cheapest go first
        if (text[end : end + 2] in (". ", ") ")) and s - lo < 3 and n1.isdigit():
            return None
        if text[end : end + 1] in (".", ")") and _LINE_START.search(text, max(0, s - 20), s):
            return None
        if _NAV_BEFORE.search(text, max(0, s - 40), s) and _NAV_AFTER.match(text, end):
            return None  # a page number, or the "1 2 3 Next" of a web page: alone on its line
        if (
            len(n1) <= 3 and n1.isdigit() and _CAPITAL_AFTER.match(text, end)
            and (_PARAGRAPH_START.search(text, max(0, s - 8), s) or _LINE_START.search(text, max(0, s - 8), s))
            and _CITATION.search(text, end, paragraph_end(text, end))
        ):
            return None  # "1 Ministry of Foreign Affairs, ... p. 18": a footnote at the foot of a page
        head = s
        for _hop in range(2):
            # "Boeing 787-9", "A350-900": the part after the hyphen belongs to the name before.
            if not (head >= 2 and text[head - 1] in "-–" and text[head - 2].isalnum()):
                break
            k = head - 1
            while k > max(0, head - 13) and (text[k - 1].isalnum() or text[k - 1] == "."):
                k -= 1
            if any(c.isalpha() for c in text[k : head - 1]):
                return None
            head = k
        before = word_before(text, head)
        if before:
            bare = before.rstrip(".")
            if bare.lower() in g.references or _GROUP_OF_BEFORE.search(text, max(0, s - 12), s):
                return None
            if (
                not before.endswith((".", ":", ";"))  # the end of the previous sentence or clause
                and (bare[:1].isupper() or any(c.isdigit() for c in bare))
                and bare not in g.name_exceptions
                and before not in g.months
                and not bare.endswith(("'s", "’s", "s'", "s’"))
                and not _common_sentence_opener(text, s, lo, bare)
                and not _ISSUE_NUMBER.fullmatch(bare)  # "No.2 2018", "N0.2 2018": the year of an issue
            ):
                return None
        if YEAR.fullmatch(n1):
            pre = text[max(lo, s - 16) : s]
            plural = _PLURAL_AFTER.match(text, end, hi)
            # "sent 2000 troops" counts; "the 2017 elections", "in 2017 exports" are years.
            if plural and plural.group(1) not in STOP_WORDS and not _ATTRIBUTIVE_BEFORE.search(pre):
                return Candidate(s, end, value, "count", "count")
            return Candidate(s, end, value, "year", "date")
    return Candidate(s, end, value, "count", "count")


def _interpret_date_or_ordinal(g: Grammar, m: re.Match[str], text: str) -> list[Candidate]:
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


# --- labels for a list of candidates ---------------------------------------------------------------











# --- the public function ---------------------------------------------------------------------------


# After a digit run, these characters rule out a date, a time or a reference ("5 percent",
# "84,071", "5%"); a blank followed by one of _DATE_WORD_STARTS does not ("5 June", "9 am").
_PLAIN_NEXT = frozenset(" ,;%\u00a0\n") | {""}
_DATE_WORD_STARTS = frozenset(
    [*(name[:3] for name in MONTH_NAMES),
     "am", "pm", "AM", "PM", "a.m", "p.m", "in ", "of ", "and", "to "]
)
_SIGNED_KINDS = frozenset(("percent", "money", "count", "quantity"))
_PREFIX_END = frozenset("$€£¥₽₹₩₸₴₺₮₫฿₪₦₱₵৳₼₾֏₭៛-[(+^")
_PREFIX_START = frozenset("([+\"“‘'")


# Prose never holds more than about 45 numbers (digit runs and number words) in 1,024
# characters (the labelled articles: at most 44); a stretch with more than DENSE_ANCHORS is a
# table or a list dumped as text ("1 2 3 ...", "$1 $1 ..."), and only its first DENSE_ANCHORS
# are read, so that the time per character stays bounded whatever the input.
DENSE_STRETCH = 1024
DENSE_ANCHORS = 96


def find_figures(text: str, start: int = 0, end: int | None = None) -> list[Figure]:
    """Return the figures in ``text[start:end]``, sorted by start, with offsets into ``text``.

    ``text`` is the whole document (the context around the range is read for labels and for
    names such as ``Nord Stream 2``); figures never extend beyond ``[start, end)``. In a
    stretch of :data:`DENSE_STRETCH` characters at most :data:`DENSE_ANCHORS` numbers are read.
    """
    g = grammar()
    hi = len(text) if end is None else max(start, min(end, len(text)))
    lo = max(0, min(start, hi))
    candidates: list[Candidate] = []
    match = g.pattern.match
    match_digit = g.pattern_digit.match
    match_word = g.pattern_word.match
    match_plain = g.pattern_plain.match
    match_ordinal = g.pattern_ordinal.match
    scan = g.anchors.search
    pos = lo
    stretch_end = lo  # the end of the current stretch of DENSE_STRETCH characters
    left = 0  # anchors still read in it
    while True:
        a = scan(text, pos, hi)
        if a is None:
            break
        if a.lastgroup is not None:  # a URL (the anchors' only named groups)
            pos = a.end()
            continue
        m = None
        anchor = a.start()
        if anchor >= stretch_end:
            stretch_end, left = anchor + DENSE_STRETCH, DENSE_ANCHORS
        elif left <= 0:
            pos = stretch_end  # a table or a list dumped as text: the rest of the stretch is skipped
            continue
        left -= 1
        # A figure may start a little before its anchor: "US$5", "June 7, 2018", "mid-2018".
        j = anchor
        while j > pos and j > anchor - 3 and text[j - 1] in " \n\u00a0":
            j -= 1
        k = j
        limit = max(pos, j - 12)
        while k > limit and not text[k - 1].isspace():
            k -= 1
        if k < j:
            token = text[k:j]
            if token in g.prefixes or token[-1] in _PREFIX_END or token[0] in _PREFIX_START or (
                token[-1] == "." and token[:-1] in g.prefixes
            ):
                m = match(text, k, hi)
                if m is None:
                    p = max(token.rfind(c) for c in _PREFIX_START)
                    if p >= 0:
                        m = (p and match(text, k + p, hi)) or match(text, k + p + 1, hi)
        if m is None:
            if "0" <= text[anchor] <= "9":
                after = text[a.end() : a.end() + 4]
                if (after[:1] in _PLAIN_NEXT and after[1:4] not in _DATE_WORD_STARTS) or (
                    after[:1] == "." and not after[1:2].isdigit()  # "5.", not "5.6.2018"
                ):
                    m = match_plain(text, anchor, hi)
                else:
                    m = match_digit(text, anchor, hi)
            elif a.group().lower() in ORDINAL_WORDS:
                m = match_ordinal(text, anchor, hi)
            else:
                m = match_word(text, anchor, hi)
        if m is None:
            pos = a.end()
            continue
        found, resume = _interpret(g, m, text, lo, hi)
        for c in found:
            # "-10%", "−3.5 percent": a sign right before the number, not a hyphen in a word.
            if c.kind in _SIGNED_KINDS and c.start - 1 >= max(lo, pos) and text[c.start - 1] in "-−–":
                if c.start - 1 == lo or text[c.start - 2] in " \n\u00a0(":
                    c.start -= 1
                    c.value = -c.value
                    if c.end_value is not None:
                        c.end_value = -c.end_value
            elif (
                c.kind in _SIGNED_KINDS
                and text[c.start - 6 : c.start] in ("minus ", "Minus ")
                and c.start - 6 >= max(lo, pos)
            ):
                c.value = -c.value
        candidates.extend(found)
        pos = max(resume, m.start() + 1)
    figures: list[Figure] = []
    last_end = lo
    previous: Candidate | None = None
    for c in candidates:
        if c.start < last_end or c.end > hi or c.end <= c.start:
            continue
        if not math.isfinite(c.value) or (c.end_value is not None and not math.isfinite(c.end_value)):
            continue
        c.label = label(text, c, previous, lo, hi)
        figures.append(
            Figure(c.start, c.end, text[c.start : c.end], clean_value(c.value), c.unit, c.kind, c.label,
                   None if c.end_value is None else clean_value(c.end_value))
        )
        last_end = c.end
        previous = c
    return figures


