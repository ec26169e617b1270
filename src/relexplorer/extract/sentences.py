"""Sentences: split a paragraph into sentences with exact offsets.

A regular expression finds candidate ends (``.``, ``!``, ``?``, ``…`` and CJK ``。！？``, with
any closing quotes or brackets that follow them); each candidate is then judged by looking
at the word before it and the character after it, so the work is linear in the text:

- no split before a lowercase letter (``etc. and``, ``approx. five``) or inside a decimal
  (``84.071`` is never a candidate: no space follows the point);
- no split after titles and reference abbreviations (``Mr.``, ``Dr.``, ``St.``, ``No. 2``,
  ``Jan. 5``, ``e.g.``, ``p. 5``) or after single-letter initials (``J. K. Rowling``);
- after dotted abbreviations (``U.S.``, ``U.K.``) a split only before a word that usually
  opens a sentence (``The``, ``It``, ``In`` ...); after company suffixes (``Ltd.``, ``Inc.``,
  ``Co.``) before any capital;
- no split inside parentheses that close soon after (``(see p. 5. Also p. 7.)``);
- no split after a run without a letter (``2.`` of an inline list, ``1. 1. 1.``): a number
  alone is not a sentence;
- a blank line always ends a sentence; a very long run without any end is cut at a space
  near :data:`MAX_SENTENCE` characters so that no single fact is unbounded.
"""

from __future__ import annotations

import re

MAX_SENTENCE = 3000

_CANDIDATE = re.compile(
    r"(?:[.!?…]+|\.\.\.)[\"'”’»)\]]*(?:\[\d{1,3}\]|[¹²³⁰⁴-⁹]+)*(?=\s|$)"  # Latin end (and notes)
    r"|(?<=[a-z%)”\"])\.\d{1,3}(?=\s+[A-Z“\"])"  # "grew 5 percent.12 The": a note number
    r"|[。！？]+[\"'”’」』)）\]]*"  # CJK end: no space needed
    r"|\n[ \t]*\n\s*"  # a blank line
)
_WORD_BEFORE = re.compile(r"[^\s(\[\"'“‘]*$")

# Never end a sentence: titles, reference words, months, Latin shorthands.
_NEVER = frozenset(
    """mr mrs ms mx dr prof st mt ft gen col lt cmdr capt sgt maj adm gov sen rep hon rev fr sr jr
    pres supt insp no nos vol vols p pp fig figs art arts sec secs ch chap para paras pt pts ed eds
    trans approx ca cf vs v viz al jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed
    thu thur thurs fri sat sun dept univ inst assn est min max ref refs tel ext op cit ibid eq eqs
    e.g i.e a.k.a c.f""".split()
)
# End a sentence only before a capital: company suffixes and "etc.".
_CAPITAL = frozenset("inc ltd co corp plc llc llp ag sa nv bv gmbh bros etc cos pty".split())
# After dotted abbreviations (U.S., U.K.), a sentence ends only before one of these.
_OPENERS = frozenset(
    """the a an this that these those it its he she they we i you there here in on at for from
    but and or so yet however meanwhile moreover furthermore also as after before since while
    when if although though despite still then thus hence indeed nevertheless nonetheless by
    with without during under over what why how who where his her their our my one two some
    many most all both each such no not other another according""".split()
)
_DOTTED = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")
_LETTER = re.compile(r"[^\W\d_]")


def _is_end(text: str, seg_start: int, m: re.Match[str], end: int) -> bool:
    """Judge one candidate end ``m`` of the sentence that began at ``seg_start``."""
    run = m.group()
    after = m.end()
    # the next non-space character
    nxt = after
    while nxt < end and text[nxt].isspace():
        nxt += 1
    if nxt >= end:
        return True
    first = text[nxt]
    if first.islower():
        return False
    if run[0] in "。！？":
        return True
    if run[0] in "!?" or run.startswith(("..", "…")):
        return True
    # a single full stop (perhaps followed by quotes or brackets)
    w = _WORD_BEFORE.search(text, max(seg_start, m.start() - 40), m.start())
    word = w.group() if w else ""
    if not word:
        return True
    if len(word) == 1 and word.isupper():
        return False  # an initial
    lower = word.lower().rstrip(".")
    if lower in _NEVER:
        return False
    if lower in _CAPITAL:
        return first.isupper() or first in "\"“'‘("
    if _DOTTED.fullmatch(word.rstrip(".")):
        following = re.match(r"[\"“'‘(]*([A-Za-z]+)", text[nxt : nxt + 30])
        return bool(following) and following.group(1).lower() in _OPENERS
    return True


def _trim(text: str, a: int, b: int) -> tuple[int, int] | None:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return (a, b) if b > a else None


def _emit(text: str, a: int, b: int, spans: list[tuple[int, int]]) -> None:
    span = _trim(text, a, b)
    if span is None:
        return
    a, b = span
    while b - a > MAX_SENTENCE:
        cut = text.rfind(" ", a + MAX_SENTENCE // 2, a + MAX_SENTENCE)
        if cut == -1:
            cut = a + MAX_SENTENCE
        piece = _trim(text, a, cut)
        if piece:
            spans.append(piece)
        rest = _trim(text, cut, b)
        if rest is None:
            return
        a, b = rest
    spans.append((a, b))


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Return ``(start, end)`` of each sentence in ``text[start:end]``, whitespace trimmed."""
    end = len(text) if end is None else min(end, len(text))
    start = max(0, start)
    spans: list[tuple[int, int]] = []
    if start >= end:
        return spans
    seg = start
    depth = 0  # open parentheses since ``seg``, counted incrementally to stay linear
    counted = start
    lettered = False  # a letter since ``seg``; ``looked`` is how far that was checked
    looked = start
    parens = text.find("(", start, end) != -1
    for m in _CANDIDATE.finditer(text, start, end):
        if m.group()[0] == "\n":
            _emit(text, seg, m.start(), spans)
            seg = counted = looked = m.end()
            depth = 0
            lettered = False
            continue
        if not lettered:
            lettered = _LETTER.search(text, looked, m.start()) is not None
            looked = m.start()
            if not lettered and m.group()[0] not in "。！？":
                continue  # "2." or "5%." alone is a list number or a stray mark, not a sentence
        if parens:
            depth += text.count("(", counted, m.start()) - text.count(")", counted, m.start())
            counted = m.start()
        if (
            depth > 0
            and ")" not in m.group()
            and text.find(")", m.end(), min(end, m.end() + 200)) != -1
        ):
            continue  # inside a parenthesis that closes soon
        if _is_end(text, seg, m, end):
            _emit(text, seg, m.end(), spans)
            seg = counted = looked = m.end()
            depth = 0
            lettered = False
    _emit(text, seg, end, spans)
    return spans
