"""The label of a figure: what it measures, in at most five words of its sentence.

The label is the noun phrase after the number ("4 million *tons of grain*", "20 percent *of
exports*"), or the subject before a cue verb such as "reached" or "grew by" ("*bilateral
trade* reached $5 billion"); never beyond the sentence. A date's label is its ISO form. The
second figure of a comparison or of a bracket takes the label of the first.
"""

from __future__ import annotations

import re

from relexplorer.extract.figures.candidate import Candidate
from relexplorer.extract.figures.context import TOKEN, WORD_USE_REACH, sentence_bounds
from relexplorer.extract.figures.grammar import grammar
from relexplorer.extract.figures.words import (
    AUXILIARIES,
    CALENDAR_NAMES,
    CUE_PARTICLES,
    CUE_VERBS,
    LABEL_CONNECTORS,
    NUMBER_WORDS,
    PERIOD_WORDS,
    PROPER_ADJECTIVES,
    QUALIFIERS,
    STOP_WORDS,
    SYMBOLS,
)

# How far after a figure the phrase that names what it measures is read (characters).
RIGHT_LABEL_REACH = 70
# How far before a figure its subject and cue verb are read (characters).
LEFT_LABEL_REACH = 120
# The longest gap between two figures of a comparison that share a label (characters).
LINKED_GAP_MAX = 60
LABEL_WORDS_MAX = 5

_DEMONYM = re.compile(r"[A-Z][a-z]+(?:ese|ian|ean|ish)")
_PLURAL_NOUN = re.compile(r"[A-Za-z][a-z-]{2,}[^su'’]s\Z")
# The second figure of a comparison measures the same thing as the first:
# "climbed to 44.7 per cent in the third quarter from just 0.5 per cent".
_LINKED = re.compile(
    r"(?:\A\s{1,3}(?:to|and|or)|\b(?:from|versus|vs\.?|against|compared(?:\s(?:with|to))?))\s{1,3}"
    r"(?:(?:about|around|some|nearly|almost|just|only|over|more\sthan|less\sthan)\s{1,3})?\Z"
)
# Token starts that never begin a word: a digit, a currency sign, a percent sign; and the
# characters that may continue a token (see ``TOKEN``).
_NON_WORD_START = frozenset("0123456789$€£¥₽₹%")
_TOKEN_INNER = frozenset("_'’$€£¥₽₹%.-")


def label(text: str, c: Candidate, previous: Candidate | None, lo: int, hi: int) -> str:
    """The label of ``c``; ``previous`` is the figure before it, already labelled."""
    if previous is not None and previous.label:
        between = text[previous.end : c.start]
        if (between.strip() == "(" and c.kind == previous.kind) or (
            previous.kind == c.kind
            and len(between) <= LINKED_GAP_MAX
            and not any(ch in between for ch in ".;!?")
            and _LINKED.search(between)
        ):
            # "629 billion roubles ($6.9 billion)", "to 44.7 per cent from just 0.5 per cent".
            return previous.label
    if c.kind == "date":
        return c.iso
    right = _word_may_follow(text, c.end, min(hi, c.end + RIGHT_LABEL_REACH))
    left = c.kind != "duration" and _cue_may_precede(text, c.start, max(lo, c.start - LEFT_LABEL_REACH))
    if not (right or left):
        return ""
    sstart, send = sentence_bounds(text, lo, hi, c.start, c.end)
    if c.kind in ("count", "quantity", "ordinal"):
        found = right and _right_label(
            text, c.end, send, c.kind, allow_direct=c.unit != "times", allow_of=True
        )
        if found:
            return found
        if c.unit == "times" or c.kind == "ordinal" or not left:
            return ""
        return _left_label(text, c.start, sstart)
    if c.kind == "duration":
        return _right_label(text, c.end, send, c.kind, allow_direct=True, allow_of=False)
    found = right and _right_label(text, c.end, send, c.kind, allow_direct=True, allow_of=True)
    if found:
        return found
    return _left_label(text, c.start, sstart) if left else ""


def _word_may_follow(text: str, e: int, limit: int) -> bool:
    """False when the first token after ``e`` is not a word, so that no label starts there.

    A quick look at one character that spares the tokenizer in runs of numbers ("1, 2, 3",
    "$1 $2"); True whenever a word may follow.
    """
    j = e
    while j < limit and text[j].isspace():
        j += 1
    if j >= limit:
        return False
    ch = text[j]
    return ch not in _NON_WORD_START and (ch.isalnum() or ch == "_")


def _cue_may_precede(text: str, s: int, limit: int) -> bool:
    """False when the token before ``s`` is neither a word nor "(" after a word, so that no
    cue (nor a phrase before a bracket) ends there."""
    j = s
    while j > limit and text[j - 1].isspace():
        j -= 1
    if j <= limit:
        return False
    ch = text[j - 1]
    if ch != "(":
        return ch not in _NON_WORD_START and (ch.isalnum() or ch == "_")
    j -= 1
    while j > limit and text[j - 1].isspace():
        j -= 1
    if j <= limit:
        return False
    ch = text[j - 1]
    if "0" <= ch <= "9":
        # a word ending in digits ("Su35") may stand before the bracket; a number may not
        while j > limit and "0" <= text[j - 1] <= "9":
            j -= 1
        return j > limit and (text[j - 1].isalnum() or text[j - 1] in _TOKEN_INNER)
    return ch not in _NON_WORD_START and (ch.isalnum() or ch == "_")


def _right_label(
    text: str, e: int, send: int, kind: str, allow_direct: bool, allow_of: bool
) -> str:
    """The noun phrase after a figure ending at ``e``: direct ("5 tons of grain") or after
    "of"/"in" ("20 percent of exports"), as ``allow_direct`` and ``allow_of`` permit."""
    window = text[e : min(send, e + RIGHT_LABEL_REACH)]
    tokens = TOKEN.findall(window)
    if not tokens:
        return ""
    i = 0
    via = ""
    if tokens[0] in ("of", "in") and len(tokens) > 1:
        via = tokens[0]
        i = 1
        if not allow_of and not (via == "in" and kind == "money"):
            return ""
    elif not allow_direct:
        return ""
    while i < len(tokens) and tokens[i].lower() in ("the", "a", "an", "its", "their", "his", "her", "our"):
        i += 1
    words: list[str] = []
    while i < len(tokens) and len(words) < 4:
        tok = tokens[i]
        low = tok.lower()
        if not tok[:1].isalpha():
            break
        if low in STOP_WORDS or _is_numberish(tok):
            break
        if words and low.endswith(("ing", "ed")) and not tok[:1].isupper() and len(low) > 5:
            break
        if not words and not via and low.endswith("ed") and len(low) > 4:
            break  # "60 per cent supported it", "10 delivered by 2022": a verb, not what is measured
        if words and tok[:1].isupper() and _PLURAL_NOUN.match(words[-1]):
            break
        if via and words and low in PERIOD_WORDS:
            break
        if not via and low in PERIOD_WORDS and kind in ("money", "percent"):
            break
        words.append(tok)
        i += 1
        if _PLURAL_NOUN.match(tok) and "-" not in tok and i < len(tokens) and tokens[i][:1].islower():
            # "interviewees saw China", "free ports have": the head noun ends the phrase.
            break
    if not words:
        return ""
    if via == "in" and words[-1][:1].isupper():
        return ""
    return _clean_label(words, None, text, e)


def _left_label(text: str, s: int, sstart: int) -> str:
    """The subject before a cue verb ("exports grew by") or a bracket, ending at ``s``."""
    g = grammar()
    window = text[max(sstart, s - LEFT_LABEL_REACH) : s]
    tokens = TOKEN.findall(window)
    if len(window) == LEFT_LABEL_REACH:
        tokens = tokens[1:]  # the first token may be cut
    i = len(tokens)

    def low(j: int) -> str:
        return tokens[j].lower()

    while i > 0 and low(i - 1) in QUALIFIERS:
        i -= 1
    cue = False
    if i > 0 and tokens[i - 1] == "(":
        # "a joint investment fund (68 billion RMB in total)": the phrase before the bracket.
        i -= 1
        cue = True
    else:
        if i > 0 and low(i - 1) in CUE_PARTICLES:
            i -= 1
            cue = True
        if i > 0 and low(i - 1) in CUE_VERBS:
            i -= 1
            cue = True
        if not cue:
            return ""
        while i > 0 and low(i - 1) in AUXILIARIES:
            i -= 1
        if i > 0 and tokens[i - 1] == "(":
            i -= 1
    end = i
    words: list[str] = []
    while i > 0 and len(words) < 12:
        tok = tokens[i - 1]
        lw = tok.lower()
        if not tok[:1].isalpha() or _is_numberish(tok) or tok in g.units or tok in g.scales:
            break
        if lw in LABEL_CONNECTORS:
            words.insert(0, tok)
            i -= 1
            continue
        if lw in ("the", "a", "an") and i >= 2 and low(i - 2) in LABEL_CONNECTORS and words:
            # "exports to China via the Power of Siberia pipeline": still the same phrase.
            words.insert(0, tok)
            i -= 1
            continue
        if lw in STOP_WORDS:
            break
        words.insert(0, tok)
        i -= 1
    if not words or end == 0:
        return ""
    start_word = words[0] if i == 0 else None
    return _clean_label(words, start_word, text, s)


def _is_numberish(tok: str) -> bool:
    return tok[:1].isdigit() or tok in SYMBOLS or tok.lower() in NUMBER_WORDS


def _clean_label(words: list[str], sentence_start_word: str | None, text: str, pos: int) -> str:
    """The label from its words: no function words at either end, at most LABEL_WORDS_MAX
    words, and a sentence-opening capital lowered unless the word is a name."""
    while words and (words[0].lower() in STOP_WORDS or words[0].lower() in LABEL_CONNECTORS):
        words = words[1:]
    while words and (words[-1].lower() in STOP_WORDS or words[-1].lower() in LABEL_CONNECTORS):
        words = words[:-1]
    if len(words) > LABEL_WORDS_MAX:
        for i, w in enumerate(words[1:], start=1):
            if w.lower() in LABEL_CONNECTORS and w.lower() != "and":
                words = words[:i]
                break
    if len(words) > LABEL_WORDS_MAX:
        words = words[-LABEL_WORDS_MAX:]
    while words and (words[0].lower() in STOP_WORDS or words[0].lower() in LABEL_CONNECTORS):
        words = words[1:]
    if not words:
        return ""
    first = words[0]
    if first is sentence_start_word and first[:1].isupper() and not _looks_proper(first, text, pos):
        words = [first[0].lower() + first[1:], *words[1:]]
    return " ".join(words)


def _looks_proper(word: str, text: str, pos: int) -> bool:
    bare = re.sub(r"['’]s$", "", word)
    if len(bare) > 1 and (bare.isupper() or any(c.isupper() for c in bare[1:])):
        return True
    if bare != word or _DEMONYM.fullmatch(bare) or bare in PROPER_ADJECTIVES or bare in CALENDAR_NAMES:
        return True
    # Capitalised after a lower-case word somewhere near: a name, not a sentence opening.
    lo, hi = max(0, pos - WORD_USE_REACH), min(len(text), pos + WORD_USE_REACH)
    at = text.find(" " + bare, lo, hi)
    while at > 0:
        after = text[at + 1 + len(bare) : at + 2 + len(bare)]
        if (text[at - 1].islower() or text[at - 1] in ",;") and not after.isalpha():
            return True
        at = text.find(" " + bare, at + 1, hi)
    return False
