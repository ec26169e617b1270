"""Series of the facts that match a query: ``relexplorer series`` and the comparison view.

The query selects facts (the same syntax as ``search``); every series that a figure of one of the
first :data:`FACTS_SCANNED` matching facts belongs to is listed whole, across all documents, so
that a search for "trade russia" shows each source's figure for each year, not only the facts
that contain both words.
"""

from __future__ import annotations

import sqlite3

from relexplorer.catalog import SERIES_POINTS_MAX, series_by_keys, series_keys_of_facts
from relexplorer.errors import QueryError
from relexplorer.model import Series
from relexplorer.search.run import _REFUSED
from relexplorer.search.sql import ORDER, build_sql
from relexplorer.search.syntax import Query, parse_query
from relexplorer.store import Store

# How many matching facts (in document order) are read for their series keys: a common word in a
# million facts must not scan them all.
FACTS_SCANNED = 5000
SERIES_MAX = 20


def matching_series(store: Store, text: str | Query, *, limit: int = SERIES_MAX,
                    points: int = SERIES_POINTS_MAX) -> list[Series]:
    """The series (most figures among the matches first) of the facts matching ``text``."""
    query = text if isinstance(text, Query) else parse_query(text)
    marked = store.marked_ids() if query.has_filter("is") else None
    try:
        if query.empty:
            where, params = "SELECT id FROM fact_spans", []
        else:
            sql, params, _ = build_sql(query, store, marked_ids=marked, plan=False)
            where = f"SELECT id FROM ({sql}{ORDER} LIMIT {FACTS_SCANNED})"
        keys = series_keys_of_facts(store, where, params, limit)
    except sqlite3.OperationalError as exc:
        if any(cue in str(exc).lower() for cue in _REFUSED):
            raise QueryError(f"cannot run this query: {exc}") from None
        raise
    return series_by_keys(store, keys, limit=points)
