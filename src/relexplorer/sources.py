"""Short source tags: where a fact is from, in a dozen characters (``Peace&Dev 2018``, ``CSIS 2022``).

A tag names the outlet (or, when the outlet is unknown, the first author's surname, the web
host, or the title's first words) and the year of publication. Tags of different documents that
come out the same are told apart the way reference lists do it: ``CSIS 2022a``, ``CSIS 2022b``
(in order of publication). Pure functions: :func:`relexplorer.catalog.source_tags` feeds them
the stored documents.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

MAX_NAME = 12  # characters of the name part of a tag
# Words an outlet's initials leave out ("Center for Strategic and International Studies": CSIS).
_MINOR = {"a", "an", "and", "at", "for", "in", "of", "on", "the", "to", "&", "und", "de", "du", "la", "le"}
_WORD = re.compile(r"[^\W_][\w'’.-]*", re.UNICODE)
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&]{1,7}$")
_PARENTHESISED = re.compile(r"\(([A-Z][A-Z0-9&]{1,7})\)")
_SUFFIXES = "abcdefghijklmnopqrstuvwxyz"
_ISSUE = re.compile(r"\s(?:No|Vol|Issue|Nr|№)\b\.?", re.I)
# Words that only say what sort of outlet a name is ("Xinhua News Agency" is Xinhua).
_GENERIC = {"news", "agency", "service", "online", "network", "media", "daily", "club", "group"}
# Words that open a name and only say what it is ("Journal of Neighbours" is Neighbours).
_LEADING = {"journal", "review", "bulletin", "magazine", "annals", "proceedings"}


@dataclass(frozen=True, slots=True)
class TagSource:
    """What a tag is made of: one document's id and metadata."""

    id: int
    source: str = ""
    author: str = ""
    published: str = ""
    url: str = ""
    title: str = ""
    slug: str = ""


@dataclass(frozen=True, slots=True)
class SourceTags:
    """The tag of each stored document, by document id."""

    by_document: dict[int, str]

    def get(self, document_id: int, default: str = "") -> str:
        """The tag of a document (``default`` for an unknown id)."""
        return self.by_document.get(document_id, default)


def short_outlet(outlet: str) -> str:
    """A short name for an outlet: ``Peace and Development`` -> ``Peace&Dev``,
    ``Center for Strategic and International Studies (CSIS)`` -> ``CSIS``."""
    outlet = " ".join(outlet.split())
    named = _PARENTHESISED.search(outlet)
    if named:
        return named.group(1)
    # "Peace and Development No. 2, 2018": the journal's name, not its issue.
    outlet = _ISSUE.split(re.split(r"[,;:|(]", outlet, maxsplit=1)[0], maxsplit=1)[0]
    words = [w for w in _WORD.findall(outlet) if not w.isdigit()]
    if not words:
        return ""
    if words and words[0].lower() == "the" and len(words) > 1:
        words = words[1:]
    if len(" ".join(words)) <= MAX_NAME:
        return " ".join(words)
    if any(_ACRONYM.match(w) for w in words[:1]):
        return words[0]
    major = [w for w in words if w.lower() not in _MINOR]
    if len(major) >= 2 and all(w.lower() in _GENERIC for w in major[1:]):
        return major[0][:MAX_NAME]
    if len(major) == 2 and major[0].lower() in _LEADING:
        return major[1][:MAX_NAME]
    if len(major) >= 3:
        return "".join(w[0].upper() for w in major)[:MAX_NAME]
    if len(major) == 2:
        joiner = "&" if any(w.lower() in ("and", "&") for w in words) else " "
        return f"{major[0][:MAX_NAME - 4]}{joiner}{major[1][:3]}"
    return major[0][:MAX_NAME] if major else outlet[:MAX_NAME]


def short_author(author: str) -> str:
    """The first author's surname (``Evan S. Medeiros and ...`` -> ``Medeiros``), or an
    acronym that opens a body's name (``CSIS China Power Team`` -> ``CSIS``)."""
    first = re.split(r"\s+(?:and|&)\s+|[,;/]", " ".join(author.split()), maxsplit=1)[0].strip()
    words = _WORD.findall(first)
    if not words:
        return ""
    if _ACRONYM.match(words[0]):
        return words[0]
    return words[-1][:MAX_NAME]


def _host(url: str) -> str:
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return ""
    parts = [p for p in host.split(".") if p not in ("www", "m", "amp", "news", "en", "english")]
    return parts[-2] if len(parts) >= 2 else (parts[0] if parts else "")


def _title_words(title: str, slug: str) -> str:
    words = [w for w in _WORD.findall(title or slug.replace("-", " ")) if w.lower() not in _MINOR]
    name = ""
    for word in words:
        candidate = f"{name} {word}".strip()
        if len(candidate) > MAX_NAME:
            break
        name = candidate
    return name or (words[0][:MAX_NAME] if words else "")


def base_tag(doc: TagSource) -> str:
    """The tag before documents that share it are told apart: name and year."""
    name = (short_outlet(doc.source) or short_author(doc.author) or _host(doc.url)
            or _title_words(doc.title, doc.slug) or "doc")
    year = doc.published[:4] if re.match(r"\d{4}", doc.published or "") else ""
    return f"{name} {year}".strip()


def source_tags(docs: Iterable[TagSource]) -> dict[int, str]:
    """A tag for each document; equal tags get ``a``, ``b``, ... in order of publication."""
    docs = list(docs)
    groups: dict[str, list[TagSource]] = {}
    for doc in docs:
        groups.setdefault(base_tag(doc), []).append(doc)
    tags: dict[int, str] = {}
    for tag, members in groups.items():
        if len(members) == 1:
            tags[members[0].id] = tag
            continue
        members.sort(key=lambda d: (d.published or "9999", d.id))
        for index, doc in enumerate(members):
            suffix = _SUFFIXES[index] if index < len(_SUFFIXES) else f"-{index + 1}"
            tags[doc.id] = f"{tag}{suffix}" if tag[-1:].isdigit() else f"{tag} {suffix}"
    return tags
