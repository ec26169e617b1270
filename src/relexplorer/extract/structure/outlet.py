"""The outlet of a copied page, when no line names it as the source.

A line that says so (``Source: ...``, ``from PeopleDaily Website``, front matter, a page's
``og:site_name``) has already filled ``Metadata.source``: only its first part before a ``|`` is
kept, and a name written as a web address writes it ("nationalpost") is written as the text
writes it ("National Post"). Otherwise, strongest first:

1. the outlet in brackets after the by-line ("By Wang Jing (People's Daily)");
2. the page naming itself: a publication's name on a line of its own (a masthead above the
   title, a footer line) that another line of the page's furniture repeats with a word that
   only a publication uses of itself ("© Bangkok Post PCL", "Subscribe to Bloomberg
   Businessweek", "Mashal is a Bloomberg Businessweek contributor", "Get the best of The
   Jakarta Post delivered to your inbox"; after a copyright sign, a publication's name or the
   page's first line: "NDTV" / "© NDTV Convergence Limited");
3. the publisher beside the date in the title block ("The Guardian, 25 March 2019"), when it
   is no place and no person;
4. a name in the text whose letters spell the page's web address ("Bangkok Post" for
   ``bangkokpost.com``);

A news agency, in the body's dateline ("BEIJING, March 5 (Xinhua) --") or in brackets after
the by-line, goes to ``extra["agency"]`` only: a site that carries wire copy is the outlet.
A name written the way a web address writes it is shown as the gazetteer spells it
("PeopleDaily" -> "People's Daily"). When nothing qualifies the outlet stays empty: a wrong
outlet in a citation is worse than none.
"""

from __future__ import annotations

import re
from functools import cache

from relexplorer.extract.debris import load_debris
from relexplorer.extract.structure.lines import Line
from relexplorer.extract.structure.metadata import institution, is_agency, tidy_source
from relexplorer.lexicon import KICKERS, MONTHS, OUTLET_WORDS, WEEKDAYS, load_data
from relexplorer.model import Metadata

# A publication's name: one to six capitalised words ("of", "the", "and" between them).
_NAME = re.compile(
    r"(?:The |the )?[A-Z][\w'’.&-]*(?: (?:of|the|and|&|for|on|de|du|al) ?| )?"
    r"(?:[A-Z][\w'’.&-]*(?: (?:of|the|and|&|for|on|de|du|al))? ?){0,5}"
)
# The frames in which a page names itself: a copyright line, a subscription or app prompt, a
# contributor's note, a photographer's credit ("for ..."). Each captures the name as NAME.
_NAME_IN = r"(?P<name>(?:[Tt]he )?[A-Z][\w'’.&-]*(?: (?:of |the |and |& )?[A-Z][\w'’.&-]*){0,5})"
_SELF_FRAMES = [
    re.compile(
        rf"(?:(?:©|\(c\)|copyright)\s*)+(?:(?:19|20)\d{{2}}\s*(?:[-–]\s*(?:19|20)\d{{2}}\s*)?)?{_NAME_IN}",
        re.I,
    ),
    re.compile(
        rf"(?i:subscribe to|get the (?:best|latest) of|download(?: the)?|welcome to|support)\s+{_NAME_IN}"
    ),
    re.compile(
        rf"\b(?:is|was) an? {_NAME_IN} (?i:contributor|correspondent|columnist|reporter|writer|editor)\b"
    ),
    re.compile(
        rf"(?i:contributor|correspondent|columnist|reporter|writer|editor|photographer)s?\b.{{0,40}}?\b(?:for|at|with) {_NAME_IN}"
    ),
]
_COPYRIGHT = _SELF_FRAMES[0]
_DATELINE = re.compile(
    r"^[A-Z][A-Z.'’ -]{1,40}(?:,\s*[A-Z][\w.]*(?:\s+\d{1,2})?)?\s*\((?P<agency>[^()]{2,40})\)\s*[-–—]"
)
_SQUASH = re.compile(r"['’]s\b|[^\w]|_", re.I)
_ACRONYM = re.compile(r"[A-Z]{2,6}")
_PIPES = re.compile(r"\s+[|｜]\s+")
_DOMAIN = re.compile(r"^(?:https?://)?(?P<host>[^/:?#\s]+)", re.I)
_HOST_NOISE = frozenset("www www2 m en english amp mobile edition news".split())
# A name line is at most this many words, and stands in this share of the lines at the top or
# at the foot of the page.
_NAME_WORDS = 6
_EDGE = 0.2
_EDGE_LINES = 400


def infer_outlet(lines: list[Line], meta: Metadata, body: tuple[int, int] | None) -> None:
    """Fill ``meta.source`` from the page around the article (see the module docstring)."""
    if meta.source:
        source = _PIPES.split(meta.source)[0]  # "The Tico Times | Costa Rica News | Travel"
        if " " not in source:  # "PeopleDaily", "nationalpost": as the gazetteer or the text
            known = canonical(source)
            source = known if known != source else (_spelled(lines, squash(source)) or source)
        meta.source = tidy_source(source)
        return
    bracketed = meta.extra.get("byline_outlet", "")
    agency = bracketed if is_agency(bracketed) else _dateline_agency(lines, body)
    if agency:
        meta.extra.setdefault("agency", agency)
    for candidate in (
        "" if is_agency(bracketed) else _publisher(bracketed),
        _self_named(lines, body, meta.author),
        _publisher(meta.extra.get("publisher", "")),
        _from_address(lines, meta.url),
    ):
        if candidate:
            meta.source = tidy_source(canonical(candidate))
            return


def squash(name: str) -> str:
    """A name as a web address or a handle writes it: lower case, no spaces, no "'s"."""
    return _SQUASH.sub("", name).casefold()


@cache
def _known_outlets() -> dict[str, str]:
    """Squashed names and other forms of the gazetteer's organisations -> their name."""
    out: dict[str, str] = {}
    for name, others in (load_data("gazetteer.yaml").get("organizations") or {}).items():
        for form in (name, *(others or ())):
            out.setdefault(squash(str(form)), str(name))
    return out


def canonical(name: str) -> str:
    """``name`` as the gazetteer spells it when it is the same name written differently."""
    name = name.strip()
    return _known_outlets().get(squash(name), name) if " " not in name else name


def _proper_name(s: str) -> bool:
    """A publication's name: capitalised words, two or more (or one the gazetteer knows, or
    written in one piece like "PeopleDaily"), not only section words ("Business News")."""
    words = s.split()
    if not 0 < len(words) <= _NAME_WORDS or not _NAME.fullmatch(s):
        return False
    if all(w.casefold() in KICKERS or w.casefold() in ("the", "and", "&", "of") for w in words):
        return False
    if len(words) == 1:  # "Reuters", "PeopleDaily", "NDTV"; not "HomePod" or "Facebook"
        humps = re.findall(r"[A-Z][a-z]+", s)
        return (
            squash(s) in _known_outlets()
            or (len(humps) > 1 and humps[-1] in OUTLET_WORDS)
            or _ACRONYM.fullmatch(s) is not None
        )
    return not _is_person(s)


def _self_named(lines: list[Line], body: tuple[int, int] | None, author: str) -> str:
    """The first name on a line of its own outside the body that the page's furniture names
    in a frame of its own (see ``_SELF_FRAMES``); after a copyright sign only a publication's
    name counts ("© Bangkok Post PCL", not "© Dow Jones"); never the author's name."""
    first, last = body or (len(lines), -1)
    masthead = lines[0].text if lines else ""  # the page's first line: "NDTV", "CBC News"
    named: set[str] = set()
    for ln in _edges(lines):
        if ln.kind not in ("debris", "meta"):
            continue
        for frame in _SELF_FRAMES:
            for m in frame.finditer(ln.text):
                words = m.group("name").split()
                # the frame's name may run on ("Bangkok Post PCL"): each leading part counts
                for n in range(1, len(words) + 1):
                    part = " ".join(words[:n])
                    if frame is not _COPYRIGHT or _publication(part) or part == masthead:
                        named.add(part.casefold())
    authors = {a.strip().casefold() for a in re.split(r",| and ", author) if a.strip()}
    rules = load_debris()
    for i, ln in enumerate(lines):
        name = ln.text
        if first <= i <= last or name.casefold() not in named or name.casefold() in authors:
            continue
        if _EDGE * len(lines) < i < (1 - _EDGE) * len(lines):
            continue  # a page names itself at its top or its foot, not among its menus
        if _proper_name(name) and not rules.is_debris(name) and not _is_place(name):
            return name
    return ""


def _edges(lines: list[Line]) -> list[Line]:
    """The lines where a page names itself (its top and its foot), at most :data:`_EDGE_LINES`
    of each, so that a huge text costs no more than a page."""
    if len(lines) <= 2 * _EDGE_LINES:
        return lines
    return [*lines[:_EDGE_LINES], *lines[-_EDGE_LINES:]]


def _publication(name: str) -> bool:
    """A publication's name: with a word such as "Post" or "Times", or known as one."""
    return any(w in OUTLET_WORDS for w in name.split()) or squash(name) in _known_outlets()


def _publisher(s: str) -> str:
    """``s`` (the name beside a date, or in brackets after a by-line) when it is a
    publication's or an institution's name: not a place, a person, an agency or a date."""
    s = s.strip(" ,|·•●-–—")
    words = s.split()
    if not words or any(w.strip(",").casefold() in _CALENDAR for w in words):
        return ""
    if _is_place(s) or is_agency(s) or not _proper_name(s):
        return ""
    return s if _publication(s) or institution(s) else ""


@cache
def _places() -> frozenset[str]:
    places = load_data("gazetteer.yaml").get("places") or {}
    return frozenset(
        squash(str(form)) for name, others in places.items() for form in (name, *(others or ()))
    )


def _is_place(s: str) -> bool:
    return squash(s) in _places()


@cache
def _people() -> tuple[frozenset[str], frozenset[str]]:
    """Squashed names of the gazetteer's people, and its given names (lower case)."""
    data = load_data("gazetteer.yaml")
    people = data.get("people") or {}
    names = frozenset(
        squash(str(form)) for name, others in people.items() for form in (name, *(others or ()))
    )
    given = frozenset(str(g).casefold() for g in (data.get("lexicon") or {}).get("given_names", ()))
    return names, given


def _is_person(s: str) -> bool:
    """A known person, or a given name and a surname ("Chris Davies")."""
    names, given = _people()
    words = s.split()
    return squash(s) in names or (len(words) in (2, 3) and words[0].casefold() in given)


def _from_address(lines: list[Line], url: str) -> str:
    """A capitalised name in the text whose letters are those of the address's site name."""
    m = _DOMAIN.match(url or "")
    if not m:
        return ""
    labels = [p for p in m.group("host").casefold().split(".")[:-1] if p not in _HOST_NOISE]
    if not labels:
        return ""
    return _known_outlets().get(labels[-1]) or _spelled(lines, labels[-1])


def _spelled(lines: list[Line], site: str) -> str:
    """The capitalised name in the text whose letters are ``site``'s ("National Post")."""
    for ln in _edges(lines):
        for found in _NAME.finditer(ln.text):
            words = found.group().split()
            for a in range(len(words)):
                for b in range(len(words), a, -1):
                    phrase = " ".join(words[a:b])
                    if squash(phrase) == site and (b - a >= 2 or phrase[0].isupper()):
                        return phrase.strip(" .,")
    return ""


def _dateline_agency(lines: list[Line], body: tuple[int, int] | None) -> str:
    """The agency of the first paragraph's dateline ("BEIJING, March 5 (Xinhua) --")."""
    first = body[0] if body else 0
    for ln in lines[first : first + 3]:
        m = _DATELINE.match(ln.text)
        if m and is_agency(m.group("agency")):
            return m.group("agency").strip()
    return ""


_CALENDAR = frozenset(
    [*MONTHS, *(d.casefold() for d in WEEKDAYS), *(d.casefold()[:3] for d in WEEKDAYS)]
)
