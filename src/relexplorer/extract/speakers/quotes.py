"""Quotations of a paragraph: where each opens and closes, and the words of a sentence.

Curly double quotes pair as written; a straight ``"`` opens after a space or an opening bracket
and closes elsewhere; single curly quotes count only outside double ones, opening at a word's
start and closing before a non-letter (``don’t`` and ``Russia’s`` stay apostrophes). A
quotation still open at the end of its paragraph runs on: news copy reopens it in the next
paragraph without closing the first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_MARK = re.compile(r"[“”\"‘’«»]")
_OPENS_AFTER = " \t\n([{—–-“‘/"
_WORD = re.compile(
    r"(?P<q>[“”\"«»]|‘(?=\w)|(?<=[\w.,?!])’(?!\w))"
    r"|(?P<w>(?:[A-Z]\.){2,}|(?:Mr|Mrs|Ms|Dr|Sen|Sens|Rep|Reps|Gen|Gov|Lt|Col|Prof|St|Jr|Sr|Adm|Amb)\."
    r"|\w+(?:[’'\-]\w+)*(?:’|')?)"
    r"|(?P<p>--|[,;:()\[\]?!—–.])"
)


_PARTICLE_NAME = re.compile(r"(?:al|el|ad|as|ash|an|ar|at|az|ul|bin|ibn|abu|de|di|da|van|von|le|la)-[A-Z]")


# The kind of a word by the group of ``_WORD`` that matched it.
_KINDS = (None, "q", "w", "p")


@dataclass(slots=True)
class Quote:
    """A quotation: ``start`` at its opening mark, ``end`` after its closing mark.

    ``closed`` is False for one that runs to the end of its paragraph.
    """

    start: int
    end: int
    closed: bool


@dataclass(slots=True)
class Word:
    """A word, a punctuation mark or a quotation mark of a sentence."""

    start: int
    end: int
    text: str
    low: str
    kind: str  # "w" word, "p" punctuation, "q" quotation mark
    quoted: bool = False  # inside a quotation (marks included)

    @property
    def cap(self) -> bool:
        """Starts with a capital letter, or is a name after a particle ("al-Assad")."""
        if self.kind != "w":
            return False
        return self.text[0].isupper() or _PARTICLE_NAME.match(self.text) is not None


def quotes_in(text: str, start: int, end: int) -> list[Quote]:
    """The quotations of the paragraph ``text[start:end]``, in order."""
    found: list[Quote] = []
    double = single = -1
    for m in _MARK.finditer(text, start, end):
        ch, pos = m.group(), m.start()
        before = text[pos - 1] if pos > start else " "
        after = text[pos + 1] if pos + 1 < end else " "
        if ch in "“«" or (ch == '"' and before in _OPENS_AFTER and double < 0):
            if double < 0:
                double, single = pos, -1
        elif ch in "”»\"":
            if double >= 0:
                found.append(Quote(double, pos + 1, True))
                double = -1
        elif double < 0 and ch == "‘" and before in _OPENS_AFTER and after.isalnum():
            single = pos
        elif double < 0 and ch == "’" and single >= 0 and not after.isalnum():
            found.append(Quote(single, pos + 1, True))
            single = -1
    if double >= 0:
        found.append(Quote(double, end, False))
    return found


def words_of(text: str, start: int, end: int, quotes: list[Quote]) -> list[Word]:
    """The words and marks of the sentence ``text[start:end]``, each knowing if it is quoted."""
    spans = [(q.start, q.end) for q in quotes if q.start < end and q.end > start]
    lowered = text[start:end].lower().replace("’", "'")  # one character for one: offsets hold
    words = []
    k = 0  # the first quotation that does not end before the current word
    for m in _WORD.finditer(text, start, end):
        s, e = m.span()
        while k < len(spans) and spans[k][1] <= s:
            k += 1
        quoted = k < len(spans) and spans[k][0] <= s
        words.append(Word(s, e, m.group(), lowered[s - start : e - start], _KINDS[m.lastindex], quoted))
    return words


def quoted_share(start: int, end: int, quotes: list[Quote], text: str) -> float:
    """The share of the sentence's letters that lie inside quotations."""
    letters = sum(ch.isalnum() for ch in text[start:end])
    inside = 0
    for q in quotes:
        a, b = max(start, q.start), min(end, q.end)
        if a < b:
            inside += sum(ch.isalnum() for ch in text[a:b])
    return inside / letters if letters else 0.0
