"""Search syntax: the text a person types, parsed into a :class:`Query`.

Words match as prefixes; ``"a phrase"``; ``-word`` or ``-"a phrase"`` excludes; field filters
``topic:energy``, ``person:putin``, ``org:rosneft``, ``place:harbin``, ``entity:x``,
``section:II``, ``year:2017``, ``kind:money``, ``unit:USD``, ``doc:SLUG``, ``is:marked``;
numeric filters on figures ``value>1e9``, ``percent>20``, ``money>=1bn``, ``year>=2015``.
Words are reduced to their alphanumeric tokens here; nothing typed ever reaches SQL or FTS5
except as a quoted token or a bound parameter (see :mod:`relexplorer.search.sql`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from relexplorer.errors import QueryError
from relexplorer.model import FIGURE_KINDS

MAX_QUERY_LENGTH = 2000
COUNT_CAP = 1000
_TOKEN = re.compile(r"[^\W_]+")
_NUMBER = re.compile(r"^([+-]?(?:\d[\d,_]*\.?\d*|\.\d+)(?:e[+-]?\d+)?)\s*(k|m|mn|b|bn|t|tn|%)?$", re.I)
_SCALE = {"k": 1e3, "m": 1e6, "mn": 1e6, "b": 1e9, "bn": 1e9, "t": 1e12, "tn": 1e12, "%": 1.0}
_COMPARISON = re.compile(r"^([a-z_]+)(>=|<=|!=|>|<|=)(.*)$", re.I)
_FIELD = re.compile(r"^([a-z_]+):(.*)$", re.I)
_OPS = {">": ">", "<": "<", ">=": ">=", "<=": "<=", "=": "=", "!=": "!="}
ENTITY_FIELDS = {"person": "person", "people": "person", "org": "organization",
                 "organization": "organization", "organisation": "organization",
                 "place": "place", "entity": None}
TEXT_FIELDS = ("topic", "section", "doc", "kind", "unit", "year", "is", *ENTITY_FIELDS)
NUMERIC_FIELDS = ("value", "year", *FIGURE_KINDS)
# Exact filters by row id, added to a parsed Query by the explorer's tree (not typed by users:
# ``section:I`` or ``place:China`` match by label or substring, a tree node means one row).
ID_FIELDS = ("document_id", "section_id", "topic_id", "entity_id")


@dataclass(slots=True)
class Term:
    """A word (prefix match) or a phrase, as the tokens FTS5 will see."""

    tokens: list[str]
    phrase: bool
    negated: bool = False
    raw: str = ""


@dataclass(slots=True)
class Query:
    """A parsed query: text terms plus filters."""

    text: str
    terms: list[Term] = field(default_factory=list)
    filters: list[tuple[str, str]] = field(default_factory=list)  # (field, value)
    comparisons: list[tuple[str, str, float]] = field(default_factory=list)  # (field, op, number)

    @property
    def empty(self) -> bool:
        """True when the query selects every fact."""
        return not (self.terms or self.filters or self.comparisons)

    def describe(self) -> str:
        """A short human description of the active filters, for the status line."""
        parts = [(("-" if t.negated else "") + (f'"{t.raw}"' if t.phrase else t.raw)) for t in self.terms]
        parts += [f"{f}:{v}" for f, v in self.filters]
        parts += [f"{f}{op}{_format_number(n)}" for f, op, n in self.comparisons]
        return " ".join(parts)



def _format_number(n: float) -> str:
    return f"{n:g}"


def parse_number(text: str) -> float:
    """Parse ``1e9``, ``1,000``, ``2.5bn``, ``20%``; raise QueryError otherwise."""
    m = _NUMBER.match(text.strip())
    if not m:
        raise QueryError(f"'{text}' is not a number (try 20, 1e9, 2.5bn)")
    try:
        number = float(m.group(1).replace(",", "").replace("_", ""))
    except ValueError:
        raise QueryError(f"'{text}' is not a number (try 20, 1e9, 2.5bn)") from None
    return number * _SCALE.get((m.group(2) or "").lower(), 1.0)


def _split(text: str) -> list[tuple[str, bool]]:
    """Split into (chunk, quoted) pieces; quotes group, an unbalanced quote runs to the end."""
    pieces: list[tuple[str, bool]] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch.isspace():
            i += 1
            continue
        start = i
        prefix = ""
        # A prefix such as -, field: or field:"..." glued to a quote.
        while i < n and not text[i].isspace() and text[i] != '"':
            i += 1
        prefix = text[start:i]
        if i < n and text[i] == '"':
            close = text.find('"', i + 1)
            inner = text[i + 1 :] if close < 0 else text[i + 1 : close]
            i = n if close < 0 else close + 1
            pieces.append((prefix + "\x00" + inner, True))
        else:
            pieces.append((prefix, False))
    return pieces


def parse_query(text: str) -> Query:
    """Parse the search syntax; raise :class:`QueryError` with a clear message when invalid."""
    if len(text) > MAX_QUERY_LENGTH:
        raise QueryError(f"query too long ({len(text):,} characters; the limit is {MAX_QUERY_LENGTH:,})")
    text = text.replace("\x00", " ")
    query = Query(text=text)
    for chunk, quoted in _split(text):
        if quoted:
            prefix, inner = chunk.split("\x00", 1)
            negated = prefix.startswith("-")
            body = prefix[1:] if negated else prefix
            if body.endswith(":"):
                # The same rules as unquoted: known filters only, never negated.
                name = body[:-1].lower()
                if name in TEXT_FIELDS and not negated:
                    _add_filter(query, name, inner.strip())
                    continue
                if name.isalpha() and name not in TEXT_FIELDS:
                    raise QueryError(
                        f"unknown filter '{name}:' (known: {', '.join(sorted(set(TEXT_FIELDS)))})"
                    )
            if body:
                _add_word(query, body, negated=negated)
            tokens = _TOKEN.findall(inner.lower())
            if tokens:
                query.terms.append(Term(tokens, phrase=True, negated=negated, raw=inner.strip()))
            continue
        negated = chunk.startswith("-") and len(chunk) > 1
        body = chunk[1:] if negated else chunk
        comparison = _COMPARISON.match(body)
        if comparison and comparison.group(1).lower() in NUMERIC_FIELDS and not negated:
            name, op, number = comparison.groups()
            if not number:
                raise QueryError(f"{name}{op} needs a number, e.g. {name}{op}100")
            query.comparisons.append((name.lower(), _OPS[op], parse_number(number)))
            continue
        field_match = _FIELD.match(body)
        if field_match and not negated:
            name, value = field_match.group(1).lower(), field_match.group(2)
            if name in TEXT_FIELDS:
                _add_filter(query, name, value)
                continue
            if name.isalpha():
                raise QueryError(
                    f"unknown filter '{name}:' (known: {', '.join(sorted(set(TEXT_FIELDS)))})"
                )
        _add_word(query, body, negated)
    return query


def _add_word(query: Query, word: str, negated: bool) -> None:
    tokens = _TOKEN.findall(word.lower())
    if tokens:
        query.terms.append(Term(tokens, phrase=len(tokens) > 1, negated=negated, raw=word))


def _add_filter(query: Query, name: str, value: str) -> None:
    value = value.strip()
    if not value:
        raise QueryError(f"{name}: needs a value, e.g. {_EXAMPLES.get(name, name + ':x')}")
    if name == "kind":
        matches = [k for k in FIGURE_KINDS if k.startswith(value.lower())]
        if not matches:
            raise QueryError(f"unknown figure kind '{value}' (known: {', '.join(FIGURE_KINDS)})")
        value = matches[0]
    if name == "year":
        try:
            year = int(value)
        except ValueError:
            raise QueryError(f"year:{value} is not a year (try year:2017)") from None
        if abs(year) > 9999:  # SQLite's integers end at 2**63; no date figure is that far off
            raise QueryError(f"year:{value} is not a year (try year:2017)")
    if name == "is" and value.lower() != "marked":
        raise QueryError(f"is:{value} is unknown (try is:marked)")
    query.filters.append((name, value))


_EXAMPLES = {
    "topic": "topic:energy", "person": "person:putin", "org": "org:rosneft", "place": "place:harbin",
    "section": "section:II", "doc": "doc:china-russia", "unit": "unit:USD", "kind": "kind:money",
    "year": "year:2017", "entity": "entity:gazprom", "is": "is:marked",
}

