"""Entities: people, organisations and places mentioned in facts.

A rule-based extractor for the genre (policy articles on international relations); no model.
Precision matters more than recall: a wrong entity in the tree annoys more than a missing one.

How it works, per document:

1. One compiled regex finds capitalised words in each fact; words separated by a space or by
   a connector (``of``, ``for``, ``to``, ``the``, ``von der`` ...) form a *chunk*.
2. Inside a chunk, at each word, candidates are proposed and the longest wins (ties: gazetteer,
   then organisation rule, then person rules):

   - the gazetteer (``data/gazetteer.yaml``): countries, cities, regions, organisations and
     their acronyms, well-known people; dictionary look-ups of word n-grams, longest first;
   - organisations: capitalised words ending in an organisation word (``Bank``, ``Fund``,
     ``Ministry`` ...), optionally followed by ``of``/``for``/``on`` and a complement
     (``Ministry of Foreign Affairs``), and ``Co., Ltd.``-style suffixes;
   - people: a name after a title (``President Xi Jinping``, ``Ambassador to China Denisov``,
     ``the foreign minister Wang Yi``); a known given name plus surname (``Sergey Lavrov``);
     a Chinese family name plus a pinyin given name (``Zhao Mingwen``); a Korean family name
     plus a hyphenated given name (``Moon Jae-in``); a name before an appositive role
     (``Glazyev, advisor to ...``); a two- or three-word name before a speech verb or after
     ``according to``.

3. After the whole document is read, bare surnames of people found in step 2 (``Putin``,
   ``Denisov``) and acronyms the document defines (``... Space Administration (CNSA)``) are
   resolved wherever they were left unclaimed, and single-word names are merged into the full
   name that ends (or, for Chinese and Korean names, starts) with them.

Title-case lines (headings) only get gazetteer and already-known names. Demonyms
("Russian") are not places. Hyphenated compounds ("China-Russia") yield one mention per part.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml

from relexplorer.model import Mention

PERSON = "person"
ORG = "organization"
PLACE = "place"

_KIND_OF_SECTION = {"places": PLACE, "organizations": ORG, "people": PERSON}

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
_CONNECTORS = {
    "of", "for", "on", "and", "the", "of the", "for the", "on the", "and the", "to", "to the",
    "in", "in the", "de", "du", "des", "la", "le", "da", "do", "dos", "del", "y", "&",
    "van", "von", "der", "van der", "von der", "van den", "bin", "ibn", "al-", "el-", "al",
    "d'",
}  # fmt: skip
_NAME_PARTICLES = {
    "van", "von", "der", "van der", "von der", "van den", "de", "da", "dos", "del", "bin",
    "ibn", "al-", "el-", "al", "d'", "le", "la", "du",
}  # fmt: skip
_TITLE_LINKS = {"of", "to", "for", "of the", "to the", "for the", "in", "in the", "on", "on the"}
_ORG_LINKS = {"of", "for", "on", "of the", "for the", "on the", "de"}
_MAX_ORG_WORDS = 12
# Words that end an organisation's complement: "General Administration of Customs on Friday".
_TIME_WORDS = {
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January",
    "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept",
    "Oct", "Nov", "Dec",
}  # fmt: skip

# Titles that do not end an organisation name when they appear inside one
# ("General Administration of Customs", "Chief Directorate").
_SOFT_TITLES = {
    "General", "Gen.", "Chief", "Deputy", "Leader", "Founder", "Chair", "Economist", "Analyst",
    "Researcher", "Scholar", "Academician", "Speaker", "Commander", "Head", "Captain", "Capt.",
    "Director", "Judge", "Envoy", "Representative",
}  # fmt: skip

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
_FEATURES = {
    "Sea", "Ocean", "River", "Strait", "Straits", "Islands", "Island", "Peninsula", "Bay",
    "Gulf", "Mountains", "Lake", "Canal", "Desert", "Plateau", "Delta", "Basin", "Province",
    "Oblast", "Krai", "Prefecture", "Governorate", "Shoal", "Reef", "Atoll",
}  # fmt: skip
_FEATURE_OF = {"Gulf", "Bay", "Sea", "Strait", "Straits", "Isle", "Lake", "Port", "Gulfs"}
_FEATURE_BEFORE = {"Lake", "Mount", "Mt.", "Cape"}
_ANY_FEATURE = _FEATURES | _FEATURE_OF | _FEATURE_BEFORE
_DIRECTIONS = {
    "North", "South", "East", "West", "Northern", "Southern", "Eastern", "Western",
    "Northeast", "Northwest", "Southeast", "Southwest", "Upper", "Lower", "Greater", "Inner",
    "Outer", "Central", "Yellow", "Red", "White", "Black",
}  # fmt: skip
# A place name that names an agreement, a currency or a crude blend is not a mention of the
# place: "Paris Agreement", "US$5 billion", "US dollars", "Urals crude".
_NAMED_AFTER = re.compile(
    r"\s+(?:[Aa]greements?|[Aa]ccords?|[Tt]reaty|[Pp]rotocols?|[Cc]onsensus|[Ff]ormat|"
    r"[Pp]rocess|[Dd]eclaration|[Cc]ommuniqu[eé]|[Cc]harter|[Cc]onvention|[Dd]octrine|"
    r"[Ss]yndrome|dollars?|cents|crude|blend)\b|\$"
)
_LEGAL_SUFFIX = re.compile(
    r"(?:,?\s+(?:Co\.|Ltd\.?|Limited|Inc\.?|LLC|PLC|plc|Corp\.|JSC|PJSC|OJSC|GmbH|AG))+$"
)
_ACCORDING_BEFORE = re.compile(r"(?:according\s+to|said|says|quoting|quoted)\s+$", re.IGNORECASE)
# The rest of a list inside an organisation's name: "Ministry of Economy[, Trade and Industry]".
_ORG_LIST_AFTER = re.compile(
    r"(?:,\s+[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?){1,4},?\s+(?:and|&)\s+[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?"
    r"(?![\w-])"
)
_ORG_SUFFIX_AFTER = re.compile(r",\s*(?:Ltd|Limited|Inc|LLC|PLC|plc|Corp|JSC|PJSC)\b\.?")
_ACRONYM_AFTER = re.compile(r"\s*\((?:the\s+)?([A-Z][A-Za-z]?[A-Z0-9&]{1,8})\)")
_PINYIN_SYLLABLE = (
    r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
    r"(?:iang|iong|uang|ang|eng|ing|ong|ian|iao|uai|uan|ai|ei|ao|ou|an|en|in|un|ia|ie|iu|"
    r"ua|uo|ui|ue|ve|er|a|o|e|i|u|v)"
)
_PINYIN_NAME = re.compile(rf"(?:{_PINYIN_SYLLABLE}){{1,2}}(?:-(?:{_PINYIN_SYLLABLE}){{1,2}})?")
_HYPHEN_GIVEN = re.compile(r"[A-Z][a-z]+-[a-z]+")
_LOWER_WORD = re.compile(r"(?<![\w'’-])[a-z][a-z]+(?![\w'’])")
_CONTENT_LOWER = (
    r"(?<![\w'’-])(?!(?:of|the|and|in|to|for|with|between|on|a|an|at|by|from|as|its|into|"
    r"over|under|or|vs)\b)[a-z]"
)
# A lower-case content word: the span is a sentence, not a title-case heading.
_ANY_CONTENT_LOWER = re.compile(_CONTENT_LOWER)


def _norm(s: str) -> str:
    """The look-up key of a surface form: straight apostrophes, single spaces."""
    return " ".join(s.replace("’", "'").replace("‐", "-").split())


@dataclass(slots=True)
class Gazetteer:
    """Known names and the word lists that steer the rules."""

    entries: dict[str, tuple[str, str]] = field(default_factory=dict)  # key -> (name, kind)
    max_words: dict[str, int] = field(default_factory=dict)  # first word -> longest key length
    titles: frozenset[str] = frozenset()
    org_blocking_titles: frozenset[str] = frozenset()
    lowercase_titles: re.Pattern[str] | None = None
    org_words: frozenset[str] = frozenset()
    function_words: frozenset[str] = frozenset()
    stop: frozenset[str] = frozenset()  # never part of a person's name
    demonyms: frozenset[str] = frozenset()
    given_names: frozenset[str] = frozenset()
    chinese_surnames: frozenset[str] = frozenset()
    korean_surnames: frozenset[str] = frozenset()
    name_shaped: dict[str, bool] = field(default_factory=dict)  # cache of _name_shaped


def _key_words(key: str) -> list[str]:
    """The capitalised words of a key, i.e. the tokens a chunk would hold for it."""
    return [w for w in key.split(" ") if w and w not in _CONNECTORS]


def build_gazetteer(data: dict) -> Gazetteer:
    """Build a :class:`Gazetteer` from the parsed YAML structure of ``gazetteer.yaml``."""
    gaz = Gazetteer()
    for section, kind in _KIND_OF_SECTION.items():
        for name, aliases in (data.get(section) or {}).items():
            for surface in [name, *(aliases or [])]:
                key = _norm(str(surface))
                words = _key_words(key)
                if not words:
                    continue
                gaz.entries.setdefault(key, (str(name), kind))
                first = _strip_possessive(words[0])
                gaz.max_words[first] = max(gaz.max_words.get(first, 0), len(words))
    lex = data.get("lexicon") or {}

    def words(name: str) -> frozenset[str]:
        return frozenset(str(w) for w in lex.get(name) or [])

    gaz.titles = words("titles")
    gaz.org_blocking_titles = frozenset(gaz.titles - _SOFT_TITLES)
    lower = sorted(words("lowercase_titles"), key=len, reverse=True)
    if lower:
        gaz.lowercase_titles = re.compile(
            r"(?<![\w-])(?:" + "|".join(re.escape(w) for w in lower) + r")\s+$"
        )
    gaz.org_words = words("org_words")
    gaz.function_words = words("function_words")
    gaz.demonyms = words("demonyms")
    gaz.stop = frozenset(
        gaz.function_words | words("common_words") | gaz.demonyms | gaz.titles | gaz.org_words
    )
    places = {n for n, (_, k) in gaz.entries.items() if k == PLACE}
    gaz.given_names = frozenset(words("given_names") - places)
    gaz.chinese_surnames = words("chinese_surnames")
    gaz.korean_surnames = words("korean_surnames")
    return gaz


def _strip_possessive(word: str) -> str:
    return word[:-2] if word.endswith("'s") else word


@lru_cache(maxsize=4)
def load_gazetteer(path: str | None = None) -> Gazetteer:
    """Load (once) the bundled gazetteer, or the YAML file at ``path``."""
    if path is None:
        raw = resources.files("relexplorer").joinpath("data/gazetteer.yaml").read_text("utf-8")
    else:
        raw = Path(path).read_text(encoding="utf-8")
    return build_gazetteer(yaml.safe_load(raw) or {})


class _Tok:
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


class _Cand:
    __slots__ = ("j", "kind", "name", "rule")

    def __init__(self, j: int, kind: str, name: str, rule: str):
        self.j = j  # one past the last token
        self.kind = kind
        self.name = name
        self.rule = rule


class _Doc:
    """Per-document state shared by the two passes."""

    def __init__(self, text: str, gaz: Gazetteer):
        self.text = text
        self.gaz = gaz
        self._lower: set[str] | None = None
        # For pass 2: unclaimed name-like tokens, per fact.
        self.leftovers: list[list[_Tok]] = []
        self.acronyms: dict[str, str] = {}  # acronym defined in the text -> org name

    def lowercase_words(self) -> set[str]:
        """Words the document also writes in lower case: evidence they are common words."""
        if self._lower is None:
            self._lower = set(_LOWER_WORD.findall(self.text))
        return self._lower


def _chunks(text: str, start: int, end: int) -> list[list[_Tok]]:
    """Capitalised words of ``text[start:end]`` grouped into chunks."""
    chunks: list[list[_Tok]] = []
    current: list[_Tok] = []
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
                # Connectors are short (" von der "); longer gaps always end the chunk.
                if len(gap) <= 10 and gap and gap[0].isspace():
                    g = _norm(gap)
                    if g == "":
                        joined = True
                    elif (g in _CONNECTORS and gap[-1].isspace()) or g in ("al-", "el-", "d'"):
                        joined = True
                        sep = g
                if not joined:
                    chunks.append(current)
                    current = []
        initial = False
        if first:
            first = False
            initial = not any(c.isalnum() for c in text[start:s])
        current.append(_Tok(s, e, pend, text[s:e], sep, ps >= 0, initial))
        prev_end = pend
    if current:
        chunks.append(current)
    return chunks


def _is_heading(text: str, start: int, end: int, n_caps: int) -> bool:
    """True when the span reads like a title-case heading rather than a sentence."""
    if n_caps < 3 or end - start > 250:
        return False
    return _ANY_CONTENT_LOWER.search(text, start, end) is None


def _gaz_match(doc: _Doc, toks: list[_Tok], i: int) -> _Cand | None:
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
                key = _norm(key)
        hit = gaz.entries.get(key)
        if hit is None and last.poss:
            # Names that end in an apostrophe: "Moody's", "People's".
            hit = gaz.entries.get(_norm(text[toks[i].start : last.pend]))
            if hit is not None:
                return _Cand(j, hit[1], hit[0], "gaz+s")
        if hit is not None:
            return _Cand(j, hit[1], hit[0], "gaz")
    return None


def _geo_match(doc: _Doc, toks: list[_Tok], i: int) -> _Cand | None:
    """Unlisted geographic features: "Gulf of Oman", "Lake Baikal", "Yellow River"."""
    gaz = doc.gaz
    n = len(toks)
    t = toks[i]
    if t.poss:
        return None
    j = 0
    if t.word in _FEATURE_OF and i + 1 < n and toks[i + 1].sep == "of":
        nxt = toks[i + 1]
        if _gaz_kind(doc, nxt) == PLACE or _name_like(doc, nxt, strict=True):
            j = i + 2
    elif t.word in _FEATURE_BEFORE and i + 1 < n and toks[i + 1].sep == "":
        if _name_like(doc, toks[i + 1], strict=True):
            j = i + 2
    else:
        k = i
        while k < n and k - i < 3:
            tk = toks[k]
            if k > i and tk.sep != "":
                break
            if tk.word in _FEATURES:
                if k > i:
                    j = k + 1
                break
            ok = (
                _gaz_kind(doc, tk) == PLACE
                or tk.word in _DIRECTIONS
                or _name_like(doc, tk, strict=True)
            )
            if not ok or tk.poss or (tk.initial and tk.word in gaz.stop):
                break
            k += 1
    if not j:
        return None
    return _Cand(j, PLACE, _norm(doc.text[t.start : toks[j - 1].end]), "geo")


def _org_match(doc: _Doc, toks: list[_Tok], i: int) -> _Cand | None:
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
                    or tk.word in _TIME_WORDS
                ):
                    break
                if k > j and tk.sep == "and" and _gaz_kind(doc, toks[k - 1]) == PLACE:
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
            prev.word in gaz.org_words or _gaz_kind(doc, prev) or prev.word.isupper()
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
    # Drop leading demonym-free common openers such as sentence-initial "Several".
    name = _norm(doc.text[toks[i].start : toks[j - 1].end])
    return _Cand(j, ORG, name, "org")


def _gaz_kind(doc: _Doc, tok: _Tok) -> str | None:
    hit = doc.gaz.entries.get(tok.word.replace("’", "'"))
    return hit[1] if hit else None


def _name_like(doc: _Doc, tok: _Tok, strict: bool = False) -> bool:
    """Could ``tok`` be part of a person's name?"""
    w = tok.word
    cache = doc.gaz.name_shaped
    cached = cache.get(w)
    if cached is None:
        if len(cache) > 200_000:  # bound memory over a very large corpus
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


def _name_run(doc: _Doc, toks: list[_Tok], i: int, limit: int = 3, strict: bool = False) -> int:
    """One past the last token of the run of name-like tokens starting at ``i``."""
    n = len(toks)
    j = i
    while j < n and j - i < limit:
        t = toks[j]
        if j > i and (t.sep not in ("",) and t.sep not in _NAME_PARTICLES):
            break
        if not _name_like(doc, t, strict):
            break
        j += 1
        if t.poss:
            break
    # An initial cannot end a name.
    while j > i and toks[j - 1].word.endswith(".") and len(toks[j - 1].word) == 2:
        j -= 1
    return j


def _title_before(doc: _Doc, toks: list[_Tok], i: int) -> bool:
    """Is token ``i`` preceded by a title ("President", "Ambassador to China", "minister")?"""
    gaz = doc.gaz
    t = toks[i]
    if i == 0:
        if gaz.lowercase_titles is None:
            return False
        before = doc.text[max(0, t.start - 30) : t.start]
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
    while k >= 0 and i - k <= 7:
        tk = toks[k]
        if tk.word in gaz.titles:
            return toks[k + 1].sep in _TITLE_LINKS
        if tk.poss or (_name_like(doc, tk) and tk.word not in gaz.entries):
            return False
        k -= 1
    return False


def _person_cands(doc: _Doc, toks: list[_Tok], i: int, heading: bool) -> _Cand | None:
    gaz = doc.gaz
    t = toks[i]
    w = t.word
    n = len(toks)
    best: _Cand | None = None

    def offer(j: int, rule: str) -> None:
        nonlocal best
        if j > i and (best is None or j > best.j):
            name = _norm(doc.text[toks[i].start : toks[j - 1].end])
            best = _Cand(j, PERSON, name, rule)

    if w in gaz.stop or w in gaz.entries:
        return None
    # Chinese: family name + pinyin given name.
    if (
        w in gaz.chinese_surnames
        and i + 1 < n
        and toks[i + 1].sep == ""
        and not t.poss
        and _name_like(doc, toks[i + 1])
        and _PINYIN_NAME.fullmatch(toks[i + 1].word.lower())
        and not (i + 2 < n and toks[i + 2].sep == "" and _name_like(doc, toks[i + 2]))
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
    if not _name_like(doc, t):
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
    if i == 0 or (i < 4 and all(x.word in gaz.stop for x in toks[:i])):
        j = _name_run(doc, toks, i, strict=True)
        if j == n and j > i:
            after = toks[j - 1].end
            if not toks[j - 1].poss and _APPOSITIVE_AFTER.match(doc.text, after):
                offer(j, "appositive")
            elif j - i >= 2 and not toks[j - 1].poss and _SPEECH_AFTER.match(doc.text, after):
                offer(j, "speech")
            elif j - i >= 2:
                before = doc.text[max(0, t.start - 20) : t.start]
                if _ACCORDING_BEFORE.search(before):
                    offer(j, "speech")
    return best


def _scan_chunk(
    doc: _Doc,
    toks: list[_Tok],
    heading: bool,
    out: list[Mention],
    leftovers: list[_Tok],
    span_end: int,
) -> None:
    gaz = doc.gaz
    text = doc.text
    n = len(toks)
    has_org = has_feature = False
    if n > 1:
        words = {t.word for t in toks}
        has_org = not words.isdisjoint(gaz.org_words)
        has_feature = not words.isdisjoint(_ANY_FEATURE)
    i = 0
    while i < n:
        t = toks[i]
        best = _gaz_match(doc, toks, i)
        if not heading and n > 1:
            if has_org:
                org = _org_match(doc, toks, i)
                if org is not None and (best is None or org.j > best.j):
                    best = org
            if has_feature:
                geo = _geo_match(doc, toks, i)
                if geo is not None and (best is None or geo.j > best.j):
                    best = geo
        person = _person_cands(doc, toks, i, heading)
        if person is not None and (best is None or person.j > best.j):
            best = person
        if best is None:
            if "-" in t.word or "‐" in t.word:
                _hyphen_parts(doc, t, out)
            elif (_name_like(doc, t) or t.word.isupper()) and not (
                t.initial and t.word in gaz.stop
            ):
                leftovers.append(t)
            i += 1
            continue
        j = best.j
        start, end = toks[i].start, toks[j - 1].end
        if best.rule == "gaz+s":
            end = toks[j - 1].pend
        name = best.name
        if best.rule == "org":
            if j == n:
                m = _ORG_SUFFIX_AFTER.match(text, end)
                if m is None and toks[j - 1].sep in _ORG_LINKS:
                    m = _ORG_LIST_AFTER.match(text, end)
                if m is not None and m.end() <= span_end:
                    end = m.end()
                    name = _norm(text[start:end])
            name = _LEGAL_SUFFIX.sub("", name) or name
        elif best.kind == PLACE and not toks[j - 1].poss and _NAMED_AFTER.match(text, end):
            i = j
            continue
        surface = text[start:end]
        out.append(Mention(start, end, surface, name, best.kind))
        if best.kind == ORG and j == n:
            m = _ACRONYM_AFTER.match(text, end)
            if m and m.group(1) not in gaz.entries:
                doc.acronyms.setdefault(m.group(1), name)
        i = j


def _hyphen_parts(doc: _Doc, tok: _Tok, out: list[Mention]) -> None:
    """Mentions for the known parts of a compound such as "China-Russia" or "Xi-Putin"."""
    if any(c.isdigit() for c in tok.word):
        return  # a project or model name: "Sakhalin-2", "Yamal-LNG-2019"
    pos = tok.start
    for part in re.split(r"([-‐])", tok.word):
        if part and part not in "-‐":
            hit = doc.gaz.entries.get(part.replace("’", "'"))
            if hit is not None:
                out.append(Mention(pos, pos + len(part), part, hit[0], hit[1]))
        pos += len(part)


def _find_in_span(doc: _Doc, start: int, end: int) -> tuple[list[Mention], list[_Tok]]:
    chunks = _chunks(doc.text, start, end)
    out: list[Mention] = []
    leftovers: list[_Tok] = []
    if not chunks:
        return out, leftovers
    heading = _is_heading(doc.text, start, end, sum(len(c) for c in chunks))
    stop = doc.gaz.stop
    entries = doc.gaz.entries
    for toks in chunks:
        if len(toks) == 1:
            w = toks[0].word
            # Fast path: a lone common word ("The", "Although") can only be a gazetteer entry.
            if w in stop and w not in entries:
                continue
        _scan_chunk(doc, toks, heading, out, leftovers, end)
    return out, leftovers


def _family_name_first(gaz: Gazetteer, words: list[str]) -> bool:
    """Chinese and Korean names put the family name first: "Xi Jinping", "Moon Jae-in"."""
    if len(words) < 2:
        return False
    if words[0] in gaz.chinese_surnames and _PINYIN_NAME.fullmatch(words[1].lower()):
        return True
    return words[0] in gaz.korean_surnames and _HYPHEN_GIVEN.fullmatch(words[1]) is not None


def _person_aliases(doc: _Doc, names: set[str]) -> tuple[dict[str, str], dict[str, str]]:
    """Surname -> full name, and single-word name -> full name it abbreviates (unambiguous)."""
    by_surname: dict[str, set[str]] = defaultdict(set)
    for name in names:
        words = name.split(" ")
        if len(words) < 2:
            continue
        surname = words[0] if _family_name_first(doc.gaz, words) else words[-1]
        by_surname[surname].add(name)
    aliases = {s: next(iter(v)) for s, v in by_surname.items() if len(v) == 1}
    merge = {n: aliases[n] for n in names if " " not in n and n in aliases}
    return aliases, merge


def find_entities(text: str, spans: list[tuple[int, int]]) -> list[list[Mention]]:
    """For each ``(start, end)`` span of ``text`` (a fact), the mentions inside it.

    Offsets index ``text`` and ``text[m.start:m.end] == m.text`` for every mention; mentions
    of one span are sorted by start and never overlap.
    """
    gaz = load_gazetteer()
    doc = _Doc(text, gaz)
    results: list[list[Mention]] = []
    for start, end in spans:
        mentions, leftovers = _find_in_span(doc, start, end)
        results.append(mentions)
        doc.leftovers.append(leftovers)

    people = {m.name for ms in results for m in ms if m.kind == PERSON}
    aliases, merge = _person_aliases(doc, people)
    for name in people:
        if " " not in name and name not in aliases:
            aliases[name] = name
    if aliases or doc.acronyms:
        for k, leftovers in enumerate(doc.leftovers):
            added = False
            for tok in leftovers:
                w = tok.word
                if w in doc.acronyms:
                    name, kind = doc.acronyms[w], ORG
                elif w in aliases and not tok.word.isupper():
                    name, kind = aliases[w], PERSON
                else:
                    continue
                results[k].append(Mention(tok.start, tok.end, w, name, kind))
                added = True
            if added:
                results[k].sort(key=lambda m: m.start)
    if merge:
        for ms in results:
            for m in ms:
                if m.kind == PERSON and m.name in merge:
                    m.name = merge[m.name]
    return results
