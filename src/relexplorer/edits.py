"""Metadata a person corrects (``relexplorer edit``, the explorer's edit dialog): each value
checked and put in the stored form before the store keeps it.

A date becomes ISO (``7 June 2018`` -> ``2018-06-07``; ``June 2018`` -> ``2018-06``); a URL must
be http(s) with a host; text is one line. A value is refused with one clear line rather than
stored half-right; a field can also be cleared (stored empty, and kept so after re-ingest).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Mapping
from urllib.parse import urlsplit

from relexplorer.display import safe_text
from relexplorer.errors import EditError
from relexplorer.lexicon import is_year

# What a person calls each field (the CLI's options, the dialog's labels), and its column.
FIELDS: dict[str, str] = {
    "title": "title", "author": "author", "date": "published", "source": "source", "url": "url",
    "editor": "editor",
}
TEXT_MAX = 1000
URL_MAX = 4096
_ISO = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")
# 5/1/2021: the 5th of January or the 1st of May, depending on who wrote it.
_NUMERIC_DATE = re.compile(r"(\d{1,2})[/.](\d{1,2})[/.]\d{4}")
DATE_FORMS = "2018-06-07, 7 June 2018, June 2018 or 2018"


def checked_changes(values: Mapping[str, str | None], clear: Iterable[str] = ()) -> dict[str, str]:
    """The stored form of the given fields (by column name), ready for ``Store.edit_document``.

    ``values`` maps field names of :data:`FIELDS` to a new value (None: not given); ``clear``
    names fields to empty. Raises :class:`EditError` for a value that cannot be stored.
    """
    changes: dict[str, str] = {}
    cleared = list(dict.fromkeys(clear))
    for name in cleared:
        if name not in FIELDS:
            raise EditError(f"cannot clear {name!r}: the fields are {', '.join(FIELDS)}")
        if values.get(name) is not None:
            raise EditError(f"--{name} and --clear {name} contradict each other; give one")
        changes[FIELDS[name]] = ""
    for name, value in values.items():
        if value is None:
            continue
        if name not in FIELDS:
            raise EditError(f"{name!r} is not an editable field: the fields are {', '.join(FIELDS)}")
        changes[FIELDS[name]] = checked_value(name, value)
    return changes


def checked_value(name: str, value: str) -> str:
    """One field's value in its stored form (see the module docstring)."""
    text = " ".join(value.split())
    if not text:
        raise EditError(f"--{name}: give a value (or --clear {name} to leave it empty)")
    if safe_text(text) != text:
        raise EditError(f"--{name}: contains control or direction-changing characters")
    if name == "date":
        return checked_date(text)
    if name == "url":
        return checked_url(text)
    if len(text) > TEXT_MAX:
        raise EditError(f"--{name}: {len(text):,} characters is too long (at most {TEXT_MAX:,})")
    return text


def checked_date(text: str) -> str:
    """``7 June 2018`` -> ``2018-06-07``; an ambiguous or impossible date is refused."""
    iso = _iso(text)
    numeric = _NUMERIC_DATE.fullmatch(text)
    if not iso and numeric and int(numeric.group(1)) <= 12 and int(numeric.group(2)) <= 12 \
            and numeric.group(1) != numeric.group(2):
        raise EditError(f"--date {text!r} is ambiguous (day or month first?): write {DATE_FORMS}")
    from relexplorer.extract.structure.dates import (
        only_date,  # the extractors load only when needed
    )

    iso = iso or only_date(text)
    if not iso:
        raise EditError(f"--date {text!r} is not a date: write {DATE_FORMS}")
    return iso


def _iso(text: str) -> str:
    match = _ISO.fullmatch(text)
    if not match:
        return ""
    year, month, day = (int(g) if g else None for g in match.groups())
    if not is_year(year) or (month is not None and not 1 <= month <= 12):
        raise EditError(f"--date {text!r} is not a date: write {DATE_FORMS}")
    if day is not None:
        try:
            datetime.date(year, month, day)
        except ValueError:
            raise EditError(f"--date {text!r} is not a date: write {DATE_FORMS}") from None
        return f"{year:04d}-{month:02d}-{day:02d}"
    return f"{year:04d}-{month:02d}" if month else f"{year:04d}"


def checked_url(text: str) -> str:
    """An http(s) URL with a host, as given; anything else is refused."""
    if len(text) > URL_MAX:
        raise EditError(f"--url: {len(text):,} characters is too long (at most {URL_MAX:,})")
    if " " in text:
        raise EditError(f"--url {text[:80]!r}: a URL has no spaces")
    try:
        parts = urlsplit(text)
        host = parts.hostname
    except ValueError:
        host, parts = None, None
    if parts is None or parts.scheme.lower() not in ("http", "https"):
        raise EditError(f"--url {text[:80]!r}: give an http:// or https:// address")
    if not host:
        raise EditError(f"--url {text[:80]!r}: no host name (write https://example.org/...)")
    return text
