"""SQL: a parsed query compiled to one statement selecting the ids of matching facts.

When the query has words, FTS5 drives and streams its rows in id order, so that a page and a
capped count stop early; filters that keep many facts are tested per candidate, filters that
keep few are listed once.
"""

from __future__ import annotations

import sqlite3

from relexplorer.search.filters import _Filter, _filters
from relexplorer.search.syntax import Query, Term
from relexplorer.store import Store


def fts_expression(terms: list[Term]) -> str:
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
    except sqlite3.DatabaseError:  # an estimate is only a hint: it must never fail a search
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

