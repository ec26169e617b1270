"""The person rules, and what makes a capitalised word look like part of a person's name.

People: a name after a title (``President Xi Jinping``, ``Ambassador to China Denisov``,
``the foreign minister Wang Yi``); a known given name plus surname (``Sergey Lavrov``); a
Chinese family name plus a pinyin given name (``Zhao Mingwen``); a Korean family name plus a
hyphenated given name (``Moon Jae-in``); a name before an appositive role (``Glazyev,
advisor to ...``); a two- or three-word name before a speech verb or after ``according to``.
"""

from __future__ import annotations

import re

from relexplorer.extract.entities.candidates import Cand
from relexplorer.extract.entities.gazetteer import PERSON, Gazetteer
from relexplorer.extract.entities.tokens import Doc, Tok, norm

_NAME_PARTICLES = {
    "van", "von", "der", "van der", "von der", "van den", "de", "da", "dos", "del", "bin",
    "ibn", "al-", "el-", "al", "d'", "le", "la", "du",
}  # fmt: skip
_TITLE_LINKS = {"of", "to", "for", "of the", "to the", "for the", "in", "in the", "on", "on the"}

_SPEECH_AFTER = re.compile(
    r"\s*,?\s+(?:has\s+|had\s+|also\s+|once\s+|then\s+|later\s+)?"
    r"(?:said|says|stated|states|noted|notes|told|added|argued|argues|stressed|stresses|"
    r"emphasi[sz]ed|emphasi[sz]es|pointed out|warned|warns|wrote|writes|explained|announced|"
    r"believes|believed|claimed|claims|remarked|observed|commented|insisted|suggested|"
    r"declared|acknowledged|admitted|recalled|asserted|urged|proposed|replied|responded)\b"
)
_APPOSITIVE_AFTER = re.compile(
    r",\s+(?:the\s+|a\s+|an\s+)?(?:former\s+|then[- ]|current\s+|deputy\s+|senior\s+|chief\s+|"
    r"vice[- ]|first\s+|special\s+|acting\s+|executive\s+|associate\s+|assistant\s+|"
    r"leading\s+|prominent\s+|veteran\s+|well-known\s+)*"
    r"(?:advis[eo]rs?|aide|director|head|chief|chairman|chairwoman|chair|president|premier|"
    r"minister|ambassador|spokes(?:man|woman|person)|professor|researcher|research\s+fellow|"
    r"fellow|analyst|expert|scholar|secretary|leader|founder|co-founder|ceo|editor|"
    r"correspondent|economist|governor|senator|commander|general|envoy|diplomat|dean|"
    r"lecturer|member|deputy|representative|consul|counsel(?:l)?or|official|chancellor)\b",
    re.IGNORECASE,
)
_ACCORDING_BEFORE = re.compile(r"(?:according\s+to|said|says|quoting|quoted)\s+$", re.IGNORECASE)
_PINYIN_SYLLABLE = (
    r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
    r"(?:iang|iong|uang|ang|eng|ing|ong|ian|iao|uai|uan|ai|ei|ao|ou|an|en|in|un|ia|ie|iu|"
    r"ua|uo|ui|ue|ve|er|a|o|e|i|u|v)"
)
_PINYIN_NAME = re.compile(rf"(?:{_PINYIN_SYLLABLE}){{1,2}}(?:-(?:{_PINYIN_SYLLABLE}){{1,2}})?")
_HYPHEN_GIVEN = re.compile(r"[A-Z][a-z]+-[a-z]+")

# The cache of name-shaped words is cleared past this size, to bound memory over a very
# large corpus.
_NAME_SHAPED_CACHE_MAX = 200_000
# A name found by a rule is at most this many words long.
_NAME_WORDS_MAX = 3
# How far back (characters) a lower-case title may end: "the foreign minister Wang Yi".
_LOWERCASE_TITLE_REACH = 30
# How many words back a title may stand: "Minister of Foreign Affairs Wang Yi".
_TITLE_REACH_WORDS = 7
# A name before an appositive or a speech verb starts its chunk, or follows at most this many
# common words in it.
_WORDS_BEFORE_NAME_MAX = 3
# How far back (characters) "according to" may end.
_ACCORDING_REACH = 20


def name_like(doc: Doc, tok: Tok, strict: bool = False) -> bool:
    """Could ``tok`` be part of a person's name?"""
    w = tok.word
    cache = doc.gaz.name_shaped
    cached = cache.get(w)
    if cached is None:
        if len(cache) > _NAME_SHAPED_CACHE_MAX:
            cache.clear()
        cached = cache[w] = _name_shaped(doc.gaz, w)
    if not cached or not strict:
        return cached
    return w.lower() not in doc.lowercase_words()


def _name_shaped(gaz: Gazetteer, w: str) -> bool:
    if len(w) < 2 and not (len(w) == 2 and w.endswith(".")):
        return False
    if w in gaz.stop or w in gaz.entries:
        return False
    if len(w) == 2 and w.endswith("."):
        return True  # an initial
    if not w.replace("-", "").replace("'", "").replace("’", "").isalpha():
        return False
    return not w.isupper()


def _name_run(
    doc: Doc, toks: list[Tok], i: int, limit: int = _NAME_WORDS_MAX, strict: bool = False
) -> int:
    """One past the last token of the run of name-like tokens starting at ``i``."""
    n = len(toks)
    j = i
    while j < n and j - i < limit:
        t = toks[j]
        if j > i and (t.sep not in ("",) and t.sep not in _NAME_PARTICLES):
            break
        if not name_like(doc, t, strict):
            break
        j += 1
        if t.poss:
            break
    # An initial cannot end a name.
    while j > i and toks[j - 1].word.endswith(".") and len(toks[j - 1].word) == 2:
        j -= 1
    return j


def _title_before(doc: Doc, toks: list[Tok], i: int) -> bool:
    """Is token ``i`` preceded by a title ("President", "Ambassador to China", "minister")?"""
    gaz = doc.gaz
    t = toks[i]
    if i == 0:
        if gaz.lowercase_titles is None:
            return False
        before = doc.text[max(0, t.start - _LOWERCASE_TITLE_REACH) : t.start]
        return gaz.lowercase_titles.search(before) is not None
    if t.sep:
        return False
    prev = toks[i - 1]
    if prev.poss:
        return False
    if prev.word in gaz.titles:
        return True
    # "Minister of Foreign Affairs Wang Yi", "Ambassador to China Denisov".
    k = i - 1
    while k >= 0 and i - k <= _TITLE_REACH_WORDS:
        tk = toks[k]
        if tk.word in gaz.titles:
            return toks[k + 1].sep in _TITLE_LINKS
        if tk.poss or (name_like(doc, tk) and tk.word not in gaz.entries):
            return False
        k -= 1
    return False


def person_match(doc: Doc, toks: list[Tok], i: int, heading: bool) -> Cand | None:
    """The longest person's name the person rules find starting at token ``i``.

    In a heading only the Chinese and Korean name shapes apply.
    """
    gaz = doc.gaz
    t = toks[i]
    w = t.word
    n = len(toks)
    best: Cand | None = None

    def offer(j: int, rule: str) -> None:
        nonlocal best
        if j > i and (best is None or j > best.j):
            name = norm(doc.text[toks[i].start : toks[j - 1].end])
            best = Cand(j, PERSON, name, rule)

    if w in gaz.stop or w in gaz.entries:
        return None
    # Chinese: family name + pinyin given name.
    if (
        w in gaz.chinese_surnames
        and i + 1 < n
        and toks[i + 1].sep == ""
        and not t.poss
        and name_like(doc, toks[i + 1])
        and _PINYIN_NAME.fullmatch(toks[i + 1].word.lower())
        and not (i + 2 < n and toks[i + 2].sep == "" and name_like(doc, toks[i + 2]))
    ):
        offer(i + 2, "cn")
    # Korean: family name + hyphenated given name.
    if (
        w in gaz.korean_surnames
        and i + 1 < n
        and toks[i + 1].sep == ""
        and not t.poss
        and _HYPHEN_GIVEN.fullmatch(toks[i + 1].word)
    ):
        offer(i + 2, "kr")
    if heading:
        return best
    if not name_like(doc, t):
        return best
    # Title + name.
    if _title_before(doc, toks, i):
        j = _name_run(doc, toks, i)
        if j > i:
            offer(j, "title")
    # Known given name + surname.
    if w in gaz.given_names and not t.poss:
        j = _name_run(doc, toks, i)
        if j >= i + 2:
            offer(j, "given")
    # Names before an appositive role or a speech verb, after "according to".
    if i == 0 or (i <= _WORDS_BEFORE_NAME_MAX and all(x.word in gaz.stop for x in toks[:i])):
        j = _name_run(doc, toks, i, strict=True)
        if j == n and j > i:
            after = toks[j - 1].end
            if not toks[j - 1].poss and _APPOSITIVE_AFTER.match(doc.text, after):
                offer(j, "appositive")
            elif j - i >= 2 and not toks[j - 1].poss and _SPEECH_AFTER.match(doc.text, after):
                offer(j, "speech")
            elif j - i >= 2:
                before = doc.text[max(0, t.start - _ACCORDING_REACH) : t.start]
                if _ACCORDING_BEFORE.search(before):
                    offer(j, "speech")
    return best


def family_name_first(gaz: Gazetteer, words: list[str]) -> bool:
    """Chinese and Korean names put the family name first: "Xi Jinping", "Moon Jae-in"."""
    if len(words) < 2:
        return False
    if words[0] in gaz.chinese_surnames and _PINYIN_NAME.fullmatch(words[1].lower()):
        return True
    return words[0] in gaz.korean_surnames and _HYPHEN_GIVEN.fullmatch(words[1]) is not None
