"""Highlighting: the spans of a fact's text that the query's words matched.

The same rule as the search (:mod:`relexplorer.stems`): a word of the text is marked when it starts
with a typed word or shares its stem; a phrase is marked where its words stand in order.
"""

from __future__ import annotations

from relexplorer.search.syntax import Query
from relexplorer.stems import stem, token_spans


def highlight_spans(text: str, query: Query) -> list[tuple[int, int]]:
    """Character spans of ``text`` that match the query's terms (for highlighting)."""
    terms = list(query.found_terms())
    if not terms:
        return []
    words = [t.tokens[0] for t in terms if not t.phrase]
    word_stems = {stem(w) for w in words}
    phrases = [(t.tokens, t.prefix) for t in terms if t.phrase]
    tokens = list(token_spans(text))
    spans: list[tuple[int, int]] = []
    for i, (start, end, word) in enumerate(tokens):
        if any(word.startswith(w) for w in words) or (word_stems and stem(word) in word_stems):
            spans.append((start, end))
        for phrase, prefix in phrases:
            found = tokens[i : i + len(phrase)]
            if len(found) == len(phrase) and all(
                    got == want or (prefix and n == len(phrase) - 1 and got.startswith(want))
                    for n, ((_, _, got), want) in enumerate(zip(found, phrase, strict=True))):
                spans.append((start, found[-1][1]))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged
