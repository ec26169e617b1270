"""A web page's citation metadata: title, author, date, outlet and URL, as front matter keys.

trafilatura's metadata (JSON-LD, OpenGraph, ``<meta>``, htmldate for the date) is the base;
on top of it:

- **title**: the headline the page declares (``og:title``, ``twitter:title``, the JSON-LD
  ``headline``) wins over a title taken from the page's text, without a " | Site" suffix; the
  visible headline (the first ``<h1>``) wins over both when it shares half its words with them
  (so that a logo in an ``<h1>`` is not taken);
- **author**: a visible by-line (an element of class ``byline`` that reads ``By NAME and
  NAME``) wins over the metadata, whose author is kept only when it names people (an agency or
  a site, "The Associated Press", is no author); several authors are joined "A and B";
- **outlet**: ``og:site_name`` when it reads as a name, else the JSON-LD publisher, else
  trafilatura's site name; the first part of "Name | Tagline", underscores as spaces; a bare
  domain, or a name in another script than the title's (Latin), is no outlet;
- ``<meta>`` tags are read with their value in ``content`` or in ``value`` (some sites).
"""

from __future__ import annotations

import html
import re

from relexplorer.extract.structure.metadata import byline
from relexplorer.read.jsonld import JsonLdArticle

_META_TAG = re.compile(r"<meta\b[^<>]{0,2000}>", re.I)
_ATTR = re.compile(r"""([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")
# Patterns tried only at a place found first by a plain search, on a bounded window of markup:
# "<a <a <a ..." must not make every "<" scan the rest of the page.
_BYLINE_CLASS = re.compile(r"(?i)\bclass\s*=\s*[\"'][^\"'<>]{0,200}\bbyline\b")
_BYLINE_ELEMENT = re.compile(
    r"<(\w+)[^<>]{0,300}\bclass\s*=\s*[\"'][^\"'<>]{0,200}\bbyline\b[^\"'<>]{0,200}[\"'][^<>]{0,300}>"
    r"(.{0,600}?)</\1>", re.I | re.S
)
_WINDOW = 2000
_TAG = re.compile(r"<[^>]*>")
_H1_START = re.compile(r"(?i)<h1\b")
_H1 = re.compile(r"<h1\b[^<>]{0,500}>(.{1,1500}?)</h1\s*>", re.I | re.S)
_TITLE_MAX = 300
_LATIN = re.compile(r"[A-Za-z]")
_SITE_PARTS = re.compile(r"\s+[|｜–—-]\s+|\s*[|｜]\s*")
_DOMAIN = re.compile(r"(?i)^(?:www\.)?[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}$")
_DECLARED_TITLE = ("og:title", "twitter:title", "dc.title", "citation_title")
_SITE_NAME = ("og:site_name", "application-name", "citation_journal_title")


def meta_tags(raw: str) -> dict[str, str]:
    """``<meta>`` name/property -> value (the first of each), keys in lower case."""
    found: dict[str, str] = {}
    head_end = raw.find("</head")
    for m in _META_TAG.finditer(raw, 0, head_end if head_end > 0 else min(len(raw), 500_000)):
        attrs = {a.group(1).lower(): a.group(2) or a.group(3) or a.group(4) or ""
                 for a in _ATTR.finditer(m.group())}
        key = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "").lower()
        value = attrs.get("content") or attrs.get("value") or ""
        value = " ".join(html.unescape(value).split())
        if key and value:
            found.setdefault(key, value)
    return found


def page_metadata(page, raw: str, jsonld: JsonLdArticle) -> dict:
    """The page's metadata under the keys the structure parser reads (see the module doc)."""
    tags = meta_tags(raw)
    front: dict[str, str] = {}

    def put(key: str, value) -> None:
        value = " ".join(str(value or "").split())
        if value:
            front[key] = value

    latin = bool(_LATIN.search(getattr(page, "title", "") or "")) if page else True
    site = _outlet(tags, jsonld, getattr(page, "sitename", "") if page else "", latin)
    put("title", _title(getattr(page, "title", "") if page else "", tags, jsonld, site, _first_h1(raw)))
    put("author", _author(raw, getattr(page, "author", "") if page else "", jsonld))
    put("date", getattr(page, "date", "") if page else "")
    put("source", site)
    put("url", (getattr(page, "url", "") if page else "") or tags.get("og:url", ""))
    description = getattr(page, "description", "") if page else ""
    put("description", _TAG.sub(" ", html.unescape(description or "")))
    return front


def _title(found: str, tags: dict[str, str], jsonld: JsonLdArticle, site: str, h1: str) -> str:
    declared = [tags.get(k, "") for k in _DECLARED_TITLE] + [jsonld.headline]
    declared = [_without_site(d, site) for d in declared if d]
    title = declared[0] if declared and not any(_same(found, d) for d in declared) else found
    # the visible headline is the one a citation gives, when it is this title's (not a logo)
    if h1 and len(h1.split()) >= 3 and any(_overlap(h1, t) for t in [title, *declared]):
        return h1
    return title


def _overlap(a: str, b: str) -> bool:
    """Half of ``a``'s words are in ``b``."""
    words = set(re.findall(r"\w+", a.casefold()))
    return bool(words) and len(words & set(re.findall(r"\w+", b.casefold()))) >= 0.5 * len(words)


def _first_h1(raw: str) -> str:
    start = _H1_START.search(raw)
    m = _H1.match(raw[start.start():start.start() + _WINDOW]) if start else None
    text = " ".join(html.unescape(_TAG.sub(" ", m.group(1))).split()) if m else ""
    return text if len(text) <= _TITLE_MAX else ""


def _without_site(title: str, site: str) -> str:
    """``Title | Site`` -> ``Title`` when the tail is the site's name."""
    parts = _SITE_PARTS.split(title)
    if len(parts) > 1 and site and _same(parts[-1], site):
        return title[: title.rfind(parts[-1])].rstrip(" |｜–—-")
    return title


def _bylines(raw: str):
    """The elements of class ``byline`` (at most ten)."""
    for count, hit in enumerate(_BYLINE_CLASS.finditer(raw)):
        if count >= 10:
            return
        start = raw.rfind("<", max(0, hit.start() - 300), hit.start())
        m = _BYLINE_ELEMENT.match(raw[start:start + _WINDOW]) if start >= 0 else None
        if m:
            yield m


def _author(raw: str, found: str, jsonld: JsonLdArticle) -> str:
    for m in _bylines(raw):
        text = " ".join(html.unescape(_TAG.sub(" ", m.group(2))).split())
        if re.match(r"(?i)by\s", text):
            names = byline(text[3:].split(" / ")[0])
            if names:
                return names[0]
    names = [n for n in re.split(r"\s*;\s*", found or "") if n] or list(jsonld.authors)
    people = []
    for name in names:
        person = byline(name)
        if person and not person[1]:
            people.append(person[0])
    if len(people) > 1:
        return ", ".join(people[:-1]) + " and " + people[-1]
    return people[0] if people else ""


def _outlet(tags: dict[str, str], jsonld: JsonLdArticle, found: str, latin: bool) -> str:
    for candidate in [*(tags.get(k, "") for k in _SITE_NAME), jsonld.publisher, found]:
        name = _SITE_PARTS.split(candidate.replace("_", " ").strip())[0].strip() if candidate else ""
        if not name or _DOMAIN.match(name) or (name.islower() and " " not in name):
            continue
        if latin and not _LATIN.search(name):
            continue  # "台北時報" for an English page: its name in another script
        return name
    return ""


def _same(a: str, b: str) -> bool:
    def norm(s: str) -> str:
        return re.sub(r"\W+", " ", s or "").strip().casefold()

    return bool(norm(a)) and norm(a) == norm(b)
