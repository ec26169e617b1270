"""What one number is: its kind, unit and value, from its currency, scale, unit and context.

A number with a currency is money; with a unit, a percent, quantity, count of times,
duration or fraction (``two thirds of`` -> 66.67 percent); a bare number is a count, a year,
or nothing. Not figures: digits inside names and models (``Type 055``, ``Nord Stream 2``,
``787-9``; those hyphenated to letters, ``Su-35s``, ``S-400``, ``Joint Sea-2017``,
``COVID-19``, never match the grammar's number form), reference numbers (``Article 5``), page
numbers and pagination alone on their line, footnotes at the foot of a page (``1 Ministry of
..., p. 18``), list marks, and number words that only name the parties (``the two
countries``, ``the two sides``) or idioms (``one of the``).
"""

from __future__ import annotations

import re

from relexplorer.extract.figures.candidate import Candidate
from relexplorer.extract.figures.context import (
    TOKEN,
    WORD_USE_REACH,
    is_sentence_start,
    paragraph_end,
    word_before,
)
from relexplorer.extract.figures.currency import resolve_shared
from relexplorer.extract.figures.grammar import BLANK, YEAR_PATTERN, Grammar, Unit, norm
from relexplorer.extract.figures.numbers import YEAR, has_magnitude, is_word_number, scale_value
from relexplorer.extract.figures.words import (
    COUNT_AFTER_WORDS,
    COUNTED_COMPOUNDS,
    DETERMINERS,
    DURATION_MODIFIERS,
    STOP_WORDS,
    VERB_AFTER_COUNT,
    VERB_CURRENCIES,
)

# Look-back and look-ahead windows, in characters.
# Before a fraction, where "by" is looked for ("grew by a third").
BY_BEFORE_REACH = 4
# Before a duration, where its modifier is looked for ("the following 12 months").
DURATION_MODIFIER_REACH = 12
# After a number word, where the noun it counts is read ("four new reactors").
COUNTED_NOUN_REACH = 60
# From the start of the text read, where a number may be a list mark ("1. Trade", a sentence
# that is a list item).
LIST_MARK_AT_START = 3
# Before a number followed by "." or ")", where the start of its line is looked for (a list
# mark, "2) Investment").
LIST_MARK_REACH = 20
# Before a number, where the start of its line is looked for: a page number or pagination
# alone on its line ("12", "1 2 3 Next").
PAGE_NUMBER_REACH = 40
# Before a number, where the start of its line or paragraph is looked for: the mark of a
# footnote ("1 Ministry of ..., p. 18"), whose citation is looked for to the end of the
# paragraph (context.PARAGRAPH_REACH).
FOOTNOTE_MARK_REACH = 8
# The longest part of a model name before a hyphen ("A350-900", "Boeing 787-9").
MODEL_NAME_PART_MAX = 12
# Before a number, where "Group of" is looked for ("the Group of 20").
GROUP_OF_REACH = 12
# Before a year, where a determiner or preposition is looked for that makes it attributive
# ("the 2017 elections") rather than a count of what follows ("sent 2000 troops").
ATTRIBUTIVE_REACH = 16

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
_COUNTED_COMPOUND_AFTER = re.compile(rf"(?:{'|'.join(COUNTED_COMPOUNDS)})\b(?!-)")
_NAV_BEFORE = re.compile(r"(?:\A|\n)[ \t\u00a0\d|·•«‹<]*\Z")
_NAV_AFTER = re.compile(r"[ \t\u00a0\d|·•]*(?:(?:Next|Previous|Prev|More|Older|Newer|Last)\b[ \t›»>]*)?(?:\n|\Z)")
_CAPITAL_AFTER = re.compile(r" [A-Z]")
_PARAGRAPH_START = re.compile(r"(?:\A|\n[ \t]*\n)[ \t]*\Z")
_CITATION = re.compile(
    r"\b(?:pp?\.[ ]?[0-9]|[Ii]bid|See\b|https?:|doi|[Vv]ol\.|No\.)"
    rf"|,[ ](?:[0-9]{{1,2}}[ ])?(?:[A-Z][a-z]+\.?[ ])?{YEAR_PATTERN}\b|\((?:[^()\n]{{0,40}}[ ])?{YEAR_PATTERN}\)"
)
_LINE_START = re.compile(r"(?:\A|\n)[ \t#>*-]*\Z")


def single(
    g: Grammar,
    m: re.Match[str],
    text: str,
    lo: int,
    hi: int,
    value: float,
    start: int,
    end: int,
    currency: str | None,
    scale: str | None,
    unit: Unit | None,
    borrowed_unit: Unit | None = None,
    keep_end: bool = False,
) -> Candidate | None:
    """Decide kind, unit and value of one number with what follows it; None if no figure.

    ``start`` is where the number starts; ``currency``, ``scale`` and ``unit`` are its own,
    ``borrowed_unit`` one it shares with the second number of the match ("5 to 7 percent").
    ``keep_end`` keeps ``end`` even for a bare number (the end of a range).
    """
    number = m.group("n1")
    money_start = m.start("cur") if m.group("cur") and currency else start
    scale_mult = scale_value(g, scale)
    effective_unit = unit or borrowed_unit

    if (
        currency is None and effective_unit is not None and effective_unit[0] == "money"
        and unit is not None and not scale
        and YEAR.fullmatch(number) and norm(m.group("u1").lstrip(" \u00a0-")) in VERB_CURRENCIES
    ):
        # "the contract signed in 2022 won plaudits": a year before the verb, not 2,022 won.
        effective_unit = unit = None
        end = m.end("n1")
    if currency is None and effective_unit is not None and effective_unit[0] == "money":
        currency = resolve_shared(g, effective_unit[1], text, start)
    if currency is not None:
        if effective_unit is not None and effective_unit[0] not in ("money",):
            if effective_unit[0] == "percent" or effective_unit[0] == "quantity":
                return None
            # "$5 billion-a-year" style tails are fine; a duration after money is not its unit.
            end = m.end("sc1") if m.group("sc1") and m.end("sc1") <= end else m.end("n1")
        return Candidate(money_start, end, value * scale_mult, currency, "money")
    if effective_unit is not None:
        # Every kind of unit but money (which has its currency by now) is decided here.
        return _with_unit(m, text, lo, hi, effective_unit, value, scale_mult, start, end, scale)

    # A bare number.
    if not keep_end and unit is None and borrowed_unit is None and m.group("u1") is None and m.group("u2") is None:
        end = min(end, m.end("sc1") if scale else m.end("n1"))
    value *= scale_mult
    if is_word_number(number):
        return _bare_words(g, text, lo, hi, value, start, end, number, scale)
    return _bare_digits(g, text, lo, hi, value, start, end, number, scale)


def _with_unit(
    m: re.Match[str],
    text: str,
    lo: int,
    hi: int,
    unit_entry: Unit,
    value: float,
    scale_mult: float,
    start: int,
    end: int,
    scale: str | None,
) -> Candidate | None:
    """A number with a unit other than a currency: percent, quantity, times, duration, fraction."""
    kind, unit, mult = unit_entry
    if kind == "fraction":
        if (
            not _OF_AFTER.match(text, end, hi)
            and not _BY_BEFORE.search(text, max(lo, start - BY_BEFORE_REACH), start)
            and not _COMPARATIVE_AFTER.match(text, end, hi)
        ):
            return None
        if scale:
            return None
        return Candidate(start, end, round(value * mult, 2), "percent", "percent")
    if kind == "percent":
        return Candidate(start, end, value * scale_mult, unit, "percent")
    if kind == "quantity":
        return Candidate(start, end, value * scale_mult * mult, unit, "quantity")
    if kind == "count":
        return Candidate(start, end, value * scale_mult, "times", "count")
    if kind == "duration":
        if scale:
            return None
        number = m.group("n1")
        if is_word_number(number) and number.lower() in ("one",) and text[m.end("n1") : m.end("n1") + 1] == " ":
            # "one day", "one year": idioms more often than data.
            if unit in ("days",):
                return None
        if _is_capitalised_mid_sentence(text, start, lo, number):
            return None
        mod = _MODIFIER_BEFORE.search(text, max(lo, start - DURATION_MODIFIER_REACH), start)
        return Candidate(mod.start() if mod else start, end, value, unit, "duration")
    return None  # not reached: the kinds above are all the grammar has besides money


def _is_capitalised_mid_sentence(text: str, s: int, lo: int, number: str) -> bool:
    return number[:1].isupper() and not is_sentence_start(text, s, lo)


def _bare_words(
    g: Grammar, text: str, lo: int, hi: int, value: float, s: int, end: int, number: str, scale: str | None
) -> Candidate | None:
    """Number words without a unit: a count of what follows, or nothing."""
    if _is_capitalised_mid_sentence(text, s, lo, number):
        return None
    nxt = text[end : end + 1]
    if nxt == "-":
        if _COUNTED_COMPOUND_AFTER.match(text, end + 1) and number.lower() not in ("one", "zero"):
            return Candidate(s, end, value, "count", "count")
        return None
    magnitude = has_magnitude(number) or scale is not None
    if not magnitude and number.lower() in ("one", "zero"):
        return None
    if magnitude:
        return Candidate(s, end, value, "count", "count")
    tokens = TOKEN.findall(text[end : min(hi, end + COUNTED_NOUN_REACH)])
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


def _bare_digits(
    g: Grammar, text: str, lo: int, hi: int, value: float, s: int, end: int, number: str, scale: str | None
) -> Candidate | None:
    """Digits without a unit: a count, a year, or nothing (a list mark, a page number, a
    footnote, part of a name)."""
    if scale is not None:
        return Candidate(s, end, value, "count", "count")
    if len(number) > 1 and number[0] == "0" and number[1] != ".":
        return None
    # list numbers ("1. ", "2) ") first: every test here rejects, the cheapest go first
    if (text[end : end + 2] in (". ", ") ")) and s - lo < LIST_MARK_AT_START and number.isdigit():
        return None
    if text[end : end + 1] in (".", ")") and _LINE_START.search(text, max(0, s - LIST_MARK_REACH), s):
        return None
    if _NAV_BEFORE.search(text, max(0, s - PAGE_NUMBER_REACH), s) and _NAV_AFTER.match(text, end):
        return None  # a page number, or the "1 2 3 Next" of a web page: alone on its line
    if (
        len(number) <= 3 and number.isdigit() and _CAPITAL_AFTER.match(text, end)
        and (
            _PARAGRAPH_START.search(text, max(0, s - FOOTNOTE_MARK_REACH), s)
            or _LINE_START.search(text, max(0, s - FOOTNOTE_MARK_REACH), s)
        )
        and _CITATION.search(text, end, paragraph_end(text, end))
    ):
        return None  # "1 Ministry of Foreign Affairs, ... p. 18": a footnote at the foot of a page
    if _names_a_thing(g, text, lo, s, number):
        return None
    if YEAR.fullmatch(number):
        pre = text[max(lo, s - ATTRIBUTIVE_REACH) : s]
        plural = _PLURAL_AFTER.match(text, end, hi)
        # "sent 2000 troops" counts; "the 2017 elections", "in 2017 exports" are years.
        if plural and plural.group(1) not in STOP_WORDS and not _ATTRIBUTIVE_BEFORE.search(pre):
            return Candidate(s, end, value, "count", "count")
        return Candidate(s, end, value, "year", "date")
    return Candidate(s, end, value, "count", "count")


def _names_a_thing(g: Grammar, text: str, lo: int, s: int, number: str) -> bool:
    """True when the digits at ``s`` are part of a name ("Boeing 787-9", "Nord Stream 2",
    "Type 055") or a reference number ("Article 5", "Group of 20")."""
    head = s
    for _hop in range(2):
        # "Boeing 787-9", "A350-900": the part after the hyphen belongs to the name before.
        if not (head >= 2 and text[head - 1] in "-–" and text[head - 2].isalnum()):
            break
        k = head - 1
        while k > max(0, head - 1 - MODEL_NAME_PART_MAX) and (text[k - 1].isalnum() or text[k - 1] == "."):
            k -= 1
        if any(c.isalpha() for c in text[k : head - 1]):
            return True
        head = k
    before = word_before(text, head)
    if not before:
        return False
    bare = before.rstrip(".")
    if bare.lower() in g.references or _GROUP_OF_BEFORE.search(text, max(0, s - GROUP_OF_REACH), s):
        return True
    return (
        not before.endswith((".", ":", ";"))  # the end of the previous sentence or clause
        and (bare[:1].isupper() or any(c.isdigit() for c in bare))
        and bare not in g.name_exceptions
        and before not in g.months
        and not bare.endswith(("'s", "’s", "s'", "s’"))
        and not _common_sentence_opener(text, s, lo, bare)
        and not _ISSUE_NUMBER.fullmatch(bare)  # "No.2 2018", "N0.2 2018": the year of an issue
    )


def _common_sentence_opener(text: str, s: int, lo: int, word: str) -> bool:
    """``word`` opens the sentence and is a common word written in lower case nearby
    ("Perhaps 300 people"), not a name ("Vostok 2018")."""
    start = s - len(word) - 1
    if start < lo or not is_sentence_start(text, start, lo):
        return False
    lower = word.lower()
    return text.find(" " + lower + " ", max(0, s - WORD_USE_REACH), s + WORD_USE_REACH) >= 0
