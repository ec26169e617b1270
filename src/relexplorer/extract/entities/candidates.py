"""What a rule proposes at a word of a chunk, and the gazetteer rule.

Inside a chunk, at each word, the rules propose candidates and the longest wins (ties:
gazetteer, then organisation rule, then geographic features, then person rules):

- the gazetteer (this module): dictionary look-ups of word n-grams, longest first;
- organisations (:mod:`.organisations`) and unlisted geographic features (:mod:`.places`);
- people (:mod:`.people`).
"""

from __future__ import annotations

from relexplorer.extract.entities.tokens import Doc, Tok, norm


class Cand:
    """A candidate mention from token ``i`` (the caller's) to ``j``, with the rule that made it."""

    __slots__ = ("j", "kind", "name", "rule")

    def __init__(self, j: int, kind: str, name: str, rule: str):
        self.j = j  # one past the last token
        self.kind = kind
        self.name = name
        self.rule = rule


def gaz_match(doc: Doc, toks: list[Tok], i: int) -> Cand | None:
    """The longest gazetteer entry that starts at token ``i``."""
    gaz = doc.gaz
    first = toks[i].word.replace("’", "'")
    longest = gaz.max_words.get(first, 0)
    if not longest:
        return None
    text = doc.text
    n = len(toks)
    for j in range(min(n, i + longest), i, -1):
        # A possessive may only end a match unless the key itself has it ("People's Bank").
        last = toks[j - 1]
        if j == i + 1:
            key = first
        else:
            key = text[toks[i].start : last.end]
            if "’" in key or "  " in key or "\n" in key or "‐" in key:
                key = norm(key)
        hit = gaz.entries.get(key)
        if hit is None and last.poss:
            # Names that end in an apostrophe: "Moody's", "People's".
            hit = gaz.entries.get(norm(text[toks[i].start : last.pend]))
            if hit is not None:
                return Cand(j, hit[1], hit[0], "gaz+s")
        if hit is not None:
            return Cand(j, hit[1], hit[0], "gaz")
    return None


def gaz_kind(doc: Doc, tok: Tok) -> str | None:
    """The kind of the gazetteer entry that is this one word, if any."""
    hit = doc.gaz.entries.get(tok.word.replace("’", "'"))
    return hit[1] if hit else None
