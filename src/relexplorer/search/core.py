"""Query: the search syntax, parsed into parameterised SQL over the store.

Syntax (see the README): words match as prefixes; ``"a phrase"``; ``-word`` or ``-"a phrase"``
excludes; field filters ``topic:energy``, ``person:putin``, ``org:rosneft``, ``place:harbin``,
``entity:x``, ``section:II``, ``year:2017``, ``kind:money``, ``unit:USD``, ``doc:SLUG``,
``is:marked``; numeric filters on figures ``value>1e9``, ``percent>20``, ``money>=1bn``,
``year>=2015``. Figure filters in one query (kind, unit, value, kind comparisons) must hold for
the same figure. No user text is ever pasted into SQL or into an FTS5 expression: words are
reduced to their alphanumeric tokens and quoted; everything else is a bound parameter.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass, field

from relexplorer.errors import QueryError
from relexplorer.model import FIGURE_KINDS
from relexplorer.store import Store

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


@dataclass(slots=True)
class SearchResult:
    """One page of facts matching a query."""

    query: Query
    hits: list[dict]
    total: int
    total_exact: bool
    offset: int

    @property
    def total_label(self) -> str:
        """``"42"``, or ``"1,000+"`` when the count was capped."""
        return f"{self.total:,}" if self.total_exact else f"{self.total:,}+"


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
            int(value)
        except ValueError:
            raise QueryError(f"year:{value} is not a year (try year:2017)") from None
    if name == "is" and value.lower() != "marked":
        raise QueryError(f"is:{value} is unknown (try is:marked)")
    query.filters.append((name, value))


_EXAMPLES = {
    "topic": "topic:energy", "person": "person:putin", "org": "org:rosneft", "place": "place:harbin",
    "section": "section:II", "doc": "doc:china-russia", "unit": "unit:USD", "kind": "kind:money",
    "year": "year:2017", "entity": "entity:gazprom", "is": "is:marked",
}


def _like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def fts_expression(terms: list[Term], *, prefix_last_only: bool = False) -> str:
    """The FTS5 MATCH expression for positive and negative terms (tokens quoted)."""
    def render(term: Term, prefix: bool) -> str:
        quoted = '"' + " ".join(term.tokens) + '"'
        return quoted + ("*" if prefix else "")

    positives = [render(t, not t.phrase) for t in terms if not t.negated]
    negatives = [render(t, False) for t in terms if t.negated]
    expression = " AND ".join(positives)
    for neg in negatives:
        expression += f" NOT {neg}"
    return expression


@dataclass(slots=True)
class _Filter:
    """One filter as a set of fact ids: ``ids_sql`` selects them, ``exists_sql`` tests one.

    ``exists_sql`` has ``{id}`` where the candidate fact id goes. ``estimate_sql`` counts
    (roughly, from kept counters or a bounded index probe) how many facts the filter keeps.
    """

    ids_sql: str
    exists_sql: str
    params: list
    estimate_sql: str | None = None
    estimate_params: list = field(default_factory=list)
    exists_params: list | None = None  # when they differ from ``params``


def _figure_filter(conditions: list[str], params: list) -> _Filter:
    where = " AND ".join(conditions)
    listed, listed_params = where, params
    if not any(c.startswith(("g.kind", "g.unit")) for c in conditions):
        # Lets the (kind, value) index serve a bare value comparison: one range per kind. (With
        # a unit, its own index is better: SQLite would otherwise take this one and scan.)
        listed = f"g.kind IN (SELECT kind FROM figure_kinds) AND {where}"
    return _Filter(
        f"SELECT g.fact_id FROM figures g WHERE {listed}",
        # Named index: otherwise SQLite may pick (kind, value) and scan a range per candidate.
        f"EXISTS (SELECT 1 FROM figures g INDEXED BY figures_fact WHERE g.fact_id = {{id}} AND {where})",
        listed_params,
        f"SELECT count(*) FROM (SELECT 1 FROM figures g WHERE {listed} LIMIT ?)",
        listed_params,
        params,
    )


def _year_filter(year: int) -> _Filter:
    """Facts with a date figure covering ``year`` (a year, or a range such as 2018 to 2022)."""
    # Two index ranges instead of "value <= year", which reads every earlier date: the dates
    # of that year on (kind, value), and the ranges that reach it on the (covering, partial)
    # index of date ranges.
    listed = ("SELECT g.fact_id FROM figures g WHERE g.kind = 'date' AND g.value = ? "
              "AND coalesce(g.end_value, g.value) >= ? "
              "UNION ALL SELECT g.fact_id FROM figures g INDEXED BY figures_date_range "
              "WHERE g.kind = 'date' AND g.end_value IS NOT NULL AND g.end_value >= ? AND g.value < ?")
    listed_params = [year, year, year, year]
    return _Filter(
        listed,
        "EXISTS (SELECT 1 FROM figures g INDEXED BY figures_fact WHERE g.fact_id = {id} "
        "AND g.kind = 'date' AND g.value <= ? AND coalesce(g.end_value, g.value) >= ?)",
        listed_params,
        f"SELECT count(*) FROM ({listed} LIMIT ?)",
        listed_params,
        [year, year],
    )


def _fact_column_filter(column: str, subquery: str, params: list, estimate_sql: str | None = None) -> _Filter:
    return _Filter(
        f"SELECT x.id FROM facts x WHERE x.{column} IN ({subquery})",
        f"EXISTS (SELECT 1 FROM facts x WHERE x.id = {{id}} AND x.{column} IN ({subquery}))",
        params,
        estimate_sql,
        params if estimate_sql else [],
    )


def _id_filter(name: str, row_id: int) -> _Filter:
    """The exact filters the explorer's tree adds (see ID_FIELDS): one row, by id."""
    if name == "document_id":
        return _fact_column_filter("document_id", "SELECT ?", [row_id],
                                   "SELECT fact_count FROM documents WHERE id = ?")
    if name == "section_id":
        # A section includes its subsections, however deep.
        sections = ("WITH RECURSIVE sub(id) AS (SELECT ? UNION "
                    "SELECT s.id FROM sections s JOIN sub ON s.parent_id = sub.id) SELECT id FROM sub")
        return _fact_column_filter("section_id", sections, [row_id],
                                   f"SELECT coalesce(sum(fact_count), 0) FROM sections WHERE id IN ({sections})")
    table, column, counts = {
        "topic_id": ("fact_topics", "topic_id", "topics"),
        "entity_id": ("fact_entities", "entity_id", "entities"),
    }[name]
    return _Filter(
        f"SELECT x.fact_id FROM {table} x WHERE x.{column} = ?",
        f"EXISTS (SELECT 1 FROM {table} x WHERE x.fact_id = {{id}} AND x.{column} = ?)",
        [row_id],
        f"SELECT fact_count FROM {counts} WHERE id = ?",
        [row_id],
    )


def _filters(query: Query, marked_ids: set[int] | None) -> list[_Filter]:
    out: list[_Filter] = []
    figure_conditions: list[str] = []
    figure_params: list = []
    for name, value in query.filters:
        if name == "topic":
            params = [_like(value) + "%", _like(value) + "%"]
            topics = "SELECT t.id FROM topics t WHERE t.name LIKE ? ESCAPE '\\' OR t.label LIKE ? ESCAPE '\\'"
            out.append(_Filter(
                f"SELECT ft.fact_id FROM fact_topics ft WHERE ft.topic_id IN ({topics})",
                f"EXISTS (SELECT 1 FROM fact_topics ft INDEXED BY fact_topics_fact "
                f"WHERE ft.fact_id = {{id}} AND ft.topic_id IN ({topics}))",
                params,
                "SELECT coalesce(sum(t.fact_count), 0) FROM topics t "
                "WHERE t.name LIKE ? ESCAPE '\\' OR t.label LIKE ? ESCAPE '\\'",
                params,
            ))
        elif name in ENTITY_FIELDS:
            kind = ENTITY_FIELDS[name]
            # The exact name when there is one (place:China is not "South China Sea"), else
            # any name with a word starting so (person:putin finds "Vladimir Putin").
            # "x.kind = ?", not "x.kind = e.kind": uncorrelated, SQLite tests it once instead of
            # scanning every entity for every entity (person:putin took 3 s at 5,000 people).
            same_kind = " AND x.kind = ?" if kind else ""
            entities = (
                "SELECT e.id FROM entities e WHERE (e.name = ? COLLATE NOCASE OR ("
                f"NOT EXISTS (SELECT 1 FROM entities x WHERE x.name = ? COLLATE NOCASE{same_kind}) "
                "AND (e.name LIKE ? ESCAPE '\\' OR e.name LIKE ? ESCAPE '\\')))"
            )
            params: list = [value, value, *([kind] if kind else []), _like(value) + "%", "% " + _like(value) + "%"]
            if kind:
                entities += " AND e.kind = ?"
                params.append(kind)
            out.append(_Filter(
                f"SELECT fe.fact_id FROM fact_entities fe WHERE fe.entity_id IN ({entities})",
                f"EXISTS (SELECT 1 FROM fact_entities fe INDEXED BY fact_entities_fact "
                f"WHERE fe.fact_id = {{id}} AND fe.entity_id IN ({entities}))",
                params,
                "SELECT coalesce(sum(e.fact_count), 0) FROM entities e WHERE e.id IN (" + entities + ")",
                params,
            ))
        elif name == "section" and "." in value.strip("."):
            # A dotted path such as I.A: the subsection A of section I.
            parent_label, label = value.strip(".").rsplit(".", 1)
            sections = ("SELECT s.id FROM sections s JOIN sections p ON p.id = s.parent_id "
                        "WHERE s.label = ? COLLATE NOCASE AND p.label = ? COLLATE NOCASE")
            params = [label, parent_label.rsplit(".", 1)[-1]]
            out.append(_fact_column_filter(
                "section_id", sections, params,
                f"SELECT coalesce(sum(fact_count), 0) FROM sections WHERE id IN ({sections})"))
        elif name == "section":
            value = value.rstrip(".")
            # A label (I, A, 2) matches labels only: section:I is not "Cooperation In ...".
            by_heading = len(value) >= 3 and not value.isdigit()
            sections = ("SELECT s.id FROM sections s WHERE s.label = ? COLLATE NOCASE "
                        "OR (? AND (s.heading LIKE ? ESCAPE '\\' OR s.heading LIKE ? ESCAPE '\\')) "
                        "OR s.parent_id IN (SELECT p.id FROM sections p WHERE p.label = ? COLLATE NOCASE)")
            params = [value, int(by_heading), _like(value) + "%", "% " + _like(value) + "%", value]
            out.append(_fact_column_filter(
                "section_id", sections, params,
                f"SELECT coalesce(sum(fact_count), 0) FROM sections WHERE id IN ({sections})"))
        elif name == "doc":
            # A range on the slug index: LIKE would read every (large) document row.
            prefix = value.lower()
            # The exact slug when there is one (doc:x is not also x-2), else a slug prefix.
            docs = ("SELECT d.id FROM documents d WHERE d.slug = ? OR ("
                    "NOT EXISTS (SELECT 1 FROM documents x WHERE x.slug = ?) AND d.slug >= ? AND d.slug < ?)")
            out.append(_fact_column_filter(
                "document_id", docs, [prefix, prefix, prefix, prefix + "\U0010ffff"],
                # Documents hold about a hundred facts; their kept counts sit behind the text.
                f"SELECT count(*) * 100 FROM ({docs})"))
        elif name == "year":
            out.append(_year_filter(int(value)))
        elif name == "kind":
            figure_conditions.append("g.kind = ?")
            figure_params.append(value)
        elif name == "unit":
            figure_conditions.append("g.unit = ? COLLATE NOCASE")
            figure_params.append(value)
        elif name in ID_FIELDS:
            out.append(_id_filter(name, int(value)))
        elif name == "is":
            ids = "[" + ",".join(map(str, sorted(marked_ids or ()))) + "]"
            out.append(_Filter(
                "SELECT value FROM json_each(?)",
                "{id} IN (SELECT value FROM json_each(?))",
                [ids],
            ))
    for name, op, number in query.comparisons:
        if name == "year":
            out.append(_figure_filter(["g.kind = 'date'", f"g.value {op} ?"], [number]))
            continue
        if name != "value":
            figure_conditions.append("g.kind = ?")
            figure_params.append(name)
        figure_conditions.append(f"g.value {op} ?")
        figure_params.append(number)
    if figure_conditions:
        out.append(_figure_filter(figure_conditions, figure_params))
    return out


def _dense_threshold(store: Store, count_cap: int) -> int:
    """Above this many facts a filter is tested fact by fact instead of listed in full.

    Listing costs about one step per fact the filter keeps; testing costs one step per
    candidate read until ``count_cap`` hits are found, about ``cap * total / kept``. They cross
    near ``sqrt(cap * total)``.
    """
    total = store.rows("SELECT coalesce(max(id), 0) AS n FROM facts")[0]["n"]
    return max(2_000, int((max(count_cap, 50) * max(total, 1)) ** 0.5))


def _is_dense(store: Store, flt: _Filter, threshold: int) -> bool:
    if flt.estimate_sql is None:
        return False
    params = list(flt.estimate_params)
    if flt.estimate_sql.endswith("LIMIT ?)"):
        params.append(threshold + 1)
    try:
        rows = store.rows(flt.estimate_sql, params)
    except Exception:  # an estimate is only a hint: it must never fail a search
        return False
    return bool(rows) and (list(rows[0].values())[0] or 0) > threshold


_FTS_OUTER = ("SELECT f.id FROM (", ") AS f")


def build_sql(
    query: Query,
    *,
    marked_ids: set[int] | None = None,
    store: Store | None = None,
    count_cap: int = 1000,
) -> tuple[str, list, bool]:
    """``(sql, params, uses_fts)`` selecting the ids of matching facts as ``f.id``.

    Append ``ORDER BY f.id`` (document order) and a LIMIT; the result is also usable as a
    subquery (``... WHERE id = ?``). When the text has words, FTS5 drives and streams its rows
    in id order, so a page and a capped count stop early instead of sorting every match. Given
    the ``store``, filters that keep many facts are tested per candidate and filters that keep
    few are listed once (see :func:`_dense_threshold`); without it every filter is listed.
    """
    positives = [t for t in query.terms if not t.negated]
    negatives = [t for t in query.terms if t.negated]
    uses_fts = bool(positives)
    filters = _filters(query, marked_ids)
    threshold = _dense_threshold(store, count_cap) if store is not None and filters else 0
    candidate = "facts_fts.rowid" if uses_fts else "f.id"
    params: list = []
    clauses: list[str] = []
    if uses_fts:
        clauses.append("facts_fts MATCH ?")
        params.append(fts_expression(query.terms))
    elif negatives:
        clauses.append("f.id NOT IN (SELECT rowid FROM facts_fts WHERE facts_fts MATCH ?)")
        params.append(" OR ".join('"' + " ".join(t.tokens) + '"' for t in negatives))
    for flt in filters:
        if store is not None and _is_dense(store, flt, threshold):
            clauses.append(flt.exists_sql.format(id=candidate))
            params += flt.params if flt.exists_params is None else flt.exists_params
            continue
        if uses_fts:
            # The unary + keeps SQLite from probing FTS5 once per listed id: FTS5 streams,
            # the list is looked up.
            clauses.append(f"+{candidate} IN ({flt.ids_sql})")
        else:
            clauses.append(f"{candidate} IN ({flt.ids_sql})")
        params += flt.params
    where = " WHERE " + " AND ".join(clauses) if clauses else ""
    if uses_fts:
        # Flattened by SQLite: ORDER BY f.id becomes FTS5's own rowid order.
        sql = f"{_FTS_OUTER[0]}SELECT facts_fts.rowid AS id FROM facts_fts{where}{_FTS_OUTER[1]}"
    else:
        sql = f"SELECT f.id FROM facts f{where}"
    return sql, params, uses_fts


def search(
    store: Store,
    text: str | Query,
    *,
    limit: int = 50,
    offset: int = 0,
    order: str = "position",
    count_cap: int = COUNT_CAP,
) -> SearchResult:
    """Facts matching ``text``, a page at a time, in document order (or ``order="rank"``).

    The total is exact up to ``count_cap`` and reported as ``cap+`` beyond it, so that a
    keystroke never waits for a count of a million rows.
    """
    query = text if isinstance(text, Query) else parse_query(text)
    marked = store.marked_ids() if any(f == "is" for f, _ in query.filters) else None
    try:
        sql, params, uses_fts = build_sql(query, marked_ids=marked, store=store, count_cap=count_cap)
        capped = count_cap is not None and count_cap > 0
        if order == "rank" and uses_fts:
            inner = sql.removeprefix(_FTS_OUTER[0]).removesuffix(_FTS_OUTER[1])
            ranked = inner + " ORDER BY facts_fts.rank LIMIT ? OFFSET ?"
            ids = [r["id"] for r in store.rows(ranked, [*params, limit, offset])]
            first = None
        elif capped and offset + limit <= count_cap + 1:
            # One pass gives the page and the capped count.
            first = [r["id"] for r in store.rows(sql + " ORDER BY f.id LIMIT ?", [*params, count_cap + 1])]
            ids = first[offset : offset + limit]
        else:
            ids = [r["id"] for r in store.rows(sql + " ORDER BY f.id LIMIT ? OFFSET ?", [*params, limit, offset])]
            first = None
        if capped:
            total = len(first) if first is not None else \
                store.rows(f"SELECT count(*) AS n FROM ({sql} LIMIT ?)", [*params, count_cap + 1])[0]["n"]
            exact = total <= count_cap
            total = min(total, count_cap)
        else:
            total = store.rows(f"SELECT count(*) AS n FROM ({sql})", params)[0]["n"]
            exact = True
    except Exception as exc:  # sqlite3 errors from odd FTS input must not escape as tracebacks
        raise QueryError(f"cannot run this query: {exc}") from None
    return SearchResult(query, fact_rows(store, ids), total, exact, offset)


def fact_rows(store: Store, ids: list[int]) -> list[dict]:
    """Facts by id (in the given order) with document slug, section, topics and figures."""
    if not ids:
        return []
    placeholders = ",".join("?" * len(ids))
    rows = store.rows(
        f'SELECT f.id, d.slug AS document, f.document_id, s.label AS section, s.heading AS section_heading, '
        f'NULL AS text, f.start, f."end", f.paragraph_id, f.position FROM facts f '
        f"JOIN documents d ON d.id = f.document_id LEFT JOIN sections s ON s.id = f.section_id "
        f"WHERE f.id IN ({placeholders})",
        ids,
    )
    # Each document's text is read once and the facts cut from it here: through the facts view
    # every fact would read its whole document again (50 facts of a 20 MB report: 1 GB).
    unreadable: set[int] = set()
    for document_id in {r["document_id"] for r in rows}:
        try:
            text = store.rows("SELECT text FROM documents WHERE id = ?", [document_id])[0]["text"]
        except (sqlite3.DatabaseError, IndexError):  # a damaged page: skip its facts, as above
            unreadable.add(document_id)
            continue
        for r in rows:
            if r["document_id"] == document_id:
                r["text"] = text[r["start"] : r["end"]]
    rows = [r for r in rows if r["document_id"] not in unreadable]
    by_id = {r["id"]: r for r in rows}
    for r in rows:
        r["topics"] = []
        r["figures"] = []
    for t in store.rows(
        f"SELECT ft.fact_id, t.name FROM fact_topics ft JOIN topics t ON t.id = ft.topic_id "
        f"WHERE ft.fact_id IN ({placeholders}) ORDER BY t.name",
        ids,
    ):
        if t["fact_id"] in by_id:  # a fact whose document row is unreadable has no row above
            by_id[t["fact_id"]]["topics"].append(t["name"])
    for g in store.rows(
        f'SELECT fact_id, text, start, "end", value, end_value, unit, kind, label FROM figures '
        f"WHERE fact_id IN ({placeholders}) ORDER BY start",
        ids,
    ):
        fact = by_id.get(g.pop("fact_id"))
        if fact is not None:
            fact["figures"].append(g)
    return [by_id[i] for i in ids if i in by_id]


def fact_detail(store: Store, fact_id: int) -> dict | None:
    """Everything the detail and quote panes show for one fact."""
    rows = fact_rows(store, [fact_id])
    if not rows:
        return None
    fact = rows[0]
    fact["entities"] = store.rows(
        'SELECT e.name, e.kind, fe.text, fe.start, fe."end" FROM fact_entities fe '
        "JOIN entities e ON e.id = fe.entity_id WHERE fe.fact_id = ? ORDER BY fe.start",
        [fact_id],
    )
    doc = store.rows(
        "SELECT slug, title, author, editor, published, source, path FROM documents WHERE id = ?",
        [fact["document_id"]],
    )[0]
    fact["doc"] = doc
    paragraph = store.rows(
        'SELECT p.start, p."end", substr(d.text, p.start + 1, p."end" - p.start) AS text '
        "FROM paragraphs p JOIN documents d ON d.id = p.document_id WHERE p.id = ?",
        [fact["paragraph_id"]],
    )
    fact["paragraph"] = paragraph[0] if paragraph else {"start": fact["start"], "end": fact["end"], "text": fact["text"]}
    fact["section_path"] = section_path(store, fact_id)
    return fact


def section_path(store: Store, fact_id: int) -> list[dict]:
    """The chain of sections from the top level down to the fact's own section."""
    chain: list[dict] = []
    row = store.rows("SELECT section_id FROM facts WHERE id = ?", [fact_id])
    section_id = row[0]["section_id"] if row else None
    seen: set[int] = set()
    while section_id is not None and section_id not in seen:
        seen.add(section_id)
        found = store.rows("SELECT id, parent_id, label, heading, level FROM sections WHERE id = ?", [section_id])
        if not found:
            break
        chain.append(found[0])
        section_id = found[0]["parent_id"]
    return list(reversed(chain))


def highlight_spans(text: str, query: Query) -> list[tuple[int, int]]:
    """Character spans of ``text`` that match the query's positive terms (for highlighting)."""
    spans: list[tuple[int, int]] = []
    for term in query.terms:
        if term.negated:
            continue
        sep = r"[\W_]+"
        body = sep.join(re.escape(tok) for tok in term.tokens)
        pattern = r"(?<![^\W_])" + body + (r"" if term.phrase else r"[^\W_]*")
        try:
            spans += [(m.start(), m.end()) for m in re.finditer(pattern, text, re.IGNORECASE)]
        except re.error:
            continue
    spans.sort()
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged
