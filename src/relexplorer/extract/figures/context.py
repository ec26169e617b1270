"""The text around a figure: its sentence and paragraph, the word before it, its tokens."""

from __future__ import annotations

import re

# How far a sentence may reach either way from a figure (characters); a longer one is cut,
# which only shortens a label.
SENTENCE_REACH = 200
# How far after a number a footnote's paragraph is searched for a citation (characters).
PARAGRAPH_REACH = 300
# The longest word read before a number ("Boeing", "Article", "Su-35s").
WORD_BEFORE_MAX = 40
# How far either way other uses of a word are looked for (characters): a capitalised word
# that also follows a lower-case word is a name; one also written in lower case is common.
WORD_USE_REACH = 3000
# The most blanks between a word and the number after it: as in the grammar's SPACE.
BLANKS_MAX = 3

# Words, numbers with their signs and units ("$5bn", "20%"), and single punctuation marks.
TOKEN = re.compile(r"[A-Za-z0-9$€£¥₽₹%][\w'’$€£¥₽₹%.-]*(?<![.'’-])|[^\w\s]")
_WORD_CHARS = frozenset("_'’.&-")
_SENTENCE_ENDS = (". ", "! ", "? ", ".\n", "\n\n")


def paragraph_end(text: str, pos: int) -> int:
    """The end of the paragraph (a blank line) after ``pos``, at most PARAGRAPH_REACH on."""
    at = text.find("\n\n", pos, pos + PARAGRAPH_REACH)
    return at if at >= 0 else min(len(text), pos + PARAGRAPH_REACH)


def sentence_bounds(text: str, lo: int, hi: int, s: int, e: int) -> tuple[int, int]:
    """The sentence around ``text[s:e]``, within ``[lo, hi)`` and at most SENTENCE_REACH
    characters each way.

    A sentence ends at ". ", "! ", "? " or a blank line; abbreviations may end one early,
    which only shortens a label.
    """
    left = max(lo, s - SENTENCE_REACH)
    start = left
    for mark in _SENTENCE_ENDS:
        at = text.rfind(mark, left, s)
        if at >= 0 and at + 2 > start:
            start = at + 2
    right = min(hi, e + SENTENCE_REACH)
    end = right
    for mark in _SENTENCE_ENDS:
        at = text.find(mark, e, end)
        if at >= 0:
            end = at + 1
    return start, end


def word_before(text: str, s: int) -> str:
    """The word right before ``text[s]`` (across one to three blanks), or ""."""
    j = s
    while j > 0 and s - j < BLANKS_MAX and text[j - 1] in " \u00a0\n":
        j -= 1
    if j == s:
        return ""
    k = j
    limit = max(0, j - WORD_BEFORE_MAX)
    while k > limit and (text[k - 1].isalnum() or text[k - 1] in _WORD_CHARS):
        k -= 1
    while k < j and not ("A" <= text[k] <= "Z" or "a" <= text[k] <= "z"):
        k += 1
    return text[k:j]


def is_sentence_start(text: str, s: int, lo: int) -> bool:
    """True when ``text[s]`` opens a sentence, a title or a line that does not run on."""
    j = s - 1
    while j >= lo and text[j] in " \t\u00a0\"“‘(*_":
        j -= 1
    if j < lo or text[j] in ".!?:;":
        return True
    if text[j] != "\n":
        return False
    # A line break after a blank line, or after a line that does not run on into this one (a
    # title, a byline, "COMMENTARY"): wrapped prose ends its lines with a lower-case word.
    k = j - 1
    while k >= lo and text[k] in " \t\u00a0":
        k -= 1
    return k < lo or text[k] == "\n" or not (text[k].islower() or text[k] in ",-–(")
