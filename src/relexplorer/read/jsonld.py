"""JSON-LD in a web page: the article objects its ``<script type="application/ld+json">`` holds.

Only what trafilatura does not give: the ``articleBody`` of an article object (the body of pages
that render it with scripts), its author names, headline and publisher (by name, or by the
``@id`` of an organisation described elsewhere on the page). Objects are found at the top level, in lists
and in ``@graph``; anything that is not valid JSON is skipped. Bounded: at most
``_MAX_SCRIPTS`` scripts of at most ``_MAX_SCRIPT`` characters each are parsed.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

# Found by its type first, then the script element around it (bounded windows: markup such as
# "<script <script ..." must not make every "<" scan the rest of the page).
_TYPE = re.compile(r"(?i)application/ld\+json")
_OPEN = re.compile(r"(?i)<script\b[^<>]{0,300}$")
_CLOSE = re.compile(r"(?i)</script")
_MAX_SCRIPTS = 50
_MAX_SCRIPT = 2_000_000
_MAX_DEPTH = 6
_ARTICLE_TYPES = re.compile(r"(?i)article|posting|report|newsarticle|blogposting|webpage")


@dataclass(slots=True)
class JsonLdArticle:
    """What the page's JSON-LD says about its article."""

    body: str = ""
    authors: tuple[str, ...] = ()
    headline: str = ""
    publisher: str = ""


def _objects(node, depth: int = 0):
    """Every JSON object in ``node`` that has a ``@type``, depth first."""
    if depth > _MAX_DEPTH:
        return
    if isinstance(node, list):
        for item in node:
            yield from _objects(item, depth + 1)
    elif isinstance(node, dict):
        if "@type" in node:
            yield node
        for key in ("@graph", "mainEntity", "mainEntityOfPage", "itemListElement"):
            if key in node:
                yield from _objects(node[key], depth + 1)


def _types(obj: dict) -> str:
    kind = obj.get("@type")
    return " ".join(str(k) for k in kind) if isinstance(kind, list) else str(kind)


def _names(value) -> tuple[str, ...]:
    """Author names from a JSON-LD ``author`` value (a string, a Person, or a list of them)."""
    if isinstance(value, str):
        return (value.strip(),) if value.strip() else ()
    if isinstance(value, dict):
        if "organization" in _types(value).lower():
            return ()
        name = value.get("name")
        return _names(name) if isinstance(name, str) else ()
    if isinstance(value, list):
        out: list[str] = []
        for item in value[:20]:
            out.extend(n for n in _names(item) if n not in out)
        return tuple(out)
    return ()


def _scripts(markup: str):
    """The text of each ``<script type="application/ld+json">``."""
    for hit in _TYPE.finditer(markup):
        opening = _OPEN.search(markup, max(0, hit.start() - 300), hit.start())
        close_tag = markup.find(">", hit.end())
        if opening is None or close_tag < 0 or "<" in markup[hit.end():close_tag]:
            continue
        end = _CLOSE.search(markup, close_tag)
        yield markup[close_tag + 1 : end.start() if end else len(markup)]


def article_from_jsonld(markup: str) -> JsonLdArticle:
    """The article the page's JSON-LD describes: its longest ``articleBody`` and its authors."""
    found = JsonLdArticle()
    organisations: dict[str, str] = {}  # @id -> name
    publisher_ids: list[str] = []
    for index, payload in enumerate(_scripts(markup)):
        if index >= _MAX_SCRIPTS:
            break
        payload = payload.strip()
        if not payload or len(payload) > _MAX_SCRIPT:
            continue
        try:
            data = json.loads(payload.removeprefix("<!--").removesuffix("-->"), strict=False)
        except (ValueError, RecursionError):
            continue
        for obj in _objects(data):
            if "organization" in _types(obj).lower() and isinstance(obj.get("name"), str):
                organisations.setdefault(str(obj.get("@id", "")), obj["name"].strip())
            if not _ARTICLE_TYPES.search(_types(obj)):
                continue
            publisher = obj.get("publisher")
            if isinstance(publisher, list) and publisher:
                publisher = publisher[0]
            if isinstance(publisher, dict) and not found.publisher:
                if isinstance(publisher.get("name"), str):
                    found.publisher = publisher["name"].strip()
                elif publisher.get("@id"):
                    publisher_ids.append(str(publisher["@id"]))
            body = obj.get("articleBody") or obj.get("text")
            if isinstance(body, str) and len(body) > len(found.body):
                found.body = body
            if not found.authors:
                found.authors = _names(obj.get("author"))
            headline = obj.get("headline")
            if not found.headline and isinstance(headline, str):
                found.headline = headline.strip()
    if not found.publisher:
        found.publisher = next((organisations[i] for i in publisher_ids if organisations.get(i)), "")
    return found
