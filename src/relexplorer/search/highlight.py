"""Highlighting: the spans of a fact's text that the query's words matched."""

from __future__ import annotations

import re

from relexplorer.search.syntax import Query


def highlight_spans(text: str, query: Query) -> list[tuple[int, int]]:
    """Character spans of ``text`` that match the query's positive terms (for highlighting)."""
    spans: list[tuple[int, int]] = []
    for term in query.terms:
        if term.negated:
            continue
        sep = r"[\W_]+"
        body = sep.join(re.escape(tok) for tok in term.tokens)
        pattern = r"(?<![^\W_])" + body + (r"" if term.phrase else r"[^\W_]*")
        try:
            spans += [(m.start(), m.end()) for m in re.finditer(pattern, text, re.IGNORECASE)]
        except re.error:
            continue
    spans.sort()
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged

