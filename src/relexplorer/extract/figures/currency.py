"""Which currency a money figure is in: the ISO 4217 code of a currency form as written.

Most forms name one currency (``$`` USD, ``Rs`` INR, ``euros`` EUR). ``¥`` is CNY unless the
text around it speaks of yen or Japan. Forms several countries share (``pesos``, ``Sh``,
``dinars``) take the country named in the sentence, else the one named most nearby.
"""

from __future__ import annotations

import bisect
from functools import lru_cache

from relexplorer.extract.figures.context import sentence_bounds
from relexplorer.extract.figures.grammar import Grammar, grammar, norm

# How far either way from a "¥" the words that make it yen are looked for (characters).
YEN_CONTEXT_REACH = 150
# How far either way from a shared currency form its countries are counted (characters).
COUNTRY_REACH = 3000


def currency_code(g: Grammar, surface: str | None, text: str, s: int) -> str | None:
    """The ISO code of a currency form written before a number at ``s``, or None."""
    if not surface:
        return None
    key = norm(surface)
    code = g.cur_before.get(key)
    if key == "¥" and g.yen_context.search(text, max(0, s - YEN_CONTEXT_REACH), s + YEN_CONTEXT_REACH):
        code = "JPY"
    return resolve_shared(g, code, text, s)


def resolve_shared(g: Grammar, code: str | None, text: str, s: int) -> str | None:
    """The ISO code for a currency form several countries share ("pesos", "Sh"), else ``code``.

    The country named nearest within the sentence wins; failing that, the one named most often
    within COUNTRY_REACH characters (the nearer on a tie); failing that, the first code listed.
    """
    if not code or code[0] != "?":
        return code
    index = int(code[1:])
    group = g.shared[index]
    sstart, send = sentence_bounds(text, 0, len(text), s, s + 1)
    best: tuple[tuple[int, int, int, int], int] | None = None
    for i, places in enumerate(_country_places(text, index)):
        for lo, hi, in_sentence in ((sstart, send, 1), (s - COUNTRY_REACH, s + COUNTRY_REACH, 0)):
            a, b = bisect.bisect_left(places, lo), bisect.bisect_left(places, hi)
            if a < b:
                nearest = min(abs(places[a] - s), abs(places[b - 1] - s))
                if a + 1 < b:
                    at = bisect.bisect_left(places, s, a, b)
                    nearest = min(abs(places[j] - s) for j in (max(a, at - 1), min(b - 1, at)))
                key = (in_sentence, -nearest if in_sentence else b - a, -nearest, -i)
                if best is None or key > best[0]:
                    best = (key, i)
                break
    return group[best[1]][0] if best is not None else group[0][0]


@lru_cache(maxsize=8)
def _country_places(text: str, index: int) -> tuple[list[int], ...]:
    """Where the country words of each code of shared currency ``index`` occur in ``text``."""
    return tuple([w.start() for w in words.finditer(text)] for _iso, words in grammar().shared[index])
