"""YAML front matter (or a block of ``key: value`` lines that is not valid YAML) into metadata.

Title, author(s), editor, date, source (publication, journal, publisher, site, outlet), URL
(``url``, ``link``, ``canonical``; a web clipper's ``source: https://...`` too), then the
extras: subtitle, description, language, DOI, updated, tags. Values are user input: cut to
:data:`_FRONT_VALUE_MAX` characters, lists to a few items.
"""

from __future__ import annotations

import datetime as _dt
import re

from relexplorer.extract.structure.dates import normalise_date
from relexplorer.extract.structure.metadata import URL, tidy_source
from relexplorer.model import Metadata

# Front matter is user input: values are cut to this many characters, lists to this many items.
_FRONT_VALUE_MAX = 500
_FRONT_NAMES_MAX = 20
_FRONT_TAGS_MAX = 50



def lenient_front_matter(lines: list[str]) -> dict:
    """``key: value`` lines of a front matter block that is not valid YAML."""
    data = {}
    for line in lines:
        m = re.match(r"([A-Za-z_][\w -]{0,40}):\s*(.*)$", line)
        if m and m.group(2).strip():
            data[m.group(1).strip().lower()] = m.group(2).strip().strip("\"'")
    return data


def _pick(fm: dict, *keys: str):
    """The first non-empty value among ``keys`` (in that order), matched case-insensitively."""
    for k in keys:
        for key, value in fm.items():
            if str(key).lower() == k and value not in (None, "", [], {}):
                return value
    return None


def _as_text(value, depth: int = 0) -> str:
    """A front matter value as text: a list of names joined with "and", a mapping by its name."""
    # bounded: front matter is user input, and nested values can be arbitrarily large
    if isinstance(value, (list, tuple)):
        if depth > 2:
            return ""
        names = [_as_text(v, depth + 1) for v in value[:_FRONT_NAMES_MAX] if v not in (None, "")]
        names = [n for n in names if n]
        if len(names) > 1:
            return (", ".join(names[:-1]) + " and " + names[-1])[:_FRONT_VALUE_MAX]
        return names[0] if names else ""
    if isinstance(value, dict):
        return _as_text(value.get("name") or value.get("title") or "", depth + 1)
    return str(value).strip()[:_FRONT_VALUE_MAX]


def _as_date(value) -> str:
    return normalise_date(value if isinstance(value, _dt.date) else _as_text(value))


def apply_front_matter(meta: Metadata, fm: dict) -> None:
    """Fill ``meta`` from front matter: title, author, editor, date, source, then extras."""
    title = _pick(fm, "title", "headline")
    if title is not None:
        meta.title = _as_text(title)
    author = _pick(fm, "author", "authors", "by", "byline", "creator", "writer")
    if author is not None:
        meta.author = _as_text(author)
    editor = _pick(fm, "editor", "editors")
    if editor is not None:
        meta.editor = _as_text(editor)
    date = _pick(
        fm, "date", "published", "pubdate", "publish_date", "published_at", "publishdate", "created"
    )
    if date is not None:
        meta.published = _as_date(date)
    url = _pick(fm, "url", "link", "canonical", "source_url")
    if url is not None and URL.match(_as_text(url)):
        meta.url = _as_text(url)
    for key in ("source", "publication", "journal", "publisher", "site", "site_name", "outlet"):
        value = _pick(fm, key)
        if value is None:
            continue
        if URL.match(_as_text(value)):
            meta.url = meta.url or _as_text(value)  # a web clipper's "source: https://..."
        elif not meta.source:
            meta.source = tidy_source(_as_text(value))
    for key in ("subtitle", "description", "language", "lang", "doi", "updated"):
        value = _pick(fm, key)
        if value is not None:
            if key == "updated":
                iso = _as_date(value)
                if iso:
                    meta.extra.setdefault(key, iso)
            else:
                meta.extra.setdefault(key, _as_text(value))
    tags = _pick(fm, "tags", "keywords", "categories")
    if tags is not None:
        if isinstance(tags, (list, tuple)):
            names = [_as_text(t, 2) for t in tags[:_FRONT_TAGS_MAX]]
            meta.extra.setdefault("tags", ", ".join(n for n in names if n)[:_FRONT_VALUE_MAX])
        else:
            meta.extra.setdefault("tags", _as_text(tags))
