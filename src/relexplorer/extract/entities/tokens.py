"""Capitalised words of a fact, grouped into chunks, and the state kept for one document.

One compiled regex finds capitalised words in each fact; words separated by a space or by a
connector (``of``, ``for``, ``to``, ``the``, ``von der`` ...) form a *chunk*, and the rules
propose candidates inside one chunk at a time. A span without lower-case content words reads
as a title-case heading (:func:`is_heading`).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from relexplorer.extract.entities.gazetteer import Gazetteer

# Upper-case letters of Latin-1 and Latin Extended-A/B, for names such as "Ürümqi", "Šefčovič".
_UPPER = "".join(chr(c) for c in range(0xC0, 0x250) if chr(c).isupper() and chr(c) != "×")

# A capitalised word. The pattern opens with a character class (the look-behind comes after
# the first letter) so that ``re`` can skip straight to upper-case letters: several times
# faster than opening with the look-behind.
_WORD = re.compile(
    rf"[A-Z{_UPPER}](?<![\w’].)(?<!\w'.)"
    r"(?:"
    r"\.(?:[A-Z]\.)+"  # U.S., U.K., U.N.
    r"|[a-z]{1,3}\.(?!\w)"  # Mr., Dr., St., Co., Ltd., Prof. (checked just below)
    r"(?:(?<=[MDSLCJFA][rstgo]\.)|(?<=[MGSRCAIL][a-z]{2}\.)|(?<=[PC][a-z]{3}\.))"
    r"|\.(?=\s[A-Z])"  # a middle initial: George W. Bush
    r"|\w*(?:(?:['’](?![sS]\b)|[-‐])\w+)*(?:\+(?!\w))?"
    r")"
    r"(['’][sS]\b|(?<=s)['’](?!\w))?"  # possessive, kept out of the mention
)
_ABBREVIATIONS = {
    "Mr.", "Mrs.", "Ms.", "Dr.", "St.", "Gen.", "Sen.", "Rep.", "Prof.", "Lt.", "Col.",
    "Adm.", "Gov.", "Capt.", "Maj.", "Sgt.", "Amb.", "Co.", "Ltd.", "Inc.", "Corp.", "Jr.",
    "Sr.", "Mt.", "Ft.",
}  # fmt: skip

# Lower-case words allowed between the capitalised words of one chunk.
CONNECTORS = {
    "of", "for", "on", "and", "the", "of the", "for the", "on the", "and the", "to", "to the",
    "in", "in the", "de", "du", "des", "la", "le", "da", "do", "dos", "del", "y", "&",
    "van", "von", "der", "van der", "von der", "van den", "bin", "ibn", "al-", "el-", "al",
    "d'",
}  # fmt: skip
# Connectors are short (" von der "): a longer gap between two words always ends the chunk.
_CONNECTOR_GAP_MAX = 10

_LOWER_WORD = re.compile(r"(?<![\w'’-])[a-z][a-z]+(?![\w'’])")
_CONTENT_LOWER = (
    r"(?<![\w'’-])(?!(?:of|the|and|in|to|for|with|between|on|a|an|at|by|from|as|its|into|"
    r"over|under|or|vs)\b)[a-z]"
)
# A lower-case content word: the span is a sentence, not a title-case heading.
_ANY_CONTENT_LOWER = re.compile(_CONTENT_LOWER)
# A heading has at least this many capitalised words and at most this many characters.
_HEADING_WORDS_MIN = 3
_HEADING_CHARS_MAX = 250


def norm(s: str) -> str:
    """The look-up key of a surface form: straight apostrophes, single spaces."""
    return " ".join(s.replace("’", "'").replace("‐", "-").split())


class Tok:
    """A capitalised word: offsets without any possessive, its link to the previous word."""

    __slots__ = ("start", "end", "pend", "word", "sep", "poss", "initial")

    def __init__(
        self, start: int, end: int, pend: int, word: str, sep: str, poss: bool, initial: bool
    ):
        self.start = start
        self.end = end
        self.pend = pend  # end including the possessive
        self.word = word
        self.sep = sep  # "" (space) or a connector such as "of"; meaningless for a chunk's first
        self.poss = poss
        self.initial = initial  # first word of the sentence


class Doc:
    """Per-document state shared by the two passes."""

    def __init__(self, text: str, gaz: Gazetteer):
        self.text = text
        self.gaz = gaz
        self._lower: set[str] | None = None
        # For pass 2: unclaimed name-like tokens, per fact.
        self.leftovers: list[list[Tok]] = []
        self.acronyms: dict[str, str] = {}  # acronym defined in the text -> org name

    def lowercase_words(self) -> set[str]:
        """Words the document also writes in lower case: evidence they are common words."""
        if self._lower is None:
            self._lower = set(_LOWER_WORD.findall(self.text))
        return self._lower


def chunks(text: str, start: int, end: int) -> list[list[Tok]]:
    """Capitalised words of ``text[start:end]`` grouped into chunks."""
    grouped: list[list[Tok]] = []
    current: list[Tok] = []
    prev_end = -1
    first = True
    for m in _WORD.finditer(text, start, end):
        s, pend = m.span()
        ps = m.start(1)
        e = pend if ps < 0 else ps
        if (
            text[e - 1] == "."
            and e - s > 2
            and text[s + 1] != "."
            and text[s:e] not in _ABBREVIATIONS
        ):
            # "Xyz." is not an abbreviation: the full stop ends the sentence.
            e -= 1
            pend = e
        sep = ""
        if current:
            gap = text[prev_end:s]
            if gap != " ":
                joined = False
                if len(gap) <= _CONNECTOR_GAP_MAX and gap and gap[0].isspace():
                    g = norm(gap)
                    if g == "":
                        joined = True
                    elif (g in CONNECTORS and gap[-1].isspace()) or g in ("al-", "el-", "d'"):
                        joined = True
                        sep = g
                if not joined:
                    grouped.append(current)
                    current = []
        initial = False
        if first:
            first = False
            initial = not any(c.isalnum() for c in text[start:s])
        current.append(Tok(s, e, pend, text[s:e], sep, ps >= 0, initial))
        prev_end = pend
    if current:
        grouped.append(current)
    return grouped


def is_heading(text: str, start: int, end: int, n_caps: int) -> bool:
    """True when the span reads like a title-case heading rather than a sentence."""
    if n_caps < _HEADING_WORDS_MIN or end - start > _HEADING_CHARS_MAX:
        return False
    return _ANY_CONTENT_LOWER.search(text, start, end) is None
