"""Running a search: a page of matching facts in document (or rank) order, and a capped count."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from relexplorer.catalog import fact_rows
from relexplorer.errors import QueryError
from relexplorer.model import FactHit
from relexplorer.search.sql import _FTS_OUTER, ORDER, build_sql
from relexplorer.search.syntax import COUNT_CAP, Query, parse_query
from relexplorer.store import Store

# What SQLite says when it refuses a statement as written (an FTS5 expression, a pattern or an
# expression tree it cannot take): the query is at fault. Any other error is a bug or a
# database problem, and is raised as such.
_REFUSED = ("fts5", "syntax error", "malformed match", "unable to use function match",
            "too many", "too big", "too complex", "too large", "stack overflow")


@dataclass(slots=True)
class SearchResult:
    """One page of facts matching a query."""

    query: Query
    hits: list[FactHit]
    total: int
    total_exact: bool
    offset: int

    @property
    def total_label(self) -> str:
        """``"42"``, or ``"1,000+"`` when the count was capped."""
        return f"{self.total:,}" if self.total_exact else f"{self.total:,}+"


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
    marked = store.marked_ids() if query.has_filter("is") else None
    try:
        ids, total, exact = _page(store, query, marked, limit, offset, order, count_cap)
    except sqlite3.OperationalError as exc:
        if any(cue in str(exc).lower() for cue in _REFUSED):
            raise QueryError(f"cannot run this query: {exc}") from None
        raise
    return SearchResult(query, fact_rows(store, ids), total, exact, offset)



def _page(store: Store, query: Query, marked: set[int] | None, limit: int, offset: int, order: str,
          count_cap: int | None) -> tuple[list[int], int, bool]:
    """The ids of one page of matches, the total and whether the total is exact."""
    sql, params, uses_fts = build_sql(query, store, marked_ids=marked, count_cap=count_cap or 0)
    capped = count_cap is not None and count_cap > 0
    first: list[int] | None = None
    if order == "rank" and uses_fts:
        inner = sql.removeprefix(_FTS_OUTER[0]).removesuffix(_FTS_OUTER[1])
        ranked = inner + " ORDER BY facts_fts.rank LIMIT ? OFFSET ?"
        ids = [r["id"] for r in store.rows(ranked, [*params, limit, offset])]
    elif capped and offset + limit <= count_cap + 1:
        # One pass gives the page and the capped count.
        first = [r["id"] for r in store.rows(sql + ORDER + " LIMIT ?", [*params, count_cap + 1])]
        ids = first[offset : offset + limit]
    else:
        ids = [r["id"] for r in store.rows(sql + ORDER + " LIMIT ? OFFSET ?", [*params, limit, offset])]
    if not capped:
        return ids, store.rows(f"SELECT count(*) AS n FROM ({sql})", params)[0]["n"], True
    total = len(first) if first is not None else \
        store.rows(f"SELECT count(*) AS n FROM ({sql} LIMIT ?)", [*params, count_cap + 1])[0]["n"]
    return ids, min(total, count_cap), total <= count_cap


def matching_ids(store: Store, query: Query, limit: int) -> list[int]:
    """The ids of the first ``limit`` facts matching ``query``, in document order."""
    marked = store.marked_ids() if query.has_filter("is") else None
    sql, params, _ = build_sql(query, store, marked_ids=marked, plan=False)
    return [r["id"] for r in store.rows(sql + ORDER + " LIMIT ?", [*params, limit])]


def position_of(store: Store, query: Query, fact_id: int) -> int | None:
    """How many matches of ``query`` come before fact ``fact_id``; None when it does not match."""
    marked = store.marked_ids() if query.has_filter("is") else None
    sql, params, _ = build_sql(query, store, marked_ids=marked, plan=False)
    if not query.empty and not store.rows(f"SELECT 1 AS ok FROM ({sql}) WHERE id = ?", [*params, fact_id]):
        return None
    return store.rows(f"SELECT count(*) AS n FROM ({sql}) WHERE id < ?", [*params, fact_id])[0]["n"]
