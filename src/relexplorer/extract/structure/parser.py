"""Structure: metadata, sections and body paragraphs of a normalised document.

The text is read line by line (the reader has already joined hard-wrapped lines, so a line
is a paragraph, a heading, a list item or a line of a header block). Each line is classed:

- **debris** -- page furniture (rules in ``data/debris.yaml``): font-size controls, share
  buttons, "ADVERTISEMENT", cookie and subscription notices, copyright lines, and
  "Related articles" / "Read more" blocks (the opening line plus the short link-like lines
  after it); everything after a "References" / "Notes" heading is back matter;
- **metadata** -- the title, a ``Journal | 作者: NAME | 时间: DATE | 责编: NAME`` line (also with
  English labels), ``By NAME and NAME``, ``PUBLISHED : 5 Jan 2021 at 09:15``,
  ``Published: January 5, 2021``, ``Updated ...``, ``Author:``/``Editor:``/``Date:`` labels,
  a date alone on a header line, ``Source: Journal, No. 2, 2018`` and the closing author bio
  (``NAME is Senior Research Fellow at ...``, ``The author is ...``), which goes to
  ``metadata.extra["author_bio"]``; YAML front matter fills the same fields first;
- **heading** -- Roman numerals (``I.``), capital letters (``A.``), numbers (``1.``, ``1)``,
  ``2.1``), Chinese ordinals (``一、``, ``（一）``), Markdown ``#`` headings, and short lines
  standing alone between blank lines before a longer paragraph. A labelled heading that is
  the first sentence of a paragraph (``A. Heading Words. Body text ...``) is split: the
  heading ends at the first sentence end and the paragraph starts after it. Labels must
  follow in sequence (``A`` then ``B``); a run of labelled lines with nothing between them
  is a list or a table of contents, not headings;
- **body** -- everything else; consecutive lines are merged into one paragraph when the
  first does not end a sentence.

Levels: Markdown headings by their number of ``#``; any other heading style takes, the first
time it appears, one level below the labelled section it appears in (so ``I.`` then ``A.``
gives 1 and 2); "Introduction", "Conclusion" and the like are always level 1.

Sections: the lead (body text before the first heading) is a section with label ``""`` and
heading ``"Introduction"``; an article without headings is one section, label ``""``, whose
heading is the title. A section spans from its heading to the end of its last paragraph (or
of the last heading inside it) before the next section of the same or a higher level, so
furniture between sections stays outside; ``parent`` is the nearest earlier section of a
lower level. Body paragraphs lie inside their section's span.

A text of more than :data:`MAX_LINES` lines, or of more than :data:`SHORT_LINES` lines that
average under :data:`SHORT_LINE` characters, is read in blank-line separated blocks (or 64 KB
slices) instead of lines, so that time and memory stay proportional to its size.
"""

from __future__ import annotations

import datetime as _dt
import re
from bisect import bisect_left
from dataclasses import dataclass

from relexplorer.extract.debris import load_debris
from relexplorer.extract.sentences import split_sentences
from relexplorer.extract.structure.dates import ends_with_date, normalise_date, only_date
from relexplorer.model import Metadata, Paragraph, Section, Structure

LEAD_HEADING = "Introduction"

# --------------------------------------------------------------------------------------------
# Metadata lines

_LABELS = {
    "author": "author",
    "authors": "author",
    "writer": "author",
    "writers": "author",
    "written by": "author",
    "by": "author",
    "reporter": "author",
    "columnist": "author",
    "contributor": "author",
    "contributors": "author",
    "作者": "author",
    "撰文": "author",
    "文": "author",
    "记者": "author",
    "editor": "editor",
    "editors": "editor",
    "edited by": "editor",
    "责编": "editor",
    "责任编辑": "editor",
    "编辑": "editor",
    "published": "published",
    "publish date": "published",
    "published on": "published",
    "date": "published",
    "posted": "published",
    "posted on": "published",
    "dated": "published",
    "first published": "published",
    "pub date": "published",
    "publication date": "published",
    "release date": "published",
    "时间": "published",
    "日期": "published",
    "发布时间": "published",
    "发表时间": "published",
    "发布日期": "published",
    "updated": "updated",
    "last updated": "updated",
    "modified": "updated",
    "last modified": "updated",
    "first posted": "published",
    "更新": "updated",
    "更新时间": "updated",
    "source": "source",
    "来源": "source",
    "出处": "source",
    "originally published in": "source",
    "published in": "source",
    "publication": "source",
    "journal": "source",
    "reprinted from": "source",
    "this article first appeared in": "source",
    "translated by": "translator",
    "translator": "translator",
    "翻译": "translator",
    "tags": "tags",
    "keywords": "tags",
    "topics": "tags",
    "filed under": "tags",
    "关键词": "tags",
    "category": "category",
    "section": "category",
    "newspaper section": "category",
    "column": "category",
    "type": "category",
    "栏目": "category",
    "photo": "photo",
    "photos": "photo",
    "credit": "photo",
    "image": "photo",
    "issue": "issue",
    "issn": "issue",
    "url": "url",
    "link": "url",
    "doi": "doi",
    "language": "language",
}
_LABEL_RE = "|".join(re.escape(k) for k in sorted(_LABELS, key=len, reverse=True))
_LABELLED = re.compile(rf"^[:：\s]*(?P<label>{_LABEL_RE})\s*[:：]\s*(?P<value>.*\S)\s*$", re.I)
_LABEL_NO_COLON = re.compile(
    r"^(?P<label>published|posted|updated|last updated|first published|last modified|modified"
    r"|first posted)(?:\s+on)?\s+(?P<value>.+)$",
    re.I,
)
_IDENTIFIER = re.compile(r"(?i)^(?:e-?issn|issn|isbn|doi)\s*[:：]?\s*[\dXx./-]{6,}$")
_CONTRIBUTORS = re.compile(
    r"^\(?(?:additional )?(?:reporting|writing|editing|research|translation|translated|compiled)"
    r"(?: and \w+)? by\s+(?P<names>[^()]+?)\)?\.?$"
    r"|^(?P<who>[A-Z][\w.'’ ,&-]{1,80}?) contributed (?:to )?(?:this|the) (?:report|story|article)\.?$",
    re.I,
)
_BY = re.compile(r"^(?:By|BY|Written by|Text by|Words by|Story by|Interview by)\s+(?P<names>\S.*)$")
_NAME_TOKEN = re.compile(
    r"^(?:[A-Z][\w'’\-]*\.?|[A-Z]\.(?:[A-Z]\.)*|de|da|di|van|von|der|den|du|bin|binti|al|el|la|le|y|"
    r"[\u3400-\u9fff·]{2,8})$"
)
_NAME_SPLIT = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*|\s*;\s*|\s*、\s*")
# "Journal of Asian Energy, Vol. 12, No. 3 (2019)": a citation of the issue
_CITATION = re.compile(r"(?i)\b(?:vol\.?|volume|no\.|n0\.|issue)\s*\d+\b.*(?:19|20)\d{2}")
_PIPES = re.compile(r"\s*[|｜]\s*")


def _name_like(s: str) -> bool:
    tokens = s.split()
    return (
        0 < len(tokens) <= 5
        and all(_NAME_TOKEN.match(t) for t in tokens)
        and any(t[0].isupper() or "\u3400" <= t[0] <= "\u9fff" for t in tokens)
    )


def _tidy_name(s: str) -> str:
    s = s.strip(" .,;:")
    if s.isupper() and any(c.isalpha() for c in s) and not re.search(r"[\u3400-\u9fff]", s):
        s = " ".join(w.capitalize() if len(w) > 1 and "." not in w else w for w in s.split())
    return s


_AFFILIATION = re.compile(
    r"\b(?:University|Universit[éy]|Institute|Institution|Center|Centre|School|College|Academy|"
    r"Foundation|Council|Ministry|Department|Bank|Forum|Society|Association|Agency|Commission|"
    r"Office|Group|Project|Program|Programme|Initiative|Fund|Corporation|Company|Times|News|Post|"
    r"Review|Journal|Press|Media|Affairs|Policy|Quarterly|Monthly|Weekly|Daily|Magazine|Report|"
    r"Development|Studies|Economist|Diplomat|Observer|Tribune|Herald|Gazette|Globe|Monitor|"
    r"Outlook|Digest|Bulletin|Insight|Analysis|Brief|Network|Service|Agency)\b|^[A-Z]{2,6}$"
)


def _byline(names: str) -> tuple[str, str, str] | None:
    """``By`` line body -> (authors, role, ISO date), or None if it does not name people."""
    date = ""
    parts = re.split(r"\s+[|–—-]\s+|\s*[|｜]\s*", names)
    head = parts[0]
    for extra in parts[1:]:
        date = date or only_date(extra)
    head = re.sub(
        r"\s+(?:in|from|reporting from)\s+[A-Z][\w'’. -]{1,40}$|\s+and agencies$", "", head
    )
    head = re.sub(r"[*†‡§¹²³⁴⁵⁶⁷⁸⁹]+", "", head)  # footnote marks after names
    segments = [s.strip(" .") for s in _NAME_SPLIT.split(head.strip()) if s.strip(" .")]

    authors: list[str] = []
    role: list[str] = []
    roles = load_debris().role_word
    for i, seg in enumerate(segments):
        # a role word in the first segment is a name ("Dean Baker"); later, it is a role
        person = (
            _name_like(seg) and not _AFFILIATION.search(seg) and (i == 0 or not roles.search(seg))
        )
        # after the first name, a lone capitalised word is an affiliation ("Brookings")
        if person and (i == 0 or len(seg.split()) > 1):
            authors.append(_tidy_name(seg))
        else:
            role.append(seg)
    if not authors:
        return None
    if len(authors) == 1:
        joined = authors[0]
    else:
        joined = ", ".join(authors[:-1]) + " and " + authors[-1]
    return joined, ", ".join(role), date


def tidy_source(value: str) -> str:
    """``Peace and Development, N0.2 2018.`` -> ``Peace and Development, No. 2, 2018``."""
    s = " ".join(str(value).split()).strip(" .;")
    s = re.sub(r"\b[Nn][oO0]\s*\.\s*(\d+)", r"No. \1", s)
    s = re.sub(r"\b[Nn][oO]\s+(\d+)", r"No. \1", s)
    s = re.sub(r"(No\. \d+)\s+((?:19|20)\d{2})\b", r"\1, \2", s)
    s = re.sub(r"\s+,", ",", s)
    return s


def _apply(meta: Metadata, field: str, value: str, *, override: bool = False) -> None:
    value = value.strip()
    if not value:
        return
    if field in ("author", "editor", "published", "source", "title"):
        if field == "published":
            value = normalise_date(value)
            if not value:
                return
        elif field == "source":
            value = tidy_source(value)
        elif field in ("author", "editor"):
            value = _tidy_name(value)
        if override or not getattr(meta, field):
            setattr(meta, field, value)
    elif field == "updated":
        iso = normalise_date(value)
        if iso:
            meta.extra.setdefault("updated", iso)
    elif field != "photo":
        meta.extra.setdefault(field, value)


def _metadata_fields(line: str, *, header: bool) -> list[tuple[str, str]] | None:
    """The ``(field, value)`` pairs a metadata line carries, or None if it is not one."""
    if len(line) > 300:
        return None
    if "|" in line or "｜" in line:
        fields = _pipe_fields(line)
        if fields is not None:
            return fields
    m = _CONTRIBUTORS.match(line)
    if m and len(line) <= 200 and (m.group("who") or _byline(m.group("names"))):
        return [("contributors", line)]
    m = _BY.match(line)
    if m and len(line) <= 200:
        by = _byline(m.group("names"))
        if by:
            out = [("author", by[0])]
            if by[1]:
                out.append(("author_role", by[1]))
            if by[2]:
                out.append(("published", by[2]))
            return out
        return None
    m = _LABELLED.match(line)
    if m:
        field = _LABELS[m.group("label").lower()]
        value = m.group("value").strip()
        if field in ("published", "updated"):
            iso = normalise_date(value)
            return [(field, iso)] if iso else None
        if field in ("author", "editor") and not _byline(value):
            return None
        if field == "source" and len(value) > 160:
            return None
        return [(field, value)]
    m = _IDENTIFIER.match(line)
    if m:
        return [("issue", line)]
    m = _LABEL_NO_COLON.match(line)
    if m and only_date(m.group("value")):
        field = _LABELS[m.group("label").lower()]
        return [(field, only_date(m.group("value")))]
    if header:
        iso = only_date(line)
        if iso:
            return [("published", iso)]
        if _CITATION.search(line) and not _is_prose(line) and len(line) <= 160:
            return [("source", line)]
    return None


def _full_names(text: str) -> str:
    """``text`` as authors if it is only full names (two words or more each), else ""."""
    if _AFFILIATION.search(text):
        return ""
    by = _byline(text)
    if not by or by[1]:
        return ""
    names = re.split(r", | and ", by[0])
    return by[0] if all(len(n.split()) >= 2 for n in names) else ""


def _pipe_fields(line: str) -> list[tuple[str, str]] | None:
    parts = [p.strip().lstrip(":：").strip() for p in _PIPES.split(line) if p.strip(" :：")]
    if len(parts) < 2:
        return None
    out: list[tuple[str, str]] = []
    plain: list[str] = []
    known = 0
    for part in parts:
        m = _LABELLED.match(part)
        if m:
            out.append((_LABELS[m.group("label").lower()], m.group("value")))
            known += 1
            continue
        by = _BY.match(part)
        if by and _byline(by.group("names")):
            out.append(("author", _byline(by.group("names"))[0]))
            known += 1
            continue
        iso = only_date(part)
        if iso:
            out.append(("published", iso))
            known += 1
            continue
        plain.append(part)
    if not known:
        return None
    has_author = any(field == "author" for field, _ in out)
    if plain and parts[0] == plain[0] and len(plain[0]) <= 120 and not _BY.match(plain[0]):
        first = plain.pop(0)
        if not has_author and _full_names(first):
            out.append(
                ("author", _full_names(first))
            )  # "Tanvi R. Mehta and Daniel K. Russell | date"
        else:
            out.append(("journal", first))
    if not any(field == "author" for field, _ in out):
        # "Jan 5, 2021 | Joseph E. Stiglitz": a bare name beside a date is the author
        for part in plain:
            by = _byline(part) if len(part.split()) >= 2 else None
            if by:
                out.append(("author", by[0]))
                break
    return out


# --------------------------------------------------------------------------------------------
# Lines and headings


@dataclass(slots=True)
class _Line:
    start: int
    end: int
    text: str
    block: int
    kind: str = "body"  # body | debris | meta | skip | heading


_MD_HEADING = re.compile(r"(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_ROMAN = re.compile(r"([IVXLC]{1,7})[.)]\s+(?=\S)")
_LETTER = re.compile(r"([A-Z])[.)]\s+(?=\S)")
_NUMBER = re.compile(r"(\d{1,2})[.)]\s+(?=\S)")
_NUMBER2 = re.compile(r"(\d{1,2})\.(\d{1,2})\.?\s+(?=\S)")
_CJK1 = re.compile(r"([一二三四五六七八九十]{1,3})、\s*(?=\S)")
_CJK2 = re.compile(r"[（(]([一二三四五六七八九十]{1,3})[)）]\s*(?=\S)")
_LIST_MARK = re.compile(r"(?:[-*+•·▪●◦‣■□➢►]|\d{1,3}[.)]|\(\d{1,3}\)|[a-z]\))\s+(?=\S)|>\s*")
_ONLY_SYMBOLS = re.compile(r"[\W_]+")
_NOTE = re.compile(
    r"(?:\[\d{1,3}\]|\d{1,3}[.)]|\^\d{1,3}|[¹²³⁴⁵⁶⁷⁸⁹⁰]+|\[\^[^\]\s]{1,10}\]:)\s+\S|\d{1,3}\s+[A-Z\"“]"
)
_CITATION_MARK = re.compile(
    r"://|www\.|\bpp?\.\s*\d|\b(?:No|Vol)\.\s*\d|\bibid\b|\bop\. cit|\bretrieved\b|\baccessed\b"
    r"|\(\d{4}\)|,\s*(?:19|20)\d{2}\.?$",
    re.I,
)
_LABEL_START = re.compile(
    r"#|[IVXLC]{1,7}[.)]\s|\d{1,2}(?:\.\d{1,2})?[.)]?\s|[A-Z][.)]\s|[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]"
)
# Only lines with one of these can be metadata lines in the body.
_META_HINT = re.compile(
    r"[|｜:：]|^\(?(?:By|BY|Written|Text|Words|Story|Interview|(?i:issn|isbn|doi|published|posted|updated|last|first"
    r"|modified|additional|reporting|writing|editing|research|translation|translated|compiled))\b"
)
_YAML_LINE = re.compile(r"[A-Za-z_][\w.-]{0,40}\s*:(?:\s|$)|-\s|#")
_PAGE_NUMBER = re.compile(r"\d{1,4}|-\s*\d{1,4}\s*-|(?i:page\s+\d{1,4}(\s+of\s+\d{1,4})?)")
_FENCE = re.compile(r"(```|~~~)")
_TERMINAL = ".!?。！？"
_SMALL_WORDS = frozenset(
    "a an the and or but nor for of on in at to by with from as into onto upon over under via "
    "vs per than between among amid its their his her our is are was were be been has have had "
    "not no so yet de la le du des von van".split()
)
_GENERIC = re.compile(
    r"(?i)(introduction|conclusions?|summary|executive summary|background|overview|abstract|"
    r"key (findings|points|takeaways)|(policy )?recommendations|concluding remarks|final remarks|"
    r"final thoughts|epilogue|preface|foreword|prologue|outlook|looking ahead|the way forward|"
    r"discussion|methodology|analysis)"
)
# Labels printed above a title ("COMMENTARY", "Opinion"); any all-caps short line counts too.
_KICKERS = frozenset(
    (
        "commentary, opinion, analysis, editorial, column, feature, essay, interview, news, "
        "perspective, perspectives, blog, op-ed, review, report, comment, viewpoint, insight, "
        "insights, explainer, brief, policy brief, long read, article, research"
    ).split(", ")
)
_CN_NUM = {c: i for i, c in enumerate("一二三四五六七八九十", 1)}


def _roman(s: str) -> int:
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
    total = 0
    for i, ch in enumerate(s):
        v = values[ch]
        total += -v if i + 1 < len(s) and values[s[i + 1]] > v else v
    return total if _int_roman(total) == s else 0


def _int_roman(n: int) -> str:
    out = []
    for v, sym in (
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        while n >= v:
            out.append(sym)
            n -= v
    return "".join(out)


def _cn_number(s: str) -> int:
    if s == "十":
        return 10
    if s.startswith("十"):
        return 10 + _CN_NUM.get(s[1:], 0)
    if s.endswith("十"):
        return _CN_NUM.get(s[:-1], 0) * 10
    if "十" in s:
        a, b = s.split("十", 1)
        return _CN_NUM.get(a, 0) * 10 + _CN_NUM.get(b, 0)
    return _CN_NUM.get(s, 0)


def _title_case(s: str) -> bool:
    words = [w.strip("\"“”‘’'()[],:;") for w in s.split()]
    words = [w for w in words if w and w[0].isalpha() and w.lower() not in _SMALL_WORDS]
    if not words:
        return False
    caps = sum(1 for w in words if w[0].isupper())
    return caps >= 0.6 * len(words)


def _has_cjk(s: str) -> bool:
    return re.search(r"[\u3400-\u9fff]", s) is not None


def _is_prose(s: str) -> bool:
    """A line that reads as running text (a paragraph), not a title or label."""
    if len(s) > 200:
        return True
    words = len(s.split())
    if s[-1] in "?？":  # questions are often titles and headings
        return words >= 15 or (_has_cjk(s) and len(s) >= 30)
    return s[-1] in _TERMINAL and (words >= 8 or (_has_cjk(s) and len(s) >= 20))


def _title_like(s: str) -> bool:
    if not s or len(s) > 250 or len(s.split()) > 30 or not any(c.isalpha() for c in s):
        return False
    if s[-1] in ".,;:，；：" and not s.endswith("..."):
        return False
    if _ROMAN.match(s) or _NUMBER.match(s) or _NUMBER2.match(s) or _LIST_MARK.match(s):
        return False
    return not (len(s) > 120 and s[-1] in _TERMINAL)


def _link_like(s: str) -> bool:
    return (
        len(s) <= 160
        and len(s.split()) <= 28
        and s[-1] not in ".。!！"
        and not _MD_HEADING.match(s)
    )


@dataclass(slots=True)
class _Head:
    style: str
    label: str
    heading: str
    number: int  # position in its sequence (0 when it has none)
    body_start: int | None  # where the body text starts when the heading opens a paragraph
    md_level: int = 0


def _labelled_heading(
    text: str, ln: _Line, style: str, label: str, number: int, rest_at: int
) -> _Head | None:
    rest = text[rest_at : ln.end]
    if "://" in rest or "www." in rest:
        return None  # a reference, not a heading
    words = len(rest.split())
    if words <= 15 and len(rest) <= 160:
        inner = rest[:-1]
        single = not any(p in inner for p in ".!?。") or len(split_sentences(rest)) == 1
        if rest[-1] not in _TERMINAL or (single and words <= 12 and _title_case(rest)):
            return _Head(style, label, rest.rstrip(" .:：。"), number, None)
        if rest[-1] == "：" or rest[-1] == ":":
            return _Head(style, label, rest.rstrip(" .:："), number, None)
        return None
    sentences = split_sentences(text, rest_at, min(ln.end, rest_at + 600))[:2]
    if len(sentences) < 2:
        return None
    hs, he = sentences[0]
    head = text[hs:he]
    if len(head.split()) > 20 or len(head) > 200:
        return None
    if not (_title_case(head) or (_has_cjk(head) and len(head) <= 40)):
        return None
    return _Head(style, label, head.rstrip(" .:：。"), number, sentences[1][0])


def _heading_candidate(
    text: str, ln: _Line, starts_block: bool, ends_block: bool, next_line: _Line | None
) -> _Head | None:
    s = ln.text
    if len(s) > 160 and not _LABEL_START.match(s):
        return None  # too long for a title line, and no label that could open a heading
    m = _MD_HEADING.match(s)
    if m:
        inner = m.group(2).strip()
        if not inner:
            return None
        label = ""
        for pattern in (_ROMAN, _NUMBER2, _NUMBER, _LETTER):
            lm = pattern.match(inner)
            if lm and len(inner[lm.end() :].split()) <= 20:
                label = inner[: lm.end()].strip().rstrip(".)")
                inner = inner[lm.end() :].strip()
                break
        return _Head("md", label, inner.rstrip(" .:"), 0, None, md_level=len(m.group(1)))
    m = _ROMAN.match(s)
    if m and _roman(m.group(1)):
        h = _labelled_heading(text, ln, "roman", m.group(1), _roman(m.group(1)), ln.start + m.end())
        if h:
            return h
    m = _NUMBER2.match(s)
    if m:
        return _labelled_heading(
            text, ln, "number2", f"{m.group(1)}.{m.group(2)}", int(m.group(2)), ln.start + m.end()
        )
    m = _LETTER.match(s)
    if m and not re.match(r"[A-Z]\.\s*[A-Z]\.", s):  # "J. K. Rowling" is a name, not a label
        h = _labelled_heading(
            text, ln, "letter", m.group(1), ord(m.group(1)) - 64, ln.start + m.end()
        )
        if h:
            return h
    m = _NUMBER.match(s)
    if m and 0 < int(m.group(1)) <= 30:
        return _labelled_heading(
            text, ln, "number", m.group(1), int(m.group(1)), ln.start + m.end()
        )
    m = _CJK1.match(s)
    if m:
        return _labelled_heading(
            text, ln, "cjk1", m.group(1), _cn_number(m.group(1)), ln.start + m.end()
        )
    m = _CJK2.match(s)
    if m:
        return _labelled_heading(
            text, ln, "cjk2", m.group(1), _cn_number(m.group(1)), ln.start + m.end()
        )
    # an unlabelled title line standing alone before a longer paragraph (or opening the
    # paragraph's block, when it is in title case)
    if not starts_block or next_line is None:
        return None
    if not ends_block and not (
        (_title_case(s) and len(s.split()) <= 10 or len(s.split()) <= 8)
        and _is_prose(next_line.text)
    ):
        return None
    words = s.split()
    if len(words) > 12 or len(s) > 120 or s[-1] in ".,;:!，；：。" or "|" in s:
        return None
    if not (s[0].isupper() or s[0].isdigit() or _has_cjk(s[0]) or s[0] in "\"“'‘"):
        return None
    if s.isdigit() or only_date(s):
        return None
    nxt = next_line.text
    if not (_is_prose(nxt) or len(nxt) >= max(80, 2 * len(s))):
        return None
    if len(words) > 6 and not _title_case(s) and not _has_cjk(s):
        return None
    return _Head("title", "", s.rstrip(" ?") + ("?" if s.endswith("?") else ""), 0, None)


# --------------------------------------------------------------------------------------------
# The parser


MAX_LINES = 300_000
# More than SHORT_LINES lines of fewer than SHORT_LINE characters on average are a list, a log
# or a column of numbers rather than prose: read in blocks as well, since every line read alone
# costs as much as a paragraph (100 000 two-character lines took 17 us each).
SHORT_LINES = 10_000
SHORT_LINE = 16


def _lines(text: str) -> list[_Line]:
    breaks = text.count("\n")
    if breaks > MAX_LINES or (breaks > SHORT_LINES and len(text) < SHORT_LINE * breaks):
        return _coarse_lines(text)
    out: list[_Line] = []
    block = 0
    last_end = 0
    for m in re.finditer(r"[^\n]+", text):
        raw = m.group()
        stripped = raw.strip()
        if not stripped:
            continue
        if text.count("\n", last_end, m.start()) > 1:
            block += 1
        lead = len(raw) - len(raw.lstrip())
        out.append(_Line(m.start() + lead, m.start() + lead + len(stripped), stripped, block))
        last_end = m.end()
    if len(out) >= 8 and block + 1 < 0.2 * len(out):
        # paragraphs separated by single line breaks: every line stands alone
        for i, ln in enumerate(out):
            ln.block = i
    return out


def _coarse_lines(text: str) -> list[_Line]:
    """Units for a text of more than :data:`MAX_LINES` lines (a list of numbers, a log...):
    blank-line separated blocks, or slices of about 64 KB cut at line ends, so that time and
    memory stay proportional to the size of the text rather than to its number of lines."""
    out: list[_Line] = []
    spans = []
    pos = 0
    for m in re.finditer(r"\n[ \t]*\n\s*", text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    many = len(spans) > MAX_LINES // 4 or (
        len(spans) > SHORT_LINES and len(text) < SHORT_LINE * len(spans)
    )  # blocks as short as the lines that brought us here: no better
    if many or max(b - a for a, b in spans) > 1 << 20:
        spans = []
        pos = 0
        while pos < len(text):
            cut = text.find("\n", pos + 65536)
            cut = len(text) if cut == -1 else cut
            spans.append((pos, cut))
            pos = cut + 1
    for i, (a, b) in enumerate(spans):
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            out.append(_Line(a, b, text[a:b], i))
    return out


def _lenient_front_matter(lines: list[_Line]) -> dict:
    data = {}
    for ln in lines:
        m = re.match(r"([A-Za-z_][\w -]{0,40}):\s*(.*)$", ln.text)
        if m and m.group(2).strip():
            data[m.group(1).strip().lower()] = m.group(2).strip().strip("\"'")
    return data


def _apply_front_matter(meta: Metadata, fm: dict) -> None:
    def pick(*keys):
        for k in keys:
            for key, value in fm.items():
                if str(key).lower() == k and value not in (None, "", [], {}):
                    return value
        return None

    def as_text(value, depth: int = 0) -> str:
        # bounded: front matter is user input, and nested values can be arbitrarily large
        if isinstance(value, (list, tuple)):
            if depth > 2:
                return ""
            names = [as_text(v, depth + 1) for v in value[:20] if v not in (None, "")]
            names = [n for n in names if n]
            if len(names) > 1:
                return (", ".join(names[:-1]) + " and " + names[-1])[:500]
            return names[0] if names else ""
        if isinstance(value, dict):
            return as_text(value.get("name") or value.get("title") or "", depth + 1)
        return str(value).strip()[:500]

    title = pick("title", "headline")
    if title is not None:
        meta.title = as_text(title)
    author = pick("author", "authors", "by", "byline", "creator", "writer")
    if author is not None:
        meta.author = as_text(author)
    editor = pick("editor", "editors")
    if editor is not None:
        meta.editor = as_text(editor)
    date = pick(
        "date", "published", "pubdate", "publish_date", "published_at", "publishdate", "created"
    )
    if date is not None:
        meta.published = normalise_date(date if isinstance(date, _dt.date) else as_text(date))
    source = pick("source", "publication", "journal", "publisher", "site", "site_name", "outlet")
    if source is not None:
        meta.source = tidy_source(as_text(source))
    for key in ("url", "link", "subtitle", "description", "language", "lang", "doi", "updated"):
        value = pick(key)
        if value is not None:
            if key == "updated":
                iso = normalise_date(value if isinstance(value, _dt.date) else as_text(value))
                if iso:
                    meta.extra.setdefault(key, iso)
            else:
                meta.extra.setdefault(key, as_text(value))
    tags = pick("tags", "keywords", "categories")
    if tags is not None:
        if isinstance(tags, (list, tuple)):
            names = [as_text(t, 2) for t in tags[:50]]
            meta.extra.setdefault("tags", ", ".join(n for n in names if n)[:500])
        else:
            meta.extra.setdefault("tags", as_text(tags))


class _Parser:
    def __init__(self, text: str, front_matter: dict | None) -> None:
        self.text = text
        self.rules = load_debris()
        self.meta = Metadata()
        self.lines = _lines(text)
        self.front = dict(front_matter or {})

    # -- passes ------------------------------------------------------------------------------

    def front_matter_block(self) -> None:
        lines = self.lines
        if not lines or lines[0].text != "---" or lines[0].start > 0:
            return
        for k in range(1, min(len(lines), 200)):
            if lines[k].text in ("---", "..."):
                inner = lines[1:k]
                keyed = sum(1 for ln in inner if _YAML_LINE.match(ln.text))
                if inner and keyed < 0.5 * len(inner):
                    return  # text between two rules, not a front matter block
                for ln in lines[: k + 1]:
                    ln.kind = "skip"
                if not self.front:
                    self.front = _lenient_front_matter(lines[1:k])
                return

    def furniture(self) -> None:
        """Mark debris, link blocks, code, symbol-only lines and back matter."""
        lines = self.lines
        rules = self.rules
        in_fence = False
        i = 0
        while i < len(lines):
            ln = lines[i]
            if ln.kind != "body":
                i += 1
                continue
            if _FENCE.match(ln.text):
                in_fence = not in_fence
                ln.kind = "skip"
            elif in_fence or _ONLY_SYMBOLS.fullmatch(ln.text) or _PAGE_NUMBER.fullmatch(ln.text):
                ln.kind = "skip"
            elif rules.is_back_matter_heading(ln.text) and i > len(lines) // 3:
                for rest in lines[i:]:
                    if rest.kind == "body":
                        rest.kind = "back"
                break
            elif rules.opens_link_block(ln.text):
                ln.kind = "debris"
                j = i + 1
                while j < len(lines) and j - i <= 20 and _link_like(lines[j].text):
                    if (
                        lines[j].block != lines[j - 1].block
                        and j + 1 < len(lines)
                        and not _link_like(lines[j + 1].text)
                    ):
                        break  # a short line alone before prose: a heading, not a link
                    if lines[j].kind == "body":
                        lines[j].kind = "debris"
                    j += 1
                i = j
                continue
            elif rules.is_debris(ln.text):
                ln.kind = "debris"
            i += 1

    def _endnotes(self) -> None:
        """Numbered references at the very end ("1. Customs statistics ..., URL: ...") are
        back matter when at least one of them reads like a citation."""
        run: list[_Line] = []
        for ln in reversed(self.lines):
            if ln.kind != "body":
                continue
            if len(ln.text) > 1000 or not _NOTE.match(ln.text):
                break
            run.append(ln)
        if run and any(_CITATION_MARK.search(ln.text) for ln in run):
            for ln in run:
                ln.kind = "back"

    def header(self) -> None:
        """Title, subtitle and metadata lines among the first lines, before the body starts."""
        lines = self.lines
        meta = self.meta
        window = [i for i, ln in enumerate(lines) if ln.kind == "body"][:15]
        title_at: int | None = None
        have_title = bool(meta.title)
        prose_seen = False
        if not have_title:
            self._masthead(window)
        for pos, k in enumerate(window):
            ln = lines[k]
            if ln.kind != "body":
                continue
            t = ln.text
            md = _MD_HEADING.match(t)
            if pos == 0 and have_title and _same(md.group(2) if md else t, meta.title):
                ln.kind = "meta"  # the front matter's title repeated in the text
                title_at = k
                continue
            fields = _metadata_fields(t, header=True)
            if fields:
                for field, value in fields:
                    _apply(meta, field, value)
                ln.kind = "meta"
                continue
            if _looks_like_nav(t):
                ln.kind = "debris"
                continue
            if not meta.author and have_title and not prose_seen and pos + 1 < len(window):
                # "David Dollar" alone on a line, then the date: a by-line without "By"
                nxt = lines[window[pos + 1]]
                by = _byline(t) if len(t.split()) >= 2 and len(t) <= 80 else None
                adjacent = self.text.count("\n", ln.end, nxt.start) == 1
                if by and adjacent and _metadata_fields(nxt.text, header=True):
                    _apply(meta, "author", by[0])
                    ln.kind = "meta"
                    continue
            if md:
                if not have_title and not prose_seen and len(md.group(1)) == 1:
                    meta.title = md.group(2).strip()
                    have_title = True
                    title_at = k
                    ln.kind = "meta"
                    continue
                later = lines[window[pos + 1]].text if pos + 1 < len(window) else ""
                if (
                    title_at is not None
                    and pos > 0
                    and window[pos - 1] == title_at
                    and not prose_seen
                    and _metadata_fields(later, header=True)
                ):
                    # a standfirst set as a heading right under the title, above the by-line
                    meta.extra.setdefault("subtitle", md.group(2).strip())
                    ln.kind = "meta"
                    continue
                break
            if _heading_label(t):
                break
            if _is_prose(t):
                prose_seen = True
                continue
            if have_title and not prose_seen and not meta.author and len(t) <= 150:
                # "Ivan Petrov, Ph.D. in Economics, Leading Research Fellow": a name with a role
                by = _byline(t)
                if by and by[1] and load_debris().role_word.search(by[1]):
                    _apply(meta, "author", by[0])
                    meta.extra.setdefault("author_role", by[1])
                    ln.kind = "meta"
                    continue
            if have_title and not prose_seen:
                # "Russian International Affairs Council, 14.02.2022": a publisher and a date
                dated = ends_with_date(t)
                if dated:
                    _apply(meta, "published", dated[0])
                    if dated[1]:
                        meta.extra.setdefault("publisher", dated[1])
                    ln.kind = "meta"
                    continue
            if not have_title and not prose_seen and _title_like(t):
                site = re.fullmatch(r"(.{10,}?)\s*[|｜]\s*([^|｜]{2,60})", t)
                if site:
                    # "Title | Site name", as a browser tab shows it
                    meta.extra.setdefault("site", site.group(2).strip())
                    t = site.group(1).strip()
                nxt = lines[window[pos + 1]].text if pos + 1 < len(window) else ""
                if (
                    ((t.isupper() and len(t.split()) <= 3) or t.casefold() in _KICKERS)
                    and _title_like(nxt)
                    and not _heading_label(nxt)
                    and not _is_prose(nxt)
                    and len(nxt) > len(t)
                    and not _metadata_fields(nxt, header=True)
                ):
                    meta.extra.setdefault("kicker", t)  # "COMMENTARY" above the title
                    ln.kind = "meta"
                    continue
                meta.title = t
                have_title = True
                title_at = k
                ln.kind = "meta"
                continue
            if (
                title_at is not None
                and k == window[window.index(title_at) + 1]
                and not prose_seen
                and _title_like(t)
                and not meta.extra.get("subtitle")
            ):
                # a subtitle: right under the title, in its block or followed by metadata
                later = window[pos + 1] if pos + 1 < len(window) else None
                if ln.block == lines[title_at].block or (
                    later is not None and _metadata_fields(lines[later].text, header=True)
                ):
                    meta.extra["subtitle"] = t
                    ln.kind = "meta"
                    continue
            if not prose_seen and have_title:
                break  # a short line after the title that is not metadata: the body has begun

    def _masthead(self, window: list[int]) -> None:
        """When the title stands right above the by-line, title-like lines further up (a site
        name, a series tagline: "The Japan Times", "RESEARCHERS AT ... ANALYSE CURRENT
        EVENTS") are the page's masthead, not the title."""
        lines = self.lines
        by_pos = None
        for pos, k in enumerate(window):
            t = lines[k].text
            if _is_prose(t):
                return
            fields = _metadata_fields(t, header=True)
            if fields and any(field == "author" for field, _ in fields):
                by_pos = pos
                break
        if not by_pos:
            return
        first = None
        for pos in range(by_pos - 1, -1, -1):
            ln = lines[window[pos]]
            t = ln.text
            if (
                ln.kind != "body"
                or _metadata_fields(t, header=True)
                or _looks_like_nav(t)
                or not _title_like(t)
                or _heading_label(t)
            ):
                break
            first = pos
        if not first:
            return  # no title run, or it starts at the top: the usual reading is right
        masthead = []
        for pos in range(first):
            ln = lines[window[pos]]
            if (
                ln.kind == "body"
                and not _is_prose(ln.text)
                and not _metadata_fields(ln.text, header=True)
            ):
                if _title_like(ln.text) and not (ln.text.isupper() and len(ln.text.split()) <= 3):
                    masthead.append(ln.text)
                    ln.kind = "meta"
        if masthead:
            self.meta.extra.setdefault("masthead", " / ".join(masthead)[:300])

    def footer(self) -> None:
        lines = self.lines
        meta = self.meta
        bios: list[str] = []
        seen = 0
        for ln in reversed(lines):
            if seen >= 12:
                break
            if ln.kind in ("skip", "debris"):
                continue
            if ln.kind == "meta":
                continue  # already read (the header window can reach the end of a short text)
            seen += 1
            fields = _metadata_fields(ln.text, header=False)
            if fields:
                for field, value in fields:
                    _apply(meta, field, value)
                ln.kind = "meta"
                continue
            if re.fullmatch(r"(?i)about the authors?:?", ln.text):
                ln.kind = "meta"
                continue
            if len(ln.text) <= 800 and len(split_sentences(ln.text)) <= 4:
                name = self.rules.bio_name(ln.text)
                if name is not None and (name == "" or self._bio_name_ok(name)):
                    bios.append(ln.text)
                    ln.kind = "meta"
                    if name and not meta.author:
                        meta.author = name
                    continue
            if ln.kind == "back" or (len(ln.text) <= 1000 and _NOTE.match(ln.text)):
                continue  # notes below the bio: read by _endnotes
            break
        if bios:
            meta.extra["author_bio"] = "\n".join(reversed(bios))

    def _bio_name_ok(self, name: str) -> bool:
        author = self.meta.author
        tokens = name.split()
        if author and any(t in author.split() for t in tokens if len(t) > 1):
            return True
        return 2 <= len(tokens) <= 5

    def body_metadata(self) -> None:
        """Metadata-shaped lines inside the body (a by-line after a standfirst, a figure's
        ``Source:`` note) are not paragraphs."""
        for ln in self.lines:
            if ln.kind != "body" or len(ln.text) > 300 or not _META_HINT.search(ln.text):
                continue
            fields = _metadata_fields(ln.text, header=False)
            if fields:
                ln.kind = "meta"
                for field, value in fields:
                    if field in ("author", "published", "editor", "author_role", "updated"):
                        _apply(self.meta, field, value)

    # -- headings, sections, paragraphs -----------------------------------------------------

    def structure(self) -> tuple[list[Section], list[Paragraph]]:
        text = self.text
        lines = [ln for ln in self.lines if ln.kind == "body"]
        heads: list[_Head | None] = []
        for idx, ln in enumerate(lines):
            prev_line = lines[idx - 1] if idx else None
            next_line = lines[idx + 1] if idx + 1 < len(lines) else None
            starts = prev_line is None or prev_line.block != ln.block
            ends = next_line is not None and next_line.block != ln.block
            heads.append(_heading_candidate(text, ln, starts, ends, next_line))
        self._drop_lists(heads)
        self._sequence(heads)

        # md levels are relative to the shallowest Markdown heading in the body
        # ("# Summary" above "## 1. ..." sections does not push them all down a level)
        md_levels = [h.md_level for h in heads if h and h.style == "md"]
        specific = [
            h.md_level for h in heads if h and h.style == "md" and not _GENERIC.fullmatch(h.heading)
        ]
        md_base = min(specific or md_levels or [1])

        sections: list[Section] = []
        styles: list[str] = []  # section index -> style
        paragraphs: list[Paragraph] = []
        style_level: dict[str, int] = {}
        current = -1
        pending: Paragraph | None = None
        pending_line: _Line | None = None

        def flush() -> None:
            nonlocal pending
            if pending is not None:
                paragraphs.append(pending)
                pending = None

        for ln, head in zip(lines, heads, strict=True):
            if head is not None:
                flush()
                if current < 0 and paragraphs:
                    sections.append(
                        Section("", LEAD_HEADING, 1, paragraphs[0].start, paragraphs[0].end)
                    )
                    styles.append("lead")
                    current = 0
                level = self._level(head, md_base, style_level, sections, styles, current)
                sections.append(Section(head.label, head.heading, level, ln.start, ln.end))
                styles.append(head.style)
                current = len(sections) - 1
                if head.body_start is not None:
                    pending = Paragraph(head.body_start, ln.end, current)
                    pending_line = ln
                continue
            start = ln.start
            mark = _LIST_MARK.match(ln.text)
            if mark and mark.end() < len(ln.text):
                start += mark.end()
            if (
                pending is not None
                and pending_line is not None
                and pending_line.block == ln.block
                and not mark
                and text[pending.end - 1] not in _TERMINAL + ':;"”’)]'
            ):
                pending.end = ln.end
                pending_line = ln
                continue
            flush()
            pending = Paragraph(start, ln.end, max(current, 0))
            pending_line = ln
        flush()
        if not sections and paragraphs:
            heading = self.meta.title or ""
            sections.append(Section("", heading, 1, paragraphs[0].start, paragraphs[-1].end))
            styles.append("lead")
        self._finish(sections, paragraphs)
        return sections, paragraphs

    def _drop_lists(self, heads: list[_Head | None]) -> None:
        """Labelled lines one after another with no text between are a list, not headings."""
        i = 0
        while i < len(heads):
            h = heads[i]
            if h is None or h.style in ("md",) or h.body_start is not None:
                i += 1
                continue
            j = i
            while (
                j + 1 < len(heads)
                and heads[j + 1] is not None
                and heads[j + 1].style == h.style
                and (heads[j + 1].body_start is None)
            ):
                j += 1
            if j > i and (h.style != "title" or j - i >= 2):
                for k in range(i, j + 1):
                    heads[k] = None
            i = j + 1

    def _sequence(self, heads: list[_Head | None]) -> None:
        """Keep labelled headings only where they follow in sequence (A, B, C ...)."""
        last: dict[str, int] = {}
        order: list[str] = []
        for i, h in enumerate(heads):
            if h is None or h.style in ("md", "title"):
                continue
            style = h.style
            if style == "roman" and h.label == "I" and last.get("letter") == 8:
                style = h.style = "letter"
                h.number = 9
            expected = last.get(style, 0) + 1
            if h.number == expected or (h.number == 1 and style not in last):
                last[style] = h.number
                if style in order:
                    for deeper in order[order.index(style) + 1 :]:
                        last.pop(deeper, None)
                else:
                    order.append(style)
                continue
            if style == "roman" and len(h.label) == 1:
                # "C." or "D." after "B." is a letter, not a Roman numeral
                n = ord(h.label) - 64
                if last.get("letter", 0) + 1 == n:
                    h.style, h.number = "letter", n
                    last["letter"] = n
                    continue
            heads[i] = None

    def _level(
        self,
        head: _Head,
        md_base: int,
        style_level: dict[str, int],
        sections: list[Section],
        styles: list[str],
        current: int,
    ) -> int:
        if head.style == "md":
            return max(1, min(3, head.md_level - md_base + 1))
        if head.style == "title" and _GENERIC.fullmatch(head.heading):
            return 1
        if head.style in style_level:
            return style_level[head.style]
        # first appearance: one level below the innermost labelled section we are in
        level = 1
        k = current
        while k >= 0:
            if styles[k] not in ("lead", "title"):
                level = min(3, sections[k].level + 1)
                break
            k -= 1
        style_level[head.style] = level
        return level

    def _finish(self, sections: list[Section], paragraphs: list[Paragraph]) -> None:
        text = self.text
        for p in paragraphs:
            while p.start < p.end and text[p.start].isspace():
                p.start += 1
            while p.end > p.start and text[p.end - 1].isspace():
                p.end -= 1
        paragraphs[:] = [p for p in paragraphs if p.end > p.start]
        # A section ends where its last paragraph (or the last heading inside it) ends, before
        # the next section of the same or a higher level: debris between sections stays out.
        # One pass from the end with a stack keeps this linear in sections and paragraphs.
        n = len(sections)
        heading_end = [sec.end for sec in sections]
        limit_index = [n] * n  # index of the next section of the same or a higher level
        stack: list[int] = []
        for i in range(n - 1, -1, -1):
            while stack and sections[stack[-1]].level > sections[i].level:
                stack.pop()
            limit_index[i] = stack[-1] if stack else n
            stack.append(i)
        starts = [p.start for p in paragraphs]
        for i, sec in enumerate(sections):
            j = limit_index[i]
            limit = sections[j].start if j < n else len(text) + 1
            end = max(heading_end[i], heading_end[j - 1])
            last = bisect_left(starts, limit) - 1
            if last >= 0 and paragraphs[last].start >= sec.start:
                end = max(end, paragraphs[last].end)
            while end > sec.start and text[end - 1].isspace():
                end -= 1
            sec.end = max(end, sec.start + 1)
        # the parent is the nearest earlier section of a lower level
        stack = []
        for i, sec in enumerate(sections):
            while stack and sections[stack[-1]].level >= sec.level:
                stack.pop()
            sec.parent = stack[-1] if stack else None
            stack.append(i)
        # each paragraph belongs to the innermost section that starts at or before it
        k = -1
        for p in paragraphs:
            while k + 1 < len(sections) and sections[k + 1].start <= p.start:
                k += 1
            p.section = max(k, 0)

    def run(self) -> Structure:
        self.front_matter_block()
        if self.front:
            _apply_front_matter(self.meta, self.front)
        self.furniture()
        self.header()
        self.footer()
        self._endnotes()  # after the footer: a bio below the notes no longer hides them
        self.body_metadata()
        if not self.meta.published and self.meta.extra.get("updated"):
            self.meta.published = self.meta.extra["updated"]
        if not self.meta.source and len(self.meta.extra.get("journal", "").split()) >= 2:
            # the unlabelled first field of a "Journal | Author: ..." line, when no Source line
            self.meta.source = tidy_source(self.meta.extra["journal"])
        sections, paragraphs = self.structure()
        return Structure(self.meta, sections, paragraphs)


def _same(a: str, b: str) -> bool:
    def norm(s: str) -> str:
        return re.sub(r"\W+", " ", s).strip().casefold()

    return norm(a) == norm(b) and bool(norm(a))


def _heading_label(s: str) -> bool:
    m = _ROMAN.match(s)
    return bool(m and _roman(m.group(1))) or bool(_CJK1.match(s) or _CJK2.match(s))


def _looks_like_nav(s: str) -> bool:
    """Breadcrumbs and category rows in a header: ``Home | News | World``, ``Home > Opinion``."""
    parts = re.split(r"\s*[|｜>»›]\s*|\s+/\s+", s)
    breadcrumb = re.search(r"[>»›]|\s/\s", s) is not None
    return (
        (len(parts) >= 3 or (breadcrumb and len(parts) >= 2))
        and len(s) <= 100
        and all(0 < len(p.split()) <= 4 for p in parts)
        and not any(only_date(p) for p in parts)
    )


def parse_structure(text: str, front_matter: dict | None = None) -> Structure:
    """Split ``text`` into metadata, sections and paragraphs (offsets into ``text``)."""
    return _Parser(text, front_matter).run()
