"""Figures of the facts that match a query: the figures table and ``relexplorer figures``."""

from __future__ import annotations

from relexplorer.catalog import figures_where
from relexplorer.model import StoredFigure
from relexplorer.search.sql import build_sql
from relexplorer.search.syntax import Query
from relexplorer.store import Store

# By value only within one unit: USD, CNY and head counts never rank in one list.
SORTS = {"position": "g.document_id, g.start", "value": "g.unit COLLATE NOCASE, g.value DESC, g.document_id, g.start"}


def matching_figures(store: Store, query: Query, *, marked_ids: set[int] | None = None,
                     kind: str | None = None, unit: str | None = None, label: str | None = None,
                     sort: str = "position", limit: int | None = None) -> list[StoredFigure]:
    """Figures of the facts matching ``query`` (every figure when it is empty), optionally of
    one kind or unit or with ``label`` in what they measure, in document order or by unit and
    then value (largest first)."""
    clauses, params = ["1"], []
    if not query.empty:
        where, where_params, _ = build_sql(query, store, marked_ids=marked_ids, plan=False)
        clauses.append(f"g.fact_id IN ({where})")
        params += where_params
    if kind:
        clauses.append("g.kind = ?")
        params.append(kind)
    if unit:
        clauses.append("g.unit = ? COLLATE NOCASE")
        params.append(unit)
    if label and label.strip():
        clauses.append("g.label LIKE ? ESCAPE '\\'")
        params.append("%" + label.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%")
    return figures_where(store, " AND ".join(clauses), params, order=SORTS[sort], limit=limit)
