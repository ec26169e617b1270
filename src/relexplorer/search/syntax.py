"""Search syntax: the text a person types, parsed into a :class:`Query`.

A word finds the facts with a word starting with it or sharing its stem (:mod:`relexplorer.stems`);
``"a phrase"`` finds these words in this order; ``-word`` or ``-"a phrase"`` excludes; ``OR``
(upper case) joins the two things beside it, ``(...)`` groups, ``-(...)`` excludes a group; field
filters ``topic:energy``, ``person:putin``, ``org:rosneft``, ``place:harbin``, ``entity:x``,
``speaker:putin`` (``speaker:author``), ``section:II``, ``year:2017``, ``kind:money``, ``unit:USD``,
``doc:SLUG``, ``is:marked``, ``note:word``, ``tag:name``, ``has:note``; numeric filters on figures
``value>1e9``, ``percent>20``, ``money>=1bn``, ``year>=2015``. Words are reduced to their folded
alphanumeric tokens here; nothing typed ever reaches SQL or FTS5 except as a quoted token or a
bound parameter (see :mod:`relexplorer.search.sql`).

``OR`` binds closer than the spaces between words, as in web search: ``china trade OR energy`` is
china and (trade or energy). A group's figure filters hold for the same figure only within one
side of an ``OR``. Odd input gets the reading typing needs: a trailing or doubled ``OR`` is left
out, a parenthesis left open closes at the end, a stray closing one is ignored.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from relexplorer.errors import QueryError
from relexplorer.model import FIGURE_KINDS
from relexplorer.stems import TOKEN, fold

MAX_QUERY_LENGTH = 2000
# Groups inside groups, at most: deeper is no reading anyone means, and recursion has an end.
MAX_DEPTH = 16
COUNT_CAP = 1000
_NUMBER = re.compile(r"^([+-]?(?:\d[\d,_]*\.?\d*|\.\d+)(?:e[+-]?\d+)?)\s*(k|m|mn|b|bn|t|tn|%)?$", re.I)
_SCALE = {"k": 1e3, "m": 1e6, "mn": 1e6, "b": 1e9, "bn": 1e9, "t": 1e12, "tn": 1e12, "%": 1.0}
_COMPARISON = re.compile(r"^([a-z_]+)(>=|<=|!=|>|<|=)(.*)$", re.I)
_FIELD = re.compile(r"^([a-z_]+):(.*)$", re.I)
_OPS = {">": ">", "<": "<", ">=": ">=", "<=": "<=", "=": "=", "!=": "!="}
ENTITY_FIELDS = {"person": "person", "people": "person", "org": "organization",
                 "organization": "organization", "organisation": "organization",
                 "place": "place", "entity": None}
# Filters on the user's notes (note:word, tag:name, has:note) and on who speaks (speaker:name).
NOTE_FIELDS = ("note", "tag", "has")
TEXT_FIELDS = ("topic", "section", "doc", "kind", "unit", "year", "is", "speaker", *NOTE_FIELDS,
               *ENTITY_FIELDS)
NUMERIC_FIELDS = ("value", "year", *FIGURE_KINDS)
# Exact filters by row id, added to a parsed Query by the explorer's tree (not typed by users:
# ``section:I`` or ``place:China`` match by label or substring, a tree node means one row).
ID_FIELDS = ("document_id", "section_id", "topic_id", "entity_id")
OR = "OR"


@dataclass(slots=True)
class Term:
    """A word or a phrase, as the folded tokens FTS5 will see.

    A single word (``phrase`` false) matches words starting with it or sharing its stem. A phrase
    matches its tokens in order, as written; an unquoted word of several tokens (``china-ru``,
    ``U.S.``) is a phrase whose last token may be the start of a word (``prefix``).
    """

    tokens: list[str]
    phrase: bool
    negated: bool = False
    raw: str = ""
    prefix: bool = True


@dataclass(slots=True)
class Group:
    """Alternatives joined by ``OR``, each a conjunction; ``negated`` leaves out what they find."""

    alternatives: list[Query]
    negated: bool = False


@dataclass(slots=True)
class Query:
    """A parsed query: a conjunction of text terms, filters and ``OR`` groups."""

    text: str = ""
    terms: list[Term] = field(default_factory=list)
    filters: list[tuple[str, str]] = field(default_factory=list)  # (field, value)
    comparisons: list[tuple[str, str, float]] = field(default_factory=list)  # (field, op, number)
    groups: list[Group] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        """True when the query selects every fact."""
        return not (self.terms or self.filters or self.comparisons or self.groups)

    def describe(self) -> str:
        """A short human description of the active filters, for the status line."""
        parts = [(("-" if t.negated else "") + (f'"{t.raw}"' if t.phrase and not t.prefix else t.raw))
                 for t in self.terms]
        parts += [f"{f}:{v}" for f, v in self.filters]
        parts += [f"{f}{op}{_format_number(n)}" for f, op, n in self.comparisons]
        parts += [_describe_group(g) for g in self.groups]
        return " ".join(parts)

    def conjunctions(self) -> Iterator[Query]:
        """This conjunction and every one inside its groups, however deep."""
        yield self
        for group in self.groups:
            for alternative in group.alternatives:
                yield from alternative.conjunctions()

    def has_filter(self, name: str) -> bool:
        """True when a filter of this field is anywhere in the query."""
        return any(f == name for q in self.conjunctions() for f, _ in q.filters)

    def found_terms(self) -> Iterator[Term]:
        """The terms whose matches make a fact a hit (not those inside an exclusion)."""
        yield from (t for t in self.terms if not t.negated)
        for group in self.groups:
            if not group.negated:
                for alternative in group.alternatives:
                    yield from alternative.found_terms()


def _describe_group(group: Group) -> str:
    inner = " OR ".join(a.describe() for a in group.alternatives)
    only = group.alternatives[0] if len(group.alternatives) == 1 else None
    if not (only and len(only.groups) == 1 and not (only.terms or only.filters or only.comparisons)
            and not only.groups[0].negated):
        inner = f"({inner})"
    return ("-" if group.negated else "") + inner


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


@dataclass(slots=True)
class _Lexeme:
    """One piece of the typed text: ``(``, ``)``, ``OR``, or a chunk (``quoted`` as _split made it)."""

    kind: str
    chunk: str = ""
    quoted: bool = False
    negated: bool = False  # for "(": written "-("


def _lex(text: str) -> list[_Lexeme]:
    """The typed text as lexemes: parentheses are peeled off the start and end of each chunk."""
    out: list[_Lexeme] = []
    for chunk, quoted in _split(text):
        head = chunk.split("\x00", 1)[0] if quoted else chunk
        while head.startswith(("(", "-(")):
            negated = head.startswith("-")
            out.append(_Lexeme("(", negated=negated))
            head = head[2 if negated else 1 :]
        if quoted:
            out.append(_Lexeme("chunk", head + "\x00" + chunk.split("\x00", 1)[1], True))
            continue
        body = head.rstrip(")")
        if body == OR:
            out.append(_Lexeme(OR))
        elif body:
            out.append(_Lexeme("chunk", body))
        out += [_Lexeme(")")] * (len(head) - len(body))
    return out


class _Parser:
    """Recursive descent over lexemes: a conjunction of items, an item being units joined by OR."""

    def __init__(self, lexemes: list[_Lexeme]):
        self.lexemes = lexemes
        self.at = 0

    def _peek(self) -> str | None:
        return self.lexemes[self.at].kind if self.at < len(self.lexemes) else None

    def conjunction(self, depth: int) -> Query:
        query = Query()
        while (kind := self._peek()) is not None:
            if kind == ")":
                self.at += 1
                if depth:
                    return query
                continue  # a closing parenthesis that closes nothing
            if kind == OR:
                self.at += 1  # nothing on its left: "OR trade", "OR OR"
                continue
            units = [self.unit(depth)]
            while self._peek() == OR:
                while self._peek() == OR:
                    self.at += 1
                if self._peek() in (None, ")"):
                    break  # "trade OR" while the next word is being typed
                units.append(self.unit(depth))
            units = [u for u in units if not u.empty]
            if len(units) == 1:
                _merge(query, units[0])
            elif units:
                query.groups.append(Group(units))
        return query  # a parenthesis left open closes at the end

    def unit(self, depth: int) -> Query:
        lexeme = self.lexemes[self.at]
        self.at += 1
        if lexeme.kind == "(":
            if depth >= MAX_DEPTH:
                raise QueryError(f"parentheses nested too deep (the limit is {MAX_DEPTH})")
            inner = self.conjunction(depth + 1)
            if lexeme.negated and not inner.empty:
                return Query(groups=[Group([inner], negated=True)])
            return inner
        query = Query()
        _add_chunk(query, lexeme.chunk, lexeme.quoted)
        return query


def _merge(into: Query, part: Query) -> None:
    into.terms += part.terms
    into.filters += part.filters
    into.comparisons += part.comparisons
    into.groups += part.groups


def parse_query(text: str) -> Query:
    """Parse the search syntax; raise :class:`QueryError` with a clear message when invalid."""
    if len(text) > MAX_QUERY_LENGTH:
        raise QueryError(f"query too long ({len(text):,} characters; the limit is {MAX_QUERY_LENGTH:,})")
    text = text.replace("\x00", " ")
    query = _Parser(_lex(text)).conjunction(0)
    query.text = text
    return query


def _unknown_filter(name: str) -> QueryError:
    return QueryError(f"unknown filter '{name}:' (known: {', '.join(sorted(set(TEXT_FIELDS)))})")


def _add_chunk(query: Query, chunk: str, quoted: bool) -> None:
    """Add one chunk of the typed text (a word, a phrase, a filter) to ``query``."""
    if quoted:
        prefix, inner = chunk.split("\x00", 1)
        negated = prefix.startswith("-")
        body = prefix[1:] if negated else prefix
        if body.endswith(":"):
            # The same rules as unquoted: known filters only, never negated.
            name = body[:-1].lower()
            if name in TEXT_FIELDS and not negated:
                _add_filter(query, name, inner.strip())
                return
            if name.isalpha() and name not in TEXT_FIELDS:
                raise _unknown_filter(name)
        if body:
            _add_word(query, body, negated=negated)
        tokens = [fold(t) for t in TOKEN.findall(inner)]
        if tokens:
            query.terms.append(Term(tokens, phrase=True, negated=negated, raw=inner.strip(), prefix=False))
        return
    negated = chunk.startswith("-") and len(chunk) > 1
    body = chunk[1:] if negated else chunk
    comparison = _COMPARISON.match(body)
    if comparison and comparison.group(1).lower() in NUMERIC_FIELDS and not negated:
        name, op, number = comparison.groups()
        if not number:
            raise QueryError(f"{name}{op} needs a number, e.g. {name}{op}100")
        query.comparisons.append((name.lower(), _OPS[op], parse_number(number)))
        return
    field_match = _FIELD.match(body)
    if field_match and not negated:
        name, value = field_match.group(1).lower(), field_match.group(2)
        if name in TEXT_FIELDS:
            _add_filter(query, name, value)
            return
        if name.isalpha():
            raise _unknown_filter(name)
    _add_word(query, body, negated)


def _add_word(query: Query, word: str, negated: bool) -> None:
    tokens = [fold(t) for t in TOKEN.findall(word)]
    if tokens:
        query.terms.append(Term(tokens, phrase=len(tokens) > 1, negated=negated, raw=word))


def _add_filter(query: Query, name: str, value: str) -> None:
    value = value.strip()
    if name == "tag":
        value = value.lstrip("#")
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
    if name == "has" and value.lower() not in ("note", "notes"):
        raise QueryError(f"has:{value} is unknown (try has:note)")
    if name == "note" and not TOKEN.search(value):
        raise QueryError(f"note:{value} has no word to look for (try note:risk)")
    query.filters.append((name, value))


_EXAMPLES = {
    "topic": "topic:energy", "person": "person:putin", "org": "org:rosneft", "place": "place:harbin",
    "section": "section:II", "doc": "doc:china-russia", "unit": "unit:USD", "kind": "kind:money",
    "year": "year:2017", "entity": "entity:gazprom", "is": "is:marked", "speaker": "speaker:putin",
    "note": "note:risk", "tag": "tag:followup", "has": "has:note",
}
