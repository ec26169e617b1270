"""The organisation rule, and how an organisation's mention is completed.

Organisations: capitalised words ending in an organisation word (``Bank``, ``Fund``,
``Ministry`` ...), optionally followed by ``of``/``for``/``on`` and a complement (``Ministry of
Foreign Affairs``), and ``Co., Ltd.``-style suffixes. An acronym in brackets right after an
organisation (``... Space Administration (CNSA)``) is defined for the rest of the document.
"""

from __future__ import annotations

import re

from relexplorer.extract.entities.candidates import Cand, gaz_kind
from relexplorer.extract.entities.gazetteer import CALENDAR_WORDS, ORG, PLACE
from relexplorer.extract.entities.tokens import Doc, Tok, norm

_ORG_LINKS = {"of", "for", "on", "of the", "for the", "on the", "de"}
# The most words of an organisation name, and of its complement.
_MAX_ORG_WORDS = 12
# Words that end an organisation's complement: "General Administration of Customs on Friday".
_ENDS_COMPLEMENT = CALENDAR_WORDS

_LEGAL_SUFFIX = re.compile(
    r"(?:,?\s+(?:Co\.|Ltd\.?|Limited|Inc\.?|LLC|PLC|plc|Corp\.|JSC|PJSC|OJSC|GmbH|AG))+$"
)
# The rest of a list inside an organisation's name: "Ministry of Economy[, Trade and Industry]".
_ORG_LIST_AFTER = re.compile(
    r"(?:,\s+[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?){1,4},?\s+(?:and|&)\s+[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?"
    r"(?![\w-])"
)
_ORG_SUFFIX_AFTER = re.compile(r",\s*(?:Ltd|Limited|Inc|LLC|PLC|plc|Corp|JSC|PJSC)\b\.?")
_ACRONYM_AFTER = re.compile(r"\s*\((?:the\s+)?([A-Z][A-Za-z]?[A-Z0-9&]{1,8})\)")


def org_match(doc: Doc, toks: list[Tok], i: int) -> Cand | None:
    """The organisation name the organisation rule finds starting at token ``i``."""
    gaz = doc.gaz
    t = toks[i]
    w = t.word
    if w in gaz.function_words or w in gaz.org_blocking_titles or t.poss:
        return None
    if w in gaz.org_words and w not in ("Co.",):
        # "Bank of China", "Ministry of Commerce": an org word may open the name if a
        # complement follows; alone it is a common noun.
        if i + 1 >= len(toks) or toks[i + 1].sep not in _ORG_LINKS:
            return None
    n = len(toks)
    last_org = i if w in gaz.org_words else -1
    j = i + 1
    # Bounded, so that a long run of capitalised words stays linear.
    while j < n and j - i < _MAX_ORG_WORDS:
        tj = toks[j]
        sep = tj.sep
        prev = toks[j - 1]
        if prev.poss:
            break
        if sep in _ORG_LINKS:
            if last_org != j - 1:
                break
            # The complement: capitalised words up to the end of the chunk or the next break.
            k = j
            while k < n and k - j < _MAX_ORG_WORDS:
                tk = toks[k]
                if k > j and tk.sep not in ("", "and", "of", "of the", "for", "on", "&"):
                    break
                if (
                    tk.word in gaz.org_blocking_titles
                    or tk.word in gaz.function_words
                    or tk.word in _ENDS_COMPLEMENT
                ):
                    break
                if k > j and tk.sep == "and" and gaz_kind(doc, toks[k - 1]) == PLACE:
                    break
                k += 1
                if toks[k - 1].poss:
                    break
            if k > j:
                last_org = k - 1
            break
        if sep not in ("", "and", "&"):
            break
        if sep in ("and", "&") and (
            prev.word in gaz.org_words or gaz_kind(doc, prev) or prev.word.isupper()
        ):
            break
        if tj.word in gaz.org_blocking_titles or tj.word in gaz.function_words:
            break
        if tj.word in gaz.org_words:
            last_org = j
        j += 1
    if last_org < 0 or last_org == i and toks[i].word not in gaz.org_words:
        return None
    if last_org == i:
        return None
    j = last_org + 1
    name = norm(doc.text[toks[i].start : toks[j - 1].end])
    return Cand(j, ORG, name, "org")


def complete_org(
    text: str, toks: list[Tok], j: int, start: int, end: int, span_end: int, name: str
) -> tuple[int, str]:
    """The end and name of an organisation's mention ``text[start:end]`` (tokens before ``j``).

    An organisation that ends its chunk extends over a ``, Ltd.``-style suffix or the rest of a
    list, within the fact (``span_end``); legal suffixes are dropped from the name.
    """
    if j == len(toks):
        m = _ORG_SUFFIX_AFTER.match(text, end)
        if m is None and toks[j - 1].sep in _ORG_LINKS:
            m = _ORG_LIST_AFTER.match(text, end)
        if m is not None and m.end() <= span_end:
            end = m.end()
            name = norm(text[start:end])
    return end, _LEGAL_SUFFIX.sub("", name) or name


def acronym_after(text: str, end: int) -> str | None:
    """The acronym an organisation ending at ``end`` defines in brackets: "(CNSA)"."""
    m = _ACRONYM_AFTER.match(text, end)
    return m.group(1) if m else None
