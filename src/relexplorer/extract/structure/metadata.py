"""Metadata lines: labels, by-lines, names, sources, and YAML front matter.

A **metadata** line is a ``Journal | 作者: NAME | 时间: DATE | 责编: NAME`` line (also with English
labels), ``By NAME and NAME``, ``PUBLISHED : 5 Jan 2021 at 09:15``, ``Published: January 5,
2021``, ``Updated ...``, ``Author:``/``Editor:``/``Date:`` labels, a date alone on a header line,
or ``Source: Journal, No. 2, 2018``; ``Source: https://...`` or a lone address is the URL.
YAML front matter fills the same fields first (:mod:`.front_matter`).
"""

from __future__ import annotations

import re

from relexplorer.extract.debris import load_debris
from relexplorer.extract.structure.dates import ends_with_date, normalise_date, only_date
from relexplorer.extract.structure.lines import has_cjk, is_prose
from relexplorer.lexicon import LINE_MAX, NEWS_AGENCIES
from relexplorer.model import Metadata

# Label (lower case) -> the field it fills.
_LABELS = {
    **dict.fromkeys(
        (
            "author",
            "authors",
            "writer",
            "writers",
            "written by",
            "by",
            "reporter",
            "columnist",
            "contributor",
            "contributors",
            "作者",
            "撰文",
            "文",
            "记者",
        ),
        "author",
    ),
    **dict.fromkeys(("editor", "editors", "edited by", "责编", "责任编辑", "编辑"), "editor"),
    **dict.fromkeys(
        (
            "published",
            "publish date",
            "published on",
            "date",
            "posted",
            "posted on",
            "dated",
            "first published",
            "first posted",
            "pub date",
            "publication date",
            "release date",
            "时间",
            "日期",
            "发布时间",
            "发表时间",
            "发布日期",
        ),
        "published",
    ),
    **dict.fromkeys(
        ("updated", "last updated", "modified", "last modified", "更新", "更新时间"), "updated"
    ),
    **dict.fromkeys(
        (
            "source",
            "来源",
            "出处",
            "originally published in",
            "published in",
            "publication",
            "journal",
            "reprinted from",
            "this article first appeared in",
        ),
        "source",
    ),
    **dict.fromkeys(("translated by", "translator", "翻译"), "translator"),
    **dict.fromkeys(("tags", "keywords", "topics", "filed under", "关键词"), "tags"),
    **dict.fromkeys(
        ("category", "section", "newspaper section", "column", "type", "栏目"), "category"
    ),
    **dict.fromkeys(("photo", "photos", "credit", "image"), "photo"),
    **dict.fromkeys(("issue", "issn"), "issue"),
    **dict.fromkeys(("url", "link"), "url"),
    "doi": "doi",
    "language": "language",
}
_LABEL_RE = "|".join(re.escape(k) for k in sorted(_LABELS, key=len, reverse=True))
_LABELLED = re.compile(
    rf"^[>:：\s]*(?P<label>{_LABEL_RE})(?:\s+on)?\s*[:：]\s*(?P<value>.*\S)\s*$", re.I
)
# "from PeopleDaily Website": the outlet a page copy names.
_FROM_SITE = re.compile(
    r"^[>(\s]*(?:from|via|source\s*[:：]?)\s+(?P<name>\S.{0,60}?)\s+(?:website|web site|online|app)"
    r"[)\s.]*$",
    re.I,
)
URL = re.compile(r"^[<(]?(?P<url>(?:https?://|www\.)[^\s<>()]+?)[>).,]?$", re.I)
# Addresses of share buttons and social networks: never the page's own address.
_SHARE_URL = re.compile(
    r"(?i)facebook\.com|twitter\.com|//(?:www\.)?x\.com|linkedin\.com|whatsapp|//t\.me/|//wa\.me/"
    r"|reddit\.com|pinterest\.|telegram\.|vk\.com|weibo\.com|mailto:|[/?&](?:share|sharer|intent)\b"
)
# "By Wang Jing (People's Daily)": the outlet after the names
_PAREN_OUTLET = re.compile(r"\s*[(\[](?P<outlet>[^()\[\]]{2,60})[)\]]\s*$")
_POSSESSIVE = re.compile(r"\w['’]s\b")  # "Afghanistan's New Millionaires" is no name
# An outlet's name: two to five capitalised words ("CBC News", "Peace and Development"), not a
# role ("Special to the Pioneer Press") or a place and a desk ("New Delhi, News Nation Bureau").
_OUTLET_NAME = re.compile(r"(?:The )?[A-Z][\w'’.&-]*(?: (?:of |the |and |& )?[A-Z][\w'’.&-]*){1,4}")
_AGENCY_NAMES = frozenset(a.casefold() for a in NEWS_AGENCIES)
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
_EDITED_BY = re.compile(r"^(?:Edited|Compiled|Reviewed) by\s+(?P<names>\S.*)$", re.I)
_NAME_TOKEN = re.compile(
    r"^(?:[A-Z][\w'’\-]*\.?|[A-Z]\.(?:[A-Z]\.)*|de|da|di|van|von|der|den|du|bin|binti|al|el|la|le|y|"
    r"[\u3400-\u9fff·]{2,8})$"
)
_NAME_SPLIT = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*|\s*;\s*|\s*、\s*")
# "Journal of Asian Energy, Vol. 12, No. 3 (2019)": a citation of the issue
_CITATION = re.compile(r"(?i)\b(?:vol\.?|volume|no\.|n0\.|issue)\s*\d+\b.*(?:19|20)\d{2}")
# Field separators of a header line: pipes, and middle dots, bullets or slashes between spaces
# ("Yasmine Hassan · CBC News · Posted: ...", "Aashish Saxena / SITE.COM / Sep 2, 2024").
_PIPES = re.compile(r"\s*[|｜]\s*|\s+[·•●/]\s+")
_SEPARATED = re.compile(r"[|｜]|\s[·•●/]\s")
# "5 hours ago", "Updated an hour ago": a relative time, which says the line is a dateline.
_RELATIVE_TIME = re.compile(
    r"(?i)(?:updated\s+|posted\s+)?(?:\d+|an?|one)\s+(?:sec|min|minute|hour|hr|day|week|month|year)s?"
    r"\s+ago|just now|yesterday|today"
)
# Where a copy fused two fields of a header line ("All IndiaEdited by ...", "Dylan Jones5 hours
# ago", "Associated PressApril 28, 2023"): a separator goes back in, for reading only.
_FUSED = re.compile(
    r"(?<=[a-z)\]])(?=(?:Updated|Published|Posted|Edited by|Written by|By|Last Updated)\b)"
    r"|(?<=[A-Za-z])(?=\d+\s+(?:sec|min|minute|hour|hr|day|week|month|year)s?\s+ago\b)"
)
_AFFILIATION = re.compile(
    r"\b(?:University|Universit[éy]|Institute|Institution|Center|Centre|School|College|Academy|"
    r"Foundation|Council|Ministry|Department|Bank|Forum|Society|Association|Agency|Commission|"
    r"Office|Group|Project|Program|Programme|Initiative|Fund|Corporation|Company|Times|News|Post|"
    r"Review|Journal|Press|Media|Affairs|Policy|Quarterly|Monthly|Weekly|Daily|Magazine|Report|"
    r"Development|Studies|Economist|Diplomat|Observer|Tribune|Herald|Gazette|Globe|Monitor|"
    r"Outlook|Digest|Bulletin|Insight|Analysis|Brief|Network|Service|Agency|Club)\b|^[A-Z]{2,6}$"
)

# A label alone on its line, its value on the next ("By" / "Jane Doe"), as pages set them.
LONE_LABEL = re.compile(
    r"(?i)(?:by|written by|author|authors|published|posted|updated|last updated|date|source)\s*:?"
)

# The longest line that may be a metadata line of any kind, and a by-line or credit line.
META_LINE_MAX = 300
_BYLINE_MAX = 200
# A name beside a date has at most this many words ("Associated Press, April 28, 2023").
_DATED_NAME_WORDS = 3
_NAME_WITH_ROLE_MAX = 150


def is_agency(s: str) -> bool:
    """``s`` names a news agency ("Xinhua", "AP", "The Associated Press")."""
    return s.strip(" .").casefold() in _AGENCY_NAMES


def _name_like(s: str) -> bool:
    tokens = s.split()
    return (
        not is_agency(s)
        and not _POSSESSIVE.search(s)
        and 0 < len(tokens) <= 5
        and all(_NAME_TOKEN.match(t) for t in tokens)
        and any(t[0].isupper() or "\u3400" <= t[0] <= "\u9fff" for t in tokens)
    )


def tidy_name(s: str) -> str:
    """A name without stray punctuation, and in capitals only where it was all capitals."""
    s = s.strip(" .,;:")
    if s.isupper() and any(c.isalpha() for c in s) and not has_cjk(s):
        s = " ".join(w.capitalize() if len(w) > 1 and "." not in w else w for w in s.split())
    return s


def byline(names: str) -> tuple[str, str, str] | None:
    """``By`` line body -> (authors, role, ISO date), or None if it does not name people."""
    date = ""
    parts = re.split(r"\s+[|–—-]\s+|\s*[|｜]\s*", names)
    head = parts[0]
    for extra in parts[1:]:
        date = date or only_date(extra)
    dated = ends_with_date(head) if not date else None
    if dated and dated[1]:
        date, head = dated  # "Mujib Mashal December 18, 2014"
    head = re.sub(
        r"\s+(?:in|from|reporting from)\s+[A-Z][\w'’. -]{1,40}$|\s+and agencies$", "", head
    )
    head = re.sub(r"[*†‡§¹²³⁴⁵⁶⁷⁸⁹]+", "", head)  # footnote marks after names
    paren = _PAREN_OUTLET.search(head)
    if paren:
        head = head[: paren.start()]
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
            authors.append(tidy_name(seg))
        else:
            role.append(seg)
    if paren:
        role.append(paren.group("outlet").strip())
    if not authors:
        return None
    if len(authors) == 1:
        joined = authors[0]
    else:
        joined = ", ".join(authors[:-1]) + " and " + authors[-1]
    return joined, ", ".join(role), date


def name_with_role(line: str) -> tuple[str, str, str] | None:
    """ "Ivan Petrov, Ph.D. in Economics, Leading Research Fellow": a name with its role, as
    :func:`byline` reads it, or None."""
    if len(line) > _NAME_WITH_ROLE_MAX:
        return None
    by = byline(line)
    return by if by and by[1] and load_debris().role_word.search(by[1]) else None


def tidy_source(value: str) -> str:
    """``Peace and Development, N0.2 2018.`` -> ``Peace and Development, No. 2, 2018``."""
    s = " ".join(str(value).split()).strip(" .;")
    s = re.sub(r"\b[Nn][oO0]\s*\.\s*(\d+)", r"No. \1", s)
    s = re.sub(r"\b[Nn][oO]\s+(\d+)", r"No. \1", s)
    s = re.sub(r"(No\. \d+)\s+((?:19|20)\d{2})\b", r"\1, \2", s)
    s = re.sub(r"\s+,", ",", s)
    return s


def apply_field(meta: Metadata, field: str, value: str, *, override: bool = False) -> None:
    """Put ``value`` in ``meta``'s ``field``, tidied; a field already filled is kept."""
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
            value = tidy_name(value)
        if override or not getattr(meta, field):
            setattr(meta, field, value)
    elif field == "url":
        if override or not meta.url:
            meta.url = value
    elif field == "updated":
        iso = normalise_date(value)
        if iso:
            meta.extra.setdefault("updated", iso)
    elif field != "photo":
        meta.extra.setdefault(field, value)


def metadata_fields(line: str, *, header: bool) -> list[tuple[str, str]] | None:
    """The ``(field, value)`` pairs a metadata line carries, or None if it is not one (a line
    whose fields a copy fused together is read with them apart)."""
    fields = _line_fields(line, header=header)
    if fields is None and len(line) <= META_LINE_MAX:
        apart = _FUSED.sub(" | ", line)
        if apart != line:
            fields = _line_fields(apart, header=header, fused=True)
    return fields


def _line_fields(line: str, *, header: bool, fused: bool = False) -> list[tuple[str, str]] | None:
    if len(line) > META_LINE_MAX:
        return None
    if _SEPARATED.search(line):
        fields = _pipe_fields(line, unlabelled_first=not fused)
        if fields is not None:
            return fields
    m = _CONTRIBUTORS.match(line)
    if m and len(line) <= _BYLINE_MAX and (m.group("who") or byline(m.group("names"))):
        return [("contributors", line)]
    m = _BY.match(line)
    if m and len(line) <= _BYLINE_MAX:
        return _byline_fields(m.group("names"))
    m = _FROM_SITE.match(line)
    if m and len(line) <= LINE_MAX:
        return [("source", m.group("name"))]
    m = _LABELLED.match(line)
    if m:
        return _labelled_fields(_LABELS[m.group("label").lower()], m.group("value").strip())
    m = URL.match(line)
    if m and not _SHARE_URL.search(line):
        return [("url", m.group("url"))]
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
        if _CITATION.search(line) and not is_prose(line) and len(line) <= LINE_MAX:
            return [("source", line)]
    return None


def _byline_fields(names: str) -> list[tuple[str, str]] | None:
    """The fields of a by-line's names: authors, their role, a date, the outlet in brackets
    ("Wang Jing (People's Daily)"); an agency alone ("By Reuters") is no author."""
    by = byline(names)
    if not by:
        agency = _PAREN_OUTLET.sub("", names).split(" - ")[0].strip(" ,.")
        return [("agency", agency)] if is_agency(agency) else None
    out = [("author", by[0])]
    if by[1]:
        out.append(("author_role", by[1]))
    if by[2]:
        out.append(("published", by[2]))
    paren = _PAREN_OUTLET.search(names.strip())
    if paren and _outlet_like(paren.group("outlet")):
        out.append(("byline_outlet", paren.group("outlet").strip()))
    return out


def _outlet_like(s: str) -> bool:
    """A publication's name: capitalised words, no role and no date."""
    words = s.split()
    return (
        0 < len(words) <= 6
        and s[0].isupper()
        and not only_date(s)
        and not load_debris().role_word.search(s)
        and not any(c.isdigit() for c in s)
    )


def _labelled_fields(field: str, value: str) -> list[tuple[str, str]] | None:
    """``Label: value``, when the value fits the field (a date, names, a short source)."""
    if field in ("published", "updated"):
        iso = normalise_date(value)
        return [(field, iso)] if iso else None
    if field == "author":
        return _byline_fields(value)
    if field == "editor":
        by = byline(value)
        return [(field, by[0])] if by else None
    url = URL.match(value)
    if field in ("source", "url") and url:
        return [("url", url.group("url"))]  # "Source: https://..."
    if field == "source":
        if len(value) > LINE_MAX:
            return None
        site = _FROM_SITE.match("from " + value)
        return [("source", site.group("name") if site else value)]
    return [(field, value)]


def signed_or_dated(line: str) -> bool:
    """A by-line or a date line: a line with an author or a date, or a short name beside a date
    ("Jakarta ● Tue, March 5, 2024", "Associated PressApril 28, 2023 GMT")."""
    fields = metadata_fields(line, header=True)
    if fields:
        return any(field in ("author", "published", "updated") for field, _ in fields)
    dated = ends_with_date(line)
    return dated is not None and len(dated[1].split()) <= _DATED_NAME_WORDS


def outlet_name(text: str) -> bool:
    """``text`` reads as the name of a publication (or is written in CJK)."""
    return has_cjk(text) or _OUTLET_NAME.fullmatch(text.strip()) is not None


def institution(text: str) -> bool:
    """``text`` names an institution or a publication ("... Council", "... Review")."""
    return _AFFILIATION.search(text) is not None


def full_names(text: str) -> str:
    """``text`` as authors if it is only full names (two words or more each), else ""."""
    if _AFFILIATION.search(text):
        return ""
    by = byline(text)
    if not by or by[1]:
        return ""
    names = re.split(r", | and ", by[0])
    return by[0] if all(len(n.split()) >= 2 for n in names) else ""


def _pipe_fields(line: str, unlabelled_first: bool = True) -> list[tuple[str, str]] | None:
    """The fields of ``Journal | Author: NAME | DATE``, when at least one part is known; an
    unlabelled first part is the journal (or the author) only when ``unlabelled_first`` (not
    in a line whose separators were put back: "All India | Edited by ...")."""
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
        if by and byline(by.group("names")):
            out.append(("author", byline(by.group("names"))[0]))
            known += 1
            continue
        edited = _EDITED_BY.match(part)
        if edited and byline(edited.group("names")):
            out.append(("editor", byline(edited.group("names"))[0]))
            known += 1
            continue
        iso = only_date(part)
        if iso:
            out.append(("published", iso))
            known += 1
            continue
        if _RELATIVE_TIME.fullmatch(part):
            known += 1  # "Dylan Jones | 5 hours ago": a dateline without a date
            continue
        plain.append(part)
    if not known:
        if (
            len(parts) == 2
            and len(parts[0].split()) <= 4
            and _AFFILIATION.search(parts[0])
            and full_names(parts[1])
        ):
            # "Valdai Discussion Club | Andrei Sokolov": a publisher and its author
            return [("journal", parts[0]), ("author", full_names(parts[1]))]
        return None
    has_author = any(field in ("author", "editor") for field, _ in out)
    if (
        unlabelled_first
        and plain
        and parts[0] == plain[0]
        and len(plain[0]) <= 120
        and not _BY.match(plain[0])
    ):
        first = plain.pop(0)
        if not has_author and full_names(first):
            out.append(
                ("author", full_names(first))
            )  # "Tanvi R. Mehta and Daniel K. Russell | date"
        else:
            out.append(("journal", first))
    if not any(field in ("author", "editor") for field, _ in out):
        # "Jan 5, 2021 | Joseph E. Stiglitz": a bare name beside a date is the author
        for part in plain:
            by = full_names(part) if len(part.split()) >= 2 else ""
            if by:
                out.append(("author", by))
                plain.remove(part)
                break
    if unlabelled_first and not any(field in ("journal", "source") for field, _ in out):
        # "Yasmine Hassan · CBC News · Posted: ...": the outlet beside its author
        for part in plain:
            if institution(part) and outlet_name(part):
                out.append(("journal", part))
                break
    return out
