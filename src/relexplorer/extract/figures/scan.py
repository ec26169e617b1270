"""The anchor scan: where figures may be, and :func:`find_figures`.

A cheap anchor scan finds every digit run and number word in one left-to-right pass; the
grammar is matched only at those anchors (and just before them, for "US$5" or "June 7,
2018"), with a smaller pattern when the next characters rule out dates and references. A
short interpretation step per match (:mod:`.interpret`) decides whether it is a figure and
what it is worth; then each figure that does not overlap the one before gets its sign and its
label (:mod:`.labels`).
"""

from __future__ import annotations

import math

from relexplorer.extract.figures.candidate import Candidate
from relexplorer.extract.figures.context import BLANKS_MAX
from relexplorer.extract.figures.grammar import Grammar, grammar
from relexplorer.extract.figures.interpret import interpret
from relexplorer.extract.figures.labels import label
from relexplorer.extract.figures.numbers import clean_value
from relexplorer.extract.figures.words import ORDINAL_WORDS
from relexplorer.lexicon import MONTH_NAMES
from relexplorer.model import Figure

__all__ = ["find_figures"]

# Prose never holds more than about 45 numbers (digit runs and number words) in 1,024
# characters (the labelled articles: at most 44); a stretch with more than DENSE_ANCHORS is a
# table or a list dumped as text ("1 2 3 ...", "$1 $1 ..."), and only its first DENSE_ANCHORS
# are read, so that the time per character stays bounded whatever the input.
DENSE_STRETCH = 1024
DENSE_ANCHORS = 96
# The longest token before an anchor that may start its figure ("US$", "June", "mid-", "p.").
PREFIX_MAX = 12
# After a digit run, the characters that choose the pattern: one, then the three of a
# _DATE_WORD_STARTS.
NEXT_CHARS = 4
# After a digit run, these characters rule out a date, a time or a reference ("5 percent",
# "84,071", "5%"); a blank followed by one of _DATE_WORD_STARTS does not ("5 June", "9 am").
_PLAIN_NEXT = frozenset(" ,;%\u00a0\n") | {""}
_DATE_WORD_STARTS = frozenset(
    [*(name[:3] for name in MONTH_NAMES),
     "am", "pm", "AM", "PM", "a.m", "p.m", "in ", "of ", "and", "to "]
)
# A token before an anchor that ends or starts with one of these may start the figure.
_PREFIX_END = frozenset("$€£¥₽₹₩₸₴₺₮₫฿₪₦₱₵৳₼₾֏₭៛-[(+^")
_PREFIX_START = frozenset("([+\"“‘'")
_SIGNED_KINDS = frozenset(("percent", "money", "count", "quantity"))
_MINUS = ("minus ", "Minus ")
_MINUS_LEN = len("minus ")


def find_figures(text: str, start: int = 0, end: int | None = None) -> list[Figure]:
    """Return the figures in ``text[start:end]``, sorted by start, with offsets into ``text``.

    ``text`` is the whole document (the context around the range is read for labels and for
    names such as ``Nord Stream 2``); figures never extend beyond ``[start, end)``. In a
    stretch of :data:`DENSE_STRETCH` characters at most :data:`DENSE_ANCHORS` numbers are read.
    """
    g = grammar()
    hi = len(text) if end is None else max(start, min(end, len(text)))
    lo = max(0, min(start, hi))
    return _figures(text, _candidates(g, text, lo, hi), lo, hi)


def _candidates(g: Grammar, text: str, lo: int, hi: int) -> list[Candidate]:
    """The candidates of every anchor in ``text[lo:hi]`` in order, with their signs; they may
    overlap."""
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
        while j > pos and j > anchor - BLANKS_MAX and text[j - 1] in " \n\u00a0":
            j -= 1
        k = j
        limit = max(pos, j - PREFIX_MAX)
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
                after = text[a.end() : a.end() + NEXT_CHARS]
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
        found, resume = interpret(g, m, text, lo, hi)
        for c in found:
            if c.kind in _SIGNED_KINDS:
                _sign(text, c, lo, max(lo, pos))
        candidates.extend(found)
        pos = max(resume, m.start() + 1)
    return candidates


def _sign(text: str, c: Candidate, lo: int, floor: int) -> None:
    """Negate ``c`` when a minus sign or "minus" stands right before it, at or after ``floor``.

    "-10%", "−3.5 percent": a sign right before the number, not a hyphen in a word.
    """
    if c.start - 1 >= floor and text[c.start - 1] in "-−–":
        if c.start - 1 == lo or text[c.start - 2] in " \n\u00a0(":
            c.start -= 1
            c.value = -c.value
            if c.end_value is not None:
                c.end_value = -c.end_value
    elif text[c.start - _MINUS_LEN : c.start] in _MINUS and c.start - _MINUS_LEN >= floor:
        c.value = -c.value


def _figures(text: str, candidates: list[Candidate], lo: int, hi: int) -> list[Figure]:
    """The figures of the candidates that fit in ``[lo, hi)`` without overlapping the one
    before, each with its label."""
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
